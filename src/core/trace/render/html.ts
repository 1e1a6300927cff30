// A self-contained, printable HTML page: inline CSS, no script, no external reference, and a content
// security policy that forbids both in case a value ever slipped through. Gaps are shown in colour and
// in words, so they survive a black-and-white printout and are readable without colour vision.

import type { RequirementRow, TestCaseRow, TestPointRow, TraceabilityMatrix } from '../matrix';
import { coverageMeasures, gapCounts, GAP_LABELS } from './coverage-lines';
import { escapeHtml as h } from './escape';
import { formatAncestor, formatDeployment } from './table-rows';

const STYLE = `
*{box-sizing:border-box}
body{font:12px/1.4 "Segoe UI",Arial,sans-serif;color:#1b1b1b;margin:16px;-webkit-print-color-adjust:exact;print-color-adjust:exact}
h1{font-size:20px;margin:0 0 4px}h2{font-size:15px;margin:20px 0 6px}
.meta{color:#444;margin:0 0 12px}
table{border-collapse:collapse;width:100%;margin-bottom:8px}
th,td{border:1px solid #999;padding:3px 5px;text-align:left;vertical-align:top}
th{background:#e8e8e8}
thead{display:table-header-group}
tr{page-break-inside:avoid;break-inside:avoid}
table.narrow{width:auto}
td.num{text-align:right}
.gap{display:inline-block;white-space:nowrap;border:1px solid #a4262c;background:#fde7e9;color:#a4262c;font-weight:600;padding:0 4px;margin:1px 2px 1px 0;border-radius:2px}
.ok{color:#107c10;font-weight:600}
td.has-gaps{border-left:4px solid #a4262c}
.o-passed{background:#dff6dd;color:#0b5a0b}
.o-failed{background:#fde7e9;color:#a4262c;font-weight:600}
.o-blocked{background:#fff4ce;color:#7a5a00;font-weight:600}
.o-notrun{background:#f3f2f1;color:#555}
.o-other{background:#f3f2f1}
footer{margin-top:16px;color:#444}
@page{size:A4 landscape;margin:10mm}
@media print{body{margin:0}h2{page-break-after:avoid}}
`;

const OUTCOME_CLASS: Record<string, string> = {
  Passed: 'o-passed',
  Failed: 'o-failed',
  Error: 'o-failed',
  Timeout: 'o-failed',
  Aborted: 'o-failed',
  Blocked: 'o-blocked',
  NotRun: 'o-notrun',
};

function cell(text: string | number | null, attrs = ''): string {
  return `<td${attrs}>${text === null ? '' : h(String(text))}</td>`;
}

function headerRow(columns: string[]): string {
  return `<thead><tr>${columns.map((c) => `<th scope="col">${h(c)}</th>`).join('')}</tr></thead>`;
}

function gapBadges(r: RequirementRow): string {
  if (r.gaps.length === 0) return '<span class="ok">No gaps</span>';
  return r.gaps.map((g) => `<span class="gap">GAP: ${h(g.code)}</span>`).join(' ');
}

function summarySection(m: TraceabilityMatrix): string {
  const s = m.summary;
  const measures = coverageMeasures(s)
    .map((x) => `<tr><th scope="row">${h(x.label)}</th>${cell(x.value, ' class="num"')}</tr>`)
    .join('');
  const gaps = gapCounts(s)
    .map((g) => `<tr>${cell(g.code)}${cell(g.label)}${cell(g.count, g.count > 0 ? ' class="num has-gaps"' : ' class="num"')}</tr>`)
    .join('');
  const outcomes = Object.entries(s.outcomes)
    .map(([o, n]) => `<tr>${cell(o, ` class="${OUTCOME_CLASS[o] ?? 'o-other'}"`)}${cell(n, ' class="num"')}</tr>`)
    .join('');
  const epics = s.epics
    .map(
      (e) =>
        `<tr>${cell(e.epicId === null ? '(no epic)' : `${e.epicId}: ${e.title ?? ''}`)}${cell(e.requirements, ' class="num"')}${cell(e.withTests, ' class="num"')}${cell(`${e.coveragePercent}%`, ' class="num"')}${cell(e.withPassingTests, ' class="num"')}${cell(e.gaps, e.gaps > 0 ? ' class="num has-gaps"' : ' class="num"')}</tr>`,
    )
    .join('');
  return [
    '<section><h2>Coverage</h2>',
    `<table class="narrow"><tbody>${measures}</tbody></table>`,
    `<table class="narrow">${headerRow(['Gap', 'Meaning', 'Requirements'])}<tbody>${gaps}</tbody></table>`,
    outcomes ? `<table class="narrow">${headerRow(['Latest outcome', 'Test points'])}<tbody>${outcomes}</tbody></table>` : '',
    epics
      ? `<table class="narrow">${headerRow(['Epic', 'Requirements', 'With tests', 'Coverage', 'With a passing test', 'Gaps'])}<tbody>${epics}</tbody></table>`
      : '',
    '</section>',
  ].join('\n');
}

