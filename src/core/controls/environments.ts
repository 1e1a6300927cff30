// Segregation of development, test and production (ISO 27001 A.8.31): every resource says which
// environment it belongs to, and a production resource must not depend on a non-production one
// (its logs, its network path or its keys would then be controlled by a less governed environment).

import type { CheckOutcome, NormalizedResource, ResolvedConfig, ScanContext } from '../model';
import { isUnknown } from '../model';
import { isNonEmptyString, leafName, pathSet, read, readPaths, resourceIdKey, show } from './access';
import { failed, passed, unknownOutcome, withRelated, type Check } from './checks';
import { control } from './define';
import { DIAGNOSTIC_SETTINGS } from './diagnostics';
import { FW } from './frameworks';
import { parentIdOf } from './relations';
import { ENVIRONMENT_TAG, environmentOf, isTaggable, tagValue, TAGGABLE_TYPES } from './tags';

function allowedValues(config: ResolvedConfig): string[] {
  return [...config.environments.production, ...config.environments.nonProduction];
}

// The allowed values and the expectation text depend only on the environments configured: made once, not
// for every resource. The values are compared, not the arrays, so a configuration changed in place is seen.
let lastProductionCount = -1;
let lastAllowed: string[] = [];
let lastExpected = '';

function sameEnvironments(production: readonly string[], nonProduction: readonly string[]): boolean {
  if (production.length !== lastProductionCount || production.length + nonProduction.length !== lastAllowed.length) return false;
  for (let i = 0; i < production.length; i++) if (production[i] !== lastAllowed[i]) return false;
  for (let i = 0; i < nonProduction.length; i++) if (nonProduction[i] !== lastAllowed[production.length + i]) return false;
  return true;
}

const ENVIRONMENT_PATH = `tags.${ENVIRONMENT_TAG}`;

const environmentTagged: Check = (r, ctx) => {
  if (!isTaggable(r, ctx)) return [];
  const envs = ctx.config.environments;
  if (!sameEnvironments(envs.production, envs.nonProduction)) {
    lastAllowed = allowedValues(ctx.config);
    lastExpected = lastAllowed.length > 0 ? `tag ${ENVIRONMENT_TAG} with one of ${lastAllowed.join(', ')}` : `a non-empty ${ENVIRONMENT_TAG} tag`;
    lastProductionCount = envs.production.length;
  }
  const allowed = lastAllowed;
  const expected = lastExpected;
  const path = ENVIRONMENT_PATH;
  const v = tagValue(r, ENVIRONMENT_TAG);
  if (isUnknown(v)) return [unknownOutcome(r, path, v, expected)];
  if (!isNonEmptyString(v)) return [failed(r, path, v, expected, `has no ${ENVIRONMENT_TAG} tag, so it cannot be kept apart from other environments.`)];
  const env = environmentOf(r, ctx.config);
  if (allowed.length > 0 && env === 'unlisted') return [failed(r, path, v, expected, `${ENVIRONMENT_TAG} tag '${v}' is not one of the configured environments (${allowed.join(', ')}).`)];
  return [passed(r, path, v, expected)];
};

/** The resource in the set that an id refers to: the id itself, or the nearest enclosing resource (a subnet → its virtual network). */
function resolve(ctx: ScanContext, id: string): NormalizedResource | undefined {
  let cur: string | undefined = id;
  for (let i = 0; cur !== undefined && i < 8; i++) {
    const hit = ctx.byId(cur);
    if (hit) return hit;
    cur = parentIdOf(cur);
  }
  return undefined;
}

const VAULT_URI = /^https:\/\/([a-z0-9-]{3,24})\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net)(?:[:/]|$)/i;

const SUBSCRIPTIONS_PREFIX = '/subscriptions/';
const hasOwnProperty = Object.prototype.hasOwnProperty;

/** What `/^\/subscriptions\//i` accepts, without a regex: this runs on every string of every production resource. */
function startsWithSubscriptions(value: string): boolean {
  if (value.length < SUBSCRIPTIONS_PREFIX.length || value.charCodeAt(0) !== 47) return false;
  // Compared letter by letter (ASCII case folded) rather than slicing and lower-casing a copy: no
  // non-ASCII character lower-cases to a single one of the prefix's letters, so the answer is the same.
  for (let i = 1; i < SUBSCRIPTIONS_PREFIX.length; i++) {
    let c = value.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== SUBSCRIPTIONS_PREFIX.charCodeAt(i)) return false;
  }
  return true;
}

