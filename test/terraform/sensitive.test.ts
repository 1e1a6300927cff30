// Plan JSON carries sensitive values in plain text, marked only in `sensitive_values` (planned values)
// and `after_sensitive` (resource changes). Like an ARM secure parameter, a marked value is withheld:
// it becomes an Unknown, so no control can put it in a finding, a report or evidence.

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isUnknown, type Unknown } from '../../src/core/model';
import { REPORT_FORMATS, renderReport } from '../../src/core/report';
import { scanPaths } from '../../src/node';
import { normalizePlan, only } from './helpers';
import { buildPlan, type TestResource } from './plan-builder';

type Json = Record<string, unknown>;

/** Marks `marks` (a mirror, `true` where sensitive) on the resource at `address`, in one or both places. */
function markSensitive(plan: Json, address: string, marks: Json, where: 'both' | 'planned' | 'change' = 'both'): void {
  const visit = (m: Json): void => {
    for (const r of (m.resources ?? []) as Json[]) if (r.address === address && where !== 'change') r.sensitive_values = marks;
    for (const c of (m.child_modules ?? []) as Json[]) visit(c);
  };
  visit((plan.planned_values as Json).root_module as Json);
  for (const rc of plan.resource_changes as Json[]) if (rc.address === address && where !== 'planned') (rc.change as Json).after_sensitive = marks;
}

const storage = (extra: Json = {}): Json => ({
  name: 'stdata',
  resource_group_name: 'rg-data',
  location: 'westeurope',
  account_kind: 'StorageV2',
  account_tier: 'Standard',
  account_replication_type: 'ZRS',
  min_tls_version: 'TLS1_0',
  https_traffic_only_enabled: true,
  allow_nested_items_to_be_public: false,
  shared_access_key_enabled: false,
  public_network_access_enabled: false,
  network_rules: [{ default_action: 'Deny', bypass: ['AzureServices'], ip_rules: ['198.51.100.7', '203.0.113.9'], virtual_network_subnet_ids: [], private_link_access: [] }],
  customer_managed_key: [],
  blob_properties: [],
  identity: [],
  tags: { CostCenter: 'cc-secret-42', UseCase: 'raw' },
  ...extra,
});

const reason = (v: unknown): string => {
  assert.ok(isUnknown(v), `expected an Unknown, got ${JSON.stringify(v)}`);
  return (v as Unknown).reason;
};

