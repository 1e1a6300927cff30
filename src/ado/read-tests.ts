// Test plans → suites (requirement-based suites carry requirementId) → test points with their latest result.
// Points are read once per plan from the root suite with isRecursive, the fewest requests the API allows.

import type { TestPlanRecord, TestPointRecord, TestSuiteRecord } from '../core/trace';
import type { AdoConnection } from './connection';
import { IncompleteDataError, ResultsAfterAsOfError } from './errors';
import { withPriority } from './http-policy';
import { mapPoint, mapSuite, type WirePoint, type WireSuite } from './map';
import { getAllPages, getPage, ROUTES, step, type RawPage } from './rest';

interface WirePlan {
  id: number;
  name?: string;
  rootSuite?: { id?: number } | null;
}

export interface TestData {
  testPlans: TestPlanRecord[];
  testSuites: TestSuiteRecord[];
  testPoints: TestPointRecord[];
}

/** `buildIds` resolves once the build list is read: build number → id, undefined when the number is ambiguous. */
export async function readTestData(conn: AdoConnection, project: string, asOf: string, buildIds: Promise<Map<string, number | undefined>>): Promise<TestData> {
  const plans = await getAllPages<WirePlan>('test plans', (token) => getPage(conn.testPlan, ROUTES.testPlans, { project }, { continuationToken: token }));
  const perPlan = await Promise.all(
    plans.map(async (plan) => {
      const suites = await getAllPages<WireSuite>(`test suites of plan ${plan.id}`, (token) =>
        getPage(conn.testPlan, ROUTES.testSuites, { project, planId: plan.id }, { continuationToken: token }),
      );
      const rootId = plan.rootSuite?.id;
      if (typeof rootId !== 'number') throw new IncompleteDataError(`test points of plan ${plan.id}`, 'the plan has no root suite');
      // Each page is mapped as it arrives, so the large wire objects do not pile up.
      const toRecords = async (items: WirePoint[]) => {
        const byNumber = await buildIds;
        return items.map((p) => mapPoint(p, plan.id, (n) => byNumber.get(n)));
      };
      const points = await readPlanPoints(conn, project, plan.id, rootId, suites, toRecords);
      return { plan, suites: suites.map((s) => mapSuite(s, plan.id)), points };
    }),
  );
  const testPoints = perPlan.flatMap((p) => p.points).sort((a, b) => a.id - b.id);
  // The point API only knows the latest result; one newer than asOf hides the result that was current then.
  const later = testPoints.filter((p) => p.lastResult?.completedDate !== undefined && Date.parse(p.lastResult.completedDate) > Date.parse(asOf));
  if (later.length > 0) {
    const ids = later.slice(0, 10).map((p) => p.id).join(', ');
    throw new ResultsAfterAsOfError(
      `the test results as of ${asOf}`,
      `${later.length} test point(s) (${ids}${later.length > 10 ? ', …' : ''}) have a latest result completed after that instant, and the test point API does not give the result current at an earlier time; choose a later --as-of`,
    );
  }
  return {
    testPlans: plans.map((p) => ({ id: p.id, name: p.name ?? '' })).sort((a, b) => a.id - b.id),
    testSuites: perPlan.flatMap((p) => p.suites).sort((a, b) => a.id - b.id),
    testPoints,
  };
}

/** A subtree is worth its own request chain when its top-level suites average at least this many suites. */
const SUITES_PER_CHAIN = 8;

/**
 * How to read a large plan's points in parallel: the suites read alone (non-recursive) and the subtrees read
 * recursively, together exactly the plan's suite tree. From the root down through single-child suites to
 * the first suite with several children, which are split off when they are big enough to fill pages
 * (so small top-level suites do not each cost a request); undefined means one chain is better.
 */
export function splitPlan(rootId: number, suites: WireSuite[]): { alone: number[]; subtrees: number[] } | undefined {
  const children = new Map<number, number[]>();
  for (const s of suites) {
    const parent = s.parentSuite?.id;
    if (typeof parent !== 'number') continue;
    children.set(parent, [...(children.get(parent) ?? []), s.id]);
  }
  const size = (id: number): number => 1 + (children.get(id) ?? []).reduce((n, c) => n + size(c), 0);
  const alone: number[] = [];
  let at = rootId;
  for (;;) {
    const kids = children.get(at) ?? [];
    if (kids.length === 0) return undefined;
    alone.push(at);
    if (kids.length === 1) {
      at = kids[0]!;
      continue;
    }
    return kids.length * SUITES_PER_CHAIN <= size(at) - 1 ? { alone, subtrees: [...kids].sort((a, b) => a - b) } : undefined;
  }
}

/**
 * Every point of a plan. One recursive read of the root when it fits a page; otherwise, when the suite tree
 * allows, parallel chains per subtree (a single chain of continuation tokens is as slow as its length).
 */
async function readPlanPoints(conn: AdoConnection, project: string, planId: number, rootId: number, suites: WireSuite[], toRecords: (items: WirePoint[]) => Promise<TestPointRecord[]>): Promise<TestPointRecord[]> {
  // Pages are mapped off the chain: the mapping waits for the build list, the next page must not.
  const mapped: Promise<TestPointRecord[]>[] = [];
  const fetchPage = async (suiteId: number, recursive: boolean, token: string | undefined): Promise<RawPage<never>> => {
    const page = await getPage<WirePoint>(conn.testPlan, ROUTES.testPoints, { project, planId, suiteId }, { continuationToken: token, includePointDetails: true, isRecursive: recursive });
    const records = toRecords(page.items);
    records.catch(() => undefined);
    mapped.push(records);
    return { items: [], ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
  };
  const read = (suiteId: number, recursive: boolean, first?: RawPage<never>) => {
    let pending = first;
    return getAllPages<never>(`test points of plan ${planId} (${recursive ? 'recursive from ' : ''}suite ${suiteId})`, (token) => {
      if (pending && token === undefined) {
        const page = pending;
        pending = undefined;
        return Promise.resolve(page);
      }
      return fetchPage(suiteId, recursive, token);
    });
  };
  const first = await step(`test points of plan ${planId} (recursive from suite ${rootId}), page 1`, () => withPriority(1, () => fetchPage(rootId, true, undefined)));
  const split = first.continuationToken ? splitPlan(rootId, suites) : undefined;
  if (!split) {
    await read(rootId, true, first);
  } else {
    // The first page was only a probe of the plan's size; the split reads cover the whole tree again.
    mapped.length = 0;
    await Promise.all([...split.alone.map((id) => read(id, false)), ...split.subtrees.map((id) => read(id, true))]);
  }
  const byId = new Map<number, TestPointRecord>();
  for (const page of await Promise.all(mapped)) for (const p of page) byId.set(p.id, p);
  return [...byId.values()];
}
