import assert from 'node:assert/strict';
import { buildTraceabilityMatrix, renderCoverageSummary, renderCsv, renderHtml, renderMarkdown } from '../../src/core/trace';
import { csvField, escapeHtml, escapeMarkdown, plainText } from '../../src/core/trace/render/escape';
import { MATRIX_COLUMNS } from '../../src/core/trace/render/table-rows';
import { FORMULA_TITLE, SCRIPT_TITLE, UNICODE_TITLE, everyGapOptions, everyGapSource } from './fixtures/every-gap';
import { unexpectedMarkup } from './support/html-markup';
import { parseCsv } from './support/parse-csv';

const m = buildTraceabilityMatrix(everyGapSource, everyGapOptions);

function pointRowCount(): number {
  return m.requirements.reduce((n, r) => n + Math.max(1, r.tests.reduce((k, t) => k + Math.max(1, t.points.length), 0)), 0);
}

describe('trace: escaping helpers', () => {
  it('csvField quotes per RFC 4180 and neutralises formula triggers', () => {
    assert.equal(csvField(null), '');
    assert.equal(csvField(42), '42');
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    for (const t of ['=1+1', '+1', '-1', '@SUM(A1)', '\tx']) assert.equal(csvField(t), `'${t}`);
    assert.equal(csvField('\rx'), `"'\rx"`);
    assert.equal(csvField('=A1,"x"'), `"'=A1,""x"""`);
    assert.equal(csvField('a=1'), 'a=1');
  });

  it('escapeHtml leaves no markup characters', () => {
    assert.equal(escapeHtml(`<a href='x' title="y">&</a>`), '&lt;a href=&#39;x&#39; title=&quot;y&quot;&gt;&amp;&lt;/a&gt;');
  });

  it('escapeMarkdown neutralises HTML, emphasis, links, code and table pipes, and joins lines', () => {
    assert.equal(escapeMarkdown('<img src=x onerror=alert(1)>'), '&lt;img src=x onerror=alert(1)&gt;');
    assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\](javascript:alert(1))');
    assert.equal(escapeMarkdown('a|b *c* _d_ `e` ~f~ \\'), 'a\\|b \\*c\\* \\_d\\_ \\`e\\` \\~f\\~ \\\\');
    assert.equal(escapeMarkdown('line1\r\nline2\nline3'), 'line1 line2 line3');
    assert.equal(escapeMarkdown('&lt;'), '&amp;lt;');
  });

  it('plainText removes terminal control sequences and line breaks', () => {
    assert.equal(plainText('a\u001b[31mred\n##vso[task.complete]'), 'a [31mred # #vso[task.complete]');
    assert.equal(plainText('###[error]x'), '# # #[error]x');
    assert.doesNotMatch(plainText('a####vso[x] ##[group]'), /##/);
  });
});

describe('trace: renderCsv', () => {
  const csv = renderCsv(m);
  const rows = parseCsv(csv);

  it('is strict RFC 4180 with a header and one row per requirement × test point', () => {
    assert.deepEqual(rows[0], [...MATRIX_COLUMNS]);
    assert.equal(rows.length - 1, pointRowCount());
    for (const r of rows) assert.equal(r.length, MATRIX_COLUMNS.length);
  });

  it('gives a requirement without tests one row, with empty test columns', () => {
    const r101 = rows.filter((r) => r[0] === '101');
    assert.equal(r101.length, 1);
    assert.equal(r101[0][MATRIX_COLUMNS.indexOf('Test Case ID')], '');
    assert.equal(r101[0][MATRIX_COLUMNS.indexOf('Gaps')], 'untested');
  });

  it('keeps hostile titles as text: script verbatim, formula prefixed with an apostrophe', () => {
    const title = (id: string) => rows.find((r) => r[0] === id)![MATRIX_COLUMNS.indexOf('Requirement Title')];
    assert.equal(title('101'), SCRIPT_TITLE);
    assert.equal(title('102'), `'${FORMULA_TITLE}`);
    assert.equal(title('104'), UNICODE_TITLE);
    for (const r of rows) for (const cell of r) assert.doesNotMatch(cell, /^[=+\-@\t\r]/);
  });

  it('lists outcomes per point, NotRun where there is no result', () => {
    const outcomes = rows.filter((r) => r[0] === '100').map((r) => r[MATRIX_COLUMNS.indexOf('Outcome')]);
    assert.deepEqual(outcomes, ['Passed', 'Passed', 'NotRun']);
  });
});

