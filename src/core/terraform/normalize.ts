// Turns the planned azurerm resources of a Terraform plan into ARM-shaped NormalizedResources through
// the mapping tables, so the control catalogue (written once against ARM property names) checks them.
// Whatever is not checked — other providers, unmapped types, unresolvable targets — becomes a note.

import { isUnknown, Unknown, type DeploymentContext, type NormalizedResource, type ScanNote } from '../model';
import { isObject, setOwn, type JsonObject } from './json-access';
import { idUnder, isArmId, nameFromId, resourceGroupId, splitArmType, unknownPart } from './ids';
import { AUGMENTATIONS, MAPPINGS } from './mappings';
import { readPlan, type PlanInstance } from './plan';
import { ReferenceIndex } from './references';
import { pointerRecord, SourceTrace } from './source-pointers';
import { attr, setPath, within, type IdRule, type NameSpec, type Reader, type Spec, type TypeMapping } from './spec';
import { readSlot, type Path } from './values';

export interface TerraformInput {
  file: string;
  /** The parsed JSON of `terraform show -json <planfile>`. */
  plan: unknown;
  context: DeploymentContext;
}

export interface TerraformResult {
  resources: NormalizedResource[];
  notes: ScanNote[];
}

const MAX_ID_CHAIN = 64;
const MAX_ID_LENGTH = 2048;

/** Attributes that hold a resource's own ARM id where `id` does not (key vault keys, role definitions). */
const ID_ATTRIBUTES = new Set(['id', 'resource_versionless_id', 'role_definition_resource_id']);

