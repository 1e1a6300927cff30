// Azure DevOps data access for Node: the TraceDataReader over azure-devops-node-api, its HTTP policy, and
// the run scope the release gate needs.

export type { ReadProjectOptions, TraceDataReader } from './trace-reader';
export { createAdoTraceReader, type AdoReaderOptions, type AdoTraceReader } from './read-project';
export { AuthenticationError, IncompleteDataError, UnreachableError } from './errors';
export { createHttpPolicy, type HttpPolicyOptions, type PolicyStats } from './http-policy';
export { resolveToken, DEFAULT_TOKEN_VARIABLES } from './token';
export { requirementsInScope, scopeMatrix, removedAmong } from '../core/trace/run-scope';
export { MATRIX_FORMATS, parseMatrixFormats, renderMatrixFiles, writeMatrixFiles, type MatrixFormat } from './matrix-files';
