// How a scan report becomes the task's result and output variables. Pure, so the policy is tested in
// process; index.ts only reads inputs and talks to the agent.

import type { ScanReport } from '../../src/core/scan/types';
import type { ScanNote, Severity } from '../../src/core/model';

export type FailOn = Severity | 'none';
export const FAIL_ON: readonly FailOn[] = ['high', 'medium', 'low', 'none'];

export type TaskOutcome = 'Succeeded' | 'SucceededWithIssues' | 'Failed';

/** Formats a message from task.json `messages`, as task-lib's `loc` does. */
export type Loc = (key: string, ...args: unknown[]) => string;

export interface Decision {
  result: TaskOutcome;
  /** The message the run shows next to the result: the first reason, or the summary. */
  message: string;
  /** Every reason the result is not Succeeded, most serious first. */
  reasons: string[];
  /** The counts, in one line. */
  summary: string;
}

/** `file:line:column (at pointer)`, leaving out what the note does not know. */
export function noteLocation(note: ScanNote): string {
  let where = note.file;
  if (note.line !== undefined) where += `:${note.line}${note.column !== undefined ? `:${note.column}` : ''}`;
  if (note.pointer) where += ` (at ${note.pointer})`;
  return where;
}

const RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

/** Failed findings at or above `failOn` (0 for `none`). */
export function failuresAtOrAbove(report: ScanReport, failOn: FailOn): number {
  if (failOn === 'none') return 0;
  const by = report.summary.failedBySeverity;
  return (Object.keys(RANK) as Severity[]).filter((s) => RANK[s] >= RANK[failOn]).reduce((n, s) => n + (by[s] ?? 0), 0);
}

/**
 * Failed: incomplete scan, expired suppressions, or the threshold reached (`thresholdReached` comes from the
 * core so the CLI and the task agree). SucceededWithIssues: failures below the threshold, unknowns that need
 * review, or suppressions applied, since an auditor must see each of those. Succeeded otherwise.
 */
export function decide(report: ScanReport, failOn: FailOn, thresholdReached: boolean, loc: Loc, reportPath: string): Decision {
  const s = report.summary;
  const by = s.failedBySeverity;
  const failures: string[] = [];
  if (!report.complete) {
    const errors = report.notes.filter((n) => n.level === 'error');
    // A note that names a line (a JSON syntax error) says more than a summary note about the same file.
    const first = errors.find((n) => n.line !== undefined) ?? errors[0];
    const where = first ? noteLocation(first) + `: ${first.message}` : '-';
    failures.push(loc('ScanIncomplete', errors.length, where));
  }
  if (s.expiredSuppressions > 0) failures.push(loc('ExpiredSuppressions', s.expiredSuppressions));
  if (thresholdReached) failures.push(loc('ThresholdReached', failuresAtOrAbove(report, failOn), failOn, by.high, by.medium, by.low, reportPath));

  const issues: string[] = [];
  const below = s.failed - failuresAtOrAbove(report, failOn);
  if (below > 0) issues.push(failOn === 'none' ? loc('ReportOnly', below) : loc('BelowThreshold', below, failOn));
  if (s.unknown > 0) issues.push(loc('UnknownsNeedReview', s.unknown));
  if (s.suppressed > 0) issues.push(loc('SuppressionsApplied', s.suppressed));

  const summary = loc('ScanSummary', s.resources, s.passed, s.failed, by.high, by.medium, by.low, s.unknown, s.suppressed);
  if (failures.length > 0) return { result: 'Failed', message: failures[0]!, reasons: [...failures, ...issues], summary };
  if (issues.length > 0) return { result: 'SucceededWithIssues', message: issues[0]!, reasons: issues, summary };
  return { result: 'Succeeded', message: summary, reasons: [], summary };
}

/** Output variables of task.json, as strings. */
export function outputVariables(report: ScanReport, files: Partial<Record<'sarif' | 'junit' | 'md' | 'json', string>>): Record<string, string> {
  const s = report.summary;
  const vars: Record<string, string> = {
    passedCount: String(s.passed),
    failedCount: String(s.failed),
    unknownCount: String(s.unknown),
    suppressedCount: String(s.suppressed),
    findingsHigh: String(s.failedBySeverity.high ?? 0),
    findingsMedium: String(s.failedBySeverity.medium ?? 0),
    findingsLow: String(s.failedBySeverity.low ?? 0),
    resourceCount: String(s.resources),
    scanComplete: String(report.complete),
  };
  if (files.sarif) vars.sarifFile = files.sarif;
  if (files.junit) vars.junitFile = files.junit;
  if (files.md) vars.summaryFile = files.md;
  if (files.json) vars.jsonFile = files.json;
  return vars;
}
