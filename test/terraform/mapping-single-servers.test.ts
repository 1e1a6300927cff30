// azurerm 3.x single servers for MySQL, PostgreSQL and MariaDB (retired services, removed in azurerm 4).

import assert from 'node:assert/strict';
import { normalize, only, scanPlan } from './helpers';
import { buildPlan, RG } from './plan-builder';

const server = (name: string, extra: Record<string, unknown> = {}) => ({
  name, resource_group_name: 'rg-db', location: 'westeurope', sku_name: 'GP_Gen5_2', version: '11', administrator_login: 'dbadmin', administrator_login_password: 'never-read-4711',
  ssl_enforcement_enabled: false, ssl_minimal_tls_version_enforced: 'TLSEnforcementDisabled', public_network_access_enabled: true, infrastructure_encryption_enabled: false,
  backup_retention_days: 7, geo_redundant_backup_enabled: false, auto_grow_enabled: true, storage_mb: 5120, create_mode: 'Default', threat_detection_policy: [], identity: [], tags: { CostCenter: 'cc-1' },
  ...extra,
});

const mariadb = (): Record<string, unknown> => {
  const v: Record<string, unknown> = server('maria-legacy', { version: '10.3' });
  delete v.identity;
  delete v.infrastructure_encryption_enabled;
  return v;
};

describe('terraform mapping: MySQL / PostgreSQL / MariaDB single servers (azurerm 3.x)', () => {
  it('each is its ARM server type, with SSL enforcement, minimum TLS and public access', () => {
    const { resources, notes } = normalize([
      { address: 'azurerm_postgresql_server.pg', values: server('pg-legacy') },
      { address: 'azurerm_mysql_server.my', values: server('my-legacy', { version: '8.0', ssl_enforcement_enabled: true, ssl_minimal_tls_version_enforced: 'TLS1_2', public_network_access_enabled: false }) },
      { address: 'azurerm_mariadb_server.maria', values: mariadb() },
    ]);
    assert.deepEqual(notes, []);
    const pg = only(resources, 'Microsoft.DBforPostgreSQL/servers');
    assert.equal(pg.id, `${RG('rg-db')}/providers/Microsoft.DBforPostgreSQL/servers/pg-legacy`);
    assert.deepEqual(pg.sku, { name: 'GP_Gen5_2' });
    assert.deepEqual(pg.properties, {
      version: '11', administratorLogin: 'dbadmin', sslEnforcement: 'Disabled', minimalTlsVersion: 'TLSEnforcementDisabled', publicNetworkAccess: 'Enabled',
      infrastructureEncryption: 'Disabled', storageProfile: { backupRetentionDays: 7, geoRedundantBackup: 'Disabled' },
    });
    const my = only(resources, 'Microsoft.DBforMySQL/servers');
    assert.equal(my.properties.sslEnforcement, 'Enabled');
    assert.equal(my.properties.minimalTlsVersion, 'TLS1_2');
    assert.equal(my.properties.publicNetworkAccess, 'Disabled');
    const maria = only(resources, 'Microsoft.DBforMariaDB/servers');
    assert.equal('identity' in maria, false);
    assert.equal('infrastructureEncryption' in maria.properties, false);
    assert.doesNotMatch(JSON.stringify(resources), /never-read-4711/);
  });

  describe('end to end', () => {
    it('the open-source database controls judge a Terraform single server', async () => {
      const report = await scanPlan('pg.plan.json', buildPlan([{ address: 'azurerm_postgresql_server.pg', values: server('pg-legacy') }]));
      const found = report.findings.filter((f) => f.controlId.startsWith('ISRM.OpenSourceDb.')).map((f) => `${f.controlId} ${f.status}`).sort();
      assert.deepEqual(found, ['ISRM.OpenSourceDb.MinTLS fail', 'ISRM.OpenSourceDb.PublicNetworkAccess fail', 'ISRM.OpenSourceDb.SslEnforcement fail']);
    });
  });
});
