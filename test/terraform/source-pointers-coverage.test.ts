// Every mapping table records where its ARM properties came from. Rather than restating the tables, the
// test asks the plans: it changes one planned attribute at a time in the example plans, normalises again,
// and sees which ARM properties changed. Each of those properties came from that attribute, so its
// source pointer (as the finding locator looks it up) must name that attribute — or, when several
// attributes make up one value (a storage SKU name from tier and replication), one of them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUnknown, type NormalizedResource } from '../../src/core/model';
import { normalizeTerraformPlan } from '../../src/core/terraform';
import { AUGMENTATIONS, MAPPINGS } from '../../src/core/terraform/mappings';
import { sourcePointerOf } from '../../src/core/terraform/source-pointers';

const DIR = join(__dirname, '..', '..', 'examples', 'landing-zone', 'terraform');
const config = JSON.parse(readFileSync(join(DIR, 'controltrace.json'), 'utf8')) as { deployment: Parameters<typeof normalizeTerraformPlan>[0]['context'] };

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);

/** The ARM members a mapping fills, as leaf dot path → JSON text (Unknowns as their text). */
function armLeaves(r: NormalizedResource): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v) && v.length > 0) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (isObj(v) && Object.keys(v).length > 0) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    else out.set(path, JSON.stringify(v) ?? 'undefined');
  };
  for (const key of ['location', 'kind', 'sku', 'identity', 'tags', 'properties'] as const) if (r[key] !== undefined) walk(r[key], key);
  return out;
}

/** Every scalar attribute of a planned resource's values, as pointer tokens below `values`. */
function scalarAttributes(values: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(values)) return values.flatMap((v, i) => scalarAttributes(v, [...path, i]));
  if (isObj(values)) return Object.entries(values).flatMap(([k, v]) => scalarAttributes(v, [...path, k]));
  return values === null ? [] : [path];
}

/** A different value of the same JSON type. */
function changed(v: unknown): unknown {
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v + 1;
  return `${String(v)}-changed`;
}

function at(doc: unknown, tokens: readonly (string | number)[]): unknown {
  let v = doc;
  for (const t of tokens) v = Array.isArray(v) ? v[Number(t)] : isObj(v) ? v[String(t)] : undefined;
  return v;
}

