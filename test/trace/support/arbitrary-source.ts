// Random TraceSources for property tests: small id pools so links collide, cycle and dangle often; hostile
// and arbitrary Unicode titles; every optional field sometimes missing.

import fc from 'fast-check';
import type { TestResultRef, TraceOptions, TraceSource, WorkItemRecord } from '../../../src/core/trace';

const WORK_ITEM_IDS = 12;
const LINK_TARGETS = 13; // beyond WORK_ITEM_IDS, so some links dangle

const instant = fc
  .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2026-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom(
    '<script>alert(1)</script>',
    '<SCRIPT src=//x></SCRIPT>',
    '<img src=x onerror=alert(1)>',
    '=HYPERLINK("http://x","y")',
    '+cmd|\' /C calc\'!A0',
    '-2+3',
    '@SUM(A1)',
    '\tTabbed',
    'pipe | star * [link](javascript:x) `code`',
    'line\r\nbreak',
    '"quoted", comma',
    '\u0000\u0007\u001b[31m',
    'Ünïcödé — 审计 ✓ 🧪',
  ),
);

const relation = fc.record({
  rel: fc.constantFrom(
    'Microsoft.VSTS.Common.TestedBy-Forward',
    'Microsoft.VSTS.Common.TestedBy-Reverse',
    'System.LinkTypes.Hierarchy-Reverse',
    'System.LinkTypes.Hierarchy-Forward',
    'Microsoft.VSTS.Common.TestedBy-Forward',
    'Microsoft.VSTS.Common.TestedBy-Reverse',
    'System.LinkTypes.Related',
  ),
  targetId: fc.integer({ min: 1, max: LINK_TARGETS }),
});

const workItem = fc.record({
  id: fc.integer({ min: 1, max: WORK_ITEM_IDS }),
  rev: fc.integer({ min: 1, max: 50 }),
  type: fc.constantFrom('Epic', 'Feature', 'User Story', 'User Story', 'Requirement', 'Test Case', 'Test Case', 'Bug'),
  title: hostileText,
  state: fc.constantFrom('New', 'Active', 'Resolved', 'Closed', 'Removed'),
  changedDate: instant,
  relations: fc.array(relation, { maxLength: 4 }),
}) satisfies fc.Arbitrary<WorkItemRecord>;

const result = fc.record(
  {
    outcome: fc.constantFrom('Passed', 'passed', 'Failed', 'Blocked', 'NotApplicable', 'None', 'InProgress', 'Error', 'Paused'),
    runId: fc.integer({ min: 1, max: 99 }),
    resultId: fc.integer({ min: 100000, max: 100999 }),
    completedDate: instant,
    runBy: hostileText,
    buildId: fc.integer({ min: 1, max: 8 }),
  },
  { requiredKeys: ['outcome', 'runId', 'resultId'] },
);

const point = fc.record(
  {
    id: fc.integer({ min: 1, max: 60 }),
    planId: fc.integer({ min: 1, max: 4 }),
    suiteId: fc.integer({ min: 1, max: 7 }),
    testCaseId: fc.integer({ min: 1, max: LINK_TARGETS }),
    testCaseTitle: hostileText,
    configuration: fc.constantFrom({ id: 1, name: 'Windows' }, { id: 2, name: 'Linux' }, { id: 3, name: 'Ünïcode <cfg>' }),
    lastResult: result,
  },
  { requiredKeys: ['id', 'planId', 'suiteId', 'testCaseId', 'configuration'] },
);

const suite = fc.record(
  {
    id: fc.integer({ min: 1, max: 6 }),
    planId: fc.integer({ min: 1, max: 4 }),
    name: hostileText,
    suiteType: fc.constantFrom('staticTestSuite', 'requirementTestSuite', 'dynamicTestSuite'),
    requirementId: fc.integer({ min: 1, max: LINK_TARGETS }),
  },
  { requiredKeys: ['id', 'planId', 'name', 'suiteType'] },
);

