// The small vocabulary the mapping tables are written in. A Spec turns one planned Terraform resource
// (seen through a Reader) into one ARM value: undefined means "not set" (the ARM property is left out,
// so the control applies the service default), an Unknown means "only known after apply".

import { isUnknown, Unknown } from '../model';
import { isObject, setOwn, type JsonObject } from './json-access';
import type { SourceTrace } from './source-pointers';
import type { Path, Slot } from './values';

export interface Reader {
  readonly address: string;
  /** The slot at `path`, relative to the block this reader is positioned on. */
  slot(path: Path): Slot;
  /** A reader positioned on a nested block element (`network_rules.0`). */
  at(path: Path): Reader;
  /**
   * The ARM id an id-valued attribute names: its planned value when known, otherwise the id of the
   * resource its configuration expression references (created in the same plan), otherwise Unknown.
   */
  refId(path: Path): string | Unknown | undefined;
  /** The ARM id of this resource (for extra resources derived from it). */
  selfId(): string;
  /** Subscription of the scan's deployment context. */
  readonly subscriptionId: string;
  /** Records which attributes each ARM property is read from (absent where nobody asks). */
  readonly trace?: SourceTrace;
  /** Notes `path` as read for the trace without reading it (an `each` element as a whole). */
  note?(path: Path): void;
}

/** `f`, with the reads it makes recorded as the sources of ARM member `key` of the one being built. */
export function within<T>(r: Reader, key: string | number, f: () => T): T {
  const t = r.trace;
  if (t === undefined) return f();
  t.enter(key);
  try {
    return f();
  } finally {
    t.leave();
  }
}

/** `f`, with its reads not recorded as sources: they decide whether a value is there, not what it is. */
export function quietly<T>(r: Reader, f: () => T): T {
  const t = r.trace;
  if (t === undefined) return f();
  t.pause();
  try {
    return f();
  } finally {
    t.resume();
  }
}

export type Spec = (r: Reader) => unknown;

const toPath = (p: string): Path => p.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/** An attribute spelling with its own conversion (`local_authentication_enabled` read negated). */
export type Alias = string | readonly [string, (v: unknown) => unknown];

/**
 * An attribute, trying provider-version spellings in order (`https_traffic_only_enabled` in azurerm 4,
 * `enable_https_traffic_only` in 3): the first known non-null value wins, then unknown, then "not set".
 */
export function attr(paths: Alias | readonly Alias[], transform?: (v: unknown) => unknown): Spec {
  const raw: readonly Alias[] = typeof paths === 'string' || (paths.length === 2 && typeof paths[1] === 'function') ? [paths as Alias] : (paths as readonly Alias[]);
  const list = raw.map((a) => (typeof a === 'string' ? { path: toPath(a), convert: undefined } : { path: toPath(a[0]), convert: a[1] }));
  return (r) => {
    let unknown: Unknown | undefined;
    let sawNull = false;
    for (const { path, convert } of list) {
      const s = r.slot(path);
      if (s.state === 'value') {
        if (isUnknown(s.value)) return s.value;
        const v = convert ? convert(s.value) : s.value;
        return transform ? transform(v) : v;
      }
      // A spelling missing from this provider version's schema says nothing about the one that is there.
      if (s.state === 'null') sawNull ||= s.absent !== true;
      // A sensitive value is set, only withheld: a null spelling of another provider version must not
      // turn it into "not set", which a control would judge by the service default.
      else if (s.withheld) return s.unknown;
      else unknown ??= s.unknown;
    }
    // A renamed attribute is absent from the other provider version's schema, so one null spelling
    // means "not set" even when the other spelling is missing.
    if (sawNull) return undefined;
    return unknown;
  };
}

export const constant =
  (value: unknown): Spec =>
  () =>
    value;

/** Applies `f` to a known spec result; Unknown and "not set" pass through. */
export function map(spec: Spec, f: (v: unknown) => unknown): Spec {
  return (r) => {
    const v = spec(r);
    return v === undefined || isUnknown(v) ? v : f(v);
  };
}

export const enabledDisabled = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 'Enabled' : 'Disabled') : v);
export const negate = (v: unknown): unknown => (typeof v === 'boolean' ? !v : v);
/** Empty strings and lists in nested Terraform blocks mean "not set". */
export const nonEmpty = (v: unknown): unknown => (v === '' || (Array.isArray(v) && v.length === 0) ? undefined : v);

