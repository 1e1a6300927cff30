// Test outcomes as the Test Plans / Test Results REST APIs spell them. The APIs are not consistent about
// case (`passed` in some point payloads, `Passed` in results), so every outcome is put in one spelling
// before anything is decided on it.

export const NOT_RUN = 'NotRun';

const CANONICAL = [
  'Passed',
  'Failed',
  'Blocked',
  'NotApplicable',
  'Paused',
  'InProgress',
  'Inconclusive',
  'Timeout',
  'Aborted',
  'Error',
  'NotExecuted',
  'Warning',
  'NotImpacted',
] as const;

const BY_LOWER = new Map<string, string>(CANONICAL.map((o) => [o.toLowerCase(), o]));

// A point whose last result says None/Unspecified has never produced a verdict, same as no result.
const NO_VERDICT = new Set(['', 'none', 'unspecified', 'notrun']);

/** Canonical spelling of a latest outcome; `NotRun` when there is no verdict. Unknown outcomes are kept as given. */
export function normalizeOutcome(outcome: string | undefined): string {
  const trimmed = (outcome ?? '').trim();
  const lower = trimmed.toLowerCase();
  if (NO_VERDICT.has(lower)) return NOT_RUN;
  return BY_LOWER.get(lower) ?? trimmed;
}

/**
 * Outcomes that mean the test did not pass because something went wrong. Error, Timeout and Aborted are
 * counted with Failed: an auditor would not accept a run that errored as evidence, and leaving them out
 * would hide the requirement from every gap.
 */
const FAILING = new Set(['Failed', 'Error', 'Timeout', 'Aborted']);

export function isFailingOutcome(outcome: string): boolean {
  return FAILING.has(outcome);
}

export function isPassingOutcome(outcome: string): boolean {
  return outcome === 'Passed';
}

export function isBlockedOutcome(outcome: string): boolean {
  return outcome === 'Blocked';
}

// A run that is still going, paused or was never executed has produced no result yet.
const NO_RESULT_YET = new Set([NOT_RUN, 'InProgress', 'Paused', 'NotExecuted']);

/** The latest outcome is a completed result (any verdict, passing or not). */
export function hasVerdict(outcome: string): boolean {
  return !NO_RESULT_YET.has(outcome);
}
