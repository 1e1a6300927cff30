// Read-side indexes over EmulatorData: work item snapshots at any instant, and the latest result per test
// point. Built once per server; the seed objects are never mutated.

import {
  EmulatorData,
  Identity,
  StoredBuild,
  StoredRelation,
  StoredRevision,
  StoredTestPoint,
  StoredTestResult,
  StoredTestRun,
  StoredTestSuite,
} from './data/types';

export interface WorkItemSnapshot {
  id: number;
  rev: number;
  fields: Record<string, string | number>;
  relations: StoredRelation[];
}

export interface Store {
  data: EmulatorData;
  identity(id: string): Identity;
  /** The work item as it was at `asOf` (ms), or now; undefined if it did not exist yet. */
  workItemAt(id: number, asOf?: number): WorkItemSnapshot | undefined;
  workItemIds(): number[];
  revisions(id: number): StoredRevision[] | undefined;
  suite(planId: number, suiteId: number): StoredTestSuite | undefined;
  suitesOfPlan(planId: number): StoredTestSuite[];
  /** The suite and its descendants, depth first in id order. */
  suiteTree(planId: number, suiteId: number): StoredTestSuite[];
  childSuites(suiteId: number): StoredTestSuite[];
  pointsOfSuite(suiteId: number): StoredTestPoint[];
  /** The points of suiteTree(planId, suiteId), in that order (do not modify). */
  pointsOfTree(planId: number, suiteId: number): StoredTestPoint[];
  point(id: number): StoredTestPoint | undefined;
  run(id: number): StoredTestRun | undefined;
  latestResult(pointId: number): StoredTestResult | undefined;
  resultsOfRun(runId: number): StoredTestResult[];
  build(id: number): StoredBuild | undefined;
  /** Every revision of every work item, in the order of the reporting feed (changed date, id, rev). */
  revisionFeed(): Array<{ id: number; rev: number; changedDate: string }>;
  /** Every field reference name that occurs in the data (for WIQL validation). */
  knownFields: ReadonlySet<string>;
}