/** An object of specs; undefined when every member is "not set". */
export function obj(shape: Record<string, Spec>): Spec {
  return (r) => {
    const out: JsonObject = {};
    let any = false;
    for (const [path, spec] of Object.entries(shape)) {
      const v = within(r, path, () => spec(r));
      if (v === undefined) continue;
      setPath(out, path, v);
      any = true;
    }
    return any ? out : undefined;
  };
}

/** A single nested block (`network_rules`, max_items 1): the shape read inside its first element. */
export function block(path: string, shape: Spec): Spec {
  const p = toPath(path);
  return (r) => {
    const s = r.slot(p);
    if (s.state === 'unknown') return s.unknown;
    if (s.state === 'null' || !Array.isArray(s.value) || s.value.length === 0) return undefined;
    return shape(r.at([...p, 0]));
  };
}

/** Whether a nested block is configured: true / false, or Unknown. */
export function hasBlock(path: string): Spec {
  const p = toPath(path);
  return (r) => {
    const s = r.slot(p);
    if (s.state === 'unknown') return s.unknown;
    return s.state === 'value' && Array.isArray(s.value) && s.value.length > 0;
  };
}

/**
 * Each element of a repeated block or list attribute, read through `item`. A configured but empty
 * list stays `[]` (explicitly none); `where` filters elements and may itself be Unknown.
 */
export function each(path: string, item: Spec, where?: Spec): Spec {
  const p = toPath(path);
  return (r) => {
    const s = r.slot(p);
    if (s.state === 'unknown') return s.unknown;
    if (s.state === 'null') return undefined;
    if (!Array.isArray(s.value)) return undefined;
    const out: unknown[] = [];
    for (let i = 0; i < s.value.length; i++) {
      const er = r.at([...p, i]);
      if (where) {
        const keep = quietly(r, () => where(er));
        if (isUnknown(keep)) return keep;
        if (keep !== true) continue;
      }
      // ARM numbers the elements kept, so element i of the plan may be element out.length of ARM; an
      // element that produces nothing leaves no pointers under an index the next one will take.
      const mark = r.trace?.mark();
      const v = within(r, out.length, () => {
        r.note?.([...p, i]);
        return item(er);
      });
      if (v !== undefined) out.push(v);
      else if (mark !== undefined) r.trace?.rollback(mark);
    }
    return out;
  };
}

/** The element itself (for lists of strings inside `each`). */
export const self: Spec = (r) => {
  const s = r.slot([]);
  return s.state === 'value' ? s.value : s.state === 'unknown' ? s.unknown : undefined;
};

/** An id-valued attribute as an ARM id, resolved through the plan's configuration when unknown. */
export function refId(path: string): Spec {
  const p = toPath(path);
  return (r) => r.refId(p);
}

/** `{ id: <ref> }`, the ARM sub-resource shape. */
export function subResource(path: string): Spec {
  const id = refId(path);
  return (r) => {
    const v = id(r);
    return v === undefined ? undefined : { id: v };
  };
}

/** `spec` when the condition is true, nothing when false, Unknown when the condition is unknown. */
export function when(condition: Spec, spec: Spec): Spec {
  return (r) => {
    const c = condition(r);
    if (isUnknown(c)) return c;
    return c === true ? spec(r) : undefined;
  };
}

/** ARM's managed identity object from Terraform's `identity` block. */
export const identity: Spec = block(
  'identity',
  (r) => {
    const type = within(r, 'type', () => attr('type')(r));
    if (type === undefined) return undefined;
    const ids = within(r, 'userAssignedIdentities', () => attr('identity_ids')(r));
    const out: JsonObject = { type };
    if (Array.isArray(ids) && ids.length > 0) {
      const uai: JsonObject = {};
      for (const id of ids) if (typeof id === 'string') setOwn(uai, id, {});
      out.userAssignedIdentities = uai;
    } else if (isUnknown(ids)) out.userAssignedIdentities = ids;
    return out;
  },
);

