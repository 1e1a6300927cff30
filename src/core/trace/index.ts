// The traceability engine's public surface. Pure: safe for the browser bundle of the dashboard widgets.
// The XLSX renderer lives in ./render/xlsx so that bundle can leave exceljs out.

export { buildTraceabilityMatrix } from './build-matrix';
export { serializeMatrix } from './serialize';
export { hasForbiddenGaps } from './gate';
export { renderCsv } from './render/csv';
export { renderMarkdown } from './render/markdown';
export { renderHtml } from './render/html';
export { renderCoverageSummary } from './render/coverage-summary';
export { gapCodes, TRACEABILITY_SCHEMA_ID } from './matrix';
export type {
  AncestorRef,
  ApprovalRow,
  BuildRow,
  DeploymentRow,
  EpicSummary,
  Gap,
  GapCode,
  LinkKind,
  MatrixSummary,
  RequirementRow,
  TestCaseRow,
  TestPointRow,
  TraceabilityMatrix,
} from './matrix';
export { DEFAULT_TRACE_OPTIONS } from './source';
export type {
  ApprovalRecord,
  BuildRecord,
  DeploymentRecord,
  EnvironmentRecord,
  TestPlanRecord,
  TestPointRecord,
  TestResultRef,
  TestSuiteRecord,
  TraceOptions,
  TraceSource,
  WorkItemRecord,
  WorkItemRelation,
} from './source';
export { requirementsInScope, scopeMatrix, removedAmong } from './run-scope';
