// Every report must show what governed the run and everything the configuration did to the results:
// suppressions applied, expired or matching nothing, exclusions, overrides, threshold and verdict.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { toJson, toJUnit, toMarkdown, toSarif } from '../../src/core/report';
import { recordGovernance, verdictFor } from '../../src/core/report/governance';
import { INTEGRITY_SUITE } from '../../src/core/report/junit';
import { runScanWith } from '../../src/core/scan/engine';
import type { ScanReport } from '../../src/core/scan/types';
import { config, fakeDeps, fakeTemplate, propertyControl, source } from '../scan/fakes';
import { childrenNamed, parseXml } from './xml';

const sarifSchema = JSON.parse(fs.readFileSync('/work/shared/reference/sarif-schema-2.1.0.json', 'utf8'));
const STORAGE = 'Microsoft.Storage/storageAccounts';
type Json = Record<string, any>;

function governedReport(failOn: 'high' | 'medium' | 'low' | 'none' = 'low'): ScanReport {
  const tls = propertyControl('ISRM.Storage.MinimumTls', STORAGE, 'minimumTlsVersion', 'TLS1_2', { severity: 'medium' });
  const pna = propertyControl('ISRM.Storage.PublicNetworkAccess', STORAGE, 'publicNetworkAccess', 'Disabled', { severity: 'medium' });
  const report = runScanWith(fakeDeps, {
    sources: [source('main.json', fakeTemplate([
      { type: STORAGE, name: 'stold', properties: { minimumTlsVersion: 'TLS1_0', publicNetworkAccess: 'Enabled' } },
      { type: STORAGE, name: 'stok', properties: { minimumTlsVersion: 'TLS1_2', publicNetworkAccess: 'Disabled' } },
    ]))],
    config: config({
      severityOverrides: { 'ISRM.Storage.MinimumTls': 'high' },
      suppressions: [
        { control: 'ISRM.Storage.MinimumTls', resource: 'nothing-matches', justification: 'typo', owner: 'carol', expires: '2027-01-01' },
        { control: 'ISRM.Storage.PublicNetworkAccess', resource: 'stold', justification: 'lapsed waiver', owner: 'dave', expires: '2026-01-01' },
      ],
    }),
    asOf: '2026-11-26',
    controls: [tls, pna],
    configFile: 'controltrace.json',
  });
  return recordGovernance(report, { catalogue: [tls, pna], configFile: { path: 'controltrace.json', sha256: 'c'.repeat(64) }, failOn });
}

