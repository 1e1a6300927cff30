// The one order findings and notes are reported in, so the same scan always gives the same bytes.

import type { Finding, ScanNote } from '../model';
import { compareCodeUnits } from '../util/stable-json';

const STATUS_ORDER = { fail: 0, unknown: 1, suppressed: 2, pass: 3 } as const;
const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** File, line, control id, resource id, then everything else that can tell two findings apart. */
export function compareFindings(a: Finding, b: Finding): number {
  return compareCodeUnits(a.location.file, b.location.file) || a.location.line - b.location.line || compareOnLine(a, b);
}

/** compareFindings for two findings located in the same file and on the same line. */
function compareOnLine(a: Finding, b: Finding): number {
  return (
    compareCodeUnits(a.controlId, b.controlId) ||
    compareCodeUnits(a.resourceId, b.resourceId) ||
    compareCodeUnits(a.propertyPath, b.propertyPath) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    compareCodeUnits(a.message, b.message) ||
    compareCodeUnits(a.location.pointer, b.location.pointer)
  );
}

/**
 * Sorts findings in place by compareFindings. A scan makes its findings file after file, in file order:
 * then each file's run is put in line order by counting (stable, no comparisons), and only the few
 * findings of one line are compared with each other, which gives what one stable sort of the whole list
 * gives. Any other order, or lines that are not small whole numbers, are sorted whole.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const runs: number[] = [0];
  for (let i = 1; i < findings.length; i++) {
    const before = findings[i - 1]!.location.file;
    const file = findings[i]!.location.file;
    if (file === before) continue;
    // A file that comes again later, or out of order, leaves the whole list to one sort.
    if (compareCodeUnits(before, file) >= 0) return findings.sort(compareFindings);
    runs.push(i);
  }
  runs.push(findings.length);
  for (let r = 0; r + 1 < runs.length; r++) {
    if (!sortRunByLine(findings, runs[r]!, runs[r + 1]!)) return findings.sort(compareFindings);
  }
  return findings;
}

/** Sorts findings[start, end), all of one file; false (nothing moved) when a line is no small whole number. */
function sortRunByLine(findings: Finding[], start: number, end: number): boolean {
  if (end - start < 2) return true;
  let min = Infinity;
  let max = -Infinity;
  for (let i = start; i < end; i++) {
    const line = findings[i]!.location.line;
    if (!Number.isSafeInteger(line)) return false;
    if (line < min) min = line;
    if (line > max) max = line;
  }
  // Counting needs a slot per line of the range: only when that is not much more than the findings.
  if (max - min > 4 * (end - start) + 1024) return false;
  const starts = new Int32Array(max - min + 2);
  for (let i = start; i < end; i++) starts[findings[i]!.location.line - min + 1]!++;
  for (let k = 1; k < starts.length; k++) starts[k]! += starts[k - 1]!;
  const run = findings.slice(start, end);
  for (const f of run) findings[start + starts[f.location.line - min]!++] = f;
  // Equal lines are now together, in the order they were made: each group is sorted (stably) on its own.
  for (let i = start; i < end; ) {
    const line = findings[i]!.location.line;
    let j = i + 1;
    while (j < end && findings[j]!.location.line === line) j++;
    if (j - i > 1) insertionSort(findings, i, j);
    i = j;
  }
  return true;
}

/** Stable; the groups of one line are a handful of findings (the outcomes of one resource's controls). */
function insertionSort(findings: Finding[], start: number, end: number): void {
  if (end - start > 32) {
    const group = findings.slice(start, end).sort(compareOnLine);
    for (let i = 0; i < group.length; i++) findings[start + i] = group[i]!;
    return;
  }
  for (let i = start + 1; i < end; i++) {
    const f = findings[i]!;
    let j = i - 1;
    while (j >= start && compareOnLine(findings[j]!, f) > 0) {
      findings[j + 1] = findings[j]!;
      j--;
    }
    findings[j + 1] = f;
  }
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