describe('terraform: sensitive values are withheld', () => {
  it('a marked attribute becomes an Unknown naming the address and attribute, never its value', () => {
    const plan = buildPlan([{ address: 'azurerm_storage_account.raw', values: storage() }]);
    markSensitive(plan, 'azurerm_storage_account.raw', { min_tls_version: true });
    const sa = only(normalizePlan(plan).resources, 'Microsoft.Storage/storageAccounts');
    assert.equal(reason(sa.properties.minimumTlsVersion), 'azurerm_storage_account.raw: min_tls_version is marked sensitive in the plan (value withheld)');
    assert.doesNotMatch(JSON.stringify(sa), /TLS1_0/);
  });

  it('marks in either sensitive_values or after_sensitive count', () => {
    for (const where of ['planned', 'change'] as const) {
      const plan = buildPlan([{ address: 'azurerm_storage_account.raw', values: storage() }]);
      markSensitive(plan, 'azurerm_storage_account.raw', { min_tls_version: true }, where);
      const sa = only(normalizePlan(plan).resources, 'Microsoft.Storage/storageAccounts');
      assert.ok(isUnknown(sa.properties.minimumTlsVersion), where);
    }
  });

  it('marks nested in a map or a list withhold only the marked part', () => {
    const plan = buildPlan([{ address: 'azurerm_storage_account.raw', values: storage() }]);
    markSensitive(plan, 'azurerm_storage_account.raw', { tags: { CostCenter: true }, network_rules: [{ ip_rules: [false, true] }] });
    const sa = only(normalizePlan(plan).resources, 'Microsoft.Storage/storageAccounts');
    const tags = sa.tags as Json;
    assert.equal(tags.UseCase, 'raw');
    assert.match(reason(tags.CostCenter), /: tags\.CostCenter is marked sensitive/);
    const ipRules = (sa.properties.networkAcls as Json).ipRules as Json[];
    assert.deepEqual(ipRules[0], { value: '198.51.100.7', action: 'Allow' });
    assert.match(reason((ipRules[1] as Json).value), /: network_rules\[0\]\.ip_rules\[1\] is marked sensitive/);
    assert.doesNotMatch(JSON.stringify(sa), /cc-secret-42|203\.0\.113\.9/);
  });

  it('a whole marked block is withheld where it is read', () => {
    const plan = buildPlan([{ address: 'azurerm_storage_account.raw', values: storage() }]);
    markSensitive(plan, 'azurerm_storage_account.raw', { network_rules: true });
    const sa = only(normalizePlan(plan).resources, 'Microsoft.Storage/storageAccounts');
    assert.match(reason(sa.properties.networkAcls), /: network_rules is marked sensitive/);
  });

  it('a marked null is still "not set", and a marked value is not "not set" because another provider spelling is null', () => {
    const plan = buildPlan([{ address: 'azurerm_storage_account.raw', values: storage({ min_tls_version: null, https_traffic_only_enabled: false, enable_https_traffic_only: null }) }]);
    markSensitive(plan, 'azurerm_storage_account.raw', { min_tls_version: true, https_traffic_only_enabled: true });
    const sa = only(normalizePlan(plan).resources, 'Microsoft.Storage/storageAccounts');
    assert.equal('minimumTlsVersion' in sa.properties, false);
    assert.ok(isUnknown(sa.properties.supportsHttpsTrafficOnly));
  });

  it('a marked name is not shown: the resource is named by its address', () => {
    const plan = buildPlan([{ address: 'azurerm_storage_account.raw', values: storage({ name: 'stsecretname' }) }]);
    markSensitive(plan, 'azurerm_storage_account.raw', { name: true });
    const sa = only(normalizePlan(plan).resources, 'Microsoft.Storage/storageAccounts');
    assert.equal(sa.name, 'azurerm_storage_account.raw');
    assert.doesNotMatch(JSON.stringify(sa), /stsecretname/);
  });

  it('a marked name is not shown through the planned id of a resource that already exists (an update)', () => {
    const sub = '/subscriptions/00000000-0000-0000-0000-000000000000';
    const plan = buildPlan([
      { address: 'azurerm_resource_group.data', values: { id: `${sub}/resourceGroups/rg-secret`, name: 'rg-secret', location: 'westeurope', managed_by: null, tags: {} }, actions: ['update'] },
      {
        address: 'azurerm_storage_account.raw',
        values: storage({ id: `${sub}/resourceGroups/rg-secret/providers/Microsoft.Storage/storageAccounts/stsecretname`, name: 'stsecretname', resource_group_name: 'rg-secret' }),
        actions: ['update'],
      },
    ]);
    markSensitive(plan, 'azurerm_resource_group.data', { name: true });
    markSensitive(plan, 'azurerm_storage_account.raw', { resource_group_name: true });
    const { resources } = normalizePlan(plan);
    const rg = only(resources, 'Microsoft.Resources/resourceGroups');
    const sa = only(resources, 'Microsoft.Storage/storageAccounts');
    assert.equal(rg.name, 'azurerm_resource_group.data');
    assert.equal(sa.name, 'stsecretname');
    assert.doesNotMatch(JSON.stringify(resources), /rg-secret/);
  });

  it('nor through the known id another resource names it by (a diagnostic setting of that resource)', () => {
    const sub = '/subscriptions/00000000-0000-0000-0000-000000000000';
    const accountId = `${sub}/resourceGroups/rg-secret/providers/Microsoft.Storage/storageAccounts/stdata`;
    const plan = buildPlan([
      { address: 'azurerm_resource_group.data', values: { id: `${sub}/resourceGroups/rg-secret`, name: 'rg-secret', location: 'westeurope', managed_by: null, tags: {} }, actions: ['update'] },
      { address: 'azurerm_storage_account.raw', values: storage({ id: accountId, resource_group_name: 'rg-secret' }), actions: ['update'] },
      {
        address: 'azurerm_monitor_diagnostic_setting.raw',
        values: { name: 'to-law', target_resource_id: `${accountId}/blobServices/default`, log_analytics_workspace_id: null, storage_account_id: accountId, eventhub_authorization_rule_id: null, eventhub_name: null, log_analytics_destination_type: null, enabled_log: [{ category: 'StorageRead', category_group: null }], enabled_metric: [] },
      },
    ]);
    markSensitive(plan, 'azurerm_resource_group.data', { name: true });
    markSensitive(plan, 'azurerm_storage_account.raw', { resource_group_name: true });
    const { resources } = normalizePlan(plan);
    const sa = only(resources, 'Microsoft.Storage/storageAccounts');
    assert.match(sa.id, /\/storageAccounts\/stdata$/);
    const setting = only(resources, 'Microsoft.Insights/diagnosticSettings');
    assert.doesNotMatch(JSON.stringify(resources), /rg-secret/);
    // Named by the same id, the setting still applies to the account.
    assert.equal(setting.scope, `${sa.id}/blobServices/default`);
    assert.equal((setting.properties as Json).storageAccountId, sa.id);
  });

  describe('end to end, in every report format', () => {
    let dir: string;
    before(() => {
      dir = mkdtempSync(join(tmpdir(), 'controltrace-sensitive-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('no marked value reaches SARIF, JUnit, Markdown or JSON', async () => {
      const resources: TestResource[] = [
        { address: 'azurerm_resource_group.data', values: { name: 'rg-data', location: 'westeurope', managed_by: null, tags: { CostCenter: 'SECRET-CC-1', UseCase: 'raw', Environment: 'SECRET-ENV-2' } } },
        { address: 'azurerm_storage_account.raw', values: storage({ min_tls_version: 'SECRET-TLS-3' }) },
      ];
      const plan = buildPlan(resources);
      markSensitive(plan, 'azurerm_resource_group.data', { tags: { CostCenter: true, Environment: true } });
      markSensitive(plan, 'azurerm_storage_account.raw', { min_tls_version: true, tags: { CostCenter: true } });
      // Unmarked, the same values are reported (so this test shows the withholding, not a control that is silent).
      writeFileSync(join(dir, 'unmarked.plan.json'), JSON.stringify(buildPlan(resources)));
      writeFileSync(join(dir, 'marked.plan.json'), JSON.stringify(plan));
      const secrets = /SECRET-[A-Z]+-\d|cc-secret-42/g;
      const texts = async (file: string): Promise<string> => {
        const report = await scanPaths({ patterns: [file], cwd: dir, asOf: '2026-11-26T00:00:00Z' });
        return REPORT_FORMATS.map((f) => renderReport(report, f)).join('\n');
      };
      const unmarked = new Set((await texts('unmarked.plan.json')).match(secrets));
      assert.deepEqual([...unmarked].sort(), ['SECRET-CC-1', 'SECRET-ENV-2', 'SECRET-TLS-3', 'cc-secret-42']);
      assert.deepEqual((await texts('marked.plan.json')).match(secrets), null);
      assert.match(readFileSync(join(dir, 'marked.plan.json'), 'utf8'), /SECRET-TLS-3/);
    });
  });
});