function gapSection(m: TraceabilityMatrix): string {
  const rows = m.requirements.flatMap((r) =>
    r.gaps.map(
      (g) =>
        `<tr>${cell(r.id, ' class="num has-gaps"')}${cell(r.type)}${cell(r.title)}${cell(r.state)}<td><span class="gap">GAP: ${h(g.code)}</span> ${h(GAP_LABELS[g.code])}</td>${cell(g.detail)}</tr>`,
    ),
  );
  const body = rows.length === 0 ? '<p class="ok">No gaps.</p>' : `<table>${headerRow(['ID', 'Type', 'Title', 'State', 'Gap', 'Detail'])}<tbody>${rows.join('\n')}</tbody></table>`;
  return `<section><h2>Gaps</h2>\n${body}\n</section>`;
}

function testCells(t: TestCaseRow | undefined, p: TestPointRow | undefined): string {
  const test = t ? cell(`${t.id}${t.rev === null ? '' : ` (rev ${t.rev})`}: ${t.title} [${t.linkedBy.join(', ')}]`) : '<td class="o-notrun">No test case</td>';
  if (!p) return `${test}<td></td><td></td><td${t ? ' class="o-notrun"' : ''}>${t ? 'NotRun (no test point)' : ''}</td><td></td><td></td>`;
  const planSuite = `${p.planId}: ${p.planName ?? '(plan not in source)'} / ${p.suiteId}: ${p.suiteName ?? '(suite not in source)'}`;
  const run = p.runId === null ? null : `run ${p.runId} / result ${p.resultId ?? '?'}${p.buildId === null ? '' : ` / build ${p.buildId}`}`;
  const done = [p.completedDate, p.runBy].filter((x) => x !== null).join(' by ') || null;
  return `${test}${cell(planSuite)}${cell(p.configuration)}${cell(p.outcome, ` class="${OUTCOME_CLASS[p.outcome] ?? 'o-other'}"`)}${cell(run)}${cell(done)}`;
}

function requirementRows(r: RequirementRow): string {
  const pairs: [TestCaseRow | undefined, TestPointRow | undefined][] = [];
  if (r.tests.length === 0) pairs.push([undefined, undefined]);
  for (const t of r.tests) {
    if (t.points.length === 0) pairs.push([t, undefined]);
    for (const p of t.points) pairs.push([t, p]);
  }
  const span = pairs.length > 1 ? ` rowspan="${pairs.length}"` : '';
  const gapClass = r.gaps.length > 0 ? ' class="has-gaps"' : '';
  const ancestors = r.ancestors.map(formatAncestor).join(' < ');
  const releases = r.deployments.filter((d) => d.production).map(formatDeployment);
  const builds = r.builds.map((b) => `${b.id} ${b.definition} ${b.number} (${b.result})`);
  const head =
    `<td${span}${gapClass}>${h(`${r.id} ${r.type} (rev ${r.rev})`)}<br>${h(r.title)}<br>${h(`${r.state}, changed ${r.changedDate}`)}</td>` +
    `<td${span}>${h(ancestors)}</td>` +
    `<td${span}>${gapBadges(r)}</td>`;
  const tail =
    `<td${span}>${builds.map(h).join('<br>')}</td>` +
    `<td${span}>${releases.length === 0 ? 'none' : releases.map(h).join('<br>')}</td>`;
  return pairs
    .map(([t, p], i) => (i === 0 ? `<tr>${head}${testCells(t, p)}${tail}</tr>` : `<tr>${testCells(t, p)}</tr>`))
    .join('\n');
}

function matrixSection(m: TraceabilityMatrix): string {
  const columns = ['Requirement', 'Epic / Feature', 'Gaps', 'Test case', 'Plan / Suite', 'Configuration', 'Latest outcome', 'Run', 'Completed', 'Builds', 'Production deployments'];
  const rows = m.requirements.map(requirementRows).join('\n');
  return `<section><h2>Matrix</h2>\n<table>${headerRow(columns)}<tbody>\n${rows}\n</tbody></table>\n</section>`;
}

export function renderHtml(m: TraceabilityMatrix): string {
  const title = `Traceability matrix: ${m.organization} / ${m.project}`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<title>${h(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${h(title)}</h1><p class="meta">Data as of ${h(m.asOf)}. Generated ${h(m.generatedAt)}. Production environments: ${h(m.criteria.productionEnvironments.join(', '))}. Requirement types: ${h(m.criteria.requirementTypes.join(', '))}.</p></header>`,
    summarySection(m),
    gapSection(m),
    matrixSection(m),
    `<footer>${h(`${m.schema}; source complete; ${m.summary.requirements} requirement(s); generated ${m.generatedAt}.`)}</footer>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
