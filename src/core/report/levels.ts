// How findings map onto the vocabularies of the report formats.

import type { FindingStatus, Severity } from '../model';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** A failed control: high is an error, medium and low are warnings (SARIF has no finer scale). */
export function sarifLevelForSeverity(severity: Severity): SarifLevel {
  return severity === 'high' ? 'error' : 'warning';
}

/** Unknown outcomes need a human to review them: a note, never an error or a pass. */
export function sarifLevelFor(status: FindingStatus, severity: Severity): SarifLevel {
  return status === 'unknown' ? 'note' : sarifLevelForSeverity(severity);
}

/** GitHub code scanning ranks security results by this score (CVSS-like, as a string). */
export const SECURITY_SEVERITY: Record<Severity, string> = { high: '8.0', medium: '5.5', low: '3.0' };
