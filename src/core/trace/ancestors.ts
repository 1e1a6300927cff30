import type { AncestorRef } from './matrix';
import type { SourceIndex } from './source-index';

/**
 * The parent chain of a work item, nearest first. Azure DevOps allows one parent, but a source assembled
 * from two sides of a link (or edited mid-read) can disagree, so the lowest parent id wins, which keeps
 * the chain the same on every run. A cycle ends the chain at the first repeated item.
 */
export function ancestorsOf(id: number, index: SourceIndex): AncestorRef[] {
  const chain: AncestorRef[] = [];
  const visited = new Set<number>([id]);
  let current = id;
  for (;;) {
    const parentId = index.parents.get(current)?.[0];
    if (parentId === undefined || visited.has(parentId)) return chain;
    const parent = index.workItems.get(parentId);
    if (!parent) return chain;
    chain.push({ id: parent.id, type: parent.type, title: parent.title });
    visited.add(parentId);
    current = parentId;
  }
}