export function normalizeTerraformPlan(input: TerraformInput): TerraformResult {
  const plan = readPlan(input.file, input.plan);
  const refs = new ReferenceIndex(plan);
  const ids = new Map<PlanInstance, string>();
  const computing = new Set<PlanInstance>();
  const notes: ScanNote[] = [];
  const resources: NormalizedResource[] = [];
  const sub = input.context.subscriptionId;

  const reader = (inst: PlanInstance, prefix: Path, trace?: SourceTrace): Reader => ({
    address: inst.address,
    subscriptionId: sub,
    trace,
    slot: (path) => {
      const full = prefix.length === 0 ? path : [...prefix, ...path];
      trace?.read(full);
      return readSlot(inst, full);
    },
    at: (path) => reader(inst, [...prefix, ...path], trace),
    note: (path) => trace?.read(prefix.length === 0 ? path : [...prefix, ...path]),
    refId: (path) => {
      const full = [...prefix, ...path];
      trace?.read(full);
      return refId(inst, full);
    },
    selfId: () => armIdOf(inst),
  });

  /** Records the attributes read for each ARM property of one resource built from `inst`. */
  const traceOf = (inst: PlanInstance): SourceTrace => new SourceTrace(`${inst.pointer}/values`, inst.values);

  function refId(inst: PlanInstance, path: Path): string | Unknown | undefined {
    const s = readSlot(inst, path);
    if (s.state === 'null') return undefined;
    if (s.state === 'value') return typeof s.value === 'string' && s.value !== '' ? idAsBuilt(s.value) : undefined;
    const target = refs.targetOf(inst, path);
    if (target) {
      const attribute = target.attribute.join('.');
      if (target.attribute.length === 0 || ID_ATTRIBUTES.has(attribute)) return armIdOf(target.instance);
    }
    return s.unknown;
  }

  function armIdOf(inst: PlanInstance): string {
    const known = ids.get(inst);
    if (known !== undefined) return known;
    // A cycle, or a parent chain longer than any real plan has: the id stays unknown rather than
    // recursing until the stack runs out.
    if (computing.has(inst) || computing.size > MAX_ID_CHAIN) return unknownPart(inst.address, 'id');
    computing.add(inst);
    try {
      const id = computeId(inst);
      ids.set(inst, id);
      return id;
    } finally {
      computing.delete(inst);
    }
  }

  function computeId(inst: PlanInstance): string {
    const mapping = inst.parsed.mode === 'managed' ? MAPPINGS.get(inst.type) : undefined;
    const idAttribute = mapping ? mapping.plannedId : 'id';
    if (idAttribute !== false) {
      const planned = readSlot(inst, [idAttribute ?? 'id']);
      if (planned.state === 'value' && isArmId(planned.value) && !(mapping && idShowsWithheld(inst, mapping.id))) return idAsBuilt(planned.value);
    }
    if (!mapping) return unknownPart(inst.address, 'id');
    return idFromRule(inst, mapping, mapping.id).id;
  }

  /**
   * Whether an attribute the id is made of is marked sensitive. The provider's id of a resource that already
   * exists is known and not marked, yet it spells out the marked name or resource group; the id built from
   * the rule names the address instead.
   */
  function idShowsWithheld(inst: PlanInstance, rule: IdRule): boolean {
    return idAttributes(rule).some((a) => {
      const s = readSlot(inst, a.split('.'));
      return s.state === 'unknown' && s.withheld === true;
    });
  }

  /**
   * The known ids of resources whose planned id is not used because it shows a marked attribute (lower-cased),
   * with the resource: another resource names it, or a child of it, by that same id, which is not marked either.
   */
  let withheldIds: [string, PlanInstance][] | undefined;
  function idsShowingWithheld(): [string, PlanInstance][] {
    withheldIds ??= plan.instances.flatMap((inst): [string, PlanInstance][] => {
      const mapping = inst.parsed.mode === 'managed' ? MAPPINGS.get(inst.type) : undefined;
      if (!mapping || mapping.plannedId === false) return [];
      const planned = readSlot(inst, [mapping.plannedId ?? 'id']);
      return planned.state === 'value' && isArmId(planned.value) && idShowsWithheld(inst, mapping.id) ? [[planned.value.toLowerCase(), inst]] : [];
    });
    // The longest first: an account's id, not its resource group's, stands for the account and what is below it.
    withheldIds.sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return withheldIds;
  }

  /** A known id, with the part that names a resource of idsShowingWithheld replaced by that resource's id as built. */
  function idAsBuilt(id: string): string {
    const lower = id.toLowerCase();
    for (const [planned, inst] of idsShowingWithheld()) {
      if (lower === planned || lower.startsWith(`${planned}/`)) return armIdOf(inst) + id.slice(planned.length);
    }
    return id;
  }

  function nameOf(inst: PlanInstance, spec: NameSpec): string {
    if (typeof spec !== 'string') return spec.value;
    const s = readSlot(inst, spec.split('.'));
    return s.state === 'value' && (typeof s.value === 'string' || typeof s.value === 'number') ? String(s.value) : unknownPart(inst.address, spec);
  }

  function idText(inst: PlanInstance, attribute: string): string {
    const v = refId(inst, attribute.split('.'));
    return typeof v === 'string' ? v : unknownPart(inst.address, attribute);
  }

  function extensionScope(inst: PlanInstance, rule: Extract<IdRule, { kind: 'extension' }>): string {
    const scope = idText(inst, rule.scope);
    return rule.refine ? rule.refine(scope, reader(inst, [])) : scope;
  }

  function idFromRule(inst: PlanInstance, mapping: TypeMapping, rule: IdRule): { id: string; name: string } {
    switch (rule.kind) {
      case 'resourceGroup': {
        const name = nameOf(inst, 'name');
        return { id: resourceGroupId(sub, name), name };
      }
      case 'inResourceGroup': {
        const names = (rule.names ?? ['name']).map((n) => nameOf(inst, n));
        return { id: idUnder(resourceGroupId(sub, nameOf(inst, 'resource_group_name')), mapping.armType, names), name: names.join('/') };
      }
      case 'child': {
        const names = (rule.names ?? ['name']).map((n) => nameOf(inst, n));
        const parentText = idText(inst, rule.parent);
        // Real ARM ids are far shorter; a longer one comes from a hostile chain of parents, and
        // copying it into every descendant would grow quadratically.
        const parent = parentText.length > MAX_ID_LENGTH ? unknownPart(inst.address, rule.parent) : parentText;
        const segments = splitArmType(mapping.armType).segments.slice(-names.length);
        const below = segments.map((seg, i) => `${seg}/${names[i] ?? ''}`).join('/');
        const parentName = parent.startsWith('[unknown:') ? parent : nameFromId(parent);
        return { id: `${parent}/${below}`, name: [parentName, ...names].join('/') };
      }
      case 'extension': {
        const name = nameOf(inst, rule.name ?? 'name');
        return { id: `${extensionScope(inst, rule).replace(/\/$/, '')}/providers/${mapping.armType}/${name}`, name };
      }
      case 'subscription': {
        const name = nameOf(inst, rule.name);
        const subscription = rule.subscription ? subscriptionOf(nameOf(inst, rule.subscription)) : sub;
        return { id: idUnder(`/subscriptions/${subscription}`, mapping.armType, [name]), name };
      }
    }
  }

  function build(inst: PlanInstance, mapping: TypeMapping): NormalizedResource[] {
    const trace = traceOf(inst);
    const r = reader(inst, [], trace);
    const fromRule = idFromRule(inst, mapping, mapping.id);
    const id = armIdOf(inst);
    const planned = id === fromRule.id || mapping.id.kind === 'extension' ? fromRule.name : nameFromId(id) || fromRule.name;
    // A name only known after apply (a role assignment's generated GUID) would read
    // `[unknown:azurerm_role_assignment.owner.name]`; the address is how a Terraform user knows the
    // resource. The id keeps its unknown marker, which id matching treats as a wildcard.
    const name = planned.includes('[unknown:') ? inst.address : planned;
    const top = mapping.id.kind === 'resourceGroup' || (mapping.id.kind === 'inResourceGroup' && (mapping.id.names ?? ['name']).length === 1);
    const read = (key: string, spec: Spec): unknown => within(r, key, () => spec(r));
    // Built in ARM's own member order so serialised output reads like a template resource.
    const out = { type: mapping.armType, name, id, apiVersion: mapping.apiVersion } as NormalizedResource;
    const locationSpec = mapping.location ?? (top ? attr('location') : false);
    if (locationSpec) assignIfSet(out, 'location', read('location', locationSpec));
    if (mapping.kind) assignIfSet(out, 'kind', read('kind', mapping.kind));
    if (mapping.sku) assignIfSet(out, 'sku', read('sku', mapping.sku));
    if (mapping.identity) assignIfSet(out, 'identity', read('identity', mapping.identity));
    if (mapping.tags !== false) {
      const tags = read('tags', mapping.tags ?? attr('tags'));
      if (isUnknown(tags) || isObject(tags)) out.tags = tags as NormalizedResource['tags'];
    }
    const properties: JsonObject = {};
    for (const [path, spec] of Object.entries(mapping.properties)) {
      const v = read(`properties.${path}`, spec);
      if (v !== undefined) setPath(properties, path, v);
    }
    out.properties = properties;
    if (mapping.id.kind === 'extension') out.scope = extensionScope(inst, mapping.id);
    out.source = { kind: 'terraform', file: input.file, pointer: inst.pointer };
    out.sourcePointers = pointerRecord(trace.pointers());
    const result = [out];
    for (const extra of mapping.extra ?? []) {
      const include = extra.when ? extra.when(r) : true;
      if (include !== true && !isUnknown(include)) continue;
      const extraTrace = traceOf(inst);
      const er = reader(inst, [], extraTrace);
      const props: JsonObject = {};
      for (const [path, spec] of Object.entries(extra.properties)) {
        const v = within(er, `properties.${path}`, () => spec(er));
        if (v !== undefined) setPath(props, path, v);
      }
      result.push({
        type: `${mapping.armType}/${extra.segment}`,
        name: `${name}/${extra.name}`,
        id: `${id}/${extra.segment}/${extra.name}`,
        apiVersion: extra.apiVersion,
        properties: props,
        source: { kind: 'terraform', file: input.file, pointer: inst.pointer },
        sourcePointers: pointerRecord(extraTrace.pointers()),
      });
    }
    return result;
  }

  for (const caveat of plan.caveats) notes.push({ level: caveat.level, file: input.file, pointer: caveat.pointer, message: caveat.message });

  const augmentations: PlanInstance[] = [];
  for (const inst of plan.instances) {
    if (inst.parsed.mode === 'data') continue;
    if (inst.actions && !inst.actions.includes('create') && !inst.actions.includes('update') && !inst.actions.includes('no-op')) continue;
    const note = (level: ScanNote['level'], message: string): void => {
      notes.push({ level, file: input.file, pointer: inst.pointer, message: `${inst.address}: ${message}` });
    };
    if (!isAzurerm(inst)) {
      note('info', `provider "${inst.providerName || inst.type.split('_')[0]}" is not azurerm, so ControlTrace did not check this resource.`);
      continue;
    }
    if (AUGMENTATIONS.has(inst.type)) {
      augmentations.push(inst);
      continue;
    }
    const mapping = MAPPINGS.get(inst.type);
    if (!mapping) {
      note('info', `${inst.type} has no ARM mapping in ControlTrace, so no control checked it.`);
      continue;
    }
    const built = build(inst, mapping);
    resources.push(...built);
  }

  const byId = new Map<string, NormalizedResource>();
  for (const res of resources) byId.set(res.id.toLowerCase(), res);
  for (const inst of augmentations) {
    const aug = AUGMENTATIONS.get(inst.type);
    if (!aug) continue;
    const targetId = refId(inst, aug.target.split('.'));
    const target = typeof targetId === 'string' ? byId.get(targetId.toLowerCase()) : undefined;
    if (!target || target.type.toLowerCase() !== aug.targetType.toLowerCase()) {
      const what = typeof targetId === 'string' ? targetId : `the one its ${aug.target} names (${targetId instanceof Unknown ? targetId.reason : 'not set'})`;
      notes.push({
        level: 'warning',
        file: input.file,
        pointer: inst.pointer,
        message: `${inst.address}: configures the ${aug.targetType} ${what}, which is not in this plan, so its settings were not checked.`,
      });
      continue;
    }
    const trace = traceOf(inst);
    const r = reader(inst, [], trace);
    for (const [path, spec] of Object.entries(aug.set)) {
      const mark = trace.mark();
      const v = within(r, path, () => spec(r));
      if (v === undefined) continue;
      setPath(target as unknown as JsonObject, path, v);
      mergePointers(target, path, trace.pointers(mark), inst.pointer);
    }
  }

  return { resources, notes };
}

