// The scan context: indexes over the scanned set built once, so cross-resource controls (diagnostic
// settings, private endpoints, role assignments, child resources) cost O(1) per resource instead of a
// scan of the whole set. Ids are matched the way ARM matches them: case-insensitively, and tolerant of
// a trailing slash.

import { isUnknown, type NormalizedResource, type ResolvedConfig, type ScanContext } from '../model';
import { idKey, read, typeKey } from '../controls/access';

const EMPTY: readonly NormalizedResource[] = Object.freeze([]);

/** Marker the ARM engine and Terraform mapping leave in ids and names built from values only known after deployment. */
const UNKNOWN_TEXT = /\[unknown[^\]]*\]/i;

export function containsUnknownText(id: string): boolean {
  return UNKNOWN_TEXT.test(id);
}

/** Matches ids (in idKey form) that an id with unknown parts could be. */
export interface IdPattern {
  test(candidateKey: string): boolean;
}

const WILDCARD = '\u0000';

/** Glob match where WILDCARD matches any run of characters; iterative with one backtrack point, O(n·m) at worst. */
function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] !== WILDCARD && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === WILDCARD) {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === WILDCARD) p++;
  return p === pattern.length;
}

/**
 * A matcher for an id that contains unknown parts, so that a diagnostic setting or private endpoint
 * whose target is only partly known is reported as "may apply" (unknown) to exactly the resources it
 * could point at, rather than guessed. An unknown run inside the id stands for part of one segment;
 * one at the very start stands for a whole id prefix (`[unknown: reference(x).id]/blobServices/default`).
 * Matching is segment by segment without regular expressions, so hostile ids cannot make it slow.
 */
export function unknownIdPattern(id: string): IdPattern {
  const key = idKey(id.replace(/\[unknown[^\]]*\]/gi, WILDCARD));
  const leading = key.startsWith(WILDCARD);
  const body = leading ? key.slice(1) : key;
  if (leading && body.split('').every((c) => c === WILDCARD)) return { test: () => true };
  const segments = body.split('/');
  return {
    test(candidateKey) {
      const parts = candidateKey.split('/');
      if (!leading) return parts.length === segments.length && segments.every((seg, i) => globMatch(seg, parts[i]!));
      // The unknown prefix covers whole leading segments and the start of the first remaining one.
      if (parts.length < segments.length) return false;
      const offset = parts.length - segments.length;
      return segments.every((seg, i) => globMatch(i === 0 ? WILDCARD + seg : seg, i === 0 ? parts.slice(0, offset + 1).join('/') : parts[offset + i]!));
    },
  };
}

/** `Microsoft.Storage/storageAccounts/providers/diagnosticSettings` → parent and extension type. */
function legacyExtension(type: string): { parentType: string; extensionLeaf: string } | undefined {
  // A scan has a handful of types and asks for each of its thousands of resources: remembered by type.
  let known = legacyByType.get(type);
  if (known === undefined) {
    const m = /^(.+)\/providers\/([^/]+)$/i.exec(type);
    known = m ? { parentType: m[1]!, extensionLeaf: m[2]! } : null;
    if (legacyByType.size >= LEGACY_TYPES_KEPT) legacyByType.clear();
    legacyByType.set(type, known);
  }
  return known ?? undefined;
}

const LEGACY_TYPES_KEPT = 4_096;
const legacyByType = new Map<string, { readonly parentType: string; readonly extensionLeaf: string } | null>();

/**
 * What an extension resource extends, and its extension type: from `scope` when the source set it,
 * otherwise from the legacy nested form (`<parent type>/providers/<type>` named
 * `<parent name>/<Namespace>/<name>`), otherwise from an id of the form `<resource id>/providers/...`.
 * Relative scopes (`Microsoft.X/type/name`, as ARM's `scope` property allows) are resolved against the
 * deployment's resource group.
 */
export function extensionTarget(r: NormalizedResource, config?: ResolvedConfig): { scope: string; type: string } | undefined {
  return extensionTargetOf(r, config, undefined);
}

