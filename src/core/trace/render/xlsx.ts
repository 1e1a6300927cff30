// The matrix as an Excel workbook (Matrix, Gaps and Summary sheets). Kept apart from the other renderers
// because exceljs is heavy: the dashboard bundle imports ../index and never pulls this in.
//
// Text goes into cells as string values, never as formulas, so a title like `=HYPERLINK(...)` stays text
// without the apostrophe the CSV needs. Output is byte-for-byte reproducible: document properties carry
// generatedAt and the zip entry times are fixed to it.

import { Workbook, type Worksheet } from 'exceljs';
import { InputError } from '../../errors';
import type { TraceabilityMatrix } from '../matrix';
import { coverageMeasures, gapCounts } from './coverage-lines';
import { GAP_COLUMNS, MATRIX_COLUMNS, gapLines, matrixLines, type Cell } from './table-rows';
import { setZipTimestamps } from './zip-timestamps';

const EXCEL_CELL_LIMIT = 32767;
const EXCEL_ROW_LIMIT = 1_048_576;
const RED = 'FFFDE7E9';
const GREEN = 'FFDFF6DD';
const AMBER = 'FFFFF4CE';

// XML 1.0 cannot carry most C0 controls; exceljs would write them and produce a file Excel refuses to open.
function xmlSafe(value: Cell): string | number | null {
  if (typeof value !== 'string') return value;
  const clean = value.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '\ufffd');
  return clean.length > EXCEL_CELL_LIMIT ? `${clean.slice(0, EXCEL_CELL_LIMIT - 14)} [truncated]` : clean;
}

/** Excel drops rows past its limit when it opens the file; a matrix that does not fit is refused, not cut. */
export function assertFitsInSheet(sheet: string, dataRows: number): void {
  if (dataRows + 1 > EXCEL_ROW_LIMIT) {
    throw new InputError(
      `the ${sheet} sheet would need ${dataRows + 1} rows, more than the ${EXCEL_ROW_LIMIT} Excel can hold; narrow the scope (area or iteration path) or export CSV or JSON instead`,
    );
  }
}

function addTable(sheet: Worksheet, header: readonly string[], rows: Cell[][], widths: number[]): void {
  assertFitsInSheet(sheet.name, rows.length);
  sheet.columns = header.map((h, i) => ({ header: h, key: `c${i}`, width: widths[i] ?? 14 }));
  for (const r of rows) sheet.addRow(r.map(xmlSafe));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: header.length } };
}

function fill(argb: string) {
  return { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb } };
}

const OUTCOME_FILL: Record<string, string> = { Passed: GREEN, Failed: RED, Error: RED, Timeout: RED, Aborted: RED, Blocked: AMBER };

function matrixSheet(wb: Workbook, m: TraceabilityMatrix): void {
  const sheet = wb.addWorksheet('Matrix');
  const lines = matrixLines(m);
  const widths = MATRIX_COLUMNS.map((c) => (/Title|Ancestors|Epic|Deployments|Builds/.test(c) ? 40 : c === 'Gaps' ? 24 : 14));
  addTable(sheet, MATRIX_COLUMNS, lines.map((l) => l.cells), widths);
  const gapsColumn = MATRIX_COLUMNS.indexOf('Gaps') + 1;
  const outcomeColumn = MATRIX_COLUMNS.indexOf('Outcome') + 1;
  lines.forEach((l, i) => {
    const row = sheet.getRow(i + 2);
    if (l.requirement.gaps.length > 0) row.getCell(gapsColumn).fill = fill(RED);
    const outcome = l.point?.outcome;
    if (outcome && OUTCOME_FILL[outcome]) row.getCell(outcomeColumn).fill = fill(OUTCOME_FILL[outcome]);
  });
}

function gapsSheet(wb: Workbook, m: TraceabilityMatrix): void {
  const sheet = wb.addWorksheet('Gaps');
  addTable(sheet, GAP_COLUMNS, gapLines(m), [14, 16, 40, 14, 30, 18, 80]);
}

function summarySheet(wb: Workbook, m: TraceabilityMatrix): void {
  const sheet = wb.addWorksheet('Summary');
  const s = m.summary;
  const rows: Cell[][] = [
    ['Schema', m.schema],
    ['Organization', m.organization],
    ['Project', m.project],
    ['Data as of', m.asOf],
    ['Generated', m.generatedAt],
    ['Source complete', 'yes'],
    ['Requirement types', m.criteria.requirementTypes.join(', ')],
    ['Production environments', m.criteria.productionEnvironments.join(', ')],
    ['Completed states', m.criteria.completedStates.join(', ')],
    ...coverageMeasures(s).map((x): Cell[] => [x.label, x.value]),
    ['Coverage % (with test cases)', s.coveragePercent],
    ['Passing % (with a passing test)', s.passingPercent],
    ...gapCounts(s).map((g): Cell[] => [`Gap: ${g.code} (${g.label})`, g.count]),
    ...Object.entries(s.outcomes).map(([o, n]): Cell[] => [`Latest outcome: ${o}`, n]),
    ...s.epics.map((e): Cell[] => [
      `Epic: ${e.epicId === null ? '(no epic)' : `${e.epicId} ${e.title ?? ''}`}`,
      `${e.requirements} requirement(s), ${e.withTests} with tests (${e.coveragePercent}%), ${e.withPassingTests} with a passing test, ${e.gaps} gap(s)`,
    ]),
  ];
  addTable(sheet, ['Measure', 'Value'], rows, [44, 70]);
}

export async function renderXlsx(m: TraceabilityMatrix): Promise<Uint8Array> {
  const wb = new Workbook();
  const generated = new Date(m.generatedAt);
  wb.creator = 'ControlTrace';
  wb.lastModifiedBy = 'ControlTrace';
  wb.created = generated;
  wb.modified = generated;
  wb.title = String(xmlSafe(`Traceability matrix ${m.organization}/${m.project}`));
  matrixSheet(wb, m);
  gapsSheet(wb, m);
  summarySheet(wb, m);
  const buffer = await wb.xlsx.writeBuffer();
  return setZipTimestamps(new Uint8Array(buffer as ArrayBuffer), generated);
}
