import assert from 'node:assert/strict';
import { normalize, only, scanPlan } from './helpers';
import { buildPlan, RG, type TestResource } from './plan-builder';

const APP = `${RG('rg-app')}/providers/Microsoft.Web/sites/app`;

const settings = (extra: Record<string, unknown> = {}) => ({
  https_only: false, public_network_access_enabled: true, client_certificate_enabled: false, client_certificate_mode: 'Required', virtual_network_subnet_id: null, key_vault_reference_identity_id: null,
  ftp_publish_basic_authentication_enabled: true, webdeploy_publish_basic_authentication_enabled: false,
  site_config: [{ minimum_tls_version: '1.0', scm_minimum_tls_version: '1.2', ftps_state: 'AllAllowed', http2_enabled: false, always_on: true, remote_debugging_enabled: false, vnet_route_all_enabled: false, ip_restriction: [], ip_restriction_default_action: 'Allow', scm_ip_restriction: [] }],
  identity: [], tags: { CostCenter: 'cc-1' }, ...extra,
});

const slots = (): TestResource[] => [
  { address: 'azurerm_linux_web_app_slot.staging', values: { name: 'staging', app_service_id: APP, service_plan_id: null, ...settings() } },
  { address: 'azurerm_windows_function_app_slot.blue', values: { name: 'blue', function_app_id: `${RG('rg-app')}/providers/Microsoft.Web/sites/func`, ...settings() } },
];

describe('terraform mapping: App Service deployment slots', () => {
  it('web app and function app slots are sites/slots children of their app, with the app settings', () => {
    const { resources, notes } = normalize(slots());
    assert.deepEqual(notes, []);
    const found = resources.filter((r) => r.type === 'Microsoft.Web/sites/slots');
    assert.deepEqual(found.map((r) => [r.name, r.id, r.kind]), [
      ['app/staging', `${APP}/slots/staging`, 'app,linux'],
      ['func/blue', `${RG('rg-app')}/providers/Microsoft.Web/sites/func/slots/blue`, 'functionapp'],
    ]);
    const staging = found[0]!;
    assert.equal(staging.properties.httpsOnly, false);
    assert.equal(staging.properties.publicNetworkAccess, 'Enabled');
    assert.equal((staging.properties.siteConfig as Record<string, unknown>).minTlsVersion, '1.0');
    assert.equal('serverFarmId' in staging.properties, false);
  });

  it('a slot whose app is created in the same plan gets its id through the configuration', () => {
    const { resources } = normalize([
      { address: 'azurerm_linux_web_app.app', values: { name: 'app', resource_group_name: 'rg-app', location: 'westeurope', service_plan_id: `${RG('rg-app')}/providers/Microsoft.Web/serverFarms/asp`, ...settings() }, unknown: ['id'] },
      { address: 'azurerm_linux_web_app_slot.staging', values: { name: 'staging', service_plan_id: null, ...settings() }, unknown: ['app_service_id'], refs: { app_service_id: ['azurerm_linux_web_app.app.id', 'azurerm_linux_web_app.app'] } },
    ]);
    assert.equal(only(resources, 'Microsoft.Web/sites/slots').id, `${APP}/slots/staging`);
  });

  describe('end to end', () => {
    it('the App Service controls judge a Terraform slot as they judge an ARM one', async () => {
      const report = await scanPlan('slots.plan.json', buildPlan(slots().slice(0, 1)));
      const failed = report.findings.filter((f) => f.status === 'fail' && f.controlId.startsWith('ISRM.AppService.')).map((f) => `${f.controlId} ${f.resourceName}`).sort();
      assert.deepEqual(failed, ['ISRM.AppService.FtpsState app/staging', 'ISRM.AppService.HttpsOnly app/staging', 'ISRM.AppService.MinTLS app/staging', 'ISRM.AppService.PublicNetworkAccess app/staging']);
    });
  });
});