/** extensionTarget, given the id already lower-cased when the caller has it. */
function extensionTargetOf(r: NormalizedResource, config: ResolvedConfig | undefined, lowerId: string | undefined): { scope: string; type: string } | undefined {
  const legacy = legacyExtension(r.type);
  let extType = r.type;
  if (legacy) {
    const parentSegments = legacy.parentType.split('/').length - 1;
    const nameParts = r.name.split('/');
    const namespace = nameParts[parentSegments];
    extType = namespace ? `${namespace}/${legacy.extensionLeaf}` : legacy.extensionLeaf;
  }
  let scope: string | undefined = typeof r.scope === 'string' && r.scope.trim() !== '' ? r.scope : undefined;
  if (scope === undefined && typeof r.id === 'string') scope = providerScopeOf(r.id, lowerId ?? r.id.toLowerCase());
  if (scope === undefined && legacy) {
    const parentSegments = legacy.parentType.split('/').length - 1;
    const parentName = r.name.split('/').slice(0, parentSegments).join('/');
    scope = relativeId(legacy.parentType, parentName);
  }
  if (scope === undefined) return undefined;
  if (!scope.startsWith('/') && config) scope = absolutize(scope, config);
  return { scope, type: extType };
}

const PROVIDERS = '/providers/';

/**
 * `<resource id>` of an id `<resource id>/providers/...` whose prefix itself contains a `/providers/`
 * segment (an extension resource of a resource, not of a resource group or subscription), else undefined.
 */
function providerScopeOf(id: string, lower: string): string | undefined {
  const at = lower.lastIndexOf(PROVIDERS);
  if (at <= 0) return undefined;
  const prefix = id.slice(0, at);
  // With lower-casing that kept every character in place (always, short of rare non-ASCII letters), the
  // prefix in lower case is part of `lower`, and searching it there saves lower-casing a second string.
  const inPrefix = lower.length === id.length ? at >= PROVIDERS.length && lower.lastIndexOf(PROVIDERS, at - PROVIDERS.length) >= 0 : prefix.toLowerCase().includes(PROVIDERS);
  return inPrefix ? prefix : undefined;
}

/** `Microsoft.Sql/servers/databases` + `srv/db` → `Microsoft.Sql/servers/srv/databases/db`. */
function relativeId(type: string, name: string): string {
  const [namespace, ...types] = type.split('/');
  const names = name.split('/');
  const path = types.map((t, i) => `${t}/${names[i] ?? ''}`).join('/');
  return `${namespace}/${path}`;
}

function absolutize(relative: string, config: ResolvedConfig): string {
  const d = config.deployment;
  return `/subscriptions/${d.subscriptionId}/resourceGroups/${d.resourceGroup}/providers/${relative}`;
}

/** Every privateLinkServiceId a private endpoint connects to (automatic and manual connections). */
export function privateLinkTargets(pe: NormalizedResource): unknown[] {
  const targets: unknown[] = [];
  for (const list of ['properties.privateLinkServiceConnections', 'properties.manualPrivateLinkServiceConnections']) {
    const connections = read(pe, list);
    if (isUnknown(connections)) {
      targets.push(connections);
      continue;
    }
    if (!Array.isArray(connections)) continue;
    for (const c of connections) {
      const id = isUnknown(c) ? c : read(c, 'properties.privateLinkServiceId') ?? read(c, 'privateLinkServiceId');
      if (id !== undefined) targets.push(id);
    }
  }
  return targets;
}

function push<K>(map: Map<K, NormalizedResource[]>, key: K, r: NormalizedResource): void {
  const list = map.get(key);
  if (list) list.push(r);
  else map.set(key, [r]);
}

/**
 * idKey with the work done once per distinct string: controls ask about the same targets again and
 * again (every control of a storage account asks for its diagnostic settings), and ids as the expander
 * builds them need only lower-casing, not idKey's regular expressions.
 */
class KeyCache {
  private readonly ids = new Map<string, string>();
  private readonly types = new Map<string, string>();

  id(id: string): string {
    let key = this.ids.get(id);
    if (key === undefined) {
      key = isPlainId(id) ? id.toLowerCase() : idKey(id);
      this.ids.set(id, key);
    }
    return key;
  }

  type(type: string): string {
    let key = this.types.get(type);
    if (key === undefined) {
      key = typeKey(type);
      this.types.set(type, key);
    }
    return key;
  }
}

/**
 * True when idKey(id) is just id.toLowerCase(): nothing to trim at either end (printable ASCII there),
 * no trailing slash, no doubled slash.
 */
