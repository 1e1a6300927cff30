// The traceability matrix: what the engine produces and every rendering (CSV, Markdown, HTML, XLSX, the
// widgets, the evidence package) reads. Missing values are `null`, never absent, so the JSON form has the
// same keys on every row and an auditor can tell "unknown" from "not exported".

export const TRACEABILITY_SCHEMA_ID = 'controltrace/traceability@1' as const;

/** In the fixed order reports list them; the gate and the summary use the same order. */
export const gapCodes = [
  'untested',
  'never-run',
  'failing',
  'blocked',
  'stale',
  'not-deployed',
  'released-untested',
  'released-failing',
] as const;

export type GapCode = (typeof gapCodes)[number];

export interface Gap {
  code: GapCode;
  detail: string;
}

export interface AncestorRef {
  id: number;
  type: string;
  title: string;
}

export type LinkKind = 'testedBy' | 'requirementSuite';

export interface TestPointRow {
  pointId: number;
  planId: number;
  /** `null` when the plan is not in the source (counted as a dangling link). */
  planName: string | null;
  suiteId: number;
  suiteName: string | null;
  configuration: string;
  /** Latest outcome as the REST API spells it, or `NotRun` when the point has no result. */
  outcome: string;
  runId: number | null;
  resultId: number | null;
  completedDate: string | null;
  runBy: string | null;
  buildId: number | null;
}

export interface TestCaseRow {
  id: number;
  /** Work item revision of the test case, when the test case is in the source. */
  rev: number | null;
  title: string;
  linkedBy: LinkKind[];
  points: TestPointRow[];
}

export interface BuildRow {
  id: number;
  number: string;
  definition: string;
  result: string;
  finishTime: string | null;
}

export interface ApprovalRow {
  approver: string;
  decision: string;
  time: string | null;
}

export interface DeploymentRow {
  id: number;
  environment: string;
  stage: string;
  result: string;
  finishTime: string | null;
  buildId: number;
  /** The environment name matched `productionEnvironments`. */
  production: boolean;
  approvals: ApprovalRow[];
}

export interface RequirementRow {
  id: number;
  type: string;
  title: string;
  state: string;
  rev: number;
  changedDate: string;
  /** Parent chain through Hierarchy-Reverse links, nearest first. */
  ancestors: AncestorRef[];
  tests: TestCaseRow[];
  builds: BuildRow[];
  deployments: DeploymentRow[];
  /** In a build with a succeeded deployment to a production environment. */
  released: boolean;
  gaps: Gap[];
}

export interface EpicSummary {
  /** `null` groups the requirements that have no Epic among their ancestors. */
  epicId: number | null;
  title: string | null;
  requirements: number;
  withTests: number;
  withPassingTests: number;
  coveragePercent: string;
  gaps: number;
}

export interface MatrixSummary {
  requirements: number;
  /** At least one test case linked (Tested By or requirement-based suite). */
  withTests: number;
  /** At least one test point whose latest outcome is Passed. */
  withPassingTests: number;
  /** Every test point has a latest outcome of Passed (and there is at least one point). */
  withAllTestsPassing: number;
  /** withTests ÷ requirements, one decimal ("0.0" when there are no requirements). */
  coveragePercent: string;
  /** withPassingTests ÷ requirements, one decimal. */
  passingPercent: string;
  /** Requirements with at least one gap. */
  requirementsWithGaps: number;
  gaps: Record<GapCode, number>;
  /** Distinct test points of the matrix by latest outcome. */
  outcomes: Record<string, number>;
  epics: EpicSummary[];
  /** Work items of a requirement type left out because their state is Removed. */
  removedRequirements: number;
  /**
   * Distinct references to records that are not in the source, ignored by the analysis: Hierarchy and
   * Tested By links to absent work items, requirement suites of absent work items, test points or suites
   * in absent plans or suites, build work items not in the source, deployments of absent builds.
   */
  danglingLinks: number;
}

export interface TraceabilityMatrix {
  schema: typeof TRACEABILITY_SCHEMA_ID;
  organization: string;
  project: string;
  asOf: string;
  generatedAt: string;
  /** The engine is only called on a complete source; a partial read never produces a matrix. */
  complete: true;
  /** The options that decided the gaps, recorded so the matrix can be reproduced. */
  criteria: {
    requirementTypes: string[];
    productionEnvironments: string[];
    completedStates: string[];
  };
  requirements: RequirementRow[];
  summary: MatrixSummary;
}
