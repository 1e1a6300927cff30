// Configuration files (exclusions, suppressions around the --as-of day, severity overrides, environments,
// required tags, deployment context) on two targets, and command-line usage errors.
import * as K from './kit.mjs';

const supp = (control, resource, expires, more = {}) => ({ control, resource, justification: 'j', owner: 'o@example.com', expires, ...more });

const CONFIGS = {
  'exclude-control': { exclusions: [{ control: 'ISRM.Storage.*', reason: 'r' }] },
  'exclude-resource': { exclusions: [{ resource: 'st*', reason: 'r' }, { control: 'ISRM.Nothing.*', reason: 'matches no control' }, { resource: 'no-such-res', reason: 'excludes nothing' }] },
  'exclude-both': { exclusions: [{ control: 'ISRM.Network.*', resource: 'Microsoft.Network/*', reason: 'r' }] },
  'exclude-reason-only': { exclusions: [{ reason: 'all' }] },
  'suppress-active': { suppressions: [supp('ISRM.Storage.MinTLS', '*', '2027-03-31')] },
  'suppress-expired': { suppressions: [supp('ISRM.Storage.MinTLS', '*', '2026-01-01')] },
  'suppress-expires-as-of-day': { suppressions: [supp('ISRM.Storage.MinTLS', '*', '2026-11-26')] },
  'suppress-unmatched': { suppressions: [supp('ISRM.Storage.MinTLS', 'nomatch', '2027-03-31'), supp('ISRM.Not.AControl', '*', '2027-01-01')] },
  'suppress-overlapping': { suppressions: [supp('ISRM.*', '*', '2027-03-31'), supp('ISRM.Storage.*', '*', '2026-11-25', { owner: 'o2' })] },
  'severity-overrides': { severityOverrides: { 'ISRM.Tagging.RequiredTags': 'high', 'ISRM.Storage.MinTLS': 'low', 'ISRM.Not.AControl': 'medium' } },
  baseline: { baseline: 'standard' },
  'required-tags': { requiredTags: ['Owner', 'costcenter', 'Environment'] },
  deployment: { deployment: { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'RG-Prod', location: 'northeurope', deploymentName: 'dep' } },
  'central-workspace': { centralWorkspace: 'log-central' },
  'environments-conflict': { environments: { production: ['prod'], nonProduction: ['Prod'] } },
  'invalid-key': { bogus: 1 },
  'invalid-severity': { severityOverrides: { 'ISRM.Storage.MinTLS': 'critical' } },
};

export function configCases(set) {
  const nonCompliant = ['lz/arm/noncompliant/main.json', '--parameters', 'lz/arm/noncompliant/params.prod.json'];
  for (const [n, c] of Object.entries(CONFIGS)) {
    const f = set.write(`cfg/${n}.json`, c);
    set.add(`config-${n}`, [...nonCompliant, '--config', f]);
    set.add(`config-${n}-mixed`, ['env/prod-dev.json', 'dup/dup.json', '--config', f, '--fail-on', 'high']);
  }
  set.add('config-yaml', [...nonCompliant, '--config', set.write('cfg/c.yml', 'baseline: standard\nexclusions:\n  - control: ISRM.Tagging.*\n    reason: r\nsuppressions:\n  - control: ISRM.Storage.CMK\n    resource: "*"\n    justification: j\n    owner: o\n    expires: 2027-01-01\n')]);
  set.add('config-broken', [...nonCompliant, '--config', set.write('cfg/broken.json', '{"baseline": ')]);
  set.add('config-missing', [...nonCompliant, '--config', 'cfg/none.json']);
  set.write('cfg-default/controltrace.json', { severityOverrides: { 'ISRM.Storage.MinTLS': 'medium' }, suppressions: [supp('ISRM.Storage.HttpsOnly', 'st*', '2027-01-01')] });
  set.write('cfg-default/t.json', K.tpl([K.storage('stweak', { weak: true })]));
  set.add('config-default-in-cwd', ['t.json'], { cwd: 'cfg-default' });
  for (const [n, args] of Object.entries({ baseline: ['--baseline', 'foo'], 'fail-on': ['--fail-on', 'crit'], format: ['--format', 'pdf'], 'as-of': ['--as-of', 'yesterday'], 'unknown-option': ['--bogus'] })) {
    set.add(`usage-bad-${n}`, [nonCompliant[0], ...args]);
  }
  set.add('usage-no-inputs', []);
  set.add('usage-only-exclusions', ['!lz/**']);
}
