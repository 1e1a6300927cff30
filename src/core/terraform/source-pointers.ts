// Which planned attribute each ARM property of a normalised resource came from. The mapping tables
// read a resource's planned values only through a Reader; while one table entry runs, the reads it
// makes are recorded against the ARM path it is building, so a finding on `properties.minimumTlsVersion`
// can point at `min_tls_version` in the plan file — the line a Terraform user has to change — instead
// of the `{` of the resource.

import type { NormalizedResource } from '../model';
import { propertyPathTokens } from '../util/json-locate';
import { child, pointerJoin, setOwn, type JsonObject } from './json-access';
import { formatPath, type Path } from './values';

interface Read {
  key: string;
  path: Path;
}

/**
 * The reads of one planned resource, by the ARM dot path (from the resource root) being built. Reads are
 * only noted while the tables run; which of them exist in the file, and their pointers, are worked out
 * once at the end for the one read per path that wins, since normalising a large plan makes many reads.
 */
export class SourceTrace {
  /** The keys entered, innermost last; `key` is the innermost, already joined. */
  private readonly keys: string[] = [];
  private key = '';
  private readonly reads: Read[] = [];
  private paused = 0;

  /** `valuesPointer`: the JSON pointer of `values` in the plan file; `values`: that object. */
  constructor(
    private readonly valuesPointer: string,
    private readonly values: JsonObject,
  ) {}

  /** Reads from now on build the ARM member `segment` (a dot path or an array index) of the current one. */
  enter(segment: string | number): void {
    this.keys.push(this.key);
    this.key = this.key === '' ? String(segment) : `${this.key}.${segment}`;
  }

  leave(): void {
    this.key = this.keys.pop() ?? '';
  }

  /** Reads made while paused decide whether, not what (a `where` filter): they are not sources. */
  pause(): void {
    this.paused++;
  }

  resume(): void {
    this.paused--;
  }

  /**
   * A read of `path` below the resource's values. Kept only inside an ARM property and when the attribute
   * is in the file: an attribute known only after apply is absent from planned values, and a pointer to
   * it would resolve to nothing a user can edit.
   */
  read(path: Path): void {
    if (this.paused > 0 || this.key === '') return;
    this.reads.push({ key: this.key, path });
  }

  /** A position to roll back to (an `each` element that produced nothing leaves no pointers). */
  mark(): number {
    return this.reads.length;
  }

  rollback(mark: number): void {
    this.reads.length = mark;
  }

  /**
   * ARM path → pointer of the attribute read last for it (the reads since `mark`). Last, because a spec
   * reads what decides the value after what only locates it: a block before the attribute inside it, a
   * null spelling before the provider-version spelling that has the value, a condition before the value.
   */
  pointers(mark = 0): Map<string, string> {
    const seen = new Set<string>();
    const won: Read[] = [];
    for (let i = this.reads.length - 1; i >= mark; i--) {
      const r = this.reads[i] as Read;
      if (seen.has(r.key) || !exists(this.values, r.path)) continue;
      seen.add(r.key);
      won.push(r);
    }
    // In the order the properties were read, so the record reads like the resource.
    const out = new Map<string, string>();
    for (let i = won.length - 1; i >= 0; i--) {
      const r = won[i] as Read;
      out.set(r.key, pointerJoin(this.valuesPointer, ...r.path));
    }
    return out;
  }
}

function exists(values: JsonObject, path: Path): boolean {
  let v: unknown = values;
  for (const seg of path) {
    v = child(v, seg);
    if (v === undefined) return false;
  }
  return true;
}

/** The pointers as the plain record NormalizedResource carries, in the order the properties were built. */
export function pointerRecord(pointers: ReadonlyMap<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  // The keys are ARM paths from the mapping tables and element indexes, never plan data; defining a
  // property is only needed for the one key plain assignment would send to the prototype.
  for (const [k, v] of pointers) {
    if (k === '__proto__') setOwn(out, k, v);
    else out[k] = v;
  }
  return out;
}

/**
 * The source pointer for a property path: its own entry, else the entry of its longest prefix (a finding
 * on `properties.networkAcls.ipRules.0.value` when only the rules list was read). `propertyPath` may use
 * dots or `[i]` for indexes, as controls write it.
 */
export function sourcePointerOf(pointers: Readonly<Record<string, string>>, propertyPath: string): { key: string; pointer: string } | undefined {
  if (Object.prototype.hasOwnProperty.call(pointers, propertyPath)) return { key: propertyPath, pointer: pointers[propertyPath] as string };
  const tokens = propertyPathTokens(propertyPath);
  for (let n = tokens.length; n > 0; n--) {
    const key = n === tokens.length ? tokens.join('.') : tokens.slice(0, n).join('.');
    if (Object.prototype.hasOwnProperty.call(pointers, key)) return { key, pointer: pointers[key] as string };
  }
  return undefined;
}

/**
 * The Terraform attribute a plan pointer names, as Terraform writes it (`network_rules[0].default_action`):
 * the part after the resource's `values`. Undefined for a pointer to a whole resource (a setting merged in
 * from another resource that no single attribute decides) or to anything but planned values.
 */
export function terraformAttributeAt(pointer: string): string | undefined {
  const tokens = pointer.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (tokens[0] !== 'planned_values' || tokens[1] !== 'root_module') return undefined;
  let i = 2;
  while (tokens[i] === 'child_modules') i += 2;
  if (tokens[i] !== 'resources' || tokens[i + 2] !== 'values') return undefined;
  const rest = tokens.slice(i + 3);
  if (rest.length === 0) return undefined;
  return formatPath(rest.map((t) => (/^\d+$/.test(t) ? Number(t) : t)));
}

/** The Terraform attribute a finding on `propertyPath` of `resource` is about, when the source recorded it. */
export function sourcePropertyOf(resource: NormalizedResource, propertyPath: string): string | undefined {
  const pointers = resource.sourcePointers;
  if (pointers === undefined) return undefined;
  const found = sourcePointerOf(pointers, propertyPath);
  return found === undefined ? undefined : terraformAttributeAt(found.pointer);
}
