// `controltrace scan`: validate ISRM controls on ARM templates and Terraform plans, write the reports.

import path from 'node:path';
import { Command, Option } from 'commander';
import { formatLocated } from '../../core/errors';
import { BASELINES, type Baseline, type ScanNote, type Severity } from '../../core/model';
import { REPORT_FORMATS, type ReportFormat } from '../../core/report';
import { canonicalInstant } from '../../core/scan/policy';
import { exitCodeFor } from '../../core/scan/scan';
import { plainText } from '../../core/trace/render/escape';
import type { ScanReport } from '../../core/scan/types';
import { scanPaths, writeReports } from '../../node';
import { createProgress } from '../progress';

const FAIL_ON = ['high', 'medium', 'low', 'none'] as const;
/** Notes beyond this many are only in the reports. */
const MAX_PRINTED_NOTES = 20;

interface ScanOptions {
  parameters?: string;
  config?: string;
  baseline?: Baseline;
  format: string;
  out: string;
  failOn: Severity | 'none';
  asOf?: string;
}

export function register(program: Command): void {
  program
    .command('scan')
    .description('Check ARM templates (incl. compiled Bicep) and Terraform plan JSON against the ISRM controls')
    .argument('<inputs...>', "files, folders (every *.json below) or globs, in order; one starting with '!' excludes what those before it matched (quote it in the shell)")
    .option('--parameters <file>', 'ARM parameters file, applied to the templates that declare its parameters')
    .option('--config <file>', 'controltrace.json / .yml (default: one in the current folder, if present)')
    .addOption(new Option('--baseline <baseline>', 'control baseline (default: from the config, else hbi)').choices(BASELINES))
    .option('--format <list>', `comma-separated report formats: ${REPORT_FORMATS.join(',')}`, REPORT_FORMATS.join(','))
    .option('--out <dir>', 'folder for the reports', 'controltrace-results')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when a control of this severity or higher fails').choices(FAIL_ON).default('low'))
    .option('--as-of <iso>', 'ISO-8601 date or instant with zone that suppression expiry is judged at (default: now)')
    .addHelpText('after', '\nExit codes: 0 passed, 1 a control at or above --fail-on failed, 2 usage or input error, incomplete scan, or expired suppression.')
    .action(async (inputs: string[], opts: ScanOptions, command: Command) => {
      const formats = parseFormats(opts.format, command);
      if (opts.asOf !== undefined && canonicalInstant(opts.asOf) === undefined) {
        command.error(`error: --as-of '${opts.asOf}' is not an ISO-8601 date (2026-11-26) or instant with a zone (2026-11-26T10:00:00Z)`, { exitCode: 2 });
      }
      const progress = createProgress();
      let report: ScanReport;
      try {
        report = await scanPaths({
          patterns: inputs,
          cwd: process.cwd(),
          ...(opts.parameters !== undefined ? { parametersFile: opts.parameters } : {}),
          ...(opts.config !== undefined ? { configFile: opts.config } : {}),
          ...(opts.baseline !== undefined ? { baseline: opts.baseline } : {}),
          ...(opts.asOf !== undefined ? { asOf: opts.asOf } : {}),
          failOn: opts.failOn,
          reportsDir: opts.out,
          onProgress: progress.update,
        });
      } finally {
        progress.stop();
      }
      const written = writeReports(report, opts.out, formats);
      printNotes(report.notes);
      printExpiredSuppressions(report);
      process.stdout.write(summaryText(report, opts.failOn, written));
      process.exitCode = exitCodeFor(report, opts.failOn);
    });
}

function parseFormats(list: string, command: Command): ReportFormat[] {
  const formats = list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || formats.length === 0) {
    command.error(`error: --format: unknown format ${unknown.map((f) => `'${f}'`).join(', ') || "''"} (choose from ${REPORT_FORMATS.join(', ')})`, { exitCode: 2 });
  }
  return formats as ReportFormat[];
}

function printNotes(notes: readonly ScanNote[]): void {
  // Errors first: they are why a scan is INCOMPLETE, and must not be cut off behind a run of warnings.
  const shown = [...notes.filter((n) => n.level === 'error'), ...notes.filter((n) => n.level === 'warning')];
  for (const n of shown.slice(0, MAX_PRINTED_NOTES)) {
    const where = { file: n.file, ...(n.line !== undefined ? { line: n.line } : {}), ...(n.column !== undefined ? { column: n.column } : {}) };
    // File names and messages carry template text: in a pipeline log a `##vso[` in them would be obeyed.
    process.stderr.write(`${n.level}: ${plainText(formatLocated(n.message.replace(/\s*\n\s*/g, ' '), where))}\n`);
  }
  if (shown.length > MAX_PRINTED_NOTES) process.stderr.write(`… ${shown.length - MAX_PRINTED_NOTES} more in the reports\n`);
}

/** An expired suppression fails the run (exit 2): the person fixing it needs to know which entry, not only how many. */
function printExpiredSuppressions(report: ScanReport): void {
  const file = report.governance?.configFile?.path ?? 'configuration';
  report.suppressions.forEach((s, i) => {
    if (!s.expired) return;
    const line = `error: ${file}: suppression ${i + 1} (${s.control} on ${s.resource}, owner ${s.owner}) expired on ${s.expires}; renew or remove it`;
    process.stderr.write(`${plainText(line)}\n`);
  });
}

export function summaryText(report: ScanReport, failOn: Severity | 'none', written: Record<string, string>): string {
  const s = report.summary;
  const by = s.failedBySeverity;
  const code = exitCodeFor(report, failOn);
  const lines = [
    `ControlTrace scan, ${report.baseline} baseline, as of ${report.asOf}`,
    `  ${report.inputs.length} file(s), ${s.resources} resource(s), ${s.controlsEvaluated} of ${report.controls.length} controls applied`,
    `  failed ${s.failed} (high ${by.high}, medium ${by.medium}, low ${by.low}), needs review ${s.unknown}, suppressed ${s.suppressed}, passed ${s.passed}`,
  ];
  const g = report.governance;
  if (g?.configFile) lines.push(`  configuration ${g.configFile.path} (SHA-256 ${g.configFile.sha256})`);
  if (g && g.severityOverrides.length > 0) lines.push(`  severity overrides applied: ${g.severityOverrides.map((o) => `${o.controlId} ${o.defaultSeverity}→${o.severity}`).join(', ')}`);
  const info = report.notes.filter((n) => n.level === 'info').length;
  if (info > 0) lines.push(`  ${info} informational note(s) in the reports (e.g. resource types no control covers)`);
  lines.push('Reports:');
  for (const [format, file] of Object.entries(written)) lines.push(`  ${format.padEnd(6)} ${shortPath(file)}`);
  if (!report.complete) lines.push('Result: INCOMPLETE — some input could not be scanned; the results cannot be relied on (exit 2)');
  else if (s.expiredSuppressions > 0) lines.push(`Result: FAILED — ${s.expiredSuppressions} suppression(s) expired; renew or remove them (exit 2)`);
  else if (code === 1) lines.push(`Result: FAILED — controls failed at or above ${failOn} (exit 1)`);
  else lines.push(`Result: PASSED${failOn === 'none' ? ' (--fail-on none)' : ` — nothing failed at or above ${failOn}`}`);
  return lines.map(plainText).join('\n') + '\n';
}

/** Relative to the working folder when the file is inside it, else absolute. */
function shortPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
