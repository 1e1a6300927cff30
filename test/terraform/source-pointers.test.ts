// Findings on Terraform resources point at the plan attribute a Terraform user has to change, not at
// the `{` of the resource: the normaliser records, per ARM property, the planned attribute it came from.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { toMarkdown, toSarifLog } from '../../src/core/report';
import { resolveConfig } from '../../src/core/scan/config';
import { runScan } from '../../src/core/scan/scan';
import { normalizeTerraformPlan } from '../../src/core/terraform';
import { sourcePointerOf, terraformAttributeAt } from '../../src/core/terraform/source-pointers';
import { scanPaths } from '../../src/node';
import { normalize, only } from './helpers';
import { buildPlan, CONTEXT, RG, SUB } from './plan-builder';

const DIR = join(__dirname, '..', '..', 'examples', 'landing-zone', 'terraform');
const AS_OF = '2026-11-26T00:00:00Z';

type Json = Record<string, unknown>;

/** The value a JSON pointer names in parsed JSON (undefined when it names nothing). */
function resolvePointer(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(v)) v = /^\d+$/.test(key) ? v[Number(key)] : undefined;
    else if (typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, key)) v = (v as Json)[key];
    else return undefined;
  }
  return v;
}

/**
 * The 1-based line of attribute `attribute` of the planned resource `address`, found in the text itself
 * (not through the scanner's pointer locator): the first `"address": …` is the planned_values entry,
 * which the file writes before resource_changes.
 */
function lineOfAttribute(text: string, address: string, attribute: string): number {
  const at = text.indexOf(`"address": "${address}"`);
  assert.ok(at > 0 && at < text.indexOf('"resource_changes"'), `${address} is not in planned_values`);
  const attr = text.indexOf(`"${attribute}":`, at);
  const nextResource = text.indexOf('"address":', at + 1);
  assert.ok(attr > at && attr < nextResource, `${attribute} is not among ${address}'s values`);
  return text.slice(0, attr).split('\n').length;
}

