// What governed a run, recorded in the report itself: an auditor reading any one report must be able to tell
// which configuration (by hash), which severity overrides, which threshold and which verdict produced it,
// and which findings an expired suppression no longer covers. The scan engine knows none of the caller's
// threshold or file bytes, so the caller that does (scanPaths, writeReports) records them here.

import type { ControlDefinition, Severity } from '../model';
import { exitCodeFor } from '../scan/engine';
import { suppressionMatches } from '../scan/policy';
import type { AppliedSeverityOverride, ReportFinding, RunGovernance, ScanReport, Verdict } from '../scan/types';

export type FailOn = Severity | 'none';

export interface GovernanceInput {
  /** The catalogue the scan ran with, for the controls' own (default) severities. */
  catalogue: readonly Pick<ControlDefinition, 'id' | 'severity'>[];
  /** The configuration file as the reports name it, and the SHA-256 of its bytes. */
  configFile?: { path: string; sha256: string };
  failOn?: FailOn;
}

/** PASSED / FAILED / INCOMPLETE, judged exactly as the exit code is (so no report can disagree with it). */
export function verdictFor(report: ScanReport, failOn: FailOn): Verdict {
  if (!report.complete) return 'INCOMPLETE';
  return exitCodeFor(report, failOn) === 0 ? 'PASSED' : 'FAILED';
}

/**
 * A copy of the report with `governance` filled in and its findings annotated; the input is not changed (the
 * copy shares its findings array when no finding needs annotating).
 */
export function recordGovernance(report: ScanReport, input: GovernanceInput): ScanReport {
  const defaults = new Map(input.catalogue.map((c) => [c.id, c.severity]));
  const severityOverrides: AppliedSeverityOverride[] = [];
  for (const c of report.controls) {
    const defaultSeverity = defaults.get(c.id);
    if (defaultSeverity !== undefined && defaultSeverity !== c.severity) severityOverrides.push({ controlId: c.id, defaultSeverity, severity: c.severity });
  }
  const overridden = new Map(severityOverrides.map((o) => [o.controlId, o.defaultSeverity]));
  const expired = report.suppressions.filter((s) => s.expired);
  // Nothing to annotate (no override changed a severity, no suppression expired): the findings are the
  // report's own, not a copy of an array of tens of thousands.
  const findings = overridden.size === 0 && expired.length === 0 ? report.findings : report.findings.map((f): ReportFinding => {
    let out: ReportFinding = f;
    // The engine annotates findings itself; this fills in only what a report built elsewhere lacks.
    const defaultSeverity = overridden.get(f.controlId);
    if (defaultSeverity !== undefined && f.defaultSeverity === undefined) out = { ...out, defaultSeverity };
    if (f.status !== 'pass' && expired.length > 0 && f.rejectedSuppressions === undefined) {
      // The engine waives nothing with an expired suppression; naming it on the finding shows why it still counts.
      const rejected = expired
        .filter((s) => suppressionMatches(s, f.controlId, f.resourceName, f.resourceId))
        .map(({ control, resource, justification, owner, expires }) => ({ control, resource, justification, owner, expires }));
      if (rejected.length > 0) out = { ...out, rejectedSuppressions: rejected };
    }
    return out;
  });
  const governance: RunGovernance = {
    ...(input.configFile ? { configFile: { ...input.configFile } } : {}),
    baseline: report.baseline,
    severityOverrides,
  };
  const governed: ScanReport = { ...report, findings, governance };
  return input.failOn !== undefined ? withVerdict(governed, input.failOn) : governed;
}

/** The report with the threshold and the verdict it gives recorded (a copy; the input is not changed). */
export function withVerdict(report: ScanReport, failOn: FailOn): ScanReport {
  const base: RunGovernance = report.governance ?? { baseline: report.baseline, severityOverrides: [] };
  return { ...report, governance: { ...base, failOn, verdict: verdictFor(report, failOn) } };
}
