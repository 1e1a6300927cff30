import assert from 'node:assert/strict';
import { Workbook, ValueType } from 'exceljs';
import { buildTraceabilityMatrix } from '../../src/core/trace';
import { assertFitsInSheet, renderXlsx } from '../../src/core/trace/render/xlsx';
import { dosDateTime, setZipTimestamps } from '../../src/core/trace/render/zip-timestamps';
import { GAP_COLUMNS, MATRIX_COLUMNS } from '../../src/core/trace/render/table-rows';
import { FORMULA_TITLE, SCRIPT_TITLE, UNICODE_TITLE, everyGapOptions, everyGapSource } from './fixtures/every-gap';
import { readZip } from './support/read-zip';

const m = buildTraceabilityMatrix(everyGapSource, everyGapOptions);

async function load(bytes: Uint8Array): Promise<Workbook> {
  const wb = new Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

function rowValues(wb: Workbook, sheet: string): unknown[][] {
  const ws = wb.getWorksheet(sheet)!;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('trace: renderXlsx', () => {
  let bytes: Uint8Array;
  let wb: Workbook;
  before(async () => {
    bytes = await renderXlsx(m);
    wb = await load(bytes);
  });

  it('has the Matrix, Gaps and Summary sheets with frozen headers and autofilters', () => {
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Matrix', 'Gaps', 'Summary'],
    );
    for (const name of ['Matrix', 'Gaps', 'Summary']) {
      const ws = wb.getWorksheet(name)!;
      const view = ws.views[0] as { state: string; ySplit?: number };
      assert.equal(view.state, 'frozen', name);
      assert.equal(view.ySplit, 1, name);
      assert.ok(ws.autoFilter, `${name} has an autofilter`);
    }
    const sheetXml = readZip(bytes).find((e) => e.name === 'xl/worksheets/sheet1.xml')!.content.toString('utf8');
    assert.match(sheetXml, /<autoFilter ref="A1:AA1"\/>/);
    assert.match(sheetXml, /<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"\/>/);
  });

  it('puts the same rows in the Matrix sheet as the CSV, with the header first', () => {
    const rows = rowValues(wb, 'Matrix');
    assert.deepEqual(rows[0], [...MATRIX_COLUMNS]);
    const pointRows = m.requirements.reduce((n, r) => n + Math.max(1, r.tests.reduce((k, t) => k + Math.max(1, t.points.length), 0)), 0);
    assert.equal(rows.length - 1, pointRows);
  });

  it('lists every gap on the Gaps sheet and the figures on the Summary sheet', () => {
    const gaps = rowValues(wb, 'Gaps');
    assert.deepEqual(gaps[0], [...GAP_COLUMNS]);
    const expected = m.requirements.flatMap((r) => r.gaps.map((g) => [r.id, g.code]));
    assert.deepEqual(
      gaps.slice(1).map((r) => [r[0], r[5]]),
      expected,
    );
    const summary = new Map(rowValues(wb, 'Summary').map((r) => [r[0], r[1]]));
    assert.equal(summary.get('Requirements'), '9');
    assert.equal(summary.get('Coverage % (with test cases)'), '77.8');
    assert.equal(summary.get('Gap: released-failing (In production with failing tests)'), 1);
    assert.equal(summary.get('Generated'), '2026-11-20T08:00:00Z');
  });

  it('keeps hostile and unicode titles as plain strings, never as formulas', () => {
    const ws = wb.getWorksheet('Matrix')!;
    const titleColumn = MATRIX_COLUMNS.indexOf('Requirement Title') + 1;
    const titles = new Map<unknown, { value: unknown; type: ValueType }>();
    ws.eachRow((row, n) => {
      if (n > 1) titles.set(row.getCell(1).value, { value: row.getCell(titleColumn).value, type: row.getCell(titleColumn).type });
    });
    assert.deepEqual(titles.get(102), { value: FORMULA_TITLE, type: ValueType.String });
    assert.deepEqual(titles.get(101), { value: SCRIPT_TITLE, type: ValueType.String });
    assert.deepEqual(titles.get(104), { value: UNICODE_TITLE, type: ValueType.String });
    for (const e of readZip(bytes).filter((x) => x.name.startsWith('xl/worksheets/'))) {
      assert.doesNotMatch(e.content.toString('utf8'), /<f>|<f /, `${e.name} has no formula`);
    }
  });

  it('replaces XML-illegal control characters instead of writing a corrupt file', async () => {
    const src = { ...everyGapSource, workItems: everyGapSource.workItems.map((w) => (w.id === 100 ? { ...w, title: 'bell\u0007 and nul\u0000' } : w)) };
    const out = await load(await renderXlsx(buildTraceabilityMatrix(src, everyGapOptions)));
    const row = rowValues(out, 'Matrix').find((r) => r[0] === 100)!;
    assert.equal(row[2], 'bell\ufffd and nul\ufffd');
  });

  it('is byte-identical across runs: document dates and zip entry times come from generatedAt', async () => {
    const again = await renderXlsx(buildTraceabilityMatrix(everyGapSource, everyGapOptions));
    assert.ok(Buffer.from(bytes).equals(Buffer.from(again)));
    const { time, date } = dosDateTime(new Date('2026-11-20T08:00:00Z'));
    for (const e of readZip(bytes)) {
      assert.deepEqual([e.dosTime, e.dosDate, e.localDosTime, e.localDosDate], [time, date, time, date], e.name);
    }
    assert.equal(wb.created.toISOString(), '2026-11-20T08:00:00.000Z');
    assert.equal(wb.modified.toISOString(), '2026-11-20T08:00:00.000Z');
  });

  it('changes when the matrix changes (the bytes are not constant)', async () => {
    const other = await renderXlsx({ ...m, generatedAt: '2026-11-21T08:00:00Z' });
    assert.ok(!Buffer.from(bytes).equals(Buffer.from(other)));
  });
});

describe('trace: XLSX size limit', () => {
  it('refuses a sheet longer than Excel can open instead of cutting it', () => {
    assert.doesNotThrow(() => assertFitsInSheet('Matrix', 1_048_575));
    assert.throws(() => assertFitsInSheet('Matrix', 1_048_576), /Matrix sheet would need 1048577 rows.*export CSV or JSON instead/);
  });
});

describe('trace: zip timestamps', () => {
  it('encodes MS-DOS date and time words', () => {
    assert.deepEqual(dosDateTime(new Date('2026-11-20T08:30:14Z')), { time: (8 << 11) | (30 << 5) | 7, date: (46 << 9) | (11 << 5) | 20 });
    assert.deepEqual(dosDateTime(new Date('1970-01-01T00:00:00Z')).date, (0 << 9) | (1 << 5) | 1);
  });

  it('rejects bytes that are not a zip archive', () => {
    assert.throws(() => setZipTimestamps(new Uint8Array(64), new Date(0)), /not a zip archive/);
  });
});
