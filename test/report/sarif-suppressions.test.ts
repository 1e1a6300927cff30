// What SARIF viewers make of a result's suppressions must agree with what the scan counted: a viewer treats a
// result as suppressed only when none of its suppressions is rejected or under review (SARIF 2.1.0 §3.35.3;
// microsoft/sarif-tutorials, "Determining suppression status").

import assert from 'node:assert/strict';
import { toSarif } from '../../src/core/report';
import { runScanWith } from '../../src/core/scan/engine';
import { config, fakeDeps, fakeTemplate, propertyControl, source } from '../scan/fakes';

type Json = Record<string, any>;

const STORAGE = 'Microsoft.Storage/storageAccounts';

/** What a SARIF viewer counts as suppressed. */
function viewerSuppressed(result: Json): boolean {
  const s: Json[] = result.suppressions ?? [];
  return s.length > 0 && !s.some((x) => x.status === 'rejected' || x.status === 'underReview');
}

describe('SARIF suppressions as viewers read them', () => {
  // A waiver renewed by adding a new entry, the lapsed one left in the file: the finding is waived by the new one.
  const renewed = { control: 'ISRM.Storage.MinimumTls', resource: 'stlegacy', justification: 'renewed, CAB-77', owner: 'alice', expires: '2027-06-30' };
  const lapsed = { control: 'ISRM.Storage.MinimumTls', resource: 'stlegacy', justification: 'original, CAB-42', owner: 'alice', expires: '2026-01-31' };
  const report = runScanWith(fakeDeps, {
    sources: [
      source('infra/main.json', fakeTemplate([
        { type: STORAGE, name: 'stlegacy', properties: { minimumTlsVersion: 'TLS1_0' } },
        { type: STORAGE, name: 'stother', properties: { minimumTlsVersion: 'TLS1_0' } },
      ])),
    ],
    config: config({ suppressions: [renewed, lapsed, { ...lapsed, resource: 'stother' }] }),
    asOf: '2026-11-26',
    controls: [propertyControl('ISRM.Storage.MinimumTls', STORAGE, 'minimumTlsVersion', 'TLS1_2')],
  });
  const results: Json[] = JSON.parse(toSarif(report)).runs[0].results;
  const byName = (name: string) => results.find((r) => r.properties.resourceName === name)!;

  it('counts as suppressed exactly the findings the scan counted as suppressed', () => {
    assert.equal(report.summary.suppressed, 1);
    assert.deepEqual(
      results.map((r) => [r.properties.resourceName, r.properties.status, viewerSuppressed(r)]),
      [
        ['stlegacy', 'suppressed', true],
        ['stother', 'fail', false],
      ],
    );
  });

  it('still names the lapsed waiver on the finding a newer one waives, and rejects it on the one it no longer covers', () => {
    assert.deepEqual(byName('stlegacy').properties.expiredSuppressions, [{ justification: 'original, CAB-42', owner: 'alice', expires: '2026-01-31' }]);
    assert.deepEqual(byName('stother').suppressions.map((s: Json) => [s.status, s.justification]), [['rejected', 'original, CAB-42']]);
  });
});
