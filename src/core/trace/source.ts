// What the traceability engine reads: plain records that the data-access layer (src/ado, Node; later the
// browser client in the widgets) fetches from the Azure DevOps REST API. The engine never sees HTTP; it
// sees these, complete, or it is not called (a partial read fails with an explicit "incomplete" error).

/** One work item at the `asOf` instant (fields are the REST `fields` values, dates as ISO-8601 strings). */
export interface WorkItemRecord {
  id: number;
  rev: number;
  /** System.WorkItemType */
  type: string;
  /** System.Title */
  title: string;
  /** System.State */
  state: string;
  /** System.StateCategory-like classification from the process (Proposed, InProgress, Resolved, Completed, Removed), when known. */
  stateCategory?: string;
  /** System.ChangedDate, ISO-8601 UTC */
  changedDate: string;
  /** System.AreaPath */
  areaPath?: string;
  /** System.IterationPath */
  iterationPath?: string;
  /** Relations from the work item ($expand=relations), target ids resolved from the URL. */
  relations: WorkItemRelation[];
}

export interface WorkItemRelation {
  /** e.g. `System.LinkTypes.Hierarchy-Forward`, `Microsoft.VSTS.Common.TestedBy-Forward`, `ArtifactLink` */
  rel: string;
  /** Target work item id, for work item links. */
  targetId?: number;
  /** Target artifact URI, for artifact links (`vstfs:///Build/Build/123`). */
  url?: string;
  /** `attributes.name` of artifact links (`Build`, `Integrated in build`, …). */
  name?: string;
}

export interface TestPlanRecord {
  id: number;
  name: string;
}

export interface TestSuiteRecord {
  id: number;
  planId: number;
  name: string;
  /** `staticTestSuite`, `requirementTestSuite`, `dynamicTestSuite` */
  suiteType: string;
  /** For requirement-based suites: the requirement's work item id. */
  requirementId?: number;
  parentSuiteId?: number;
}

export interface TestPointRecord {
  id: number;
  planId: number;
  suiteId: number;
  testCaseId: number;
  testCaseTitle?: string;
  configuration: { id: number; name: string };
  /** The latest result of this point, if it ever ran. */
  lastResult?: TestResultRef;
}

export interface TestResultRef {
  /** Passed, Failed, Blocked, NotApplicable, Paused, InProgress, None, … as the REST API spells them. */
  outcome: string;
  runId: number;
  resultId: number;
  /** ISO-8601 UTC */
  completedDate?: string;
  runBy?: string;
  buildId?: number;
  buildNumber?: string;
}

export interface BuildRecord {
  id: number;
  buildNumber: string;
  definition: { id: number; name: string };
  /** succeeded, partiallySucceeded, failed, canceled, none */
  result: string;
  status?: string;
  finishTime?: string;
  sourceVersion?: string;
  /** Work items associated with the build (builds/{id}/workitems). */
  workItemIds: number[];
}

export interface EnvironmentRecord {
  id: number;
  name: string;
}

export interface ApprovalRecord {
  approver: string;
  /** approved, rejected, … */
  decision: string;
  /** ISO-8601 UTC */
  decidedOn?: string;
  comment?: string;
}

export interface DeploymentRecord {
  id: number;
  environment: EnvironmentRecord;
  stageName: string;
  jobName?: string;
  /** succeeded, failed, canceled, skipped… */
  result: string;
  startTime?: string;
  finishTime?: string;
  /** The pipeline run (build) that deployed. */
  buildId: number;
  definition?: { id: number; name: string };
  approvals: ApprovalRecord[];
}

/** Everything the engine needs for one project at one instant. */
export interface TraceSource {
  organization: string;
  project: string;
  /** ISO-8601 instant the data reflects. */
  asOf: string;
  workItems: WorkItemRecord[];
  testPlans: TestPlanRecord[];
  testSuites: TestSuiteRecord[];
  testPoints: TestPointRecord[];
  builds: BuildRecord[];
  environments: EnvironmentRecord[];
  deployments: DeploymentRecord[];
}

export interface TraceOptions {
  /** Work item types that are requirements (process-dependent). */
  requirementTypes: string[];
  /** Regular expressions (case-insensitive) or names of environments that count as production. */
  productionEnvironments: string[];
  /** States that count as completed (for `not-deployed`). */
  completedStates: string[];
  /** Time the matrix is generated (recorded, not used in decisions). */
  generatedAt: string;
}

export const DEFAULT_TRACE_OPTIONS: Omit<TraceOptions, 'generatedAt'> = {
  requirementTypes: ['User Story', 'Product Backlog Item', 'Requirement', 'Issue'],
  productionEnvironments: ['prod'],
  completedStates: ['Closed', 'Done', 'Resolved', 'Completed'],
};
