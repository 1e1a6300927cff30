// What a scan produces and every report renders. Deterministic: sorted findings, no wall clock except asOf.

import type {
  Baseline,
  ControlDefinition,
  Exclusion,
  Finding,
  ScanNote,
  ScannedInput,
  Severity,
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
  findings: Finding[];
  /** Every suppression in the configuration, applied or not, with whether it has expired. */
  suppressions: (Suppression & { expired: boolean; matched: number })[];
  /** Every exclusion in the configuration, with how many control × resource pairs it excluded. */
  exclusions: (Exclusion & { matched: number })[];
  /** Files skipped or read with a caveat, unknown resource types, unevaluable expressions. */
  notes: ScanNote[];
  summary: ScanSummary;
  /** False when any input could not be read or expanded completely (a note with level `error` says why). */
  complete: boolean;
}
