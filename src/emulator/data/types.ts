// The emulator's own data model: one project's history, stored once and projected into the REST wire
// shapes at request time. Tests read the same objects to compute their expectations.

export interface Identity {
  id: string;
  displayName: string;
  uniqueName: string;
}

/** A work item relation as stored: a link to another work item, or an artifact link. */
export interface StoredRelation {
  rel: string;
  targetId?: number;
  /** Artifact URI (`vstfs:///Build/Build/12`) for `ArtifactLink`. */
  url?: string;
  /** `attributes.name`: `Child`, `Parent`, `Tested By`, `Integrated in build`, … */
  name: string;
}

/** One revision: the fields that changed at that revision, who changed them and when. */
export interface StoredRevision {
  rev: number;
  changedDate: string;
  changedBy: string;
  /** Only the fields this revision changed (identity fields hold the identity id). */
  fields: Record<string, string | number>;
  /** The complete relation set after this revision, when it changed at this revision. */
  relations?: StoredRelation[];
}

export interface StoredWorkItem {
  id: number;
  revisions: StoredRevision[];
}

export interface StoredTestPlan {
  id: number;
  name: string;
  areaPath: string;
  iteration: string;
  state: string;
  owner: string;
  rootSuiteId: number;
  startDate: string;
  endDate: string;
  updatedDate: string;
}

export type SuiteType = 'staticTestSuite' | 'requirementTestSuite' | 'dynamicTestSuite';

export interface StoredTestSuite {
  id: number;
  planId: number;
  name: string;
  suiteType: SuiteType;
  requirementId?: number;
  parentSuiteId?: number;
  /** Test cases directly in this suite, in order. */
  testCaseIds: number[];
  configurationIds: number[];
  lastUpdatedDate: string;
}

export interface StoredConfiguration {
  id: number;
  name: string;
}

export interface StoredTestPoint {
  id: number;
  planId: number;
  suiteId: number;
  testCaseId: number;
  configurationId: number;
  tester: string;
}

export interface StoredTestRun {
  id: number;
  name: string;
  planId: number;
  buildId?: number;
  isAutomated: boolean;
  owner: string;
  startedDate: string;
  completedDate: string;
}

/** Outcomes as the test results REST API spells them. */
export type TestOutcome = 'Passed' | 'Failed' | 'Blocked' | 'NotApplicable';

export interface StoredTestResult {
  runId: number;
  id: number;
  testPointId: number;
  testCaseId: number;
  configurationId: number;
  outcome: TestOutcome;
  runBy: string;
  startedDate: string;
  completedDate: string;
  durationInMs: number;
  errorMessage?: string;
}

export interface StoredPipeline {
  id: number;
  name: string;
  path: string;
  repository: string;
}

export type BuildResult = 'succeeded' | 'partiallySucceeded' | 'failed' | 'canceled';

export interface StoredBuild {
  id: number;
  buildNumber: string;
  definitionId: number;
  result: BuildResult;
  reason: 'individualCI' | 'manual' | 'pullRequest' | 'schedule';
  queueTime: string;
  startTime: string;
  finishTime: string;
  sourceBranch: string;
  sourceVersion: string;
  requestedFor: string;
  workItemIds: number[];
}

export interface StoredEnvironment {
  id: number;
  name: string;
  description: string;
  createdOn: string;
  createdBy: string;
}

export type DeploymentResult = 'succeeded' | 'failed' | 'canceled' | 'skipped';

export interface StoredDeployment {
  id: number;
  environmentId: number;
  /** The pipeline run (build) that deployed. */
  buildId: number;
  definitionId: number;
  stageName: string;
  jobName: string;
  result: DeploymentResult;
  queueTime: string;
  startTime: string;
  finishTime: string;
  planId: string;
}

export type ApprovalStatus = 'approved' | 'rejected' | 'pending';

export interface StoredApprovalStep {
  approver: string;
  status: ApprovalStatus;
  comment?: string;
  initiatedOn: string;
  lastModifiedOn: string;
}

export interface StoredApproval {
  id: string;
  buildId: number;
  definitionId: number;
  environmentId: number;
  stageName: string;
  status: ApprovalStatus;
  instructions: string;
  minRequiredApprovers: number;
  createdOn: string;
  lastModifiedOn: string;
  steps: StoredApprovalStep[];
}

export interface StoredProject {
  id: string;
  name: string;
  description: string;
  lastUpdateTime: string;
}

/** Why a requirement was generated the way it was; lets tests assert the seed covers every gap. */
export type RequirementScenario =
  | 'verified'
  | 'verified-released'
  | 'untested'
  | 'never-run'
  | 'failing'
  | 'blocked'
  | 'stale'
  | 'not-deployed'
  | 'released-untested'
  | 'released-failing';

export interface EmulatorData {
  organization: string;
  project: StoredProject;
  /** The instant the data reflects; nothing in it happens later. */
  asOf: string;
  identities: Identity[];
  workItems: StoredWorkItem[];
  testPlans: StoredTestPlan[];
  testSuites: StoredTestSuite[];
  configurations: StoredConfiguration[];
  testPoints: StoredTestPoint[];
  testRuns: StoredTestRun[];
  testResults: StoredTestResult[];
  pipelines: StoredPipeline[];
  builds: StoredBuild[];
  environments: StoredEnvironment[];
  deployments: StoredDeployment[];
  approvals: StoredApproval[];
  /** Requirement id → the scenario it was generated for (documentation of intent, not served). */
  scenarios: Record<number, RequirementScenario>;
}
