// Deterministic generator of one project's history. Every requirement is generated for a scenario (healthy
// or one of the traceability gaps) and its test cases, results, builds and deployments are derived from that
// scenario, so the data is internally consistent in time: nothing is tested before it last changed unless the
// scenario is `stale`, and nothing is released by a build that did not reach production.

import { EpicSpec, PEOPLE, SAMPLE_BACKLOG, TEST_ANGLES } from './catalogue';
import { Random, seededRandom, stableUuid } from './prng';
import {
  EmulatorData,
  Identity,
  RequirementScenario,
  StoredApproval,
  StoredBuild,
  StoredDeployment,
  StoredRelation,
  StoredRevision,
  StoredTestPoint,
  StoredTestResult,
  StoredTestRun,
  StoredTestSuite,
  StoredWorkItem,
  TestOutcome,
} from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Healthy requirements dominate, and every gap recurs in each cycle of sixteen. */
const SCENARIO_CYCLE: RequirementScenario[] = [
  'verified-released', 'untested', 'verified-released', 'never-run',
  'verified', 'failing', 'verified-released', 'blocked',
  'stale', 'verified-released', 'not-deployed', 'released-untested',
  'verified-released', 'released-failing', 'verified', 'verified-released',
];

const RELEASED: ReadonlySet<RequirementScenario> = new Set(['verified-released', 'stale', 'released-untested', 'released-failing']);
const UNTESTED: ReadonlySet<RequirementScenario> = new Set(['untested', 'released-untested']);

const FINAL_STATE: Record<RequirementScenario, string> = {
  verified: 'Active',
  'verified-released': 'Closed',
  untested: 'Active',
  'never-run': 'Active',
  failing: 'Active',
  blocked: 'Active',
  stale: 'Closed',
  'not-deployed': 'Closed',
  'released-untested': 'Closed',
  'released-failing': 'Closed',
};

export interface GenerateOptions {
  organization: string;
  projectName: string;
  /** Omit for the curated sample; otherwise the approximate number of work items to generate. */
  workItemCount?: number;
  randomSeed: number;
}

interface Clock {
  start: number;
  asOf: number;
}