describe('terraform: findings are located at the plan attribute', () => {
  it('the non-compliant example: every failure on stanalyticsshared is at the line of its attribute', async () => {
    const report = await scanPaths({ patterns: ['noncompliant.plan.json'], cwd: DIR, configFile: 'controltrace.json', asOf: AS_OF });
    const text = readFileSync(join(DIR, 'noncompliant.plan.json'), 'utf8');
    const plan = JSON.parse(text) as unknown;
    const resources = resolvePointer(plan, '/planned_values/root_module/resources') as Json[];
    const index = resources.findIndex((r) => r.address === 'azurerm_storage_account.shared');
    const declaration = text.slice(0, text.indexOf('"address": "azurerm_storage_account.shared"')).split('\n').length - 1;
    for (const [control, attribute] of [
      ['ISRM.Storage.MinTLS', 'min_tls_version'],
      ['ISRM.Storage.HttpsOnly', 'https_traffic_only_enabled'],
      ['ISRM.Storage.BlobPublicAccess', 'allow_nested_items_to_be_public'],
      ['ISRM.Storage.SharedKeyDisabled', 'shared_access_key_enabled'],
      ['ISRM.Storage.PublicNetworkAccess', 'public_network_access_enabled'],
    ] as const) {
      const f = report.findings.find((x) => x.controlId === control && x.resourceName === 'stanalyticsshared');
      assert.ok(f, `no ${control} finding on stanalyticsshared`);
      assert.equal(f.status, 'fail', control);
      const line = lineOfAttribute(text, 'azurerm_storage_account.shared', attribute);
      assert.notEqual(line, declaration);
      assert.deepEqual(
        { line: f.location.line, pointer: f.location.pointer, sourceProperty: f.sourceProperty },
        { line, pointer: `/planned_values/root_module/resources/${index}/values/${attribute}`, sourceProperty: attribute },
        control,
      );
    }
  });

  it('SARIF and the Markdown summary name the Terraform attribute; results start at its line', async () => {
    const report = await scanPaths({ patterns: ['noncompliant.plan.json'], cwd: DIR, configFile: 'controltrace.json', asOf: AS_OF });
    const text = readFileSync(join(DIR, 'noncompliant.plan.json'), 'utf8');
    const results = ((toSarifLog(report).runs as Json[])[0]!.results as Json[]).filter((r) => r.ruleId === 'ISRM.Storage.MinTLS');
    assert.equal(results.length, 1);
    const result = results[0] as { properties: Json; locations: { physicalLocation: { region: { startLine: number } } }[] };
    assert.equal(result.properties.sourceProperty, 'min_tls_version');
    assert.equal(result.locations[0]!.physicalLocation.region.startLine, lineOfAttribute(text, 'azurerm_storage_account.shared', 'min_tls_version'));
    const row = toMarkdown(report).split('\n').find((l) => l.includes('`ISRM.Storage.MinTLS`'));
    assert.ok(row?.includes('| `properties.minimumTlsVersion` (Terraform `min_tls_version`) |'), row);
    // A finding no single attribute decides (diagnostics, a pseudo path) names none.
    const diag = report.findings.find((f) => f.controlId === 'ISRM.Diagnostics.LogsToWorkspace' && f.resourceName === 'stanalyticsshared');
    assert.equal(diag?.sourceProperty, undefined);
  });

  it('a property a separate resource merges in points at that resource\'s attribute', () => {
    const plan = buildPlan([
      {
        address: 'azurerm_key_vault.dev',
        values: { name: 'kv-dev-keys', resource_group_name: 'rg-dev', location: 'westeurope', tenant_id: CONTEXT.tenantId, sku_name: 'premium', tags: { Environment: 'dev' } },
      },
      {
        address: 'azurerm_storage_account.lake',
        values: {
          name: 'stlake',
          resource_group_name: 'rg-data',
          location: 'westeurope',
          account_tier: 'Standard',
          account_replication_type: 'ZRS',
          min_tls_version: 'TLS1_2',
          customer_managed_key: [],
          tags: { Environment: 'prod' },
        },
      },
      {
        address: 'azurerm_storage_account_customer_managed_key.lake',
        values: {
          storage_account_id: `${RG('rg-data')}/providers/Microsoft.Storage/storageAccounts/stlake`,
          key_vault_uri: 'https://kv-dev-keys.vault.azure.net/',
          key_name: 'cmk',
          key_version: null,
          user_assigned_identity_id: null,
        },
      },
    ]);
    const text = JSON.stringify(plan, null, 2);
    const cmk = '/planned_values/root_module/resources/2';
    assert.equal(resolvePointer(plan, `${cmk}/address`), 'azurerm_storage_account_customer_managed_key.lake');

    const { resources } = normalizeTerraformPlan({ file: 'plan.json', plan, context: CONTEXT });
    const sa = only(resources, 'Microsoft.Storage/storageAccounts');
    // The account's own (empty) customer_managed_key block no longer decides the key source: the
    // augmenting resource does, as a whole, since no attribute of it names the key source.
    assert.equal(sa.sourcePointers?.['properties.encryption.keySource'], cmk);
    assert.equal(sa.sourcePointers?.['properties.encryption.keyvaultproperties.keyname'], `${cmk}/values/key_name`);
    assert.equal(sa.sourcePointers?.['properties.minimumTlsVersion'], '/planned_values/root_module/resources/1/values/min_tls_version');

    const report = runScan({ sources: [{ file: 'plan.json', sha256: '0'.repeat(64), text, json: plan }], config: resolveConfig({ baseline: 'hbi', deployment: CONTEXT }), asOf: AS_OF });
    const f = report.findings.find((x) => x.controlId === 'ISRM.Environment.Segregation' && x.resourceName === 'stlake' && x.status === 'fail');
    assert.ok(f, 'the production account using a development key vault is not reported');
    assert.equal(f.propertyPath, 'properties.encryption.keyvaultproperties.keyvaulturi');
    assert.equal(f.location.pointer, `${cmk}/values/key_vault_uri`);
    assert.equal(f.location.line, lineOfAttribute(text, 'azurerm_storage_account_customer_managed_key.lake', 'key_vault_uri'));
    assert.equal(f.sourceProperty, 'key_vault_uri');
  });

  it('a finding below a recorded property is located at the nearest recorded one; nested blocks and lists are named as Terraform writes them', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_storage_account.a',
        values: {
          name: 'sta',
          resource_group_name: 'rg',
          location: 'westeurope',
          account_tier: 'Standard',
          account_replication_type: 'ZRS',
          network_rules: [{ default_action: 'Allow', bypass: ['AzureServices'], ip_rules: ['203.0.113.7'], virtual_network_subnet_ids: [] }],
        },
      },
    ]);
    const sa = only(resources, 'Microsoft.Storage/storageAccounts');
    const base = '/planned_values/root_module/resources/0/values';
    const at = (path: string) => sourcePointerOf(sa.sourcePointers ?? {}, path)?.pointer;
    assert.equal(at('properties.networkAcls.defaultAction'), `${base}/network_rules/0/default_action`);
    assert.equal(at('properties.networkAcls.ipRules[0].value'), `${base}/network_rules/0/ip_rules/0`);
    assert.equal(at('properties.networkAcls.ipRules.0.action'), `${base}/network_rules/0/ip_rules/0`);
    assert.equal(at('properties.networkAcls'), `${base}/network_rules`);
    assert.equal(at('properties.somethingNoMappingSets'), undefined);
    assert.equal(terraformAttributeAt(`${base}/network_rules/0/ip_rules/0`), 'network_rules[0].ip_rules[0]');
    assert.equal(terraformAttributeAt('/planned_values/root_module/child_modules/1/resources/4/values/min_tls_version'), 'min_tls_version');
    assert.equal(terraformAttributeAt('/planned_values/root_module/resources/4'), undefined);
  });

  it('elements a filter drops leave no pointers: ARM element 0 is the plan element it came from', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_private_endpoint.pe',
        values: {
          name: 'pe',
          resource_group_name: 'rg',
          location: 'westeurope',
          subnet_id: `${RG('rg')}/providers/Microsoft.Network/virtualNetworks/v/subnets/s`,
          private_service_connection: [
            { name: 'manual', is_manual_connection: true, private_connection_resource_id: `${RG('rg')}/providers/Microsoft.Storage/storageAccounts/x`, subresource_names: ['blob'], request_message: 'please' },
            { name: 'auto', is_manual_connection: false, private_connection_resource_id: `${RG('rg')}/providers/Microsoft.Storage/storageAccounts/y`, subresource_names: ['dfs'], request_message: null },
          ],
        },
      },
    ]);
    const pe = only(resources, 'Microsoft.Network/privateEndpoints');
    const base = '/planned_values/root_module/resources/0/values/private_service_connection';
    assert.deepEqual((pe.properties.privateLinkServiceConnections as Json[]).map((c) => c.name), ['auto']);
    assert.equal(pe.sourcePointers?.['properties.privateLinkServiceConnections.0.name'], `${base}/1/name`);
    assert.equal(pe.sourcePointers?.['properties.manualPrivateLinkServiceConnections.0.name'], `${base}/0/name`);
    assert.equal(pe.sourcePointers?.['properties.privateLinkServiceConnections.1.name'], undefined);
  });

  it('ARM templates are located as before: resource pointer plus property path, no source property', () => {
    const template = {
      $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
      contentVersion: '1.0.0.0',
      resources: [
        { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'starm', location: 'westeurope', kind: 'StorageV2', sku: { name: 'Standard_ZRS' }, properties: { minimumTlsVersion: 'TLS1_0' } },
      ],
    };
    const text = JSON.stringify(template, null, 2);
    const report = runScan({ sources: [{ file: 'main.json', sha256: '0'.repeat(64), text, json: template }], config: resolveConfig({ deployment: CONTEXT }), asOf: AS_OF });
    const f = report.findings.find((x) => x.controlId === 'ISRM.Storage.MinTLS');
    assert.equal(f?.status, 'fail');
    assert.equal(f.location.pointer, '/resources/0/properties/minimumTlsVersion');
    assert.equal(f.location.line, text.slice(0, text.indexOf('"minimumTlsVersion"')).split('\n').length);
    assert.ok(report.findings.every((x) => !('sourceProperty' in x)));
  });
});

