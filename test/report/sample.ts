// A scan report with every kind of finding, built through the real engine from hand-built resources.

import { runScanWith } from '../../src/core/scan/engine';
import type { ScanReport } from '../../src/core/scan/types';
import { config, fakeDeps, fakeTemplate, propertyControl, source } from '../scan/fakes';

const STORAGE = 'Microsoft.Storage/storageAccounts';

export const HOSTILE_NAME = 'st<img src=x onerror=alert(1)>|`pwn`*_[x](y)';

export function sampleReport(asOf = '2026-11-26'): ScanReport {
  const tls = propertyControl('ISRM.Storage.MinimumTls', STORAGE, 'minimumTlsVersion', 'TLS1_2', {
    frameworks: { nist80053: ['SC-8(1)'], iso27001: ['A.8.24'], cfr21Part11: ['11.10(c)'], euAnnex11: ['7.1'] },
    azurePolicy: 'Storage accounts should have the specified minimum TLS version',
  });
  const pna = propertyControl('ISRM.Storage.PublicNetworkAccess', STORAGE, 'publicNetworkAccess', 'Disabled', { severity: 'medium' });
  const tags = propertyControl('ISRM.Tagging.CostCenter', STORAGE, 'costCenter', 'x', { severity: 'low', family: 'tagging' });
  return runScanWith(fakeDeps, {
    sources: [
      source('infra/main.json', fakeTemplate([
        { type: STORAGE, name: 'stgood', properties: { minimumTlsVersion: 'TLS1_2', publicNetworkAccess: 'Disabled', costCenter: 'x' } },
        { type: STORAGE, name: HOSTILE_NAME, properties: { minimumTlsVersion: 'TLS1_0', publicNetworkAccess: "[parameters('pna')]" } },
        { type: STORAGE, name: 'stlegacy', properties: { minimumTlsVersion: 'TLS1_1', costCenter: 'x' } },
        { type: 'Contoso.Custom/widgets', name: 'w' },
      ])),
      source('infra/other dir/second.json', fakeTemplate([{ type: STORAGE, name: 'stsecond', properties: { publicNetworkAccess: 'Enabled' } }])),
      source('readme.json', { hello: 'world' }),
    ],
    config: config({
      suppressions: [
        { control: 'ISRM.Storage.MinimumTls', resource: 'stlegacy', justification: 'Legacy client, CAB-42 <b>', owner: 'alice@example.com', expires: '2027-01-31' },
        { control: 'ISRM.Storage.PublicNetworkAccess', resource: 'stsecond', justification: 'old', owner: 'bob', expires: '2026-01-01' },
      ],
      exclusions: [{ control: 'ISRM.Tagging.*', resource: 'stsecond', reason: 'tags set by policy' }],
    }),
    asOf,
    controls: [tls, pna, tags],
    configFile: 'controltrace.json',
  });
}

/** The sample's findings copied `times` times, each copy on its own resources: a scan as large as wanted. */
export function largeReport(times: number): ScanReport {
  const report = sampleReport();
  const findings = [];
  for (let i = 0; i < times; i++) {
    for (const f of report.findings) findings.push({ ...f, resourceId: `${f.resourceId}-${i}`, resourceName: `${f.resourceName}-${i}` });
  }
  return { ...report, findings };
}