export function generateProject(opts: GenerateOptions): EmulatorData {
  const random = seededRandom(opts.randomSeed);
  const clock: Clock = { start: Date.parse('2026-05-04T08:00:00.000Z'), asOf: Date.parse('2026-11-20T12:00:00.000Z') };
  const iso = (ms: number) => new Date(ms).toISOString();
  const large = opts.workItemCount !== undefined;
  const backlog = large ? scaledBacklog(opts.workItemCount!) : SAMPLE_BACKLOG;

  const identities: Identity[] = PEOPLE.map((p, i) => ({ id: stableUuid(0x1d, i + 1), ...p }));
  const buildService: Identity = { id: stableUuid(0x1d, 99), displayName: 'ClinicalAI Build Service (contoso-health)', uniqueName: 'Build\\' + stableUuid(0x1d, 98) };
  identities.push(buildService);
  const [po, dev1, dev2, dev3, qa1, qa2, qaLead, approver] = identities.map((p) => p.id);
  const developers = [dev1, dev2, dev3];
  const testers = [qa1, qa2];

  const project = {
    id: stableUuid(0x9a, 1),
    name: opts.projectName,
    description: 'Clinical AI platform: sepsis risk prediction, FHIR ingestion and clinician decision support (GxP, IEC 62304 class B).',
    lastUpdateTime: iso(clock.start - 30 * DAY),
  };

  // Builds and their deployments come first: requirements are then fitted around the builds that carry them.
  const pipelines = [
    { id: 1, name: 'clinicalai-platform-ci', path: '\\ClinicalAI', repository: 'clinicalai-platform' },
    { id: 2, name: 'clinicalai-model-service-ci', path: '\\ClinicalAI', repository: 'clinicalai-model-service' },
  ];
  const environments = ['dev', 'qa', 'production'].map((name, i) => ({
    id: i + 1,
    name,
    description: { dev: 'Development landing zone (non-GxP)', qa: 'Qualification environment (IQ/OQ)', production: 'Validated production (PQ), change-controlled' }[name]!,
    createdOn: iso(clock.start - 20 * DAY + i * HOUR),
    createdBy: po,
  }));

  const storyCount = backlog.reduce((n, e) => n + e.features.reduce((m, f) => m + f.stories.length, 0), 0);
  const buildCount = Math.max(36, Math.ceil(storyCount / 4));
  const builds: StoredBuild[] = [];
  const deployments: StoredDeployment[] = [];
  const approvals: StoredApproval[] = [];
  const buildSpan = 150 * DAY;
  for (let i = 0; i < buildCount; i++) {
    const definitionId = i % 3 === 2 ? 2 : 1;
    const queue = clock.start + 10 * DAY + Math.floor((i * buildSpan) / buildCount) + Math.floor(random() * 4 * HOUR);
    const finish = queue + 18 * 60_000 + Math.floor(random() * 20 * 60_000);
    const result = i % 11 === 5 ? 'failed' : i % 13 === 7 ? 'partiallySucceeded' : 'succeeded';
    const perDefinition = builds.filter((b) => b.definitionId === definitionId).length + 1;
    builds.push({
      id: 100 + i,
      buildNumber: `${iso(queue).slice(0, 10).replace(/-/g, '')}.${perDefinition}`,
      definitionId,
      result,
      reason: i % 5 === 3 ? 'manual' : 'individualCI',
      queueTime: iso(queue),
      startTime: iso(queue + 40_000),
      finishTime: iso(finish),
      sourceBranch: 'refs/heads/main',
      sourceVersion: hex40(random),
      requestedFor: developers[i % developers.length],
      workItemIds: [],
    });
    if (result === 'failed') continue;
    const build = builds[builds.length - 1];
    const deploy = (environmentId: number, at: number, outcome: StoredDeployment['result']) => {
      const stage = ['Deploy_dev', 'Deploy_qa', 'Deploy_production'][environmentId - 1];
      deployments.push({
        id: 1000 + deployments.length,
        environmentId,
        buildId: build.id,
        definitionId,
        stageName: stage,
        jobName: `Deploy ${pipelines[definitionId - 1].repository}`,
        result: outcome,
        queueTime: iso(at),
        startTime: iso(at + 30_000),
        finishTime: iso(at + 30_000 + 9 * 60_000 + (environmentId * 60_000)),
        planId: stableUuid(0x71, deployments.length + 1),
      });
    };
    deploy(1, finish + 20 * 60_000, 'succeeded');
    if (i % 2 !== 0 || result !== 'succeeded') continue;
    const qaOk = i % 10 !== 4;
    deploy(2, finish + DAY, qaOk ? 'succeeded' : 'failed');
    if (!qaOk || i % 4 !== 0) continue;
    const asked = finish + DAY + 2 * HOUR;
    const rejected = i % 24 === 8;
    approvals.push({
      id: stableUuid(0xa9, approvals.length + 1),
      buildId: build.id,
      definitionId,
      environmentId: 3,
      stageName: 'Deploy_production',
      status: rejected ? 'rejected' : 'approved',
      instructions: 'Confirm the validation summary report and change record before releasing to production.',
      minRequiredApprovers: 1,
      createdOn: iso(asked),
      lastModifiedOn: iso(asked + 5 * HOUR),
      steps: [{
        approver: i % 8 === 0 ? approver : qaLead,
        status: rejected ? 'rejected' : 'approved',
        comment: rejected
          ? 'Rejected: open deviation on the QA deployment; re-run OQ before release.'
          : `Validation evidence reviewed; released under change record CR-2026-${String(100 + i).padStart(4, '0')}.`,
        initiatedOn: iso(asked),
        lastModifiedOn: iso(asked + 5 * HOUR),
      }],
    });
    if (rejected) continue;
    deploy(3, asked + 6 * HOUR, i % 12 === 4 ? 'failed' : 'succeeded');
  }
  const reachedProduction = new Set(deployments.filter((d) => d.environmentId === 3 && d.result === 'succeeded').map((d) => d.buildId));
  const releasedBuilds = builds.filter((b) => reachedProduction.has(b.id));
  const unreleasedBuilds = builds.filter((b) => b.result !== 'failed' && !reachedProduction.has(b.id));

  // Work items: epics, features, then requirements with their test cases.
  const workItems: StoredWorkItem[] = [];
  let nextId = 1;
  const scenarios: Record<number, RequirementScenario> = {};
  const requirementTests = new Map<number, number[]>();
  const requirementBuild = new Map<number, number>();
  const lastChange = new Map<number, number>();

  const base = (type: string, title: string, area: string, iteration: string, state: string, createdBy: string, at: number) => ({
    'System.TeamProject': project.name,
    'System.WorkItemType': type,
    'System.Title': title,
    'System.State': state,
    'System.Reason': 'New',
    'System.AreaPath': `${project.name}\\${area}`,
    'System.IterationPath': iteration,
    'System.CreatedDate': iso(at),
    'System.CreatedBy': createdBy,
    'Microsoft.VSTS.Common.Priority': 2,
  });
  const iterationAt = (ms: number) => {
    const sprint = Math.max(1, Math.floor((ms - clock.start) / (14 * DAY)) + 1);
    return `${project.name}\\Release 1\\Sprint ${sprint}`;
  };

  const epicIds: number[] = [];
  const featureIds: number[][] = [];
  backlog.forEach((epic) => {
    epicIds.push(nextId++);
    featureIds.push(epic.features.map(() => nextId++));
  });

  let storyIndex = 0;
  const storyIdsByFeature = new Map<number, number[]>();
  const storyPlan: Array<{ id: number; epicIdx: number; scenario: RequirementScenario; title: string; area: string; featureId: number }> = [];
  backlog.forEach((epic, e) => {
    epic.features.forEach((feature, f) => {
      const ids: number[] = [];
      for (const title of feature.stories) {
        const id = nextId++;
        ids.push(id);
        const scenario = SCENARIO_CYCLE[storyIndex % SCENARIO_CYCLE.length];
        storyPlan.push({ id, epicIdx: e, scenario, title, area: feature.area, featureId: featureIds[e][f] });
        scenarios[id] = scenario;
        storyIndex++;
      }
      storyIdsByFeature.set(featureIds[e][f], ids);
    });
  });

  // Requirements.
  const storyRevisions = new Map<number, StoredRevision[]>();
  const pendingTestCases: Array<{ id: number; storyId: number; title: string; area: string; createdAt: number; automated: boolean }> = [];
  storyPlan.forEach((s, k) => {
    const nominal = clock.start + Math.floor((k / Math.max(1, storyPlan.length)) * 150 * DAY) + Math.floor(random() * 12 * HOUR);
    let build: StoredBuild | undefined;
    if (RELEASED.has(s.scenario)) build = nearestAfter(releasedBuilds, nominal + 9 * DAY) ?? releasedBuilds[releasedBuilds.length - 1];
    else if (s.scenario === 'not-deployed') build = nearestAfter(unreleasedBuilds, nominal + 9 * DAY) ?? unreleasedBuilds[unreleasedBuilds.length - 1];
    else if (s.scenario === 'verified' || s.scenario === 'failing') build = nearestAfter(unreleasedBuilds, nominal + 9 * DAY);
    const resolved = build ? Date.parse(build.queueTime) - DAY - Math.floor(random() * 6 * HOUR) : nominal + 9 * DAY;
    const created = resolved - 9 * DAY;
    const activeAt = created + 2 * DAY;
    const owner = developers[k % developers.length];
    const revs: StoredRevision[] = [];
    const relations: StoredRelation[] = [{ rel: 'System.LinkTypes.Hierarchy-Reverse', targetId: s.featureId, name: 'Parent' }];
    revs.push({
      rev: 1, changedDate: iso(created), changedBy: po,
      fields: {
        ...base('User Story', s.title, s.area, iterationAt(created), 'New', po, created),
        'Microsoft.VSTS.Common.Priority': 1 + (k % 3),
        'Microsoft.VSTS.Common.AcceptanceCriteria': `<div>Given a ${s.area.split('\\')[0].toLowerCase()} scenario, the behaviour "${escapeText(s.title)}" is met and recorded in the audit trail.</div>`,
        'Microsoft.VSTS.Scheduling.StoryPoints': [1, 2, 3, 5, 8][k % 5],
      },
      relations: [...relations],
    });
    revs.push({ rev: 2, changedDate: iso(activeAt), changedBy: owner, fields: { 'System.State': 'Active', 'System.Reason': 'Implementation started', 'System.AssignedTo': owner, 'System.IterationPath': iterationAt(activeAt) } });
    if (!UNTESTED.has(s.scenario)) {
      const count = 2 + (k % 2);
      for (let t = 0; t < count; t++) {
        // Ids are assigned after all requirements, so requirement ids stay contiguous.
        pendingTestCases.push({ id: 0, storyId: s.id, title: `${shortTitle(s.title)}: ${TEST_ANGLES[(k + t) % TEST_ANGLES.length]}`, area: s.area, createdAt: activeAt + DAY + t * HOUR, automated: (k + t) % 3 === 0 });
      }
      requirementTests.set(s.id, []);
    }
    const finalState = FINAL_STATE[s.scenario];
    if (finalState === 'Closed') {
      revs.push({ rev: 0, changedDate: iso(resolved), changedBy: owner, fields: { 'System.State': 'Resolved', 'System.Reason': 'Code complete and unit tests pass', 'Microsoft.VSTS.Common.ResolvedDate': iso(resolved) } });
    }
    if (build) {
      requirementBuild.set(s.id, build.id);
      build.workItemIds.push(s.id);
      revs.push({ rev: 0, changedDate: build.finishTime, changedBy: buildService.id, fields: {}, relations: [] });
    }
    if (finalState === 'Closed') {
      const closedAt = (build ? Date.parse(build.finishTime) : resolved) + DAY;
      revs.push({ rev: 0, changedDate: iso(closedAt), changedBy: qaLead, fields: { 'System.State': 'Closed', 'System.Reason': 'Acceptance tests pass', 'Microsoft.VSTS.Common.ClosedDate': iso(closedAt) } });
    }
    storyRevisions.set(s.id, revs);
  });

  // Test case ids follow the requirements, in creation order.
  for (const tc of pendingTestCases) tc.id = nextId++;
  const testCasesOfStory = groupBy(pendingTestCases, (tc) => tc.storyId);
  for (const storyId of requirementTests.keys()) requirementTests.set(storyId, (testCasesOfStory.get(storyId) ?? []).map((tc) => tc.id));

  // Relations are complete sets per revision: walk each requirement's revisions and attach them in time order.
  for (const s of storyPlan) {
    const revs = storyRevisions.get(s.id)!;
    const tcs = testCasesOfStory.get(s.id) ?? [];
    if (tcs.length > 0) {
      const linkAt = tcs[tcs.length - 1].createdAt + HOUR;
      revs.push({ rev: 0, changedDate: iso(linkAt), changedBy: testers[s.id % testers.length], fields: {}, relations: [] });
    }
    revs.sort((a, b) => Date.parse(a.changedDate) - Date.parse(b.changedDate));
    let relations: StoredRelation[] = [{ rel: 'System.LinkTypes.Hierarchy-Reverse', targetId: s.featureId, name: 'Parent' }];
    const buildId = requirementBuild.get(s.id);
    revs.forEach((r, i) => {
      r.rev = i + 1;
      if (r.relations && i > 0) {
        if (r.changedBy === buildService.id && buildId !== undefined) {
          relations = [...relations, { rel: 'ArtifactLink', url: `vstfs:///Build/Build/${buildId}`, name: 'Integrated in build' }];
        } else {
          relations = [...relations, ...tcs.map((tc) => ({ rel: 'Microsoft.VSTS.Common.TestedBy-Forward', targetId: tc.id, name: 'Tested By' }))];
        }
        r.relations = relations;
      }
    });
    lastChange.set(s.id, Date.parse(revs[revs.length - 1].changedDate));
  }

  // Epics and features.
  backlog.forEach((epic, e) => {
    const epicCreated = clock.start - 14 * DAY;
    const childFeatureIds = featureIds[e];
    const featureCreated = epic.features.map((_, f) => epicCreated + (f + 1) * DAY);
    workItems.push(parentItem(epicIds[e], 'Epic', epic.title, epic.area, epicCreated, childFeatureIds, featureCreated, undefined));
    epic.features.forEach((feature, f) => {
      const fid = featureIds[e][f];
      const stories = storyIdsByFeature.get(fid) ?? [];
      const storyCreated = stories.map((c) => Date.parse(storyRevisions.get(c)![0].changedDate));
      workItems.push(parentItem(fid, 'Feature', feature.title, feature.area, featureCreated[f], stories, storyCreated, epicIds[e]));
    });
  });
  function parentItem(id: number, type: string, title: string, area: string, created: number, children: number[], childCreated: number[], parentId: number | undefined): StoredWorkItem {
    // The child links are added once the last child exists, after the item became Active.
    const linkedAt = Math.max(created + 3 * DAY, ...childCreated) + HOUR;
    const up: StoredRelation[] = parentId ? [{ rel: 'System.LinkTypes.Hierarchy-Reverse', targetId: parentId, name: 'Parent' }] : [];
    const down: StoredRelation[] = children.map((c) => ({ rel: 'System.LinkTypes.Hierarchy-Forward', targetId: c, name: 'Child' }));
    return {
      id,
      revisions: [
        { rev: 1, changedDate: iso(created), changedBy: po, fields: base(type, title, area, `${project.name}\\Release 1`, 'New', po, created), relations: up },
        { rev: 2, changedDate: iso(created + 2 * DAY), changedBy: po, fields: { 'System.State': 'Active', 'System.Reason': 'Implementation started', 'System.AssignedTo': po } },
        { rev: 3, changedDate: iso(linkedAt), changedBy: po, fields: {}, relations: [...up, ...down] },
      ],
    };
  }
  for (const s of storyPlan) workItems.push({ id: s.id, revisions: storyRevisions.get(s.id)! });
  for (const tc of pendingTestCases) {
    const designer = testers[tc.id % testers.length];
    workItems.push({
      id: tc.id,
      revisions: [
        {
          rev: 1, changedDate: iso(tc.createdAt), changedBy: designer,
          fields: {
            ...base('Test Case', tc.title, tc.area, iterationAt(tc.createdAt), 'Design', designer, tc.createdAt),
            'System.Reason': 'New',
            'Microsoft.VSTS.TCM.AutomationStatus': tc.automated ? 'Automated' : 'Not Automated',
            'Microsoft.VSTS.TCM.Steps': '<steps id="0" last="2"><step id="1" type="ActionStep"><parameterizedString isformatted="true">Prepare the test data set</parameterizedString><parameterizedString isformatted="true">Data set is loaded</parameterizedString></step><step id="2" type="ValidateStep"><parameterizedString isformatted="true">Execute and observe</parameterizedString><parameterizedString isformatted="true">Behaviour matches the acceptance criteria</parameterizedString></step></steps>',
          },
          relations: [{ rel: 'Microsoft.VSTS.Common.TestedBy-Reverse', targetId: tc.storyId, name: 'Tests' }],
        },
        { rev: 2, changedDate: iso(tc.createdAt + 2 * HOUR), changedBy: qaLead, fields: { 'System.State': 'Ready', 'System.Reason': 'Reviewed' } },
      ],
    });
  }
  workItems.sort((a, b) => a.id - b.id);

  // Test plans, suites, points.
  const configurations = large
    ? [{ id: 1, name: 'Windows 11 + Edge' }, { id: 2, name: 'iPadOS 17 + Safari' }, { id: 3, name: 'Citrix Workspace + Edge' }]
    : [{ id: 1, name: 'Windows 11 + Edge' }, { id: 2, name: 'iPadOS 17 + Safari' }];
  const testPlans = [
    { id: 1, name: 'ClinicalAI R1 – System verification', rootSuiteId: 2 },
    { id: 3, name: 'ClinicalAI R1 – Regression', rootSuiteId: 4 },
  ].map((p) => ({
    ...p,
    areaPath: project.name,
    iteration: `${project.name}\\Release 1`,
    state: 'Active',
    owner: qaLead,
    startDate: iso(clock.start),
    endDate: iso(clock.asOf + 30 * DAY),
    updatedDate: iso(clock.start + DAY),
  }));
  const testSuites: StoredTestSuite[] = [];
  let nextSuiteId = 5;
  const suite = (s: Omit<StoredTestSuite, 'lastUpdatedDate' | 'id'> & { id?: number }) => {
    const full: StoredTestSuite = { ...s, id: s.id ?? nextSuiteId++, lastUpdatedDate: iso(clock.start + 2 * DAY) };
    testSuites.push(full);
    return full;
  };
  suite({ id: 2, planId: 1, name: testPlans[0].name, suiteType: 'staticTestSuite', testCaseIds: [], configurationIds: [1] });
  suite({ id: 4, planId: 3, name: testPlans[1].name, suiteType: 'staticTestSuite', testCaseIds: [], configurationIds: [1] });
  const epicSuites = backlog.map((epic) => suite({ planId: 1, name: epic.title, suiteType: 'staticTestSuite', parentSuiteId: 2, testCaseIds: [], configurationIds: [1] }));
  for (const s of storyPlan) {
    const tcs = requirementTests.get(s.id);
    if (!tcs) continue;
    const configs = large ? [1, 2, 3] : s.epicIdx === 2 ? [1, 2] : [1];
    suite({ planId: 1, name: `${s.id} : ${s.title}`, suiteType: 'requirementTestSuite', requirementId: s.id, parentSuiteId: epicSuites[s.epicIdx].id, testCaseIds: tcs, configurationIds: configs });
  }
  const regressionCases = storyPlan.filter((s) => s.scenario === 'verified-released').map((s) => requirementTests.get(s.id)![0]);
  const regression = suite({ planId: 3, name: 'Release regression', suiteType: 'staticTestSuite', parentSuiteId: 4, testCaseIds: regressionCases.slice(0, Math.ceil(regressionCases.length / 2)), configurationIds: [1] });
  suite({ planId: 3, name: 'Safety-critical paths', suiteType: 'staticTestSuite', parentSuiteId: regression.id, testCaseIds: regressionCases.slice(Math.ceil(regressionCases.length / 2)), configurationIds: [1] });
  testSuites.sort((a, b) => a.id - b.id);

  const testPoints: StoredTestPoint[] = [];
  for (const st of testSuites) {
    st.testCaseIds.forEach((tcId, i) => {
      for (const configurationId of st.configurationIds) {
        testPoints.push({ id: testPoints.length + 1, planId: st.planId, suiteId: st.id, testCaseId: tcId, configurationId, tester: testers[(tcId + i) % testers.length] });
      }
    });
  }

  // Test runs every five days per plan; results are placed in the runs after their requirement last changed.
  const testRuns: StoredTestRun[] = [];
  const testResults: StoredTestResult[] = [];
  const runDates: number[] = [];
  for (let t = clock.start + 7 * DAY; t <= clock.asOf - 3 * DAY; t += 5 * DAY) runDates.push(t + 14 * HOUR);
  const runsByPlanDate = new Map<string, StoredTestRun>();
  const runFor = (planId: number, at: number) => {
    const key = `${planId}@${at}`;
    let run = runsByPlanDate.get(key);
    if (!run) {
      const build = [...builds].reverse().find((b) => b.result !== 'failed' && Date.parse(b.finishTime) < at);
      run = {
        id: 0,
        name: `${planId === 1 ? 'System verification' : 'Regression'} – ${iso(at).slice(0, 10)}`,
        planId,
        buildId: build?.id,
        isAutomated: false,
        owner: qaLead,
        startedDate: iso(at),
        completedDate: iso(at + 6 * HOUR),
      };
      runsByPlanDate.set(key, run);
    }
    return run;
  };
  const pointsByTestCase = groupBy(testPoints, (p) => p.testCaseId);
  const record = (run: StoredTestRun, point: StoredTestPoint, outcome: TestOutcome, offset: number) => {
    const started = Date.parse(run.startedDate) + offset;
    testResults.push({
      runId: 0, id: 0, testPointId: point.id, testCaseId: point.testCaseId, configurationId: point.configurationId, outcome,
      runBy: point.tester, startedDate: iso(started), completedDate: iso(started + 4 * 60_000), durationInMs: 240_000,
      errorMessage: outcome === 'Failed' ? 'Observed behaviour deviates from the acceptance criteria (see attached evidence).' : outcome === 'Blocked' ? 'Blocked: qualification environment unavailable.' : undefined,
    });
    return started + 4 * 60_000;
  };
  const workItemById = new Map(workItems.map((w) => [w.id, w]));
  const staleChanges: Array<{ id: number; at: number }> = [];
  storyPlan.forEach((s, k) => {
    const tcs = requirementTests.get(s.id);
    if (!tcs || s.scenario === 'never-run') return;
    const after = runDates.filter((d) => d > lastChange.get(s.id)! + HOUR);
    const chosen = after.slice(0, Math.min(after.length, 2 + (k % 2)));
    if (chosen.length === 0) throw new Error(`seed generation: requirement ${s.id} has no run after its last change`);
    let newestPass = 0;
    chosen.forEach((at, r) => {
      const latest = r === chosen.length - 1;
      const run = runFor(1, at);
      tcs.forEach((tcId, t) => {
        for (const point of (pointsByTestCase.get(tcId) ?? []).filter((p) => p.planId === 1)) {
          let outcome: TestOutcome = 'Passed';
          if (!latest && r === 0 && (k + t) % 3 === 1) outcome = 'Failed';
          if (latest && t === 0 && (s.scenario === 'failing' || s.scenario === 'released-failing')) outcome = 'Failed';
          if (latest && t === 0 && s.scenario === 'blocked') outcome = 'Blocked';
          const done = record(run, point, outcome, (t * 3 + point.configurationId) * 10 * 60_000);
          if (outcome === 'Passed') newestPass = Math.max(newestPass, done);
        }
      });
    });
    if (s.scenario === 'stale') staleChanges.push({ id: s.id, at: newestPass + DAY });
    if (s.scenario === 'verified-released') {
      const regressionAt = runDates.filter((d) => d > chosen[chosen.length - 1]).slice(-1);
      for (const at of regressionAt) {
        const run = runFor(3, at);
        for (const point of (pointsByTestCase.get(tcs[0]) ?? []).filter((p) => p.planId === 3)) record(run, point, 'Passed', 20 * 60_000);
      }
    }
  });
  for (const change of staleChanges) {
    const item = workItemById.get(change.id)!;
    item.revisions.push({
      rev: item.revisions.length + 1,
      changedDate: iso(change.at),
      changedBy: po,
      fields: { 'Microsoft.VSTS.Common.AcceptanceCriteria': '<div>Revised after the clinical safety review: the alert threshold is now configurable per site and must be re-verified.</div>' },
    });
  }
  // Run and result ids follow chronological order, as the service would have assigned them.
  const runs = [...runsByPlanDate.values()].sort((a, b) => Date.parse(a.startedDate) - Date.parse(b.startedDate) || a.planId - b.planId);
  runs.forEach((run, i) => { run.id = 500 + i; testRuns.push(run); });
  for (const result of testResults) {
    const point = testPoints[result.testPointId - 1];
    const day = Date.parse(result.startedDate);
    const run = runs.find((r) => r.planId === point.planId && Date.parse(r.startedDate) <= day && day < Date.parse(r.startedDate) + DAY);
    if (!run) throw new Error('seed generation: result without run');
    result.runId = run.id;
  }
  testResults.sort((a, b) => a.runId - b.runId || a.testPointId - b.testPointId);
  const perRun = new Map<number, number>();
  for (const result of testResults) {
    const n = (perRun.get(result.runId) ?? 0) + 1;
    perRun.set(result.runId, n);
    result.id = 100000 + n;
  }

  return {
    organization: opts.organization,
    project,
    asOf: iso(clock.asOf),
    identities,
    workItems,
    testPlans,
    testSuites,
    configurations,
    testPoints,
    testRuns,
    testResults,
    pipelines,
    builds,
    environments,
    deployments,
    approvals,
    scenarios,
  };
}

