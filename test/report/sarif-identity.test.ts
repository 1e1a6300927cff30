// A result's identity in SARIF (partialFingerprints): code scanning views match results across runs by it, so
// two different results of one run must never share it, and a result must keep it when only its line moves.

import assert from 'node:assert/strict';
import { toSarif } from '../../src/core/report';
import { runScanWith } from '../../src/core/scan/engine';
import type { ScanReport } from '../../src/core/scan/types';
import { config, fakeDeps, fakeTemplate, propertyControl, source } from '../scan/fakes';

type Json = Record<string, any>;

const STORAGE = 'Microsoft.Storage/storageAccounts';

/** Each file holds the same storage account, its text preceded by `blankLines[file]` empty lines. */
function scan(blankLines: Record<string, number>): ScanReport {
  const tls = propertyControl('ISRM.Storage.MinimumTls', STORAGE, 'minimumTlsVersion', 'TLS1_2');
  const template = fakeTemplate([{ type: STORAGE, name: 'stdata', properties: { minimumTlsVersion: 'TLS1_0' } }]);
  return runScanWith(fakeDeps, {
    sources: Object.entries(blankLines).map(([file, n]) => source(file, template, '\n'.repeat(n) + JSON.stringify(template, null, 2))),
    config: config({}),
    asOf: '2026-11-26',
    controls: [tls],
  });
}

function results(report: ScanReport): Json[] {
  return JSON.parse(toSarif(report)).runs[0].results;
}

describe('SARIF result identity', () => {
  it('differs for the same resource declared in two templates (dev/ and prod/ copies deploying the same ids)', () => {
    const [dev, prod, ...rest] = results(scan({ 'infra/dev/main.json': 0, 'infra/prod/main.json': 0 }));
    assert.deepEqual([dev?.locations[0].physicalLocation.artifactLocation.uri, prod?.locations[0].physicalLocation.artifactLocation.uri, rest.length], ['infra/dev/main.json', 'infra/prod/main.json', 0]);
    assert.notDeepEqual(dev!.partialFingerprints, prod!.partialFingerprints, 'two results in two files share one fingerprint: a code scanning view would merge them into one alert');
  });

  it('stays the same when only the line of the finding moves', () => {
    const [before] = results(scan({ 'infra/main.json': 0 }));
    const [after] = results(scan({ 'infra/main.json': 3 }));
    assert.equal(after!.locations[0].physicalLocation.region.startLine, before!.locations[0].physicalLocation.region.startLine + 3);
    assert.deepEqual(after!.partialFingerprints, before!.partialFingerprints);
  });
});
