// JUnit XML for test-result tabs (Azure Pipelines "Publish Test Results", GitLab, Jenkins): one testcase per
// finding, so the tab's counts are the scan's counts (failed = failures, needs review + suppressed = skipped).
// Folding several outcomes of one control × resource into one case made the tab disagree with SARIF and the
// summary; when a control yields several outcomes for one resource, each case's name carries its property path.
// A last suite makes the scan's own trustworthiness and governance visible there too: one case per input
// file, per suppression (expired ones fail) and per exclusion (skipped: those pairs were not tested), and
// properties recording the configuration, overrides, threshold and verdict.

import type { Finding } from '../model';
import type { ReportFinding, ScanReport } from '../scan/types';
import { compareCodeUnits } from '../util/stable-json';
import { displayValue } from '../util/text-escape';
import { escapeAttribute, renderXmlElement, type XmlElement } from '../util/xml';

export type JUnitGrouping = 'file' | 'family';

export const INTEGRITY_SUITE = 'ControlTrace scan integrity';

interface FindingCase {
  finding: ReportFinding;
  name: string;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

export function toJUnit(report: ScanReport, groupBy: JUnitGrouping = 'file'): string {
  const pieces: string[] = [];
  writeJUnit(report, (chunk) => pieces.push(chunk), groupBy);
  return pieces.join('');
}

/**
 * toJUnit's text handed to `write` in pieces, for reports too large for one string (hundreds of thousands of
 * findings): one piece per testcase, each made and written before the next, and one per suite's opening and
 * closing tag (a suite's counts are counted before its cases are made). The pieces joined are exactly
 * toJUnit(report, groupBy).
 */
export function writeJUnit(report: ScanReport, write: (chunk: string) => void, groupBy: JUnitGrouping = 'file'): void {
  const timestamp = report.asOf.replace(/\.\d+Z$/, 'Z');
  const total: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
  const suites: { name: string; counts: Counts; children: () => Iterable<XmlElement> }[] = [];
  const add = (name: string, counts: Counts, children: () => Iterable<XmlElement>) => {
    suites.push({ name, counts, children });
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.errors += counts.errors;
    total.skipped += counts.skipped;
  };

  const groups = groupFindings(report.findings, groupBy);
  for (const group of [...groups.keys()].sort(compareCodeUnits)) {
    const cases = groups.get(group)!;
    add(group, findingCounts(cases), function* () {
      const ignored: Counts = { tests: 0, failures: 0, errors: 0, skipped: 0 };
      for (const c of cases) yield findingCase(c, ignored);
    });
  }
  const integrity = integrityCases(report);
  add(INTEGRITY_SUITE, integrity.counts, () => [runProperties(report), ...integrity.cases]);

  write(XML_DECLARATION);
  writeOpen('testsuites', [['name', `ControlTrace ISRM scan (${report.baseline})`], ...countAttrs(total), ['time', '0']], '', suites.length > 0, write);
  for (const suite of suites) {
    const attrs: [string, string][] = [['name', suite.name], ...countAttrs(suite.counts), ['timestamp', timestamp], ['time', '0']];
    let open = false;
    for (const child of suite.children()) {
      if (!open) writeOpen('testsuite', attrs, '  ', (open = true), write);
      write(renderXmlElement(child, '    '));
    }
    if (open) write('  </testsuite>\n');
    else writeOpen('testsuite', attrs, '  ', false, write);
  }
  if (suites.length > 0) write('</testsuites>\n');
}

/** What findingCase counts, counted without making the cases. */
function findingCounts(cases: readonly FindingCase[]): Counts {
  const counts: Counts = { tests: cases.length, failures: 0, errors: 0, skipped: 0 };
  for (const { finding: f } of cases) {
    if (f.status === 'fail') counts.failures++;
    else if (f.status === 'unknown' || f.status === 'suppressed') counts.skipped++;
  }
  return counts;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';

/** An element's opening tag (with children to follow) or, without children, the whole empty element. */
function writeOpen(name: string, attrs: readonly (readonly [string, string])[], indent: string, withChildren: boolean, write: (chunk: string) => void): void {
  let open = `${indent}<${name}`;
  for (const [n, value] of attrs) open += ` ${n}="${escapeAttribute(value)}"`;
  write(withChildren ? `${open}>\n` : `${open}/>\n`);
}

function countAttrs(c: Counts): [string, string][] {
  return [
    ['tests', String(c.tests)],
    ['failures', String(c.failures)],
    ['errors', String(c.errors)],
    ['skipped', String(c.skipped)],
  ];
}

function groupFindings(findings: readonly ReportFinding[], groupBy: JUnitGrouping): Map<string, FindingCase[]> {
  // How many outcomes each control × resource × file has: only those with several need the path in the name.
  // Each finding's key is made once, with its resource id lower-cased once per id (a resource's findings share it).
  const lowerIds = new Map<string, string>();
  const pairKeys: string[] = new Array<string>(findings.length);
  const perPair = new Map<string, number>();
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    let lowerId = lowerIds.get(f.resourceId);
    if (lowerId === undefined) {
      lowerId = f.resourceId.toLowerCase();
      lowerIds.set(f.resourceId, lowerId);
    }
    const key = `${f.controlId}\u0000${lowerId}\u0000${f.location.file}`;
    pairKeys[i] = key;
    perPair.set(key, (perPair.get(key) ?? 0) + 1);
  }
  const ofSeveral = new Set<Finding>();
  for (let i = 0; i < findings.length; i++) if (perPair.get(pairKeys[i]!)! > 1) ofSeveral.add(findings[i]!);
  const groups = new Map<string, ReportFinding[]>();
  for (const f of findings) {
    const group = groupBy === 'file' ? f.location.file : f.family;
    const list = groups.get(group);
    if (list) list.push(f);
    else groups.set(group, [f]);
  }
  const out = new Map<string, FindingCase[]>();
  for (const [group, list] of groups) {
    // Array.prototype.sort is stable: findings equal on every key keep the report's (file, line) order.
    list.sort(
      (a, b) =>
        compareCodeUnits(a.controlId, b.controlId) ||
        compareCodeUnits(a.resourceName, b.resourceName) ||
        compareCodeUnits(a.resourceId, b.resourceId) ||
        compareCodeUnits(a.propertyPath, b.propertyPath),
    );
    const used = new Map<string, number>();
    out.set(
      group,
      list.map((finding) => {
        let name = ofSeveral.has(finding) ? `${finding.resourceName} (${finding.propertyPath || 'resource'})` : finding.resourceName;
        // Two outcomes on the very same path (rare) still get a case each; a tab that merges equal names would hide one.
        const key = `${finding.controlId}\u0000${name}`;
        const seen = (used.get(key) ?? 0) + 1;
        used.set(key, seen);
        if (seen > 1) name = `${name} #${seen}`;
        return { finding, name };
      }),
    );
  }
  return out;
}

function findingCase({ finding: f, name }: FindingCase, counts: Counts): XmlElement {
  counts.tests++;
  const children: XmlElement[] = [];
  if (f.status === 'fail') {
    counts.failures++;
    children.push({ name: 'failure', attrs: [['message', f.message], ['type', f.severity]], text: detail(f) });
  } else if (f.status === 'unknown' || f.status === 'suppressed') {
    counts.skipped++;
    children.push({ name: 'skipped', attrs: [['message', skipReason(f)]] });
  }
  return {
    name: 'testcase',
    attrs: [['classname', f.controlId], ['name', name], ['file', f.location.file], ['line', String(f.location.line)], ['time', '0']],
    children,
  };
}

/** Governance of the run as suite properties: what a reviewer of the Tests tab needs to trust it. */
function runProperties(report: ScanReport): XmlElement {
  const g = report.governance;
  const props: [string, string][] = [
    ['baseline', report.baseline],
    ['asOf', report.asOf],
    ['complete', String(report.complete)],
  ];
  if (g?.configFile) props.push(['configFile', g.configFile.path], ['configSha256', g.configFile.sha256]);
  if (g?.failOn !== undefined) props.push(['failOn', g.failOn]);
  if (g?.verdict !== undefined) props.push(['verdict', g.verdict]);
  for (const o of g?.severityOverrides ?? []) props.push([`severityOverride.${o.controlId}`, `${o.defaultSeverity} -> ${o.severity}`]);
  report.suppressions.forEach((s, i) =>
    props.push([`suppression.${i}`, `${s.control} ${s.resource}; justification: ${s.justification}; owner: ${s.owner}; expires: ${s.expires}; expired: ${s.expired}; matched: ${s.matched}`]),
  );
  report.exclusions.forEach((e, i) => props.push([`exclusion.${i}`, `${e.control ?? '*'} ${e.resource ?? '*'}; reason: ${e.reason}; excluded: ${e.matched}`]));
  return { name: 'properties', children: props.map(([name, value]) => ({ name: 'property', attrs: [['name', name], ['value', value]] })) };
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
  for (const s of report.suppressions) {
    counts.tests++;
    const name = `${s.control} ${s.resource}`;
    const about = `justification: ${s.justification}; owner: ${s.owner}; expires: ${s.expires}; findings matched: ${s.matched}`;
    const children: XmlElement[] = [];
    if (s.expired) {
      counts.failures++;
      children.push({ name: 'failure', attrs: [['message', `Suppression expired on ${s.expires} (owner ${s.owner}): renew or remove it`]], text: about });
    } else if (s.matched === 0) {
      // Not a failure, but not silently green either: a typo in control or resource makes a suppression match nothing.
      counts.skipped++;
      children.push({ name: 'skipped', attrs: [['message', `Suppression matched no finding (owner ${s.owner}): check its control and resource, or remove it`]] });
    } else {
      children.push({ name: 'system-out', text: about });
    }
    cases.push({ name: 'testcase', attrs: [['classname', 'ControlTrace.Suppression'], ['name', name], ['time', '0']], children });
  }
  for (const e of report.exclusions) {
    // Skipped: the pairs it removed were not tested, and the tab must show that they exist.
    counts.tests++;
    counts.skipped++;
    const pairs = e.excluded ?? [];
    const message =
      e.matched === 0
        ? `Exclusion matched nothing (reason: ${e.reason}): check its control and resource, or remove it`
        : `Excluded ${e.matched} control × resource pair${e.matched === 1 ? '' : 's'} from the scan (reason: ${e.reason})`;
    const children: XmlElement[] = [{ name: 'skipped', attrs: [['message', message]] }];
    if (pairs.length > 0) children.push({ name: 'system-out', text: pairs.map((p) => `${p.controlId} ${p.resourceType} ${p.resourceId} (${p.file})`).join('\n') });
    cases.push({ name: 'testcase', attrs: [['classname', 'ControlTrace.Exclusion'], ['name', `${e.control ?? '*'} ${e.resource ?? '*'}`], ['time', '0']], children });
  }
  return { cases, counts };
}

function detail(f: ReportFinding): string {
  return [
    f.message,
    `Control: ${f.controlId} (${severityText(f)}, ${f.family}) ${f.title}`,
    `Resource: ${f.resourceType} ${f.resourceId}`,
    `Property: ${f.propertyPath}`,
    `Actual: ${displayValue(f.actual, 2000)}`,
    `Expected: ${f.expected}`,
    `Location: ${f.location.file}:${f.location.line} (${f.location.pointer})`,
    ...(f.relatedResourceId !== undefined ? [`Related resource: ${f.relatedResourceId}${f.relatedLocation ? ` at ${f.relatedLocation.file}:${f.relatedLocation.line}` : ''}`] : []),
    ...(f.rejectedSuppressions ?? []).map((s) => `Expired suppression (no longer applies): ${s.justification} (owner ${s.owner}, expired ${s.expires})`),
  ].join('\n');
}

function severityText(f: ReportFinding): string {
  return f.defaultSeverity !== undefined ? `${f.severity}, overridden from ${f.defaultSeverity}` : f.severity;
}

function skipReason(f: ReportFinding): string {
  if (f.status === 'suppressed' && f.suppression) {
    return `Suppressed: ${f.suppression.justification} (owner ${f.suppression.owner}, expires ${f.suppression.expires})`;
  }
  return `Needs review: ${f.message}`;
}