/** Sets a dot path in `target`, creating objects; never writes through an Unknown or a non-object. */
export function setPath(target: JsonObject, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: JsonObject = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const k = keys[i] as string;
    const next = Object.prototype.hasOwnProperty.call(cur, k) ? cur[k] : undefined;
    if (next === undefined) {
      const created: JsonObject = {};
      setOwn(cur, k, created);
      cur = created;
    } else if (isObject(next) && !isUnknown(next)) {
      cur = next;
    } else {
      return;
    }
  }
  setOwn(cur, keys[keys.length - 1] as string, value);
}

export type NameSpec = string | { value: string };

export type IdRule =
  /** `azurerm_resource_group` itself. */
  | { kind: 'resourceGroup' }
  /** In a resource group: one name attribute per type segment (`['virtual_network_name', 'name']`). */
  | { kind: 'inResourceGroup'; names?: NameSpec[] }
  /** Under a parent whose id an attribute holds; `path` names the type segments' fixed names between. */
  | { kind: 'child'; parent: string; names?: NameSpec[] }
  /**
   * An extension resource: `{scope}/providers/{type}/{name}`. `refine` may correct a scope that was
   * resolved through a reference (which cannot show text interpolated around it).
   */
  | { kind: 'extension'; scope: string; name?: NameSpec; refine?: (scope: string, r: Reader) => string }
  /** A subscription-level resource of the scan's subscription (or of the `subscription` attribute). */
  | { kind: 'subscription'; name: NameSpec; subscription?: string };

/** An ARM child resource that one Terraform resource stands for (a database's TDE state). */
export interface ExtraResource {
  /** Type segment below the main resource, e.g. `transparentDataEncryption`. */
  segment: string;
  name: string;
  apiVersion: string;
  /** Emit only when this is true (or Unknown); always when absent. */
  when?: Spec;
  properties: Record<string, Spec>;
}

export interface TypeMapping {
  armType: string;
  apiVersion: string;
  id: IdRule;
  /**
   * The attribute that holds the ARM id once known (default `id`); false where none does (the
   * provider's id is a `target|name` composite). A known one is used as is.
   */
  plannedId?: string | false;
  /** Defaults to the `location` attribute for top-level resources; false to leave out. */
  location?: Spec | false;
  /** Defaults to the `tags` attribute; false for types without tags. */
  tags?: Spec | false;
  kind?: Spec;
  sku?: Spec;
  identity?: Spec;
  /** Dot paths below `properties`. */
  properties: Record<string, Spec>;
  extra?: ExtraResource[];
}

/**
 * A Terraform resource that configures another one ARM models as part of it (a storage account's
 * customer-managed key): its values are merged into the target instead of being emitted.
 */
export interface Augmentation {
  /** The attribute holding the target's id. */
  target: string;
  /** ARM type the target must have (case-insensitive). */
  targetType: string;
  /** Dot paths from the resource root (`properties.encryption.keySource`). */
  set: Record<string, Spec>;
}

/** `f` of several specs' values: Unknown if any is unknown, "not set" if any is not set. */
export function combine(specs: readonly Spec[], f: (...values: unknown[]) => unknown): Spec {
  return (r) => {
    const values = specs.map((s) => s(r));
    const unknown = values.find(isUnknown);
    if (unknown) return unknown;
    if (values.some((v) => v === undefined)) return undefined;
    return f(...values);
  };
}

/**
 * `spec` for an attribute that only some provider versions have (`log` blocks before azurerm 4,
 * `enabled_metric` after 4.x): when it is missing from the planned values it is "not set".
 */
export function ifPresent(path: string, spec: Spec): Spec {
  const p = toPath(path);
  return (r) => {
    const s = r.slot(p);
    return (s.state === 'unknown' || s.state === 'null') && s.absent ? undefined : spec(r);
  };
}

/** Two lists as one (blocks of old and new provider spellings); Unknown if either is. */
export function concat(...specs: Spec[]): Spec {
  return (r) => {
    const parts = specs.map((s) => s(r));
    const unknown = parts.find(isUnknown);
    if (unknown) return unknown;
    const lists = parts.filter((p): p is unknown[] => Array.isArray(p));
    return lists.length === 0 ? undefined : lists.flat();
  };
}

/** A JSON-encoded attribute (policy parameters) as data; the text itself when it is not JSON. */
export const parseJson = (v: unknown): unknown => {
  if (typeof v !== 'string' || v.trim() === '') return v === '' ? undefined : v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    return v;
  }
};
