// azurerm 3.x resource types that azurerm 4 removed (azurerm_app_service, azurerm_function_app and their
// slots, azurerm_sql_server, azurerm_sql_firewall_rule). Plans of 3.x configurations still contain them.

import assert from 'node:assert/strict';
import { normalize, only, scanPlan } from './helpers';
import { buildPlan, RG, type TestResource } from './plan-builder';

const siteConfig = (extra: Record<string, unknown> = {}) => [{
  always_on: false, min_tls_version: '1.0', ftps_state: 'AllAllowed', http2_enabled: false, remote_debugging_enabled: false, linux_fx_version: '', vnet_route_all_enabled: false,
  scm_use_main_ip_restriction: false, ip_restriction: [{ name: 'office', ip_address: '203.0.113.0/24', action: 'Allow', priority: 100, service_tag: null, virtual_network_subnet_id: null, headers: [] }], scm_ip_restriction: [],
  ...extra,
}];

const appService = (extra: Record<string, unknown> = {}) => ({
  name: 'app-legacy', resource_group_name: 'rg-app', location: 'westeurope', app_service_plan_id: `${RG('rg-app')}/providers/Microsoft.Web/serverFarms/asp`,
  https_only: false, client_cert_enabled: false, client_cert_mode: 'Required', key_vault_reference_identity_id: '', site_config: siteConfig(), identity: [], tags: { CostCenter: 'cc-1' }, ...extra,
});

const sqlServer = { name: 'sql-legacy', resource_group_name: 'rg-db', location: 'westeurope', version: '12.0', administrator_login: 'sqladmin', administrator_login_password: 'P@ssw0rd-not-read', connection_policy: 'Default', identity: [], threat_detection_policy: [], tags: {} };

const legacy = (): TestResource[] => [
  { address: 'azurerm_app_service.app', values: appService() },
  { address: 'azurerm_app_service_slot.staging', values: { ...appService({ name: 'staging' }), app_service_name: 'app-legacy', site_config: siteConfig({ linux_fx_version: 'DOCKER|nginx' }) } },
  { address: 'azurerm_function_app.func', values: { ...appService({ name: 'func-legacy' }), os_type: 'linux', storage_account_name: 'st', storage_account_access_key: 'not-read' } },
  { address: 'azurerm_sql_server.sql', values: sqlServer },
  { address: 'azurerm_sql_firewall_rule.all', values: { name: 'all', resource_group_name: 'rg-db', server_name: 'sql-legacy', start_ip_address: '0.0.0.0', end_ip_address: '255.255.255.255' } },
];

describe('terraform mapping: azurerm 3.x types removed in azurerm 4', () => {
  it('azurerm_app_service, its slot and azurerm_function_app are sites and sites/slots', () => {
    const { resources, notes } = normalize(legacy());
    assert.deepEqual(notes, []);
    const sites = resources.filter((r) => r.type === 'Microsoft.Web/sites');
    assert.deepEqual(sites.map((r) => [r.name, r.kind]), [['app-legacy', 'app'], ['func-legacy', 'functionapp,linux']]);
    const app = sites[0]!;
    assert.equal(app.id, `${RG('rg-app')}/providers/Microsoft.Web/sites/app-legacy`);
    assert.equal(app.properties.httpsOnly, false);
    assert.equal(app.properties.serverFarmId, `${RG('rg-app')}/providers/Microsoft.Web/serverFarms/asp`);
    assert.equal('keyVaultReferenceIdentity' in app.properties, false);
    assert.deepEqual(app.properties.siteConfig, {
      minTlsVersion: '1.0', ftpsState: 'AllAllowed', http20Enabled: false, alwaysOn: false, remoteDebuggingEnabled: false, vnetRouteAllEnabled: false,
      ipSecurityRestrictions: [{ name: 'office', ipAddress: '203.0.113.0/24', action: 'Allow', priority: 100 }], scmIpSecurityRestrictions: [],
    });
    const slot = only(resources, 'Microsoft.Web/sites/slots');
    assert.equal(slot.id, `${RG('rg-app')}/providers/Microsoft.Web/sites/app-legacy/slots/staging`);
    assert.equal(slot.name, 'app-legacy/staging');
    assert.equal(slot.kind, 'app,linux');
  });

  it('azurerm_sql_server and azurerm_sql_firewall_rule are a SQL server and its firewall rule; the password is not read', () => {
    const { resources } = normalize(legacy());
    const server = only(resources, 'Microsoft.Sql/servers');
    assert.equal(server.id, `${RG('rg-db')}/providers/Microsoft.Sql/servers/sql-legacy`);
    assert.deepEqual(server.properties, { version: '12.0', administratorLogin: 'sqladmin' });
    const rule = only(resources, 'Microsoft.Sql/servers/firewallRules');
    assert.equal(rule.id, `${RG('rg-db')}/providers/Microsoft.Sql/servers/sql-legacy/firewallRules/all`);
    assert.deepEqual(rule.properties, { startIpAddress: '0.0.0.0', endIpAddress: '255.255.255.255' });
    assert.doesNotMatch(JSON.stringify(resources), /P@ssw0rd|not-read/);
  });

  describe('end to end', () => {
    it('the App Service and SQL controls judge the 3.x resources', async () => {
      const report = await scanPlan('legacy.plan.json', buildPlan(legacy()));
      const failed = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => `${f.controlId} ${f.resourceName}`));
      for (const expected of [
        'ISRM.AppService.HttpsOnly app-legacy',
        'ISRM.AppService.MinTLS app-legacy',
        'ISRM.AppService.FtpsState app-legacy',
        'ISRM.AppService.HttpsOnly app-legacy/staging',
        'ISRM.AppService.MinTLS func-legacy',
        'ISRM.Sql.MinTLS sql-legacy',
        'ISRM.Sql.PublicNetworkAccess sql-legacy',
      ]) assert.ok(failed.has(expected), `expected a failure: ${expected}\n${[...failed].join('\n')}`);
      assert.deepEqual(report.notes.filter((n) => /no ARM mapping/.test(n.message)).map((n) => n.message), []);
    });
  });
});
