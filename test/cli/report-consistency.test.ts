// Every report of one scan must tell the same story: console, SARIF, JUnit, summary.md and results.json
// agree on how many findings failed, need review, were suppressed and passed. And cross-resource findings
// point at both resources.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { INTEGRITY_SUITE } from '../../src/core/report/junit';
import { useTempDir, write } from '../node/tmp';
import { childrenNamed, parseXml } from '../report/xml';
import { assertNoStackTrace, runCli } from './run-cli';
import { template } from './templates';

const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples', 'landing-zone');

interface Counts {
  failed: number;
  skipped: number;
  passed: number;
}

function countsOfAllReports(out: string, stdout: string): Record<string, Counts> {
  const json = JSON.parse(fs.readFileSync(path.join(out, 'results.json'), 'utf8'));
  const s = json.summary;
  const sarif = JSON.parse(fs.readFileSync(path.join(out, 'controltrace.sarif'), 'utf8')).runs[0];
  const byStatus = (status: string) => sarif.results.filter((r: { properties: { status: string } }) => r.properties.status === status).length;
  const junit = parseXml(fs.readFileSync(path.join(out, 'controltrace.junit.xml'), 'utf8'));
  const suites = childrenNamed(junit, 'testsuite').filter((x) => x.attributes.name !== INTEGRITY_SUITE);
  const sum = (attr: string) => suites.reduce((n, x) => n + Number(x.attributes[attr]), 0);
  const md = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
  const row = (label: string) => Number(new RegExp(`\\| ${label} \\| (\\d+) \\|`).exec(md)![1]);
  const console = /failed (\d+) .*needs review (\d+), suppressed (\d+), passed (\d+)/.exec(stdout)!;
  return {
    json: { failed: s.failed, skipped: s.unknown + s.suppressed, passed: s.passed },
    // SARIF carries no passes: their number is in the run's summary property.
    sarif: { failed: byStatus('fail'), skipped: byStatus('unknown') + byStatus('suppressed'), passed: sarif.properties.summary.passed },
    junit: { failed: sum('failures'), skipped: sum('skipped'), passed: sum('tests') - sum('failures') - sum('skipped') - sum('errors') },
    markdown: { failed: row('Failed'), skipped: row('Needs review \\(unknown\\)') + row('Suppressed'), passed: row('Passed') },
    console: { failed: Number(console[1]), skipped: Number(console[2]) + Number(console[3]), passed: Number(console[4]) },
  };
}

describe('report consistency on the examples', function () {
  this.timeout(180_000);
  const tmp = useTempDir();

  const cases: [string, string[], string][] = [
    ['ARM noncompliant with prod parameters', ['main.json', '--parameters', 'params.prod.json'], path.join(EXAMPLES, 'arm', 'noncompliant')],
    ['ARM compliant with prod parameters', ['main.json', '--parameters', 'params.prod.json'], path.join(EXAMPLES, 'arm', 'compliant')],
    ['ARM noncompliant with dev parameters', ['main.json', '--parameters', 'params.dev.json'], path.join(EXAMPLES, 'arm', 'noncompliant')],
    ['Terraform noncompliant plan', ['noncompliant.plan.json'], path.join(EXAMPLES, 'terraform')],
  ];
  for (const [title, args, cwd] of cases) {
    it(`${title}: console, SARIF, JUnit, summary.md and results.json give the same counts`, () => {
      const out = path.join(tmp(), 'out');
      const r = runCli(['scan', ...args, '--out', out, '--as-of', '2026-11-26'], cwd);
      assertNoStackTrace(r);
      const counts = countsOfAllReports(out, r.stdout);
      for (const [report, c] of Object.entries(counts)) assert.deepEqual(c, counts.json, `${report} disagrees with results.json`);
      assert.ok(counts.json.failed + counts.json.passed > 0);
    });
  }

  it('the noncompliant landing zone has 25 failures in JUnit too (two Databricks CMK outcomes on one resource)', () => {
    const out = path.join(tmp(), 'out');
    runCli(['scan', 'main.json', '--parameters', 'params.prod.json', '--out', out, '--as-of', '2026-11-26'], path.join(EXAMPLES, 'arm', 'noncompliant'));
    const junit = parseXml(fs.readFileSync(path.join(out, 'controltrace.junit.xml'), 'utf8'));
    assert.equal(junit.attributes.failures, '25');
    const cmk = childrenNamed(childrenNamed(junit, 'testsuite')[0]!, 'testcase').filter((c) => c.attributes.classname === 'ISRM.Databricks.CMK' && childrenNamed(c, 'failure').length > 0);
    assert.equal(cmk.length, 2);
    assert.notEqual(cmk[0]!.attributes.name, cmk[1]!.attributes.name);
  });
});

describe('cross-resource findings in SARIF', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('carry relatedLocations at the related property, and the finding stays on the evaluated resource', () => {
    const central = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sec/providers/Microsoft.OperationalInsights/workspaces/law-central';
    write(tmp(), 'controltrace.json', JSON.stringify({ centralWorkspace: central }));
    write(
      tmp(),
      'main.json',
      template([
        { type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name: 'kv1', location: 'westeurope', properties: { tenantId: '00000000-0000-0000-0000-000000000000', sku: { family: 'A', name: 'standard' } } },
        {
          type: 'Microsoft.Insights/diagnosticSettings',
          apiVersion: '2021-05-01-preview',
          name: 'diag',
          scope: "[resourceId('Microsoft.KeyVault/vaults', 'kv1')]",
          properties: {
            workspaceId: "[resourceId('Microsoft.OperationalInsights/workspaces', 'law-other')]",
            logs: [{ categoryGroup: 'allLogs', enabled: true }],
          },
        },
      ]),
    );
    const r = runCli(['scan', 'main.json', '--out', 'out', '--as-of', '2026-11-26', '--fail-on', 'none'], tmp());
    assertNoStackTrace(r);
    const text = fs.readFileSync(path.join(tmp(), 'main.json'), 'utf8').split('\n');
    const lineOf = (needle: string) => text.findIndex((l) => l.includes(needle)) + 1;
    const log = JSON.parse(fs.readFileSync(path.join(tmp(), 'out', 'controltrace.sarif'), 'utf8')) as { runs: any[] };
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync('/work/shared/reference/sarif-schema-2.1.0.json', 'utf8')));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const sarif = log.runs[0];
    const result = sarif.results.find((x: { ruleId: string }) => x.ruleId === 'ISRM.Diagnostics.LogsToWorkspace');
    assert.ok(result, JSON.stringify(sarif.results.map((x: { ruleId: string }) => x.ruleId)));
    assert.equal(result.properties.propertyPath, 'properties.workspaceId');
    // The vault's declaration: the `{` opening its resource object, three lines above its name.
    assert.equal(result.locations[0].physicalLocation.region.startLine, lineOf('"name": "kv1"') - 3);
    assert.equal(result.relatedLocations.length, 1);
    assert.equal(result.relatedLocations[0].physicalLocation.region.startLine, lineOf('"workspaceId"'));
    assert.equal(result.relatedLocations[0].physicalLocation.artifactLocation.uri, 'main.json');
  });
});