function isPlainId(id: string): boolean {
  if (typeof id !== 'string' || id.length === 0) return false;
  const first = id.charCodeAt(0);
  const last = id.charCodeAt(id.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 && last !== 47 && id.indexOf('//') < 0;
}

export function createScanContext(resources: readonly NormalizedResource[], config: ResolvedConfig): ScanContext {
  return new IndexedScanContext(resources, config);
}

const PRIVATE_ENDPOINTS = 'microsoft.network/privateendpoints';

/** How far past the last resource asked about the context looks for the next one before its position map. */
const CURSOR_REACH = 16;

/** An extension resource whose scope is only partly known, as the indexing found it. */
interface PartlyKnownExtension {
  resource: NormalizedResource;
  scope: string;
  typeKey: string;
}

/**
 * The context createScanContext builds. Beyond ScanContext, controls that know they have one ask it for
 * what the indexing worked out anyway (which resources are extensions, the extensions of a child by id
 * key, partly known scopes), instead of rebuilding it per resource; the answers are the ones the
 * ScanContext methods would give.
 */
export class IndexedScanContext implements ScanContext {
  readonly resources: readonly NormalizedResource[];
  readonly config: ResolvedConfig;
  // byId, extensionsOf and privateEndpointsFor answer from `resources` only.
  readonly resolvesWithinSet = true;
  private readonly keys = new KeyCache();
  private readonly types = new Map<string, NormalizedResource[]>();
  private readonly ids = new Map<string, NormalizedResource>();
  // extension scope id key → the extensions of that scope, by type
  private readonly extensions = new Map<string, ExtensionsByType>();
  // Id keys of resources with a child resource that is the scope of an extension (a storage account whose
  // blob service has diagnostic settings), made when first asked: checks that look at the children of
  // most resources find out with one lookup that there is nothing to find.
  private parentsOfScopes: Set<string> | undefined;
  // Each scanned resource's id key (as keys.id would give it; '' without an id) and whether it extends
  // another resource, by position in `resources`. Controls ask about the resource they check, and the
  // engine checks the resources in order: a cursor finds the position with an identity comparison or two.
  private readonly keyAt: string[];
  // 1 for an extension: bytes, which the garbage collector need not trace.
  private readonly extensionAt: Uint8Array;
  private cursor = 0;
  // Position by resource, for the rare question about a resource out of order; made on the first.
  private positions: Map<NormalizedResource, number> | undefined;
  private readonly endpoints = new Map<string, NormalizedResource[]>();
  private readonly partlyKnown: PartlyKnownExtension[] = [];
  // Id keys more than one resource has (the index answers with the first of them).
  private duplicateKeys: Set<string> | undefined;
  // Controls ask about the resource they check, one after another: the last answers are kept.
  private lastExtended: NormalizedResource | undefined;
  private lastExtensions: ExtensionsByType | undefined;
  private lastEndpointTarget: NormalizedResource | undefined;
  private lastEndpoints: readonly NormalizedResource[] = EMPTY;

  constructor(resources: readonly NormalizedResource[], config: ResolvedConfig) {
    this.resources = resources;
    this.config = config;
    const keyAt = (this.keyAt = new Array<string>(resources.length));
    const extensionAt = (this.extensionAt = new Uint8Array(resources.length));
    const { keys, types, ids, extensions } = this;
    let at = -1;
    const recent = new RecentKeys();
    // Resources come in runs of one type (copy loops, templates of one kind): the list is looked up again
    // only when the type changes.
    let lastType: string | undefined;
    let ofLastType: NormalizedResource[] = [];
    let endpointType = false;
    for (const r of resources) {
      at++;
      if (r.type !== lastType || lastType === undefined) {
        lastType = r.type;
        const typeKey = keys.type(r.type);
        let list = types.get(typeKey);
        if (list === undefined) types.set(typeKey, (list = []));
        ofLastType = list;
        endpointType = typeKey === PRIVATE_ENDPOINTS;
      }
      ofLastType.push(r);
      if (endpointType) this.indexEndpoint(r, recent);
      let lowerId: string | undefined;
      let key = '';
      if (typeof r.id === 'string' && r.id !== '') {
        if (isPlainId(r.id)) key = lowerId = r.id.toLowerCase();
        else key = idKey(r.id);
      }
      keyAt[at] = key;
      const target = extensionTargetOf(r, config, lowerId);
      if (target === undefined) {
        if (key !== '') recent.remember(r.id, key);
        continue;
      }
      extensionAt[at] = 1;
      // An extension mostly follows the resource it extends, and its scope is that resource's id: then the
      // key worked out for the resource is taken (its hash known already) instead of lower-casing a copy.
      const scopeKey = recent.keyOf(target.scope) ?? (isPlainId(target.scope) ? target.scope.toLowerCase() : idKey(target.scope));
      const extensionType = keys.type(target.type);
      let perType = extensions.get(scopeKey);
      if (perType === undefined) extensions.set(scopeKey, (perType = []));
      let list: NormalizedResource[] | undefined;
      for (const entry of perType) if (entry.type === extensionType) list = entry.resources;
      if (list === undefined) perType.push({ type: extensionType, resources: [r] });
      else list.push(r);
      if (target.scope.includes('[') && containsUnknownText(target.scope)) this.partlyKnown.push({ resource: r, scope: target.scope, typeKey: extensionType });
    }
    // First declaration wins so the answer does not depend on later duplicates (the scan reports those):
    // set from the last resource to the first, each key is looked up once (a set that does not grow the
    // map replaced a later resource, which is then a duplicate) instead of a lookup and then a set.
    for (let i = keyAt.length - 1; i >= 0; i--) {
      const key = keyAt[i]!;
      if (key === '') continue;
      const size = ids.size;
      ids.set(key, resources[i]!);
      if (ids.size === size) (this.duplicateKeys ??= new Set()).add(key);
    }
  }

  /** Indexes a private endpoint under each resource it connects to, once per resource. */
  private indexEndpoint(pe: NormalizedResource, recent: RecentKeys): void {
    let seen: string[] | undefined;
    for (const t of privateLinkTargets(pe)) {
      if (typeof t !== 'string') continue;
      const id = t.startsWith('/') ? t : absolutize(t, this.config);
      // Mostly the id of a resource declared just before the endpoint: its key is taken.
      const key = recent.keyOf(id) ?? idKey(id);
      if (seen === undefined) seen = [key];
      else if (seen.includes(key)) continue;
      else seen.push(key);
      push(this.endpoints, key, pe);
    }
  }

  /** The position of a resource in `resources`, or -1 for one outside the scanned set. */
  private positionOf(resource: NormalizedResource): number {
    const { resources } = this;
    const at = this.cursor;
    if (resources[at] === resource) return at;
    // The resources checked since the last question were not asked about (diagnostic settings, role
    // assignments): the next few positions are looked at before the map.
    const end = Math.min(resources.length, at + 1 + CURSOR_REACH);
    for (let i = at + 1; i < end; i++) if (resources[i] === resource) return (this.cursor = i);
    if (this.positions === undefined) {
      this.positions = new Map();
      // The first position of a resource listed twice: the same object has the same answers anywhere.
      for (let i = resources.length - 1; i >= 0; i--) this.positions.set(resources[i]!, i);
    }
    const found = this.positions.get(resource);
    if (found === undefined) return -1;
    this.cursor = found;
    return found;
  }

  ofType(type: string): readonly NormalizedResource[] {
    return this.types.get(this.keys.type(type)) ?? EMPTY;
  }

  byId(id: string): NormalizedResource | undefined {
    if (typeof id !== 'string') return undefined;
    return this.handedOut(id) ?? this.ids.get(this.keys.id(id));
  }

  /**
   * The engine asks for the resource an outcome relates to, mostly one this context has just handed to
   * the check (a diagnostic setting or private endpoint of the resource checked): found among those by its
   * id as it stands, without lower-casing and hashing the id. Only a resource the id index holds (the
   * first with its key) is the answer.
   */
  private handedOut(id: string): NormalizedResource | undefined {
    if (id === '') return undefined;
    const extensions = this.lastExtensions;
    if (extensions !== undefined) {
      for (const entry of extensions) for (const x of entry.resources) if (x.id === id) return this.indexed(x);
    }
    for (const x of this.lastEndpoints) if (x.id === id) return this.indexed(x);
    return undefined;
  }

  /** The resource if the id index holds it under its key, else undefined (a later duplicate: ask the index). */
  private indexed(resource: NormalizedResource): NormalizedResource | undefined {
    if (this.duplicateKeys === undefined) return resource;
    // By its id (the one asked for), not its position: the cursor stays with the resource being checked.
    const key = this.keys.id(resource.id);
    return !this.duplicateKeys.has(key) || this.ids.get(key) === resource ? resource : undefined;
  }

  extensionsOf(target: NormalizedResource, type: string): readonly NormalizedResource[] {
    if (target !== this.lastExtended) {
      this.lastExtensions = this.extensions.get(this.idKeyOf(target));
      this.lastExtended = target;
    }
    return this.lastExtensions === undefined ? EMPTY : ofExtensionType(this.lastExtensions, this.keys.type(type));
  }

  privateEndpointsFor(target: NormalizedResource): readonly NormalizedResource[] {
    if (target !== this.lastEndpointTarget) {
      this.lastEndpoints = this.endpoints.get(this.idKeyOf(target)) ?? EMPTY;
      this.lastEndpointTarget = target;
    }
    return this.lastEndpoints;
  }

  /** idKey(resource.id), worked out once per scanned resource. */
  private idKeyOf(resource: NormalizedResource): string {
    const at = this.positionOf(resource);
    // A resource without an id (or with an empty one) is asked about by its id as it stands.
    const key = at >= 0 ? this.keyAt[at]! : '';
    return key !== '' ? key : this.keys.id(resource.id);
  }

  /**
   * Whether a resource of the set extends another one (extensionTarget finds a target for it); undefined
   * for a resource outside the set.
   */
  isExtension(resource: NormalizedResource): boolean | undefined {
    const at = this.positionOf(resource);
    return at >= 0 ? this.extensionAt[at] === 1 : undefined;
  }

  /** extensionsOf for a resource with id key `key` (which need not be in the scanned set). */
  private extensionsAt(key: string, type: string): readonly NormalizedResource[] {
    const perType = this.extensions.get(key);
    return perType === undefined ? EMPTY : ofExtensionType(perType, this.keys.type(type));
  }

  /**
   * extensionsOf a stand-in for `resource` with the id `${resource.id}/${child}`, `child` being two
   * segments (`blobServices/default`), without making one; undefined when the ids are not plain enough
   * to work the key out by lower-casing (then ask extensionsOf with a stand-in).
   */
  extensionsOfChild(resource: NormalizedResource, child: string, type: string): readonly NormalizedResource[] | undefined {
    if (!isPlainId(resource.id)) return undefined;
    const key = this.idKeyOf(resource);
    // Most resources have no extended child: one lookup of a key whose hash is known says so.
    if (this.parentsOfScopes === undefined) {
      this.parentsOfScopes = new Set();
      for (const scopeKey of this.extensions.keys()) {
        const parent = parentKeyOf(scopeKey);
        if (parent !== undefined) this.parentsOfScopes.add(parent);
      }
    }
    if (!this.parentsOfScopes.has(key)) return EMPTY;
    return this.extensionsAt(`${key}/${child.toLowerCase()}`, type);
  }

  /**
   * Extension resources of `type` whose scope is only partly known, with that scope, in the order of the
   * scanned set: what a walk of every resource through extensionTarget would find.
   */
  partlyKnownExtensions(type: string): readonly { resource: NormalizedResource; scope: string }[] {
    const key = this.keys.type(type);
    return this.partlyKnown.filter((p) => p.typeKey === key);
  }
}

/** The extensions of one scope, by type key: mostly one type, so a list rather than a map per scope. */
type ExtensionsByType = { type: string; resources: NormalizedResource[] }[];

function ofExtensionType(perType: ExtensionsByType, typeKey: string): readonly NormalizedResource[] {
  // Type keys come from one cache: the same text is the same string.
  for (const entry of perType) if (entry.type === typeKey) return entry.resources;
  return EMPTY;
}

/**
 * The ids and keys of the last few resources indexed. Extensions are mostly declared right after the
 * resource they extend (a loop of vaults, then a loop of their diagnostic settings): a scope equal to one of
 * these ids has that resource's key, already lower-cased and hashed.
 */
class RecentKeys {
  private readonly ids: string[] = [];
  private readonly keys: string[] = [];
  private next = 0;

  remember(id: string, key: string): void {
    this.ids[this.next] = id;
    this.keys[this.next] = key;
    this.next = (this.next + 1) % RECENT_KEYS;
  }

  keyOf(id: string): string | undefined {
    for (let i = 0; i < this.ids.length; i++) if (this.ids[i] === id) return this.keys[i];
    return undefined;
  }
}

const RECENT_KEYS = 16;

/** The id key without its last two segments (`…/storageaccounts/sa/blobservices/default` → `…/storageaccounts/sa`). */
function parentKeyOf(key: string): string | undefined {
  const last = key.lastIndexOf('/');
  if (last <= 0) return undefined;
  const before = key.lastIndexOf('/', last - 1);
  return before <= 0 ? undefined : key.slice(0, before);
}
