// The one order findings and notes are reported in, so the same scan always gives the same bytes.

import type { Finding, ScanNote } from '../model';
import { compareCodeUnits } from '../util/stable-json';

const STATUS_ORDER = { fail: 0, unknown: 1, suppressed: 2, pass: 3 } as const;
const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** File, line, control id, resource id, then everything else that can tell two findings apart. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareCodeUnits(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    compareCodeUnits(a.controlId, b.controlId) ||
    compareCodeUnits(a.resourceId, b.resourceId) ||
    compareCodeUnits(a.propertyPath, b.propertyPath) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    compareCodeUnits(a.message, b.message) ||
    compareCodeUnits(a.location.pointer, b.location.pointer)
  );
}

export function compareNotes(a: ScanNote, b: ScanNote): number {
  return (
    compareCodeUnits(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    compareCodeUnits(a.pointer ?? '', b.pointer ?? '') ||
    compareCodeUnits(a.message, b.message)
  );
}
