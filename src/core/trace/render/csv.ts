import type { TraceabilityMatrix } from '../matrix';
import { csvField } from './escape';
import { MATRIX_COLUMNS, matrixLines } from './table-rows';

/** RFC 4180 (CRLF line ends, header row), one row per requirement × test point. */
export function renderCsv(m: TraceabilityMatrix): string {
  const rows = [[...MATRIX_COLUMNS], ...matrixLines(m).map((l) => l.cells)];
  return rows.map((cells) => cells.map(csvField).join(',')).join('\r\n') + '\r\n';
}