const build = fc.record(
  {
    id: fc.integer({ min: 1, max: 6 }),
    buildNumber: fc.string({ maxLength: 8 }),
    definition: fc.record({ id: fc.integer({ min: 1, max: 3 }), name: hostileText }),
    result: fc.constantFrom('succeeded', 'partiallySucceeded', 'failed', 'canceled'),
    finishTime: instant,
    workItemIds: fc.array(fc.integer({ min: 1, max: LINK_TARGETS }), { maxLength: 8 }),
  },
  { requiredKeys: ['id', 'buildNumber', 'definition', 'result', 'workItemIds'] },
);

const environment = fc.constantFrom({ id: 1, name: 'Production' }, { id: 2, name: 'prod-eu' }, { id: 3, name: 'Quality' }, { id: 4, name: 'dev' });

const deployment = fc.record(
  {
    id: fc.integer({ min: 1, max: 20 }),
    environment,
    stageName: hostileText,
    result: fc.constantFrom('succeeded', 'succeeded', 'failed', 'canceled'),
    finishTime: instant,
    buildId: fc.integer({ min: 1, max: 7 }),
    approvals: fc.array(
      fc.record({ approver: hostileText, decision: fc.constantFrom('approved', 'rejected'), decidedOn: instant }, { requiredKeys: ['approver', 'decision'] }),
      { maxLength: 2 },
    ),
  },
  { requiredKeys: ['id', 'environment', 'stageName', 'result', 'buildId', 'approvals'] },
);

const independentSource: fc.Arbitrary<TraceSource> = fc.record({
  organization: hostileText,
  project: hostileText,
  asOf: instant,
  workItems: fc.uniqueArray(workItem, { selector: (w) => w.id, minLength: 2, maxLength: WORK_ITEM_IDS }),
  testPlans: fc.uniqueArray(fc.record({ id: fc.integer({ min: 1, max: 3 }), name: hostileText }), { selector: (p) => p.id }),
  testSuites: fc.uniqueArray(suite, { selector: (s) => s.id }),
  testPoints: fc.uniqueArray(point, { selector: (p) => p.id, maxLength: 24 }),
  builds: fc.uniqueArray(build, { selector: (b) => b.id }),
  environments: fc.constant([
    { id: 1, name: 'Production' },
    { id: 2, name: 'prod-eu' },
    { id: 3, name: 'Quality' },
    { id: 4, name: 'dev' },
  ]),
  deployments: fc.uniqueArray(deployment, { selector: (d) => d.id, maxLength: 10 }),
});

export const traceOptions: fc.Arbitrary<TraceOptions> = fc.record({
  requirementTypes: fc.constantFrom(['User Story'], ['User Story', 'Requirement'], ['user story', 'Bug']),
  productionEnvironments: fc.constantFrom(['prod'], ['^production$'], ['prod(']),
  completedStates: fc.constantFrom(['Closed', 'Resolved'], ['Closed']),
  generatedAt: instant,
});

/**
 * Random links rarely make a test case both Tested-By-linked and in its requirement's suite, so some
 * sources get points added for exactly that: every test case a requirement links by Tested By is put in
 * that requirement's requirement-based suites, with a random result.
 */
function withSuitePoints(source: TraceSource, results: (TestResultRef | undefined)[]): TraceSource {
  const extra: TraceSource['testPoints'] = [];
  let next = 1000;
  for (const suite of source.testSuites) {
    if (suite.suiteType !== 'requirementTestSuite' || suite.requirementId === undefined) continue;
    const requirement = source.workItems.find((w) => w.id === suite.requirementId);
    for (const r of requirement?.relations ?? []) {
      if (r.rel !== 'Microsoft.VSTS.Common.TestedBy-Forward' || r.targetId === undefined) continue;
      const lastResult = results[next % Math.max(1, results.length)];
      extra.push({ id: next++, planId: suite.planId, suiteId: suite.id, testCaseId: r.targetId, configuration: { id: 1, name: 'Windows' }, ...(lastResult ? { lastResult } : {}) });
    }
  }
  return { ...source, testPoints: [...source.testPoints, ...extra] };
}

export const traceSource: fc.Arbitrary<TraceSource> = fc.oneof(
  independentSource,
  fc.tuple(independentSource, fc.array(fc.option(result, { nil: undefined }), { minLength: 1, maxLength: 5 })).map(([s, r]) => withSuitePoints(s, r)),
);
