// The run summary a reviewer reads first (Azure Pipelines "Extensions" tab, PR comment): whether the scan can
// be trusted, what failed, and — always — what was waived and excluded. Every string that came from a
// template or a configuration is escaped: it is data, never markup.

import type { Severity } from '../model';
import { FAMILIES, SEVERITIES } from '../model';
import type { ReportFinding, ScanReport } from '../scan/types';
import { displayValue, escapeMarkdown as md, markdownCode as code } from '../util/text-escape';

/** Tables longer than this are cut (the full list is in the SARIF and JSON reports). */
export const MAX_TABLE_ROWS = 200;
/** Excluded pairs listed per exclusion before "and N more" (the JSON and SARIF reports list them all). */
export const MAX_EXCLUDED_LISTED = 20;

export function toMarkdown(report: ScanReport): string {
  const s = report.summary;
  const out: string[] = [];
  out.push(`# ControlTrace ISRM scan — ${md(report.baseline)} baseline`, '');
  if (!report.complete) {
    const errors = report.notes.filter((n) => n.level === 'error');
    out.push(
      `> **Incomplete scan — do not rely on these results.** ${errors.length} input problem${errors.length === 1 ? '' : 's'} prevented a complete scan; see *Notes* below.`,
      '',
    );
  }
  if (s.expiredSuppressions > 0) {
    out.push(`> **${s.expiredSuppressions} suppression${s.expiredSuppressions === 1 ? ' has' : 's have'} expired.** Renew or remove ${s.expiredSuppressions === 1 ? 'it' : 'them'}; the scan fails until then.`, '');
  }
  const g = report.governance;
  if (g?.verdict !== undefined) {
    out.push(`**Verdict: ${g.verdict}** (fail-on threshold: ${md(g.failOn ?? 'none')})`, '');
  }
  out.push(
    `Evaluated as of ${md(report.asOf)} by ${md(report.tool.name)} ${md(report.tool.version)}: ${s.resources} resource${s.resources === 1 ? '' : 's'} in ${report.inputs.length} file${report.inputs.length === 1 ? '' : 's'}, ${s.controlsEvaluated} of ${report.controls.length} controls applied.`,
    '',
    '| Result | Count |',
    '| --- | ---: |',
    `| Failed | ${s.failed} |`,
    `| Needs review (unknown) | ${s.unknown} |`,
    `| Suppressed | ${s.suppressed} |`,
    `| Passed | ${s.passed} |`,
    '',
  );

  if (s.failed > 0) {
    out.push('## Failures by severity and family', '');
    const failed = report.findings.filter((f) => f.status === 'fail');
    const families = FAMILIES.filter((fam) => failed.some((f) => f.family === fam));
    out.push(`| Severity | ${families.map((f) => md(f)).join(' | ')} | Total |`, `| --- |${families.map(() => ' ---: |').join('')} ---: |`);
    for (const sev of SEVERITIES) {
      const row = families.map((fam) => failed.filter((f) => f.severity === sev && f.family === fam).length);
      out.push(`| ${sev} | ${row.join(' | ')} | ${s.failedBySeverity[sev]} |`);
    }
    out.push('');
    out.push('## Failed controls', '');
    out.push(...findingTable(bySeverity(failed)));
  }

  const unknown = report.findings.filter((f) => f.status === 'unknown');
  if (unknown.length > 0) {
    out.push('## Needs review', '', 'These values are only known at deployment time (for example `reference()` or a Terraform value known after apply); a person has to confirm them.', '');
    out.push(...findingTable(bySeverity(unknown)));
  }

  out.push('## What governed this run', '');
  out.push(`- Configuration: ${g?.configFile ? `${code(g.configFile.path)} (SHA-256 ${code(g.configFile.sha256)})` : 'none (defaults)'}`);
  out.push(`- Baseline: ${md(report.baseline)}`);
  out.push(`- Fail-on threshold: ${g?.failOn !== undefined ? md(g.failOn) : 'not recorded'}${g?.verdict !== undefined ? `; verdict: **${g.verdict}**` : ''}`);
  const overrides = g?.severityOverrides ?? [];
  if (overrides.length === 0) out.push('- Severity overrides applied: none', '');
  else {
    out.push(`- Severity overrides applied: ${overrides.length}`, '', '| Control | Catalogue severity | Effective severity |', '| --- | --- | --- |');
    for (const o of overrides) out.push(`| ${code(o.controlId)} | ${o.defaultSeverity} | ${o.severity} |`);
    out.push('');
  }

  out.push('## Suppressions', '');
  if (report.suppressions.length === 0) out.push('No suppressions are configured.', '');
  else {
    out.push('| Control | Resource | Justification | Owner | Expires | Status | Findings |', '| --- | --- | --- | --- | --- | --- | ---: |');
    for (const sup of report.suppressions) {
      const status = sup.expired ? '**EXPIRED**' : sup.matched === 0 ? 'active, matched nothing' : 'active';
      out.push(`| ${code(sup.control)} | ${code(sup.resource)} | ${md(sup.justification)} | ${md(sup.owner)} | ${md(sup.expires)} | ${status} | ${sup.matched} |`);
    }
    out.push('');
  }

  out.push('## Exclusions', '');
  if (report.exclusions.length === 0) out.push('No exclusions are configured.', '');
  else {
    out.push('| Control | Resource | Reason | Pairs excluded |', '| --- | --- | --- | ---: |');
    for (const e of report.exclusions) {
      out.push(`| ${e.control !== undefined ? code(e.control) : 'all'} | ${e.resource !== undefined ? code(e.resource) : 'all'} | ${md(e.reason)} | ${e.matched} |`);
    }
    out.push('');
    report.exclusions.forEach((e, i) => {
      const pairs = e.excluded ?? [];
      if (pairs.length === 0) return;
      out.push(`Excluded by exclusion ${i + 1} (${e.control !== undefined ? code(e.control) : 'all controls'} × ${e.resource !== undefined ? code(e.resource) : 'all resources'}):`, '');
      for (const p of pairs.slice(0, MAX_EXCLUDED_LISTED)) out.push(`- ${code(p.controlId)} on ${md(p.resourceName)} (${md(p.resourceType)}) in ${code(p.file)}`);
      if (pairs.length > MAX_EXCLUDED_LISTED) out.push(`- …and ${pairs.length - MAX_EXCLUDED_LISTED} more in the JSON and SARIF reports.`);
      out.push('');
    });
  }

  if (report.notes.length > 0) {
    out.push('## Notes', '', '| Level | File | Message |', '| --- | --- | --- |');
    for (const n of report.notes.slice(0, MAX_TABLE_ROWS)) {
      const where = `${n.file}${n.line !== undefined ? `:${n.line}` : ''}`;
      out.push(`| ${n.level} | ${code(where)} | ${md(n.message)} |`);
    }
    if (report.notes.length > MAX_TABLE_ROWS) out.push('', `…and ${report.notes.length - MAX_TABLE_ROWS} more notes in the JSON report.`);
    out.push('');
  }

  out.push('## Inputs', '', '| File | Kind | Resources | SHA-256 |', '| --- | --- | ---: | --- |');
  for (const i of report.inputs) out.push(`| ${code(i.file)} | ${i.kind} | ${i.resources} | ${code(i.sha256)} |`);
  out.push('');
  return out.join('\n');
}

const RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2 };

/** Severity first; within a severity the report's own (file, line, control) order is kept. */
function bySeverity(findings: ReportFinding[]): ReportFinding[] {
  return findings.map((f, i) => ({ f, i })).sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i).map((x) => x.f);
}

function findingTable(findings: ReportFinding[]): string[] {
  const rows = ['| Severity | Control | Resource | Property | Actual | Expected | Location |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const f of findings.slice(0, MAX_TABLE_ROWS)) {
    rows.push(
      `| ${f.severity}${f.defaultSeverity !== undefined ? ` (overridden from ${f.defaultSeverity})` : ''}${f.rejectedSuppressions ? ' (suppression expired)' : ''} | ${code(f.controlId)} ${md(f.title)} | ${md(f.resourceName)} (${md(f.resourceType)}) | ${code(f.propertyPath)}${f.sourceProperty !== undefined ? ` (Terraform ${code(f.sourceProperty)})` : ''} | ${code(displayValue(f.actual))} | ${md(f.expected)} | ${code(`${f.location.file}:${f.location.line}`)} |`,
    );
  }
  if (findings.length > MAX_TABLE_ROWS) rows.push('', `…and ${findings.length - MAX_TABLE_ROWS} more in the SARIF and JSON reports.`);
  rows.push('');
  return rows;
}
