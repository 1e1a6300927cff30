// Scan report renderers. Each returns the file's full text; writing it is the caller's job. JSON, SARIF and
// JUnit also come in pieces (writeJson, writeSarif, writeJUnit) for reports longer than one string may be.

import type { ScanReport } from '../scan/types';
import { toJson } from './json';
import { toJUnit } from './junit';
import { toMarkdown } from './markdown';
import { toSarif } from './sarif';

export { toJson, writeJson } from './json';
export { toJUnit, writeJUnit, type JUnitGrouping } from './junit';
export { toMarkdown } from './markdown';
export { toSarif, toSarifLog, writeSarif } from './sarif';

export type ReportFormat = 'sarif' | 'junit' | 'md' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['sarif', 'junit', 'md', 'json'];

/** The file name each format is written to. */
export const REPORT_FILE_NAMES: Readonly<Record<ReportFormat, string>> = {
  sarif: 'controltrace.sarif',
  junit: 'controltrace.junit.xml',
  md: 'summary.md',
  json: 'results.json',
};

export function renderReport(report: ScanReport, format: ReportFormat): string {
  switch (format) {
    case 'sarif':
      return toSarif(report);
    case 'junit':
      return toJUnit(report);
    case 'md':
      return toMarkdown(report);
    case 'json':
      return toJson(report);
  }
}