describe('terraform: resources whose name is only known after apply', () => {
  it('are named by their Terraform address, index and key included; the id keeps the unknown marker', () => {
    const assignment = (address: string, name?: string) => ({
      address,
      values: { ...(name ? { name } : {}), scope: SUB, role_definition_name: 'Reader', principal_id: '22222222-2222-2222-2222-222222222222', principal_type: 'Group' },
      unknown: name ? [] : ['name'],
    });
    const { resources } = normalize([
      assignment('azurerm_role_assignment.readers[0]'),
      assignment('azurerm_role_assignment.known', '33333333-3333-3333-3333-333333333333'),
      assignment('module.team["data"].azurerm_role_assignment.readers["alice"]'),
    ]);
    assert.deepEqual(
      resources.map((r) => [r.name, r.id.slice(`${SUB}/providers/Microsoft.Authorization/roleAssignments/`.length)]),
      [
        ['azurerm_role_assignment.readers[0]', '[unknown:azurerm_role_assignment.readers(0).name]'],
        ['33333333-3333-3333-3333-333333333333', '33333333-3333-3333-3333-333333333333'],
        ['module.team["data"].azurerm_role_assignment.readers["alice"]', '[unknown:module.team("data").azurerm_role_assignment.readers("alice").name]'],
      ],
    );
  });

  it('a child whose parent name is unknown is named by its address too, and its ARM children under it', () => {
    const { resources } = normalize([
      {
        address: 'azurerm_mssql_database.db',
        values: { name: 'db1', server_id: null, collation: 'SQL_Latin1_General_CP1_CI_AS', transparent_data_encryption_enabled: true },
        unknown: ['server_id'],
      },
    ]);
    assert.deepEqual(
      resources.map((r) => r.name),
      ['azurerm_mssql_database.db', 'azurerm_mssql_database.db/current'],
    );
    assert.ok(resources.every((r) => r.id.includes('[unknown:azurerm_mssql_database.db.server_id]')));
  });
});

