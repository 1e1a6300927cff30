import assert from 'node:assert/strict';
import { normalize, only, scanPlan } from './helpers';
import { buildPlan, RG } from './plan-builder';

/** azurerm_redis_cache as azurerm 3.x plans it (`enable_non_ssl_port`, `minimum_tls_version` default 1.0). */
const cache3 = (extra: Record<string, unknown> = {}) => ({
  name: 'redis-lz', resource_group_name: 'rg-cache', location: 'westeurope', capacity: 1, family: 'P', sku_name: 'Premium',
  enable_non_ssl_port: true, minimum_tls_version: '1.0', public_network_access_enabled: true, redis_version: '6', subnet_id: null,
  private_static_ip_address: null, shard_count: 0, replicas_per_master: null, replicas_per_primary: null, zones: null, tenant_settings: null,
  redis_configuration: [{ enable_authentication: true, rdb_backup_enabled: false, rdb_storage_connection_string: null, aof_backup_enabled: false }],
  patch_schedule: [], identity: [], tags: { CostCenter: 'cc-1' }, ...extra,
});

/** The same cache as azurerm 4.x plans it (`non_ssl_port_enabled`, `access_keys_authentication_enabled`). */
const cache4 = (extra: Record<string, unknown> = {}) => {
  const v: Record<string, unknown> = { ...cache3(), non_ssl_port_enabled: false, minimum_tls_version: '1.2', public_network_access_enabled: false, access_keys_authentication_enabled: false, ...extra };
  delete v.enable_non_ssl_port;
  return v;
};

describe('terraform mapping: Azure Cache for Redis', () => {
  it('azurerm 3.x: the cache, its SKU and the settings the Redis controls check', () => {
    const redis = only(normalize([{ address: 'azurerm_redis_cache.c', values: cache3() }]).resources, 'Microsoft.Cache/redis');
    assert.equal(redis.id, `${RG('rg-cache')}/providers/Microsoft.Cache/redis/redis-lz`);
    assert.equal(redis.location, 'westeurope');
    assert.deepEqual(redis.tags, { CostCenter: 'cc-1' });
    assert.deepEqual(redis.properties, {
      sku: { name: 'Premium', family: 'P', capacity: 1 },
      enableNonSslPort: true,
      minimumTlsVersion: '1.0',
      publicNetworkAccess: 'Enabled',
      redisVersion: '6',
    });
  });

  it('azurerm 4.x spellings, a subnet and access keys disabled', () => {
    const subnet = `${RG('rg-net')}/providers/Microsoft.Network/virtualNetworks/vnet/subnets/redis`;
    const redis = only(normalize([{ address: 'azurerm_redis_cache.c', values: cache4({ subnet_id: subnet, private_static_ip_address: '10.0.0.4' }) }]).resources, 'Microsoft.Cache/redis');
    assert.equal(redis.properties.enableNonSslPort, false);
    assert.equal(redis.properties.minimumTlsVersion, '1.2');
    assert.equal(redis.properties.publicNetworkAccess, 'Disabled');
    assert.equal(redis.properties.disableAccessKeyAuthentication, true);
    assert.equal(redis.properties.subnetId, subnet);
    assert.equal(redis.properties.staticIP, '10.0.0.4');
  });

  describe('end to end', () => {
    it('the Redis controls judge a Terraform cache as they judge an ARM one', async () => {
      const report = await scanPlan('redis.plan.json', buildPlan([{ address: 'azurerm_redis_cache.c', values: cache3() }]));
      const redis = report.findings.filter((f) => f.controlId.startsWith('ISRM.Redis.')).map((f) => `${f.controlId} ${f.status}`).sort();
      assert.deepEqual(redis, ['ISRM.Redis.MinTLS fail', 'ISRM.Redis.NonSslPortDisabled fail', 'ISRM.Redis.PublicNetworkAccess fail']);
      assert.deepEqual(report.notes.filter((n) => /azurerm_redis_cache/.test(n.message)).map((n) => n.message), []);
    });
  });
});
