// Properties of the scan that must hold for any input: counts add up, order of inputs does not matter,
// suppressions only ever turn fail/unknown into suppressed, and every suppression is accounted for.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { runScanWith } from '../../src/core/scan/engine';
import { config, fakeDeps, fakeTemplate, propertyControl, source } from './fakes';

const TYPES = ['Microsoft.Storage/storageAccounts', 'Microsoft.KeyVault/vaults', 'Contoso.Other/things'];
const controls = [
  propertyControl('ISRM.A', TYPES[0]!, 'a', 'ok'),
  propertyControl('ISRM.B', TYPES[0]!, 'b', 'ok', { severity: 'low' }),
  propertyControl('ISRM.C', TYPES[1]!, 'a', 'ok', { severity: 'medium', family: 'encryption' }),
];

const resourceArb = fc.record({
  type: fc.constantFrom(...TYPES),
  name: fc.stringMatching(/^[a-z]{1,6}$/),
  properties: fc.record({ a: fc.constantFrom('ok', 'bad', '[x]', undefined), b: fc.constantFrom('ok', 'bad', undefined) }, { requiredKeys: [] }),
});
const suppressionArb = fc.record({
  control: fc.constantFrom('ISRM.A', 'ISRM.B', 'ISRM.C', 'ISRM.Z'),
  resource: fc.constantFrom('*', 'a*', '*b*', 'zzz'),
  justification: fc.constant('reviewed'),
  owner: fc.constant('owner'),
  expires: fc.constantFrom('2026-01-01', '2026-11-26', '2027-06-30'),
});

describe('scan engine properties', () => {
  it('summary matches the findings, order of files is irrelevant, suppressions are accounted for', () => {
    fc.assert(
      fc.property(fc.array(fc.array(resourceArb, { maxLength: 6 }), { minLength: 1, maxLength: 3 }), fc.array(suppressionArb, { maxLength: 4 }), (files, suppressions) => {
        const sources = files.map((resources, i) => source(`f${i}.json`, fakeTemplate(resources)));
        const cfg = config({ suppressions });
        const run = (s: typeof sources) => runScanWith(fakeDeps, { sources: s, config: cfg, asOf: '2026-11-26', controls });
        const report = run(sources);
        assert.equal(JSON.stringify(run([...sources].reverse())), JSON.stringify(report));

        const count = (status: string) => report.findings.filter((f) => f.status === status).length;
        assert.equal(report.summary.passed, count('pass'));
        assert.equal(report.summary.failed, count('fail'));
        assert.equal(report.summary.unknown, count('unknown'));
        assert.equal(report.summary.suppressed, count('suppressed'));
        assert.equal(report.summary.failedBySeverity.high + report.summary.failedBySeverity.medium + report.summary.failedBySeverity.low, report.summary.failed);

        const plain = runScanWith(fakeDeps, { sources, config: config(), asOf: '2026-11-26', controls });
        assert.equal(report.findings.length, plain.findings.length);
        // Two resources may share an id (a generated duplicate); the declaration pointer tells them apart.
        const key = (f: (typeof report.findings)[number]) => `${f.location.file}|${f.location.pointer.split('/').slice(0, 3).join('/')}|${f.controlId}|${f.propertyPath}`;
        const plainStatus = new Map(plain.findings.map((f) => [key(f), f.status]));
        for (const f of report.findings) {
          const before = plainStatus.get(key(f));
          if (f.status === 'suppressed') assert.ok(before === 'fail' || before === 'unknown', `suppressed a ${before}`);
          else assert.equal(f.status, before);
        }
        assert.equal(report.suppressions.length, suppressions.length);
        assert.equal(report.summary.expiredSuppressions, suppressions.filter((s) => s.expires < '2026-11-26').length);
        const active = report.suppressions.filter((s) => !s.expired).reduce((n, s) => n + s.matched, 0);
        assert.equal(active, report.summary.suppressed);
        for (const f of report.findings.filter((x) => x.status === 'suppressed')) {
          assert.ok(f.suppression && f.suppression.expires >= '2026-11-26');
        }
        assert.equal(report.complete, true);
      }),
      { numRuns: 150 },
    );
  });
});
