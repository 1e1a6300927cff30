import type { TraceabilityMatrix } from '../matrix';
import { coverageMeasures, gapCounts } from './coverage-lines';
import { escapeMarkdown as md } from './escape';

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

/** Coverage summary and gap table, for a pipeline summary tab, a wiki page or a pull request comment. */
export function renderMarkdown(m: TraceabilityMatrix): string {
  const s = m.summary;
  const lines: string[] = [
    `# Traceability matrix: ${md(m.organization)} / ${md(m.project)}`,
    '',
    `Data as of ${md(m.asOf)}, generated ${md(m.generatedAt)}. Production environments: ${m.criteria.productionEnvironments.map(md).join(', ')}.`,
    '',
    '## Coverage',
    '',
    ...table(['Measure', 'Value'], coverageMeasures(s).map((x) => [md(x.label), md(x.value)])),
    '',
    ...table(['Gap', 'Meaning', 'Requirements'], gapCounts(s).map((g) => [`\`${g.code}\``, md(g.label), String(g.count)])),
    '',
  ];

  const outcomes = Object.entries(s.outcomes);
  if (outcomes.length > 0) {
    lines.push(...table(['Latest outcome', 'Test points'], outcomes.map(([o, n]) => [md(o), String(n)])), '');
  }
  if (s.epics.length > 0) {
    lines.push(
      '## By epic',
      '',
      ...table(
        ['Epic', 'Requirements', 'With tests', 'Coverage', 'With a passing test', 'Gaps'],
        s.epics.map((e) => [
          e.epicId === null ? '(no epic)' : `${e.epicId}: ${md(e.title ?? '')}`,
          String(e.requirements),
          String(e.withTests),
          `${e.coveragePercent}%`,
          String(e.withPassingTests),
          String(e.gaps),
        ]),
      ),
      '',
    );
  }

  lines.push('## Gaps', '');
  const gapRows = m.requirements.flatMap((r) =>
    r.gaps.map((g) => [String(r.id), md(r.type), md(r.title), md(r.state), `\`${g.code}\``, md(g.detail)]),
  );
  if (gapRows.length === 0) lines.push('No gaps.');
  else lines.push(...table(['ID', 'Type', 'Title', 'State', 'Gap', 'Detail'], gapRows));
  return `${lines.join('\n')}\n`;
}
