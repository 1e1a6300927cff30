// The scan report as JSON, with sorted keys so the same scan always gives the same bytes.

import type { ScanReport } from '../scan/types';
import { stableStringify, stableStringifyChunks } from '../util/stable-json';

export function toJson(report: ScanReport): string {
  return stableStringify(report, 2) + '\n';
}

/**
 * toJson's text handed to `write` in pieces, for reports too large for one string (hundreds of thousands of
 * findings): the pieces joined are exactly toJson(report).
 */
export function writeJson(report: ScanReport, write: (chunk: string) => void): void {
  stableStringifyChunks(report, 2, write);
  write('\n');
}
