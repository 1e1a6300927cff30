import assert from 'node:assert/strict';
import fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { toJson, toJUnit, toMarkdown, toSarif } from '../../src/core/report';
import { INTEGRITY_SUITE } from '../../src/core/report/junit';
import { HOSTILE_NAME, sampleReport } from './sample';
import { childrenNamed, parseXml, type XmlElement } from './xml';

const sarifSchema = JSON.parse(fs.readFileSync('/work/shared/reference/sarif-schema-2.1.0.json', 'utf8'));

type Json = Record<string, any>;

describe('SARIF report', () => {
  const report = sampleReport();
  const log = JSON.parse(toSarif(report)) as Json;
  const run = log.runs[0];

  it('validates against the official SARIF 2.1.0 schema (draft-04)', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it('has one rule per control with descriptions, help, level and framework tags', () => {
    assert.deepEqual(run.tool.driver.rules.map((r: Json) => r.id), ['ISRM.Storage.MinimumTls', 'ISRM.Storage.PublicNetworkAccess', 'ISRM.Tagging.CostCenter']);
    const tls = run.tool.driver.rules[0];
    assert.equal(tls.name, 'IsrmStorageMinimumTls');
    assert.equal(tls.shortDescription.text, 'minimumTlsVersion is TLS1_2');
    assert.equal(tls.fullDescription.text, 'Because minimumTlsVersion matters.');
    assert.match(tls.help.markdown, /Set minimumTlsVersion to TLS1_2\.[\s\S]*```json\n\{ "minimumTlsVersion": "TLS1_2" \}\n```/);
    assert.equal(tls.defaultConfiguration.level, 'error');
    assert.equal(run.tool.driver.rules[1].defaultConfiguration.level, 'warning');
    assert.deepEqual(tls.properties.tags, ['security', 'network', 'NIST-800-53:SC-8(1)', 'ISO-27001:A.8.24', '21-CFR-11:11.10(c)', 'EU-GMP-Annex-11:7.1']);
  });

  it('has one result per non-pass finding with location, properties and levels by status', () => {
    const nonPass = report.findings.filter((f) => f.status !== 'pass');
    assert.equal(run.results.length, nonPass.length);
    const hostileTls = run.results.find((r: Json) => r.ruleId === 'ISRM.Storage.MinimumTls' && r.properties.resourceName === HOSTILE_NAME);
    assert.equal(hostileTls.level, 'error');
    assert.deepEqual(hostileTls.locations[0].physicalLocation, { artifactLocation: { uri: 'infra/main.json', index: 0 }, region: { startLine: 15 } });
    assert.deepEqual(
      { ...hostileTls.properties, resourceId: undefined },
      { status: 'fail', severity: 'high', resourceType: 'Microsoft.Storage/storageAccounts', resourceName: HOSTILE_NAME, family: 'network', propertyPath: 'properties.minimumTlsVersion', actual: 'TLS1_0', expected: 'TLS1_2', pointer: '/resources/1/properties/minimumTlsVersion', resourceId: undefined },
    );
    const unknown = run.results.find((r: Json) => r.properties.status === 'unknown');
    assert.equal(unknown.level, 'note');
    const second = run.results.find((r: Json) => r.properties.resourceName === 'stsecond');
    assert.equal(second.locations[0].physicalLocation.artifactLocation.uri, 'infra/other%20dir/second.json');
  });

  it('keeps suppressed findings with an external suppression naming owner and expiry', () => {
    const suppressed = run.results.filter((r: Json) => r.suppressions?.some((s: Json) => s.status === 'accepted'));
    assert.equal(suppressed.length, 1);
    // The expired suppression is on the finding it no longer waives, as rejected.
    const lapsed = run.results.filter((r: Json) => r.suppressions?.some((s: Json) => s.status === 'rejected'));
    assert.deepEqual(lapsed.map((r: Json) => [r.properties.resourceName, r.properties.status]), [['stsecond', 'fail']]);
    assert.deepEqual(suppressed[0].suppressions, [
      { kind: 'external', status: 'accepted', justification: 'Legacy client, CAB-42 <b>', properties: { owner: 'alice@example.com', expires: '2027-01-31' } },
    ]);
    assert.equal(suppressed[0].level, 'error');
  });

  it('fingerprints findings stably and distinctly', () => {
    const prints = run.results.map((r: Json) => r.partialFingerprints['controltrace/v2']);
    assert.equal(new Set(prints).size, prints.length);
    const again = JSON.parse(toSarif(sampleReport('2026-11-27'))).runs[0].results.map((r: Json) => r.partialFingerprints['controltrace/v2']);
    assert.deepEqual(again, prints);
  });

  it('reports the scan as unsuccessful when it is incomplete, with the notes', () => {
    assert.equal(run.invocations[0].executionSuccessful, true);
    assert.ok(run.invocations[0].toolExecutionNotifications.some((n: Json) => n.message.text.includes('not an ARM template')));
  });
});

describe('JUnit report', () => {
  const report = sampleReport();
  const doc = parseXml(toJUnit(report));
  const allSuites = childrenNamed(doc, 'testsuite');
  const suites = allSuites.filter((s) => s.attributes.name !== INTEGRITY_SUITE);
  const integrity = allSuites.find((s) => s.attributes.name === INTEGRITY_SUITE)!;
  const cases = suites.flatMap((s) => childrenNamed(s, 'testcase'));
  const child = (el: XmlElement, name: string) => childrenNamed(el, name)[0];

  it('parses as XML with one testcase per finding and the right counts', () => {
    assert.equal(doc.name, 'testsuites');
    assert.deepEqual(suites.map((s) => s.attributes.name), ['infra/main.json', 'infra/other dir/second.json']);
    const main = suites[0]!;
    const mainCases = childrenNamed(main, 'testcase');
    // 3 storage accounts × 3 controls in main.json
    assert.equal(mainCases.length, 9);
    assert.equal(main.attributes.tests, '9');
    assert.equal(main.attributes.failures, String(mainCases.filter((c) => child(c, 'failure')).length));
    assert.equal(main.attributes.skipped, String(mainCases.filter((c) => child(c, 'skipped')).length));
    // second.json: stsecond × (TLS, PNA); its tagging pair is excluded.
    // Integrity: 3 inputs + 2 suppressions + 1 exclusion.
    assert.equal(doc.attributes.tests, String(11 + 6));
    assert.equal(Number(doc.attributes.failures), report.summary.failed + 1);
    // Needs review + suppressed findings, and the exclusion (its pair was not tested).
    assert.equal(Number(doc.attributes.skipped), report.summary.unknown + report.summary.suppressed + 1);
    assert.equal(doc.attributes.errors, '0');
  });

  it('names testcases by control and resource, with failure and skip messages', () => {
    const hostile = cases.find((c) => c.attributes.classname === 'ISRM.Storage.MinimumTls' && c.attributes.name === HOSTILE_NAME)!;
    assert.ok(hostile, 'testcase with the hostile name round-trips');
    assert.match(child(hostile, 'failure')!.attributes.message!, /minimumTlsVersion is TLS1_0/);
    assert.match(child(hostile, 'failure')!.text, /Expected: TLS1_2/);
    const legacy = cases.find((c) => c.attributes.classname === 'ISRM.Storage.MinimumTls' && c.attributes.name === 'stlegacy')!;
    assert.equal(child(legacy, 'skipped')!.attributes.message, 'Suppressed: Legacy client, CAB-42 <b> (owner alice@example.com, expires 2027-01-31)');
    const review = cases.find((c) => c.attributes.classname === 'ISRM.Storage.PublicNetworkAccess' && c.attributes.name === HOSTILE_NAME)!;
    assert.match(child(review, 'skipped')!.attributes.message!, /^Needs review: /);
  });

  it('can group suites by control family', () => {
    const byFamily = parseXml(toJUnit(report, 'family'));
    assert.deepEqual(childrenNamed(byFamily, 'testsuite').map((s) => s.attributes.name), ['network', 'tagging', INTEGRITY_SUITE]);
  });

  it('shows inputs and expired suppressions in an integrity suite, so an incomplete scan is visible in test tabs', () => {
    const integrityCases = childrenNamed(integrity, 'testcase');
    assert.deepEqual(integrityCases.map((c) => [c.attributes.classname, c.attributes.name]), [
      ['ControlTrace.Input', 'infra/main.json'],
      ['ControlTrace.Input', 'infra/other dir/second.json'],
      ['ControlTrace.Input', 'readme.json'],
      ['ControlTrace.Suppression', 'ISRM.Storage.MinimumTls stlegacy'],
      ['ControlTrace.Suppression', 'ISRM.Storage.PublicNetworkAccess stsecond'],
      ['ControlTrace.Exclusion', 'ISRM.Tagging.* stsecond'],
    ]);
    assert.equal(childrenNamed(integrityCases[3]!, 'failure').length, 0);
    assert.match(child(integrityCases[4]!, 'failure')!.attributes.message!, /expired on 2026-01-01 \(owner bob\)/);
    assert.match(child(integrityCases[5]!, 'skipped')!.attributes.message!, /Excluded 1 control × resource pair from the scan \(reason: tags set by policy\)/);
    assert.match(child(integrityCases[5]!, 'system-out')!.text, /^ISRM\.Tagging\.CostCenter Microsoft\.Storage\/storageAccounts .*stsecond \(infra\/other dir\/second\.json\)$/);
    const broken = parseXml(toJUnit({ ...report, complete: false, notes: [{ level: 'error', file: 'infra/main.json', line: 7, message: 'could not be expanded: boom' }] }));
    const brokenSuite = childrenNamed(broken, 'testsuite').find((s) => s.attributes.name === INTEGRITY_SUITE)!;
    assert.equal(brokenSuite.attributes.errors, '1');
    assert.equal(broken.attributes.errors, '1');
    assert.equal(child(childrenNamed(brokenSuite, 'testcase')[0]!, 'error')!.attributes.message, 'line 7: could not be expanded: boom');
  });

  it('replaces characters XML cannot carry', () => {
    const r = sampleReport();
    r.findings[0]!.resourceName = 'bad\u0001name\uFFFF';
    r.findings[0]!.message = 'nul\u0000';
    assert.doesNotThrow(() => parseXml(toJUnit(r)));
  });
});

describe('Markdown summary', () => {
  const report = sampleReport();
  const text = toMarkdown(report);

  it('shows counts, failures by severity and family, and the failing findings', () => {
    assert.match(text, new RegExp(`\\| Failed \\| ${report.summary.failed} \\|`));
    assert.equal(report.summary.failed, 5);
    assert.match(text, /\| Severity \| network \| tagging \| Total \|/);
    assert.match(text, /\| high \| 2 \| 0 \| 2 \|\n\| medium \| 2 \| 0 \| 2 \|\n\| low \| 0 \| 1 \| 1 \|/);
    assert.match(text, /## Failed controls/);
  });

  it('escapes Markdown and HTML from templates and configuration', () => {
    assert.ok(!text.includes('<img'), 'raw HTML leaked');
    assert.ok(!text.includes('<b>'), 'raw HTML leaked from a justification');
    assert.ok(text.includes('st&lt;img src=x onerror=alert(1)&gt;\\|\\`pwn\\`\\*\\_\\[x\\](y)'));
    // Every row of the findings tables has exactly the table's 8 cell separators: no name broke out of its cell.
    const tableRows = text.split('\n').filter((l) => /^\| (high|medium|low)( \([^)]*\))? \| `/.test(l));
    assert.equal(tableRows.length, report.summary.failed + report.summary.unknown);
    for (const line of tableRows) assert.equal(line.replace(/\\\|/g, '').split('|').length - 1, 8, line);
  });

  it('always lists suppressions with owner and expiry, flags expired ones, and lists exclusions', () => {
    assert.match(text, /## Suppressions[\s\S]*alice@example\.com \| 2027-01-31 \| active \| 1 \|/);
    assert.match(text, /bob \| 2026-01-01 \| \*\*EXPIRED\*\* \| 1 \|/);
    assert.match(text, /1 suppression has expired/);
    assert.match(text, /## Exclusions[\s\S]*tags set by policy \| 1 \|/);
    const none = toMarkdown({ ...report, suppressions: [], exclusions: [] });
    assert.match(none, /## Suppressions\n\nNo suppressions are configured\./);
  });

  it('warns at the top when the scan is incomplete', () => {
    const incomplete = toMarkdown({ ...report, complete: false, notes: [{ level: 'error', file: 'bad.json', line: 3, message: 'invalid JSON' }] });
    assert.match(incomplete.split('\n').slice(0, 4).join('\n'), /Incomplete scan/);
    assert.match(incomplete, /\| error \| `bad\.json:3` \| invalid JSON \|/);
  });
});

describe('JSON report', () => {
  it('is byte-identical for the same input and asOf, with sorted keys', () => {
    const a = toJson(sampleReport());
    assert.equal(a, toJson(sampleReport()));
    const parsed = JSON.parse(a);
    assert.deepEqual(Object.keys(parsed), [...Object.keys(parsed)].sort());
    assert.equal(parsed.schema, 'controltrace/scan@1');
  });

  it('all renderers are deterministic', () => {
    for (const render of [toSarif, toJUnit, toMarkdown]) assert.equal(render(sampleReport()), render(sampleReport()));
  });
});