/** Only strings starting with `https://` (any case) can match VAULT_URI; testing the first letter first skips the regex for nearly every value. */
function mayBeVaultUri(value: string): boolean {
  const c = value.charCodeAt(0);
  return (c === 104 || c === 72) && VAULT_URI.test(value);
}

/**
 * What judging one production resource's references has found so far. References are judged as they
 * are found, in order (its own, then those only this check adds): most refer to nothing in the scanned
 * set, and those need no dot path, no record and no allocation.
 */
interface Judging {
  r: NormalizedResource;
  ctx: ScanContext;
  targets: Targets;
  expected: string;
  /** The resource's own references found so far (bounded, like the walk that finds them). */
  found: number;
  rKey: string | undefined;
  /** (path, target id key) pairs already judged, flat: a resource has a handful. */
  seen: string[] | undefined;
  out: CheckOutcome[];
  pending: CheckOutcome | undefined;
}

/**
 * Judges every string in `properties` that is a resource id or a Key Vault URI, with its dot path;
 * bounded so hostile input cannot blow up. The path is kept as a stack of keys and joined only for a
 * reference to a resource of the set.
 */
function scanReferences(value: unknown, keys: (string | number)[], j: Judging, depth = 0): void {
  if (j.found > 500 || depth > 24) return;
  if (typeof value === 'string') {
    if (isReference(value)) {
      j.found++;
      judgeReference(j, keys, undefined, value, false);
    }
    return;
  }
  if (value === null || typeof value !== 'object' || isUnknown(value)) return;
  // Members are judged here rather than by a call each: most are strings that are no reference, or
  // numbers and booleans, which need no key pushed. The bounds are those a call would apply.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) scanMember(value[i], i, keys, j, depth + 1);
  } else {
    // for-in over own keys visits them in Object.keys order without allocating a key array per object.
    for (const k in value) {
      if (!hasOwnProperty.call(value, k)) continue;
      scanMember((value as Record<string, unknown>)[k], k, keys, j, depth + 1);
    }
  }
}

function isReference(value: string): boolean {
  return startsWithSubscriptions(value) || mayBeVaultUri(value);
}

/** scanReferences of one member at `key`, the key pushed only when it is needed. */
function scanMember(item: unknown, key: string | number, keys: (string | number)[], j: Judging, depth: number): void {
  if (typeof item === 'string') {
    if (j.found > 500 || depth > 24 || !isReference(item)) return;
    j.found++;
    keys.push(key);
    judgeReference(j, keys, undefined, item, false);
    keys.pop();
    return;
  }
  if (item === null || typeof item !== 'object') return;
  keys.push(key);
  scanReferences(item, keys, j, depth);
  keys.pop();
}

/**
 * One reference at the dot path `keys` (joined when needed) or `path`: an Unknown that must be judged
 * makes the outcome pending review; a reference to a resource of the set tagged for a non-production
 * environment fails, once per path and target.
 */
function judgeReference(j: Judging, keys: (string | number)[] | undefined, path: string | undefined, value: unknown, critical: boolean): void {
  if (isUnknown(value)) {
    if (critical && j.pending === undefined) {
      const at = path ?? keys!.join('.');
      j.pending = unknownOutcome(j.r, at, value, j.expected, `${at} is only known after deployment (${value.reason}); review that it is not a non-production resource.`);
    }
    return;
  }
  if (typeof value !== 'string') return;
  const resolved = target(j.targets, j.ctx, value);
  if (!resolved) return;
  const t = resolved.resource;
  const tKey = resolved.key;
  if (tKey === (j.rKey ??= resourceIdKey(j.r))) return;
  const at = path ?? keys!.join('.');
  j.seen ??= [];
  if (judged(j.seen, at, tKey)) return;
  j.seen.push(at, tKey);
  const tEnv = environmentOf(t, j.ctx.config);
  if (tEnv === 'nonProduction') {
    j.out.push(withRelated(failed(j.r, at, value, j.expected, `is tagged for production but ${at} refers to ${t.type.split('/').pop()} '${t.name}', tagged for the non-production environment ${show(tagValue(t, ENVIRONMENT_TAG))}.`), t.id));
  }
}

