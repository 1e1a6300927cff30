// Test plans → suites (requirement-based suites carry requirementId) → test points with their latest result.
// Points are read once per plan from the root suite with isRecursive, the fewest requests the API allows.

import type { TestPlanRecord, TestPointRecord, TestSuiteRecord } from '../core/trace';
import type { AdoConnection } from './connection';
import { IncompleteDataError } from './errors';
import { mapPoint, mapSuite, type WirePoint, type WireSuite } from './map';
import { getAllPages, getPage, ROUTES } from './rest';

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
      const points = await getAllPages<WirePoint>(`test points of plan ${plan.id} (root suite ${rootId}, recursive)`, (token) =>
        getPage(conn.testPlan, ROUTES.testPoints, { project, planId: plan.id, suiteId: rootId }, { continuationToken: token, includePointDetails: true, isRecursive: true }),
      );
      const byNumber = await buildIds;
      return { plan, suites: suites.map((s) => mapSuite(s, plan.id)), points: points.map((p) => mapPoint(p, plan.id, (n) => byNumber.get(n))) };
    }),
  );
  const testPoints = perPlan.flatMap((p) => p.points).sort((a, b) => a.id - b.id);
  // The point API only knows the latest result; one newer than asOf hides the result that was current then.
  const later = testPoints.filter((p) => p.lastResult?.completedDate !== undefined && Date.parse(p.lastResult.completedDate) > Date.parse(asOf));
  if (later.length > 0) {
    const ids = later.slice(0, 10).map((p) => p.id).join(', ');
    throw new IncompleteDataError(
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
