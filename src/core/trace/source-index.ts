// Lookup tables over a TraceSource, built once so the matrix is linear in the size of the source, plus the
// count of references that point outside it (ignored by the analysis, but reported).

import type {
  BuildRecord,
  DeploymentRecord,
  TestPlanRecord,
  TestPointRecord,
  TestSuiteRecord,
  TraceSource,
  WorkItemRecord,
} from './source';

export const REL_PARENT = 'system.linktypes.hierarchy-reverse';
export const REL_CHILD = 'system.linktypes.hierarchy-forward';
export const REL_TESTED_BY = 'microsoft.vsts.common.testedby-forward';
export const REL_TESTS = 'microsoft.vsts.common.testedby-reverse';

const FOLLOWED_RELS = new Set([REL_PARENT, REL_CHILD, REL_TESTED_BY, REL_TESTS]);

export interface SourceIndex {
  workItems: Map<number, WorkItemRecord>;
  plans: Map<number, TestPlanRecord>;
  suites: Map<number, TestSuiteRecord>;
  /** Parent candidates of a work item, from either side of the hierarchy link, sorted by id. */
  parents: Map<number, number[]>;
  /** Test case ids linked by Tested By, from either side of the link. */
  testedBy: Map<number, Set<number>>;
  pointsByTestCase: Map<number, TestPointRecord[]>;
  /** Test case ids in requirement-based suites of each requirement. */
  suiteTestCases: Map<number, Set<number>>;
  /** Requirement-based suites of each requirement, sorted by id (to explain an empty one). */
  requirementSuites: Map<number, number[]>;
  buildsByWorkItem: Map<number, BuildRecord[]>;
  deploymentsByBuild: Map<number, DeploymentRecord[]>;
  danglingLinks: number;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function add<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

function isRequirementSuite(suite: TestSuiteRecord): boolean {
  return suite.suiteType.toLowerCase() === 'requirementtestsuite';
}

export function indexSource(source: TraceSource): SourceIndex {
  const workItems = new Map(source.workItems.map((w) => [w.id, w]));
  const plans = new Map(source.testPlans.map((p) => [p.id, p]));
  const suites = new Map(source.testSuites.map((s) => [s.id, s]));
  const builds = new Map(source.builds.map((b) => [b.id, b]));
  // A dangling reference is counted once however many times the same record repeats it.
  const dangling = new Set<string>();

  const parentSets = new Map<number, Set<number>>();
  const testedBy = new Map<number, Set<number>>();
  for (const w of source.workItems) {
    for (const r of w.relations) {
      const rel = r.rel.toLowerCase();
      if (!FOLLOWED_RELS.has(rel) || r.targetId === undefined) continue;
      if (!workItems.has(r.targetId)) {
        dangling.add(`workItem ${w.id} ${rel} ${r.targetId}`);
        continue;
      }
      if (rel === REL_PARENT) add(parentSets, w.id, r.targetId);
      else if (rel === REL_CHILD) add(parentSets, r.targetId, w.id);
      else if (rel === REL_TESTED_BY) add(testedBy, w.id, r.targetId);
      else add(testedBy, r.targetId, w.id);
    }
  }
  const parents = new Map<number, number[]>();
  for (const [child, set] of parentSets) parents.set(child, [...set].sort((a, b) => a - b));

  const pointsByTestCase = new Map<number, TestPointRecord[]>();
  const pointsBySuite = new Map<number, TestPointRecord[]>();
  for (const p of source.testPoints) {
    push(pointsByTestCase, p.testCaseId, p);
    push(pointsBySuite, p.suiteId, p);
    if (!plans.has(p.planId)) dangling.add(`testPoint ${p.id} plan ${p.planId}`);
    if (!suites.has(p.suiteId)) dangling.add(`testPoint ${p.id} suite ${p.suiteId}`);
  }

  const suiteTestCases = new Map<number, Set<number>>();
  const requirementSuites = new Map<number, number[]>();
  for (const s of [...source.testSuites].sort((a, b) => a.id - b.id)) {
    if (!plans.has(s.planId)) dangling.add(`testSuite ${s.id} plan ${s.planId}`);
    if (!isRequirementSuite(s) || s.requirementId === undefined) continue;
    if (!workItems.has(s.requirementId)) {
      dangling.add(`testSuite ${s.id} requirement ${s.requirementId}`);
      continue;
    }
    push(requirementSuites, s.requirementId, s.id);
    const set = suiteTestCases.get(s.requirementId) ?? new Set<number>();
    suiteTestCases.set(s.requirementId, set);
    for (const p of pointsBySuite.get(s.id) ?? []) set.add(p.testCaseId);
  }

  const buildsByWorkItem = new Map<number, BuildRecord[]>();
  for (const b of source.builds) {
    for (const id of new Set(b.workItemIds)) {
      if (workItems.has(id)) push(buildsByWorkItem, id, b);
      else dangling.add(`build ${b.id} workItem ${id}`);
    }
  }

  const deploymentsByBuild = new Map<number, DeploymentRecord[]>();
  for (const d of source.deployments) {
    if (builds.has(d.buildId)) push(deploymentsByBuild, d.buildId, d);
    else dangling.add(`deployment ${d.id} build ${d.buildId}`);
  }

  return {
    workItems,
    plans,
    suites,
    parents,
    testedBy,
    pointsByTestCase,
    suiteTestCases,
    requirementSuites,
    buildsByWorkItem,
    deploymentsByBuild,
    danglingLinks: dangling.size,
  };
}