function nearestAfter(builds: StoredBuild[], at: number): StoredBuild | undefined {
  return builds.find((b) => Date.parse(b.queueTime) >= at);
}

function groupBy<T, K>(items: T[], key: (t: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function hex40(random: Random): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += Math.floor(random() * 0x100000000).toString(16).padStart(8, '0');
  return s;
}

function shortTitle(title: string): string {
  const words = title.replace(/<[^>]*>/g, '').trim().split(/\s+/);
  return words.slice(0, 6).join(' ');
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The curated backlog repeated until it holds about `workItemCount` work items (≈ 3.35 per requirement). */
function scaledBacklog(workItemCount: number): EpicSpec[] {
  const storiesWanted = Math.max(16, Math.round(workItemCount / 3.35));
  const epics: EpicSpec[] = [];
  let made = 0;
  for (let round = 0; made < storiesWanted; round++) {
    for (const source of SAMPLE_BACKLOG) {
      if (made >= storiesWanted) break;
      const features = source.features.map((f) => {
        const stories = f.stories.slice(0, Math.max(0, Math.min(f.stories.length, storiesWanted - made))).map((t) => `${t.replace(/<[^>]*>/g, 'markup')} (increment ${round + 1})`);
        made += stories.length;
        return { title: `${f.title} (increment ${round + 1})`, area: f.area, stories };
      }).filter((f) => f.stories.length > 0);
      epics.push({ title: `${source.title} (increment ${round + 1})`, area: source.area, features });
    }
  }
  return epics;
}