describe('trace: renderMarkdown', () => {
  const md = renderMarkdown(m);

  it('has the coverage figures and one gap-table line per gap', () => {
    assert.match(md, /\| With test cases \| 7 \(77\.8%\) \|/);
    const gapLines = md.split('\n').filter((l) => /^\| \d+ \|/.test(l));
    assert.equal(gapLines.length, m.requirements.reduce((n, r) => n + r.gaps.length, 0));
    for (const r of m.requirements) for (const g of r.gaps) assert.ok(md.includes(`| ${r.id} |`) && md.includes(`\`${g.code}\``));
  });

  it('contains no raw HTML and keeps every table row to its columns', () => {
    assert.doesNotMatch(md, /<[a-zA-Z/!]/);
    const table = md.split('\n').filter((l) => /^\| \d+ \| User Story/.test(l));
    for (const line of table) {
      const cells = line.replace(/\\\|/g, '').split('|').length - 2;
      assert.equal(cells, 6, line);
    }
  });

  it('says so when there are no gaps', () => {
    const clean = buildTraceabilityMatrix({ ...everyGapSource, workItems: everyGapSource.workItems.filter((w) => w.id !== 108 && (w.type !== 'User Story' || w.id === 100)) }, everyGapOptions);
    assert.equal(clean.requirements.length, 1);
    assert.match(renderMarkdown(clean), /## Gaps\n\nNo gaps\.\n$/);
  });
});

describe('trace: renderHtml', () => {
  const html = renderHtml(m);

  it('is self-contained: no script, no external reference, a CSP that forbids both', () => {
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /\b(src|href|action|formaction)\s*=/i);
    assert.doesNotMatch(html, /url\(|@import/i);
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  });

  it('only contains the tags and attributes the renderer writes (user text never becomes markup)', () => {
    assert.deepEqual(unexpectedMarkup(html), []);
    assert.ok(html.includes(escapeHtmlForTest(SCRIPT_TITLE)));
    assert.ok(html.includes('Exportér l&#39;audit trail — 审计 ✓'));
  });

  it('shows every gap in words and in colour', () => {
    for (const r of m.requirements) {
      for (const g of r.gaps) {
        assert.ok(html.includes(`<span class="gap">GAP: ${g.code}</span>`), `gap ${g.code} of ${r.id}`);
      }
    }
    assert.match(html, /\.gap\{[^}]*background:#fde7e9/);
    assert.match(html, /<td class="o-failed">Failed<\/td>/);
    assert.match(html, /<span class="ok">No gaps<\/span>/);
  });

  it('is printable: landscape page, repeated table headers, colours kept', () => {
    assert.match(html, /@page\{size:A4 landscape/);
    assert.match(html, /thead\{display:table-header-group\}/);
    assert.match(html, /print-color-adjust:exact/);
  });

  it('has one matrix row per requirement × test point', () => {
    const matrix = html.slice(html.indexOf('<h2>Matrix</h2>'));
    assert.equal((matrix.match(/<tr>/g) ?? []).length - 1, pointRowCount());
  });
});

function escapeHtmlForTest(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

describe('trace: renderCoverageSummary', () => {
  it('prints the figures in a few lines with no user-written titles', () => {
    const text = renderCoverageSummary(m);
    const lines = text.trimEnd().split('\n');
    assert.ok(lines.length >= 4 && lines.length <= 6);
    assert.match(lines[0], /^Traceability contoso-pharma\/LIMS as of 2026-11-20T00:00:00Z: 9 requirement\(s\)$/);
    assert.match(text, /with test cases: 7 \(77\.8%\), with a passing test: 4 \(44\.4%\)/);
    assert.match(text, /gaps: untested 2, never-run 1, failing 2, blocked 1, stale 2, not-deployed 1, released-untested 1, released-failing 1/);
    assert.match(text, /ignored 6 link\(s\)/);
    assert.doesNotMatch(text, /script|HYPERLINK/);
  });

  it('strips control characters from the organization and project names', () => {
    const text = renderCoverageSummary(buildTraceabilityMatrix({ ...everyGapSource, project: 'LIMS\n##vso[task.complete result=Succeeded]\u001b[2J' }, everyGapOptions));
    assert.equal(text.split('\n')[0].includes('\n'), false);
    assert.doesNotMatch(text, /\u001b|\n##vso/);
  });
});