function pointerOf(base: string, tokens: readonly (string | number)[]): string {
  return base + tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The value an ARM dot path names in a resource. */
function armAt(r: NormalizedResource, path: string): unknown {
  return at(r, path.split('.'));
}

interface Planned {
  pointer: string;
  type: string;
  values: Json;
}

function plannedResources(plan: unknown): Planned[] {
  const out: Planned[] = [];
  const walk = (mod: unknown, pointer: string): void => {
    ((at(mod, ['resources']) as Json[] | undefined) ?? []).forEach((r, i) => out.push({ pointer: `${pointer}/resources/${i}`, type: String(r.type), values: r.values as Json }));
    ((at(mod, ['child_modules']) as unknown[] | undefined) ?? []).forEach((c, i) => walk(c, `${pointer}/child_modules/${i}`));
  };
  walk(at(plan, ['planned_values', 'root_module']), '/planned_values/root_module');
  return out;
}

for (const file of ['compliant.plan.json', 'noncompliant.plan.json']) {
  describe(`terraform: source pointers of ${file}`, () => {
    const plan = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as unknown;
    const normalise = (p: unknown) => normalizeTerraformPlan({ file, plan: p, context: config.deployment }).resources;
    const base = normalise(plan);
    const key = (r: NormalizedResource) => `${r.source.pointer}|${r.type}`;
    const baseByKey = new Map(base.map((r) => [key(r), r]));
    const baseLeaves = new Map(base.map((r) => [key(r), armLeaves(r)]));
    const planned = plannedResources(plan);

    // (resource key, ARM leaf path) → pointers of the attributes whose change changed it.
    const sources = new Map<string, Map<string, Set<string>>>();
    const checkedTypes = new Set<string>();
    before(() => {
      for (const p of planned) {
        const aug = AUGMENTATIONS.get(p.type);
        if (!MAPPINGS.has(p.type) && !aug) continue;
        for (const tokens of scalarAttributes(p.values)) {
          const copy = structuredClone(plan) as Json;
          const values = at(copy, [...p.pointer.split('/').slice(1), 'values']);
          const parent = at(values, tokens.slice(0, -1)) as Json | unknown[];
          const last = tokens[tokens.length - 1] as string | number;
          (parent as Record<string | number, unknown>)[last] = changed(at(values, tokens));
          const attribute = pointerOf(`${p.pointer}/values`, tokens);
          for (const r of normalise(copy)) {
            const k = key(r);
            const before = baseLeaves.get(k);
            if (!before) continue;
            // Only the resources built from this planned resource, or the one an augmentation merges into
            // (and only below what it sets): another resource may embed this one's id or name.
            const own = r.source.pointer === p.pointer;
            if (!own && !(aug && r.type === aug.targetType)) continue;
            const after = armLeaves(r);
            for (const [path, text] of before) {
              // A value that changed in place. A property that appears or goes (a filter's attribute moving an
              // element from one list to another) depends on the attribute for whether it is there, not for
              // what it is.
              const now = after.get(path);
              if (now === undefined || now === text) continue;
              if (!own && !Object.keys(aug!.set).some((s) => path === s || path.startsWith(`${s}.`))) continue;
              let byPath = sources.get(k);
              if (!byPath) sources.set(k, (byPath = new Map()));
              let set = byPath.get(path);
              if (!set) byPath.set(path, (set = new Set()));
              set.add(attribute);
              checkedTypes.add(p.type);
            }
          }
        }
      }
    });

    it('every ARM property an attribute decides points at that attribute', () => {
      const wrong: string[] = [];
      let checked = 0;
      for (const [k, byPath] of sources) {
        const r = baseByKey.get(k)!;
        for (const [path, attributes] of byPath) {
          checked++;
          const found = sourcePointerOf(r.sourcePointers ?? {}, path);
          if (found === undefined) {
            wrong.push(`${r.type} ${r.name} ${path}: no source pointer; it came from ${[...attributes].join(', ')}`);
            continue;
          }
          if (attributes.has(found.pointer)) continue;
          // An attribute copied as a whole (a tags map) is the source of every part of it, and a list attribute
          // (address prefixes, identity ids) of each of its elements: the list is what a user edits.
          const inside = [...attributes].filter((a) => a.startsWith(`${found.pointer}/`));
          const verbatim = JSON.stringify(armAt(r, found.key)) === JSON.stringify(at(plan, found.pointer.split('/').slice(1)));
          const listElement = inside.some((a) => /^(\/\d+)+$/.test(a.slice(found.pointer.length)));
          if ((inside.length > 0 && verbatim) || listElement) continue;
          wrong.push(`${r.type} ${r.name} ${path}: points at ${found.pointer} (for ${found.key}); it came from ${[...attributes].join(', ')}`);
        }
      }
      assert.deepEqual(wrong, []);
      assert.ok(checked > 50, `only ${checked} properties were checked`);
    });

    it('the check covered every mapped type in the plan', () => {
      // A resource whose every attribute is known only after apply (an association of two new resources)
      // has nothing to change; its merged properties point at the resource itself.
      const mapped = new Set(planned.filter((p) => (MAPPINGS.has(p.type) || AUGMENTATIONS.has(p.type)) && scalarAttributes(p.values).length > 0).map((p) => p.type));
      assert.deepEqual([...mapped].filter((t) => !checkedTypes.has(t)).sort(), []);
    });

    it('every source pointer names a value in the plan file', () => {
      for (const r of base) {
        for (const [k, pointer] of Object.entries(r.sourcePointers ?? {})) {
          assert.notEqual(at(plan, pointer.split('/').slice(1)), undefined, `${r.name} ${k} → ${pointer}`);
        }
      }
    });
  });
}