export function createStore(data: EmulatorData): Store {
  const identities = new Map(data.identities.map((i) => [i.id, i]));
  const items = new Map(data.workItems.map((w) => [w.id, w]));
  const current = new Map<number, WorkItemSnapshot>();
  const knownFields = new Set<string>(['System.Id', 'System.Rev', 'System.ChangedDate', 'System.ChangedBy', 'System.Links.LinkType']);
  for (const w of data.workItems) for (const r of w.revisions) for (const k of Object.keys(r.fields)) knownFields.add(k);

  /** Each revision's changed date in ms, parsed once. */
  const changedAt = new Map<StoredRevision, number>();
  for (const w of data.workItems) for (const r of w.revisions) changedAt.set(r, Date.parse(r.changedDate));

  // One fields object filled revision by revision: the same keys, order and values as spreading the previous
  // snapshot's fields and the revision's into a new object per revision, without the copies.
  const fold = (revisions: StoredRevision[], id: number, asOf?: number): WorkItemSnapshot | undefined => {
    let fields: Record<string, string | number> | undefined;
    let last: StoredRevision | undefined;
    let relations: StoredRelation[] = [];
    for (const r of revisions) {
      if (asOf !== undefined && changedAt.get(r)! > asOf) break;
      fields ??= {};
      Object.assign(fields, r.fields);
      fields['System.Id'] = id;
      fields['System.Rev'] = r.rev;
      fields['System.ChangedDate'] = r.changedDate;
      fields['System.ChangedBy'] = r.changedBy;
      relations = r.relations ?? relations;
      last = r;
    }
    return fields && last ? { id, rev: last.rev, fields, relations } : undefined;
  };

  const suitesByPlan = new Map<number, StoredTestSuite[]>();
  const suitesById = new Map<number, StoredTestSuite>();
  for (const s of data.testSuites) {
    suitesById.set(s.id, s);
    const list = suitesByPlan.get(s.planId) ?? [];
    list.push(s);
    suitesByPlan.set(s.planId, list);
  }
  const children = new Map<number, StoredTestSuite[]>();
  for (const s of data.testSuites) {
    if (s.parentSuiteId === undefined) continue;
    const list = children.get(s.parentSuiteId) ?? [];
    list.push(s);
    children.set(s.parentSuiteId, list);
  }
  const pointsBySuite = new Map<number, StoredTestPoint[]>();
  for (const p of data.testPoints) {
    const list = pointsBySuite.get(p.suiteId) ?? [];
    list.push(p);
    pointsBySuite.set(p.suiteId, list);
  }
  const latest = new Map<number, StoredTestResult>();
  const byRun = new Map<number, StoredTestResult[]>();
  for (const r of data.testResults) {
    const prior = latest.get(r.testPointId);
    if (!prior || r.completedDate > prior.completedDate || (r.completedDate === prior.completedDate && r.runId > prior.runId)) latest.set(r.testPointId, r);
    const list = byRun.get(r.runId) ?? [];
    list.push(r);
    byRun.set(r.runId, list);
  }
  const builds = new Map(data.builds.map((b) => [b.id, b]));
  const points = new Map(data.testPoints.map((p) => [p.id, p]));
  let feed: Array<{ id: number; rev: number; changedDate: string }> | undefined;
  const runs = new Map(data.testRuns.map((r) => [r.id, r]));
  const treePoints = new Map<string, StoredTestPoint[]>();
  const suiteTree = (planId: number, suiteId: number): StoredTestSuite[] => {
    const root = suitesById.get(suiteId);
    if (!root || root.planId !== planId) return [];
    const out: StoredTestSuite[] = [];
    const walk = (s: StoredTestSuite) => {
      out.push(s);
      for (const c of children.get(s.id) ?? []) walk(c);
    };
    walk(root);
    return out;
  };

  return {
    data,
    knownFields,
    identity(id) {
      return identities.get(id) ?? { id, displayName: id, uniqueName: id };
    },
    workItemAt(id, asOf) {
      const item = items.get(id);
      if (!item) return undefined;
      if (asOf !== undefined) return fold(item.revisions, id, asOf);
      let snap = current.get(id);
      if (!snap) {
        snap = fold(item.revisions, id)!;
        current.set(id, snap);
      }
      return snap;
    },
    workItemIds() {
      return data.workItems.map((w) => w.id);
    },
    revisions(id) {
      return items.get(id)?.revisions;
    },
    suite(planId, suiteId) {
      const s = suitesById.get(suiteId);
      return s && s.planId === planId ? s : undefined;
    },
    suitesOfPlan(planId) {
      return suitesByPlan.get(planId) ?? [];
    },
    suiteTree,
    childSuites(suiteId) {
      return children.get(suiteId) ?? [];
    },
    point(id) {
      return points.get(id);
    },
    run(id) {
      return runs.get(id);
    },
    pointsOfSuite(suiteId) {
      return pointsBySuite.get(suiteId) ?? [];
    },
    pointsOfTree(planId, suiteId) {
      // An index over immutable data, built on first use (paging through a recursive read walks it per page).
      const key = `${planId}/${suiteId}`;
      let list = treePoints.get(key);
      if (!list) {
        list = suiteTree(planId, suiteId).flatMap((s) => pointsBySuite.get(s.id) ?? []);
        treePoints.set(key, list);
      }
      return list;
    },
    latestResult(pointId) {
      return latest.get(pointId);
    },
    resultsOfRun(runId) {
      return byRun.get(runId) ?? [];
    },
    build(id) {
      return builds.get(id);
    },
    revisionFeed() {
      feed ??= data.workItems
        .flatMap((w) => w.revisions.map((r) => ({ id: w.id, rev: r.rev, changedDate: r.changedDate })))
        .sort((a, b) => a.changedDate.localeCompare(b.changedDate) || a.id - b.id || a.rev - b.rev);
      return feed;
    },
  };
}
