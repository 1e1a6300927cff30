// What a scan produces and every report renders. Deterministic: sorted findings, no wall clock except asOf.

import type {
  Baseline,
  ControlDefinition,
  Exclusion,
  Finding,
  ScanNote,
  ScannedInput,
  Severity,
  SourceRef,
  Suppression,
} from '../model';

export interface ScanSummary {
  resources: number;
  controlsEvaluated: number;
  passed: number;
  failed: number;
  unknown: number;
  suppressed: number;
  /** Failed findings by severity (after overrides). */
  failedBySeverity: Record<Severity, number>;
  /** Suppressions whose expiry date is before asOf: each one fails the scan. */
  expiredSuppressions: number;
}

/** A control × resource pair an exclusion took out of the scan. */
export interface ExcludedPair {
  controlId: string;
  resourceType: string;
  resourceName: string;
  resourceId: string;
  file: string;
}

/** A severity override of the configuration that changed a control of this scan. */
export interface AppliedSeverityOverride {
  controlId: string;
  /** The catalogue's severity. */
  defaultSeverity: Severity;
  /** The severity the scan used. */
  severity: Severity;
}

export type Verdict = 'PASSED' | 'FAILED' | 'INCOMPLETE';

/**
 * What governed the run, so an auditor can tell from any report which rules produced it: the
 * configuration file (and its hash), the overrides that changed severities, the threshold and the verdict.
 */
export interface RunGovernance {
  /** The configuration file as named in the reports, and the SHA-256 of its bytes; absent when defaults were used. */
  configFile?: { path: string; sha256: string };
  baseline: Baseline;
  severityOverrides: AppliedSeverityOverride[];
  /** The --fail-on / failOn threshold the verdict was judged against; absent when the caller gave none. */
  failOn?: Severity | 'none';
  /** PASSED / FAILED / INCOMPLETE (as the exit code: 0 / 1 or 2 / 2); absent without a threshold. */
  verdict?: Verdict;
}

/** A finding as reported: overridden severities and expired suppressions that would have covered it are named. */
export type ReportFinding = Finding & {
  /** The catalogue's severity, present only when a severity override changed it (severity is the effective one). */
  defaultSeverity?: Severity;
  /** Expired suppressions that match this finding: they no longer waive it, and the reports say so. */
  rejectedSuppressions?: Suppression[];
  /** Where the related resource (relatedResourceId) is declared, when it is in the scanned files. */
  relatedLocation?: SourceRef;
};

export interface ScanReport {
  schema: 'controltrace/scan@1';
  tool: { name: 'ControlTrace'; version: string };
  /** ISO-8601 instant the scan is evaluated at (suppression expiry is judged against it). */
  asOf: string;
  baseline: Baseline;
  inputs: ScannedInput[];
  /** Controls in the baseline, after severity overrides; the rules of SARIF. */
  controls: Pick<ControlDefinition, 'id' | 'title' | 'rationale' | 'remediation' | 'snippet' | 'severity' | 'family' | 'frameworks' | 'azurePolicy' | 'helpUri' | 'appliesTo'>[];
  /** Every outcome, passes included, sorted by file, line, control id, resource id. */
  findings: ReportFinding[];
  /** Every suppression in the configuration, applied or not, with whether it has expired. */
  suppressions: (Suppression & { expired: boolean; matched: number })[];
  /** Every exclusion in the configuration, with how many control × resource pairs it excluded. */
  exclusions: (Exclusion & { matched: number; excluded?: ExcludedPair[] })[];
  /** Files skipped or read with a caveat, unknown resource types, unevaluable expressions. */
  notes: ScanNote[];
  summary: ScanSummary;
  /** False when any input could not be read or expanded completely (a note with level `error` says why). */
  complete: boolean;
  /** What governed the run (configuration, overrides, threshold, verdict); filled by the caller that knows them. */
  governance?: RunGovernance;
}