describe('reports: governance, suppressions and counts', () => {
  const report = governedReport();
  const sarifText = toSarif(report);
  const junitText = toJUnit(report);
  const log = JSON.parse(sarifText) as Json;
  const run = log.runs[0];

  it('stays valid SARIF 2.1.0 with the new properties, rejected suppressions and invocation', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(sarifSchema);
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  });

  it('lists a suppression that matched nothing in SARIF and JUnit, not only in the summary', () => {
    assert.ok(sarifText.includes('nothing-matches'));
    assert.ok(junitText.includes('nothing-matches'));
    const unmatched = run.properties.suppressions.find((s: Json) => s.resource === 'nothing-matches');
    assert.deepEqual(unmatched, { control: 'ISRM.Storage.MinimumTls', resource: 'nothing-matches', justification: 'typo', owner: 'carol', expires: '2027-01-01', expired: false, matched: 0 });
    const integrity = childrenNamed(parseXml(junitText), 'testsuite').find((s) => s.attributes.name === INTEGRITY_SUITE)!;
    const tc = childrenNamed(integrity, 'testcase').find((c) => c.attributes.name === 'ISRM.Storage.MinimumTls nothing-matches')!;
    assert.match(childrenNamed(tc, 'skipped')[0]!.attributes.message!, /matched no finding/);
  });

  it('puts an expired suppression on the result it covers as rejected (the finding still fails)', () => {
    const result = run.results.find((r: Json) => r.ruleId === 'ISRM.Storage.PublicNetworkAccess' && r.properties.resourceName === 'stold');
    assert.equal(result.properties.status, 'fail');
    assert.deepEqual(result.suppressions, [{ kind: 'external', status: 'rejected', justification: 'lapsed waiver', properties: { owner: 'dave', expires: '2026-01-01', expired: true } }]);
    const expired = run.properties.suppressions.find((s: Json) => s.owner === 'dave');
    assert.equal(expired.expired, true);
    assert.equal(expired.matched, 1);
  });

  it('records config file and hash, overrides, threshold and verdict in JSON, SARIF and Markdown', () => {
    const json = JSON.parse(toJson(report));
    assert.deepEqual(json.governance, {
      baseline: 'hbi',
      configFile: { path: 'controltrace.json', sha256: 'c'.repeat(64) },
      failOn: 'low',
      severityOverrides: [{ controlId: 'ISRM.Storage.MinimumTls', defaultSeverity: 'medium', severity: 'high' }],
      verdict: 'FAILED',
    });
    const tls = json.findings.find((f: Json) => f.controlId === 'ISRM.Storage.MinimumTls' && f.resourceName === 'stold');
    assert.deepEqual([tls.severity, tls.defaultSeverity], ['high', 'medium']);

    const inv = run.invocations[0];
    assert.equal(inv.executionSuccessful, true);
    assert.equal(inv.exitCode, 2); // an expired suppression fails the scan with 2
    assert.deepEqual([inv.properties.configFile, inv.properties.configSha256, inv.properties.failOn, inv.properties.verdict], ['controltrace.json', 'c'.repeat(64), 'low', 'FAILED']);
    assert.deepEqual(inv.properties.severityOverrides, [{ controlId: 'ISRM.Storage.MinimumTls', defaultSeverity: 'medium', severity: 'high' }]);
    const tlsResult = run.results.find((r: Json) => r.ruleId === 'ISRM.Storage.MinimumTls');
    assert.deepEqual([tlsResult.level, tlsResult.properties.severity, tlsResult.properties.defaultSeverity], ['error', 'high', 'medium']);

    const md = toMarkdown(report);
    assert.match(md, /\*\*Verdict: FAILED\*\* \(fail-on threshold: low\)/);
    assert.match(md, /Configuration: `controltrace\.json` \(SHA-256 `c{64}`\)/);
    assert.match(md, /\| `ISRM\.Storage\.MinimumTls` \| medium \| high \|/);
    assert.match(md, /\| high \(overridden from medium\) \| `ISRM\.Storage\.MinimumTls`/);
  });

  it('judges the verdict as the exit code does', () => {
    const clean = governedReport('none');
    assert.equal(verdictFor({ ...clean, suppressions: [], summary: { ...clean.summary, expiredSuppressions: 0 } }, 'none'), 'PASSED');
    assert.equal(verdictFor({ ...clean, complete: false }, 'none'), 'INCOMPLETE');
    assert.equal(clean.governance!.verdict, 'FAILED');
  });

  it('gives JUnit one testcase per finding, naming the property path when a control yields several per resource', () => {
    const twoPaths = propertyControl('ISRM.Storage.MinimumTls', STORAGE, 'minimumTlsVersion', 'TLS1_2');
    const multi = { ...twoPaths, check: (r: any) => [twoPaths.check(r, undefined as never)[0]!, { ...twoPaths.check(r, undefined as never)[0]!, propertyPath: 'properties.other' }] };
    const r = runScanWith(fakeDeps, {
      sources: [source('main.json', fakeTemplate([{ type: STORAGE, name: 'st', properties: { minimumTlsVersion: 'TLS1_0' } }]))],
      config: config(),
      asOf: '2026-11-26',
      controls: [multi],
    });
    assert.equal(r.summary.failed, 2);
    const doc = parseXml(toJUnit(r));
    const suite = childrenNamed(doc, 'testsuite').find((s) => s.attributes.name === 'main.json')!;
    assert.equal(suite.attributes.failures, '2');
    assert.deepEqual(childrenNamed(suite, 'testcase').map((c) => c.attributes.name).sort(), ['st (properties.minimumTlsVersion)', 'st (properties.other)']);
  });
});

describe('reports: excluded pairs', () => {
  it('lists every excluded pair in JSON and SARIF, and caps the Markdown list with "and N more"', () => {
    const base = governedReport();
    const excluded = Array.from({ length: 25 }, (_, i) => ({ controlId: 'ISRM.X', resourceType: STORAGE, resourceName: `st${String(i).padStart(2, '0')}`, resourceId: `/r/st${i}`, file: 'main.json' }));
    const report: ScanReport = { ...base, exclusions: [{ control: 'ISRM.X', reason: 'scoped out', matched: 25, excluded }] };
    assert.equal(JSON.parse(toJson(report)).exclusions[0].excluded.length, 25);
    assert.equal(JSON.parse(toSarif(report)).runs[0].properties.exclusions[0].excluded.length, 25);
    const md = toMarkdown(report);
    assert.match(md, /- `ISRM\.X` on st19 /);
    assert.doesNotMatch(md, /on st20 /);
    assert.match(md, /…and 5 more in the JSON and SARIF reports\./);
    const junit = parseXml(toJUnit(report));
    const integrity = childrenNamed(junit, 'testsuite').find((s) => s.attributes.name === INTEGRITY_SUITE)!;
    const tc = childrenNamed(integrity, 'testcase').find((c) => c.attributes.classname === 'ControlTrace.Exclusion')!;
    assert.equal(childrenNamed(tc, 'system-out')[0]!.text.split('\n').length, 25);
  });
});