interface Targets {
  /**
   * Whether a resource of the set is tagged for a non-production environment, for the environments
   * configured when it was worked out (compared by value, so a configuration changed in place is seen).
   */
  nonProductionInSet: boolean | undefined;
  production: readonly string[];
  nonProduction: readonly string[];
  /** Vaults by lower-case name, the first declared winning (as a scan of ofType in order would find). */
  vaults: Map<string, NormalizedResource> | undefined;
  /** Reference text → the resource it resolves to and its id key (null: none in the set). Many resources share a workspace, subnet or vault. */
  resolved: Map<string, Resolved | null>;
}

interface Resolved {
  resource: NormalizedResource;
  key: string;
}

const TARGETS = new WeakMap<ScanContext, Targets>();

function targetsOf(ctx: ScanContext): Targets {
  let t = TARGETS.get(ctx);
  if (t === undefined) TARGETS.set(ctx, (t = { nonProductionInSet: undefined, production: [], nonProduction: [], vaults: undefined, resolved: new Map() }));
  return t;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Whether a reference can resolve to a resource tagged for a non-production environment. When the context
 * resolves references to resources of the set alone and none of those is tagged for non-production, no
 * reference can fail the check (a scan of one production deployment), and walking every string of every
 * production resource would find nothing to report.
 */
function mayReferToNonProduction(ctx: ScanContext, t: Targets): boolean {
  if (ctx.resolvesWithinSet !== true) return true;
  const envs = ctx.config.environments;
  if (t.nonProductionInSet === undefined || !sameList(t.production, envs.production) || !sameList(t.nonProduction, envs.nonProduction)) {
    t.production = envs.production.slice();
    t.nonProduction = envs.nonProduction.slice();
    t.nonProductionInSet = false;
    for (const x of ctx.resources) {
      if (environmentOf(x, ctx.config) === 'nonProduction') {
        t.nonProductionInSet = true;
        break;
      }
    }
  }
  return t.nonProductionInSet;
}

function vaultNamed(ctx: ScanContext, t: Targets, name: string): NormalizedResource | undefined {
  if (t.vaults === undefined) {
    t.vaults = new Map();
    for (const v of ctx.ofType('Microsoft.KeyVault/vaults')) {
      const key = leafName(v.name).toLowerCase();
      if (!t.vaults.has(key)) t.vaults.set(key, v);
    }
  }
  return t.vaults.get(name);
}

function target(t: Targets, ctx: ScanContext, value: string): Resolved | undefined {
  const hit = t.resolved.get(value);
  if (hit !== undefined) return hit ?? undefined;
  let found: NormalizedResource | undefined;
  const vault = mayBeVaultUri(value) ? VAULT_URI.exec(value) : null;
  if (vault) found = vaultNamed(ctx, t, vault[1]!.toLowerCase());
  else found = resolve(ctx, value);
  const resolved = found === undefined ? undefined : { resource: found, key: resourceIdKey(found) };
  t.resolved.set(value, resolved ?? null);
  return resolved;
}

const KEY_URI_PATHS = [
  'properties.encryption.keyvaultproperties.keyvaulturi',
  'properties.encryption.keyVaultProperties.keyIdentifier',
  'properties.encryption.keyVaultProperties.keyVaultUri',
  'properties.encryption.vaultBaseUrl',
  'properties.encryption.cmk.key.keyVaultUrl',
  'properties.keyVaultKeyUri',
  'properties.keyId',
];

const KEY_URI_SET = pathSet(KEY_URI_PATHS);
// Scratch for the key URIs of the resource in hand (read, judged and done with before the next one).
const keyUris: unknown[] = [];

const DIAGNOSTIC_DESTINATIONS = ['workspaceId', 'eventHubAuthorizationRuleId', 'storageAccountId'].map((f) => ({ path: `properties.${f}` }));

/** Whether `path|key` was judged already (compared as the joined text, as a set of `path|key` strings would). */
function judged(seen: readonly string[], path: string, key: string): boolean {
  for (let i = 0; i < seen.length; i += 2) {
    const p = seen[i]!;
    const k = seen[i + 1]!;
    if (p === path && k === key) return true;
    // Different pairs can still join to the same text when a name contains '|'.
    if (p.length + k.length === path.length + key.length && `${p}|${k}` === `${path}|${key}`) return true;
  }
  return false;
}

const PASS_DETAIL = 'is tagged for production and refers to no resource tagged for a non-production environment.';

const noProdToNonProd: Check = (r, ctx) => {
  const expected = 'references only to production (or untagged shared) resources';
  const env = environmentOf(r, ctx.config);
  if (isUnknown(env)) return [unknownOutcome(r, `tags.${ENVIRONMENT_TAG}`, env, expected, `its ${ENVIRONMENT_TAG} tag is only known after deployment (${env.reason}); review its references.`)];
  if (env !== 'production') return [];
  const targets = targetsOf(ctx);
  // When no reference can reach a resource tagged non-production, only an Unknown this check adds can keep
  // it from passing: the walk of the resource's own strings and the look-ups of known values are skipped.
  const mayFail = mayReferToNonProduction(ctx, targets);

  // The resource's own references, then those only this check adds.
  const j: Judging = { r, ctx, targets, expected, found: 0, rKey: undefined, seen: undefined, out: [], pending: undefined };
  if (mayFail) scanReferences(r.properties, ['properties'], j);
  readPaths(r, KEY_URI_SET, keyUris);
  for (let i = 0; i < KEY_URI_PATHS.length; i++) {
    const v = keyUris[i];
    if (isUnknown(v)) judgeReference(j, undefined, KEY_URI_PATHS[i]!, v, true);
  }
  for (const d of ctx.extensionsOf(r, DIAGNOSTIC_SETTINGS)) {
    for (const field of DIAGNOSTIC_DESTINATIONS) {
      const v = read(d, field.path);
      // The path names the setting: made only for a value that may need it.
      if (isUnknown(v) || (mayFail && typeof v === 'string' && target(targets, ctx, v) !== undefined)) judgeReference(j, undefined, `diagnosticSettings(${d.name}).${field.path}`, v, true);
    }
  }
  for (const pe of ctx.privateEndpointsFor(r)) {
    const v = read(pe, 'properties.subnet.id');
    if (isUnknown(v) || (mayFail && typeof v === 'string' && target(targets, ctx, v) !== undefined)) judgeReference(j, undefined, `privateEndpoints(${pe.name}).properties.subnet.id`, v, true);
  }
  const { out, pending } = j;
  if (out.length > 0) return out;
  if (pending) return [pending];
  return [passed(r, 'properties', undefined, expected, PASS_DETAIL)];
};

export const ENVIRONMENT_CONTROLS = [
  control({
    id: 'ISRM.Environment.Tagged',
    title: 'Resources declare their environment',
    rationale: 'Segregating development, test and production starts with knowing which environment a resource belongs to; the tag drives policy, access and change control per environment.',
    remediation: `Add the ${ENVIRONMENT_TAG} tag with one of the configured environment names.`,
    snippet: "param environment string = 'prod'\n\nvar tags = {\n  CostCenter: costCenter\n  UseCase: useCase\n  Environment: environment\n}",
    severity: 'low',
    family: 'governance',
    baseline: 'standard',
    appliesTo: [...TAGGABLE_TYPES],
    frameworks: FW.segregation(),
    helpUri: 'https://learn.microsoft.com/azure/cloud-adoption-framework/ready/azure-best-practices/resource-tagging',
    check: environmentTagged,
  }),
  control({
    id: 'ISRM.Environment.Segregation',
    title: 'Production resources do not depend on non-production resources',
    rationale: 'A production resource that logs to a development workspace, sits behind a test subnet or uses a key from a test vault puts validated (GxP) data under the weaker controls of that environment.',
    remediation: 'Point production resources at production workspaces, subnets and key vaults only; deploy shared services per environment.',
    snippet: "// one parameter file per environment; production never takes a non-production id\nparam logAnalyticsWorkspaceId string  // prod: /subscriptions/<prod>/…/workspaces/law-prod\nparam privateEndpointSubnetId string  // prod: …/virtualNetworks/vnet-prod/subnets/snet-pe",
    severity: 'high',
    family: 'governance',
    baseline: 'standard',
    appliesTo: [...TAGGABLE_TYPES],
    frameworks: FW.segregation(),
    helpUri: 'https://learn.microsoft.com/azure/cloud-adoption-framework/ready/landing-zone/design-area/management-application-environments',
    check: noProdToNonProd,
  }),
];
