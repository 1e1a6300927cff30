// The Node entry points the CLI and the pipeline task share.

export { scanPaths, type ScanPathsOptions } from './scan-paths';
export { writeReports, type ReportFormat } from './write-reports';
export { sarifSource, type Checkout } from './sarif-source';
export { loadConfig, type LoadedConfig } from './config-file';
export { DEFAULT_MAX_FILE_BYTES, readInputFile } from './read-input';
