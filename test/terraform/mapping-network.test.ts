import assert from 'node:assert/strict';
import { json, normalize, only } from './helpers';
import { RG } from './plan-builder';

const rule = (extra: Record<string, unknown>) => ({
  name: 'allow-rdp',
  priority: 100,
  direction: 'Inbound',
  access: 'Allow',
  protocol: 'Tcp',
  source_port_range: '*',
  source_port_ranges: [],
  destination_port_range: '3389',
  destination_port_ranges: [],
  source_address_prefix: 'Internet',
  source_address_prefixes: [],
  destination_address_prefix: '*',
  destination_address_prefixes: [],
  source_application_security_group_ids: [],
  destination_application_security_group_ids: [],
  description: '',
  ...extra,
});

describe('terraform mapping: network security', () => {
  it('inline NSG rules become properties.securityRules in ARM shape', () => {
    const nsg = only(
      normalize([{ address: 'azurerm_network_security_group.web', values: { name: 'nsg-web', resource_group_name: 'rg-net', location: 'westeurope', security_rule: [rule({})], tags: {} } }]).resources,
      'Microsoft.Network/networkSecurityGroups',
    );
    assert.deepEqual(nsg.properties.securityRules, [
      {
        name: 'allow-rdp',
        properties: { priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: '3389', sourceAddressPrefix: 'Internet', destinationAddressPrefix: '*' },
      },
    ]);
  });

  it('azurerm_network_security_rule becomes the ARM securityRules child of its NSG', () => {
    const { resources } = normalize([
      { address: 'azurerm_network_security_rule.ssh', values: { ...rule({ name: 'allow-ssh', destination_port_range: null, destination_port_ranges: ['22', '2222'], source_address_prefix: '0.0.0.0/0' }), resource_group_name: 'rg-net', network_security_group_name: 'nsg-web' } },
    ]);
    const r = only(resources, 'Microsoft.Network/networkSecurityGroups/securityRules');
    assert.equal(r.name, 'nsg-web/allow-ssh');
    assert.equal(r.id, `${RG('rg-net')}/providers/Microsoft.Network/networkSecurityGroups/nsg-web/securityRules/allow-ssh`);
    assert.deepEqual(r.properties.destinationPortRanges, ['22', '2222']);
    assert.equal(r.properties.sourceAddressPrefix, '0.0.0.0/0');
    assert.equal(r.tags, undefined);
  });

  it('subnets, with the NSG association merged in, and the inline subnets of a VNet', () => {
    const { resources, notes } = normalize([
      { address: 'azurerm_virtual_network.spoke', values: { name: 'vnet-spoke', resource_group_name: 'rg-net', location: 'westeurope', address_space: ['10.1.0.0/16'], dns_servers: [], subnet: [{ name: 'inline', address_prefixes: ['10.1.9.0/24'], security_group: '', id: null }], ddos_protection_plan: [], tags: {} } },
      {
        address: 'azurerm_subnet.pe',
        values: { name: 'snet-pe', resource_group_name: 'rg-net', virtual_network_name: 'vnet-spoke', address_prefixes: ['10.1.1.0/24'], service_endpoints: ['Microsoft.Storage'], private_endpoint_network_policies: 'Disabled', private_link_service_network_policies_enabled: true, default_outbound_access_enabled: false, delegation: [] },
        unknown: ['id'],
      },
      { address: 'azurerm_network_security_group.pe', values: { name: 'nsg-pe', resource_group_name: 'rg-net', location: 'westeurope', security_rule: [], tags: {} }, unknown: ['id'] },
      {
        address: 'azurerm_subnet_network_security_group_association.pe',
        values: {},
        unknown: ['id', 'subnet_id', 'network_security_group_id'],
        refs: { subnet_id: ['azurerm_subnet.pe.id', 'azurerm_subnet.pe'], network_security_group_id: ['azurerm_network_security_group.pe.id', 'azurerm_network_security_group.pe'] },
      },
    ]);
    assert.deepEqual(notes, []);
    const vnet = only(resources, 'Microsoft.Network/virtualNetworks');
    assert.deepEqual(vnet.properties, { addressSpace: { addressPrefixes: ['10.1.0.0/16'] }, subnets: [{ name: 'inline', properties: { addressPrefixes: ['10.1.9.0/24'] } }] });
    const subnet = only(resources, 'Microsoft.Network/virtualNetworks/subnets');
    assert.equal(subnet.id, `${RG('rg-net')}/providers/Microsoft.Network/virtualNetworks/vnet-spoke/subnets/snet-pe`);
    assert.deepEqual(json(subnet.properties), {
      addressPrefix: '10.1.1.0/24',
      addressPrefixes: ['10.1.1.0/24'],
      serviceEndpoints: [{ service: 'Microsoft.Storage' }],
      privateEndpointNetworkPolicies: 'Disabled',
      privateLinkServiceNetworkPolicies: 'Enabled',
      defaultOutboundAccess: false,
      delegations: [],
      networkSecurityGroup: { id: `${RG('rg-net')}/providers/Microsoft.Network/networkSecurityGroups/nsg-pe` },
    });
  });

  it('firewall, firewall policy, application gateway and WAF policy', () => {
    const { resources } = normalize([
      { address: 'azurerm_firewall_policy.hub', values: { name: 'afwp-hub', resource_group_name: 'rg-hub', location: 'westeurope', sku: 'Premium', threat_intelligence_mode: 'Deny', intrusion_detection: [{ mode: 'Deny' }], dns: [{ proxy_enabled: true, servers: [] }], base_policy_id: null, tls_certificate: [], tags: {} }, unknown: ['id'] },
      {
        address: 'azurerm_firewall.hub',
        values: { name: 'afw-hub', resource_group_name: 'rg-hub', location: 'westeurope', sku_name: 'AZFW_VNet', sku_tier: 'Premium', threat_intel_mode: '', ip_configuration: [{ name: 'cfg', subnet_id: `${RG('rg-hub')}/providers/Microsoft.Network/virtualNetworks/hub/subnets/AzureFirewallSubnet`, public_ip_address_id: `${RG('rg-hub')}/providers/Microsoft.Network/publicIPAddresses/pip-afw` }], tags: {} },
        unknown: ['firewall_policy_id'],
        refs: { firewall_policy_id: ['azurerm_firewall_policy.hub.id', 'azurerm_firewall_policy.hub'] },
      },
      {
        address: 'azurerm_web_application_firewall_policy.waf',
        values: { name: 'waf', resource_group_name: 'rg-hub', location: 'westeurope', policy_settings: [{ enabled: true, mode: 'Prevention', request_body_check: true, max_request_body_size_in_kb: 128, file_upload_limit_in_mb: 100 }], managed_rules: [{ managed_rule_set: [{ type: 'OWASP', version: '3.2' }] }], custom_rules: [], tags: {} },
      },
      {
        address: 'azurerm_application_gateway.agw',
        values: {
          name: 'agw',
          resource_group_name: 'rg-hub',
          location: 'westeurope',
          sku: [{ name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 }],
          waf_configuration: [],
          firewall_policy_id: `${RG('rg-hub')}/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf`,
          ssl_policy: [{ policy_type: 'Predefined', policy_name: 'AppGwSslPolicy20220101S', min_protocol_version: '', cipher_suites: [] }],
          http_listener: [{ name: 'https', protocol: 'Https', host_name: '', require_sni: false, firewall_policy_id: '' }],
          backend_http_settings: [{ name: 'be', port: 443, protocol: 'Https' }],
          enable_http2: true,
          tags: {},
        },
      },
    ]);
    const fw = only(resources, 'Microsoft.Network/azureFirewalls');
    assert.deepEqual(fw.properties.sku, { name: 'AZFW_VNet', tier: 'Premium' });
    assert.deepEqual(fw.properties.firewallPolicy, { id: `${RG('rg-hub')}/providers/Microsoft.Network/firewallPolicies/afwp-hub` });
    assert.equal('threatIntelMode' in fw.properties, false);
    const policy = only(resources, 'Microsoft.Network/firewallPolicies');
    assert.deepEqual(policy.properties, { sku: { tier: 'Premium' }, threatIntelMode: 'Deny', intrusionDetection: { mode: 'Deny' }, dnsSettings: { enableProxy: true } });
    const waf = only(resources, 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies');
    assert.deepEqual(waf.properties, {
      policySettings: { state: 'Enabled', mode: 'Prevention', requestBodyCheck: true, maxRequestBodySizeInKb: 128, fileUploadLimitInMb: 100 },
      managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2' }] },
      customRules: [],
    });
    const agw = only(resources, 'Microsoft.Network/applicationGateways');
    assert.deepEqual(agw.properties.sku, { name: 'WAF_v2', tier: 'WAF_v2', capacity: 2 });
    assert.deepEqual(agw.properties.sslPolicy, { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101S' });
    assert.deepEqual(agw.properties.httpListeners, [{ name: 'https', properties: { protocol: 'Https', requireServerNameIndication: false } }]);
  });

  it('a manual private endpoint connection goes to manualPrivateLinkServiceConnections', () => {
    const target = `${RG('rg-x')}/providers/Microsoft.Sql/servers/sql-x`;
    const pe = only(
      normalize([
        {
          address: 'azurerm_private_endpoint.sql',
          values: { name: 'pe-sql', resource_group_name: 'rg-net', location: 'westeurope', subnet_id: 's', custom_network_interface_name: null, private_service_connection: [{ name: 'c', is_manual_connection: true, private_connection_resource_id: target, subresource_names: ['sqlServer'], request_message: 'please', private_connection_resource_alias: null }], tags: {} },
        },
      ]).resources,
      'Microsoft.Network/privateEndpoints',
    );
    assert.deepEqual(pe.properties.privateLinkServiceConnections, []);
    assert.deepEqual(pe.properties.manualPrivateLinkServiceConnections, [{ name: 'c', properties: { privateLinkServiceId: target, groupIds: ['sqlServer'], requestMessage: 'please' } }]);
  });
});
