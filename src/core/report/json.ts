// The scan report as JSON, with sorted keys so the same scan always gives the same bytes.

import type { ScanReport } from '../scan/types';
import { stableStringify } from '../util/stable-json';

export function toJson(report: ScanReport): string {
  return stableStringify(report, 2) + '\n';
}
