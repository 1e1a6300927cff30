// JUnit XML for test-result tabs (Azure Pipelines "Publish Test Results", GitLab, Jenkins): one testcase per
// control × resource. Several outcomes of one pair (e.g. one per network rule) fold into one testcase whose
// status is the worst of them: fail, then unknown, then suppressed, then pass. A last suite makes the scan's
// own trustworthiness visible there too: one case per input file and per expired suppression.

import type { Finding } from '../model';
import type { ScanReport } from '../scan/types';
import { compareCodeUnits } from '../util/stable-json';
import { displayValue } from '../util/text-escape';
import { renderXmlDocument, type XmlElement } from '../util/xml';

export type JUnitGrouping = 'file' | 'family';

export const INTEGRITY_SUITE = 'ControlTrace scan integrity';

interface PairCase {
  controlId: string;
  resourceName: string;
  resourceId: string;
  file: string;
  line: number;
  group: string;
  outcomes: Finding[];
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

const WORST_FIRST = ['fail', 'unknown', 'suppressed', 'pass'] as const;

export function toJUnit(report: ScanReport, groupBy: JUnitGrouping = 'file'): string {
  const timestamp = report.asOf.replace(/\.\d+Z$/, 'Z');
  const suites: XmlElement[] = [];
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const add = (name: string, cases: XmlElement[], counts: Counts) => {
    suites.push({ name: 'testsuite', attrs: [['name', name], ...countAttrs(counts), ['timestamp', timestamp], ['time', '0']], children: cases });
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
  };

  const groups = groupPairs(report.findings, groupBy);
  for (const group of [...groups.keys()].sort(compareCodeUnits)) {
    const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
    const cases = groups.get(group)!.map((pair) => pairCase(pair, counts));
    add(group, cases, counts);
  }
  const integrity = integrityCases(report);
  if (integrity.cases.length > 0) add(INTEGRITY_SUITE, integrity.cases, integrity.counts);

  return renderXmlDocument({
    name: 'testsuites',
    attrs: [['name', `ControlTrace ISRM scan (${report.baseline})`], ...countAttrs(total), ['time', '0']],
    children: suites,
  });
}

function countAttrs(c: Counts): [string, string][] {
  return [
    ['tests', String(c.tests)],
    ['failures', String(c.failures)],
    ['errors', String(c.errors)],
    ['skipped', String(c.skipped)],
  ];
}

function groupPairs(findings: readonly Finding[], groupBy: JUnitGrouping): Map<string, PairCase[]> {
  const pairs = new Map<string, PairCase>();
  for (const f of findings) {
    const key = `${f.controlId}\u0000${f.resourceId.toLowerCase()}\u0000${f.location.file}`;
    let pair = pairs.get(key);
    if (!pair) {
      pair = {
        controlId: f.controlId,
        resourceName: f.resourceName,
        resourceId: f.resourceId,
        file: f.location.file,
        line: f.location.line,
        group: groupBy === 'file' ? f.location.file : f.family,
        outcomes: [],
      };
      pairs.set(key, pair);
    }
    pair.line = Math.min(pair.line, f.location.line);
    pair.outcomes.push(f);
  }
  const groups = new Map<string, PairCase[]>();
  for (const pair of pairs.values()) {
    const list = groups.get(pair.group);
    if (list) list.push(pair);
    else groups.set(pair.group, [pair]);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => compareCodeUnits(a.controlId, b.controlId) || compareCodeUnits(a.resourceName, b.resourceName) || compareCodeUnits(a.resourceId, b.resourceId));
  }
  return groups;
}

function pairCase(pair: PairCase, counts: Counts): XmlElement {
  counts.tests++;
  const status = WORST_FIRST.find((s) => pair.outcomes.some((o) => o.status === s))!;
  const children: XmlElement[] = [];
  if (status === 'fail') {
    counts.failures++;
    const failed = pair.outcomes.filter((o) => o.status === 'fail');
    children.push({
      name: 'failure',
      attrs: [['message', failed.map((o) => o.message).join('; ')], ['type', failed[0]!.severity]],
      text: failed.map(detail).join('\n\n'),
    });
  } else if (status === 'unknown' || status === 'suppressed') {
    counts.skipped++;
    children.push({ name: 'skipped', attrs: [['message', pair.outcomes.filter((o) => o.status !== 'pass').map(skipReason).join('; ')]] });
  }
  return {
    name: 'testcase',
    attrs: [['classname', pair.controlId], ['name', pair.resourceName], ['file', pair.file], ['line', String(pair.line)], ['time', '0']],
    children,
  };
}

function integrityCases(report: ScanReport): { cases: XmlElement[]; counts: Counts } {
  const counts: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const cases: XmlElement[] = [];
  const errorsByFile = new Map<string, string[]>();
  for (const n of report.notes.filter((x) => x.level === 'error')) {
    errorsByFile.set(n.file, [...(errorsByFile.get(n.file) ?? []), `${n.line !== undefined ? `line ${n.line}: ` : ''}${n.message}`]);
  }
  const inputCase = (file: string): XmlElement => {
    counts.tests++;
    const errors = errorsByFile.get(file);
    if (errors) counts.errors++;
    return { name: 'testcase', attrs: [['classname', 'ControlTrace.Input'], ['name', file], ['time', '0']], children: errors ? [{ name: 'error', attrs: [['message', errors.join('; ')]] }] : [] };
  };
  const inputFiles = new Set(report.inputs.map((i) => i.file));
  for (const input of report.inputs) cases.push(inputCase(input.file));
  for (const file of [...errorsByFile.keys()].filter((f) => !inputFiles.has(f)).sort(compareCodeUnits)) cases.push(inputCase(file));
  for (const s of report.suppressions.filter((x) => x.expired)) {
    counts.tests++;
    counts.failures++;
    cases.push({
      name: 'testcase',
      attrs: [['classname', 'ControlTrace.Suppression'], ['name', `${s.control} ${s.resource}`], ['time', '0']],
      children: [{ name: 'failure', attrs: [['message', `Suppression expired on ${s.expires} (owner ${s.owner}): renew or remove it`]] }],
    });
  }
  return { cases, counts };
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