/**
 * After an augmentation set `path` on `target`: what the target's own attributes said about `path` and
 * below no longer decides it, the augmentation's attributes do. A value no attribute decides (the key
 * source a customer-managed key resource implies) points at the augmenting resource itself.
 */
function mergePointers(target: NormalizedResource, path: string, read: ReadonlyMap<string, string>, resourcePointer: string): void {
  const merged = new Map<string, string>();
  for (const [k, v] of Object.entries(target.sourcePointers ?? {})) if (k !== path && !k.startsWith(`${path}.`)) merged.set(k, v);
  if (!read.has(path)) merged.set(path, resourcePointer);
  for (const [k, v] of read) merged.set(k, v);
  target.sourcePointers = pointerRecord(merged);
}

/** The attributes an id rule builds the id from (fixed names aside). */
function idAttributes(rule: IdRule): string[] {
  const attributes = (specs: readonly NameSpec[]): string[] => specs.filter((s): s is string => typeof s === 'string');
  switch (rule.kind) {
    case 'resourceGroup':
      return ['name'];
    case 'inResourceGroup':
      return [...attributes(rule.names ?? ['name']), 'resource_group_name'];
    case 'child':
      return [...attributes(rule.names ?? ['name']), rule.parent];
    case 'extension':
      return [...attributes([rule.name ?? 'name']), rule.scope];
    case 'subscription':
      return attributes(rule.subscription ? [rule.name, rule.subscription] : [rule.name]);
  }
}

function isAzurerm(inst: PlanInstance): boolean {
  const p = inst.providerName;
  if (p === '') return inst.type.startsWith('azurerm_');
  return p === 'azurerm' || /(^|\/)hashicorp\/azurerm$/.test(p);
}

function subscriptionOf(value: string): string {
  const m = /^\/subscriptions\/([^/]+)/i.exec(value);
  return m ? (m[1] as string) : value;
}

function assignIfSet(target: NormalizedResource, key: 'location' | 'kind' | 'sku' | 'identity', value: unknown): void {
  if (value !== undefined) setOwn(target as unknown as JsonObject, key, value);
}
