// The requirements a pipeline run is about: the work items associated with the run (builds/{id}/workitems)
// that are requirements, and the requirements below associated features and epics. The gate judges the
// matrix rows of those only.

import type { TraceabilityMatrix } from './matrix';
import type { TraceSource } from './source';
import { summarize } from './summary';

const CHILD = 'system.linktypes.hierarchy-forward';
const PARENT = 'system.linktypes.hierarchy-reverse';

/** Requirement ids in scope, ascending. Hierarchy links count from either end, as the engine reads them. */
export function requirementsInScope(source: TraceSource, associatedIds: readonly number[], requirementTypes: readonly string[]): number[] {
  const isRequirement = new Set(requirementTypes.map((t) => t.toLowerCase()));
  const byId = new Map(source.workItems.map((w) => [w.id, w]));
  const children = new Map<number, Set<number>>();
  const link = (parent: number, child: number) => {
    const set = children.get(parent) ?? new Set<number>();
    set.add(child);
    children.set(parent, set);
  };
  for (const w of source.workItems) {
    for (const r of w.relations) {
      if (r.targetId === undefined) continue;
      const rel = r.rel.toLowerCase();
      if (rel === CHILD) link(w.id, r.targetId);
      else if (rel === PARENT) link(r.targetId, w.id);
    }
  }
  const inScope = new Set<number>();
  const visited = new Set<number>();
  const walk = (id: number) => {
    if (visited.has(id)) return;
    visited.add(id);
    const w = byId.get(id);
    if (!w) return;
    if (isRequirement.has(w.type.toLowerCase())) {
      // A requirement's own children (tasks, sub-stories) are not requirements of this run.
      inScope.add(id);
      return;
    }
    for (const child of children.get(id) ?? []) walk(child);
  };
  for (const id of associatedIds) walk(id);
  return [...inScope].sort((a, b) => a - b);
}

/**
 * The matrix restricted to `ids`: their rows, and a summary of those rows. Removed requirements are counted
 * among the ids; dangling links stay those of the whole read, which is what they describe.
 */
export function scopeMatrix(m: TraceabilityMatrix, ids: readonly number[], removedInScope: number): TraceabilityMatrix {
  const wanted = new Set(ids);
  const requirements = m.requirements.filter((r) => wanted.has(r.id));
  return { ...m, requirements, summary: summarize(requirements, removedInScope, m.summary.danglingLinks) };
}

/** Requirement ids in scope that have no row: the engine leaves out requirements in the Removed state. */
export function removedAmong(ids: readonly number[], matrix: TraceabilityMatrix): number {
  const rows = new Set(matrix.requirements.map((r) => r.id));
  return ids.filter((id) => !rows.has(id)).length;
}
