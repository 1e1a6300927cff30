// JUnit XML for test-result tabs (Azure Pipelines "Publish Test Results", GitLab, Jenkins): one testcase per
// control × resource. Several outcomes of one pair (e.g. one per network rule) fold into one testcase whose
// status is the worst of them: fail, then unknown, then suppressed, then pass.

import { create } from 'xmlbuilder2';
import type { Finding } from '../model';
import type { ScanReport } from '../scan/types';
import { compareCodeUnits } from '../util/stable-json';
import { displayValue, xmlSafe } from '../util/text-escape';

export type JUnitGrouping = 'file' | 'family';

interface TestCase {
  controlId: string;
  resourceName: string;
  resourceId: string;
  file: string;
  line: number;
  group: string;
  outcomes: Finding[];
}

const WORST_FIRST = ['fail', 'unknown', 'suppressed', 'pass'] as const;

export function toJUnit(report: ScanReport, groupBy: JUnitGrouping = 'file'): string {
  const cases = new Map<string, TestCase>();
  for (const f of report.findings) {
    const key = `${f.controlId}\u0000${f.resourceId.toLowerCase()}\u0000${f.location.file}`;
    let tc = cases.get(key);
    if (!tc) {
      tc = {
        controlId: f.controlId,
        resourceName: f.resourceName,
        resourceId: f.resourceId,
        file: f.location.file,
        line: f.location.line,
        group: groupBy === 'file' ? f.location.file : f.family,
        outcomes: [],
      };
      cases.set(key, tc);
    }
    tc.line = Math.min(tc.line, f.location.line);
    tc.outcomes.push(f);
  }
  const groups = new Map<string, TestCase[]>();
  for (const tc of cases.values()) {
    const list = groups.get(tc.group) ?? [];
    list.push(tc);
    groups.set(tc.group, list);
  }

  const counts = { tests: 0, failures: 0, skipped: 0, errors: 0 };
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', { name: xmlSafe(`ControlTrace ISRM scan (${report.baseline})`) });
  for (const group of [...groups.keys()].sort(compareCodeUnits)) {
    const list = groups.get(group)!.sort(
      (a, b) => compareCodeUnits(a.controlId, b.controlId) || compareCodeUnits(a.resourceName, b.resourceName) || compareCodeUnits(a.resourceId, b.resourceId),
    );
    const suiteCounts = { tests: list.length, failures: 0, skipped: 0 };
    const suite = root.ele('testsuite', { name: xmlSafe(group), timestamp: report.asOf.replace(/\.\d+Z$/, 'Z'), time: '0' });
    for (const tc of list) {
      const status = WORST_FIRST.find((s) => tc.outcomes.some((o) => o.status === s))!;
      const el = suite.ele('testcase', { classname: xmlSafe(tc.controlId), name: xmlSafe(tc.resourceName), file: xmlSafe(tc.file), line: String(tc.line), time: '0' });
      if (status === 'fail') {
        suiteCounts.failures++;
        const failed = tc.outcomes.filter((o) => o.status === 'fail');
        el.ele('failure', { message: xmlSafe(failed.map((o) => o.message).join('; ')), type: failed[0]!.severity }).txt(xmlSafe(failed.map(detail).join('\n\n')));
      } else if (status === 'unknown' || status === 'suppressed') {
        suiteCounts.skipped++;
        el.ele('skipped', { message: xmlSafe(tc.outcomes.filter((o) => o.status !== 'pass').map(skipReason).join('; ')) });
      }
      el.ele('system-out').txt(xmlSafe(`${tc.resourceId}`));
    }
    suite.att({ tests: String(suiteCounts.tests), failures: String(suiteCounts.failures), errors: '0', skipped: String(suiteCounts.skipped) });
    counts.tests += suiteCounts.tests;
    counts.failures += suiteCounts.failures;
    counts.skipped += suiteCounts.skipped;
  }
  const integrity = integritySuite(report);
  if (integrity.length > 0) {
    const suite = root.ele('testsuite', { name: INTEGRITY_SUITE, timestamp: report.asOf.replace(/\.\d+Z$/, 'Z'), time: '0' });
    let errors = 0;
    let failures = 0;
    for (const tc of integrity) {
      const el = suite.ele('testcase', { classname: tc.classname, name: xmlSafe(tc.name), time: '0' });
      if (tc.error) {
        errors++;
        el.ele('error', { message: xmlSafe(tc.error) });
      } else if (tc.failure) {
        failures++;
        el.ele('failure', { message: xmlSafe(tc.failure) });
      }
    }
    suite.att({ tests: String(integrity.length), failures: String(failures), errors: String(errors), skipped: '0' });
    counts.tests += integrity.length;
    counts.failures += failures;
    counts.errors += errors;
  }
  root.att({ tests: String(counts.tests), failures: String(counts.failures), errors: String(counts.errors), skipped: String(counts.skipped), time: '0' });
  return root.end({ prettyPrint: true }) + '\n';
}

/** The suite that makes an untrustworthy scan visible in a test tab: one case per input, one per expired waiver. */
export const INTEGRITY_SUITE = 'ControlTrace scan integrity';

interface IntegrityCase {
  classname: string;
  name: string;
  error?: string;
  failure?: string;
}

function integritySuite(report: ScanReport): IntegrityCase[] {
  const cases: IntegrityCase[] = [];
  const errorsByFile = new Map<string, string[]>();
  for (const n of report.notes.filter((x) => x.level === 'error')) {
    const where = n.line !== undefined ? `line ${n.line}: ` : '';
    errorsByFile.set(n.file, [...(errorsByFile.get(n.file) ?? []), `${where}${n.message}`]);
  }
  const inputFiles = new Set(report.inputs.map((i) => i.file));
  for (const input of report.inputs) {
    const errors = errorsByFile.get(input.file);
    cases.push({ classname: 'ControlTrace.Input', name: input.file, ...(errors ? { error: errors.join('; ') } : {}) });
  }
  for (const [file, errors] of [...errorsByFile].sort(([a], [b]) => compareCodeUnits(a, b))) {
    if (!inputFiles.has(file)) cases.push({ classname: 'ControlTrace.Input', name: file, error: errors.join('; ') });
  }
  for (const s of report.suppressions.filter((x) => x.expired)) {
    cases.push({
      classname: 'ControlTrace.Suppression',
      name: `${s.control} ${s.resource}`,
      failure: `Suppression expired on ${s.expires} (owner ${s.owner}): renew or remove it`,
    });
  }
  return cases;
}

function detail(f: Finding): string {
  return [
    f.message,
    `Control: ${f.controlId} (${f.severity}, ${f.family}) ${f.title}`,
    `Resource: ${f.resourceType} ${f.resourceId}`,
    `Property: ${f.propertyPath}`,
    `Actual: ${displayValue(f.actual, 2000)}`,
    `Expected: ${f.expected}`,
    `Location: ${f.location.file}:${f.location.line} (${f.location.pointer})`,
  ].join('\n');
}

function skipReason(f: Finding): string {
  if (f.status === 'suppressed' && f.suppression) {
    return `Suppressed: ${f.suppression.justification} (owner ${f.suppression.owner}, expires ${f.suppression.expires})`;
  }
  return `Needs review: ${f.message}`;
}
