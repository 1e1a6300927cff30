// Networking: virtual networks, subnets, NSGs and rules, route tables, public IPs, firewalls and their
// policies, application gateways and WAF policies, private endpoints and private DNS. ARM names from
// the Microsoft.Network resource types.

import { isUnknown } from '../../model';
import { attr, block, each, enabledDisabled, ifPresent, map, negate, nonEmpty, obj, refId, subResource, type Augmentation, type Spec, type TypeMapping } from '../spec';

const API = '2024-01-01';

const idList = (v: unknown): unknown => (Array.isArray(v) ? (v.length === 0 ? undefined : v.map((id) => ({ id }))) : v);
const asList = (v: unknown): unknown => (Array.isArray(v) ? v : [v]);

/** One NSG rule, inline (`security_rule` block) or as azurerm_network_security_rule. */
const securityRuleProperties: Record<string, Spec> = {
  priority: attr('priority'),
  direction: attr('direction'),
  access: attr('access'),
  protocol: attr('protocol'),
  sourcePortRange: attr('source_port_range', nonEmpty),
  sourcePortRanges: attr('source_port_ranges', nonEmpty),
  destinationPortRange: attr('destination_port_range', nonEmpty),
  destinationPortRanges: attr('destination_port_ranges', nonEmpty),
  sourceAddressPrefix: attr('source_address_prefix', nonEmpty),
  sourceAddressPrefixes: attr('source_address_prefixes', nonEmpty),
  destinationAddressPrefix: attr('destination_address_prefix', nonEmpty),
  destinationAddressPrefixes: attr('destination_address_prefixes', nonEmpty),
  sourceApplicationSecurityGroups: attr('source_application_security_group_ids', idList),
  destinationApplicationSecurityGroups: attr('destination_application_security_group_ids', idList),
  description: attr('description', nonEmpty),
};

export const networkSecurityGroup: TypeMapping = {
  armType: 'Microsoft.Network/networkSecurityGroups',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  properties: {
    securityRules: each('security_rule', obj({ name: attr('name'), properties: obj(securityRuleProperties) })),
  },
};

export const networkSecurityRule: TypeMapping = {
  armType: 'Microsoft.Network/networkSecurityGroups/securityRules',
  apiVersion: API,
  id: { kind: 'inResourceGroup', names: ['network_security_group_name', 'name'] },
  tags: false,
  properties: securityRuleProperties,
};

const inlineSubnets: Spec = each(
  'subnet',
  obj({
    name: attr('name'),
    'properties.addressPrefixes': attr(['address_prefixes', 'address_prefix'], asList),
    'properties.networkSecurityGroup.id': (r) => {
      const v = r.refId(['security_group']);
      return v === '' ? undefined : v;
    },
  }),
);

export const virtualNetwork: TypeMapping = {
  armType: 'Microsoft.Network/virtualNetworks',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  properties: {
    'addressSpace.addressPrefixes': attr('address_space'),
    'dhcpOptions.dnsServers': attr('dns_servers', nonEmpty),
    // An unknown `subnet` list is the provider's computed view of subnets managed as azurerm_subnet
    // resources (inline blocks are configuration, so known): those are emitted as subnets children,
    // the way an ARM template declares child subnets, and the list is left unset.
    subnets: ifPresent('subnet', (r) => {
      const s = r.slot(['subnet']);
      return s.state === 'unknown' ? undefined : inlineSubnets(r);
    }),
    ddosProtectionPlan: block('ddos_protection_plan', obj({ id: attr('id') })),
    enableDdosProtection: block('ddos_protection_plan', attr('enable')),
  },
};

export const subnet: TypeMapping = {
  armType: 'Microsoft.Network/virtualNetworks/subnets',
  apiVersion: API,
  id: { kind: 'inResourceGroup', names: ['virtual_network_name', 'name'] },
  tags: false,
  properties: {
    addressPrefix: attr('address_prefixes', (v) => (Array.isArray(v) && v.length === 1 ? v[0] : undefined)),
    addressPrefixes: attr('address_prefixes'),
    serviceEndpoints: attr('service_endpoints', (v) => (Array.isArray(v) ? v.map((service) => ({ service })) : v)),
    privateEndpointNetworkPolicies: attr(['private_endpoint_network_policies', ['private_endpoint_network_policies_enabled', enabledDisabled]]),
    privateLinkServiceNetworkPolicies: attr('private_link_service_network_policies_enabled', enabledDisabled),
    defaultOutboundAccess: attr('default_outbound_access_enabled'),
    delegations: each('delegation', obj({ name: attr('name'), 'properties.serviceName': block('service_delegation', attr('name')) })),
  },
};

/** Associations are how azurerm attaches an NSG or route table; ARM keeps both on the subnet. */
export const subnetNsgAssociation: Augmentation = {
  target: 'subnet_id',
  targetType: 'Microsoft.Network/virtualNetworks/subnets',
  set: { 'properties.networkSecurityGroup': subResource('network_security_group_id') },
};

export const subnetRouteTableAssociation: Augmentation = {
  target: 'subnet_id',
  targetType: 'Microsoft.Network/virtualNetworks/subnets',
  set: { 'properties.routeTable': subResource('route_table_id') },
};

export const routeTable: TypeMapping = {
  armType: 'Microsoft.Network/routeTables',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  properties: {
    disableBgpRoutePropagation: attr(['disable_bgp_route_propagation', ['bgp_route_propagation_enabled', negate]]),
    routes: each(
      'route',
      obj({
        name: attr('name'),
        'properties.addressPrefix': attr('address_prefix'),
        'properties.nextHopType': attr('next_hop_type'),
        'properties.nextHopIpAddress': attr('next_hop_in_ip_address', nonEmpty),
      }),
    ),
  },
};

export const publicIp: TypeMapping = {
  armType: 'Microsoft.Network/publicIPAddresses',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  sku: obj({ name: attr('sku'), tier: attr('sku_tier') }),
  properties: {
    publicIPAllocationMethod: attr('allocation_method'),
    publicIPAddressVersion: attr('ip_version'),
    'ddosSettings.protectionMode': attr('ddos_protection_mode'),
  },
};

export const firewall: TypeMapping = {
  armType: 'Microsoft.Network/azureFirewalls',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  properties: {
    sku: obj({ name: attr('sku_name'), tier: attr('sku_tier') }),
    firewallPolicy: subResource('firewall_policy_id'),
    threatIntelMode: attr('threat_intel_mode', nonEmpty),
    ipConfigurations: each(
      'ip_configuration',
      obj({ name: attr('name'), 'properties.subnet': subResource('subnet_id'), 'properties.publicIPAddress': subResource('public_ip_address_id') }),
    ),
  },
};

export const firewallPolicy: TypeMapping = {
  armType: 'Microsoft.Network/firewallPolicies',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  properties: {
    'sku.tier': attr('sku'),
    threatIntelMode: attr('threat_intelligence_mode'),
    'intrusionDetection.mode': block('intrusion_detection', attr('mode')),
    dnsSettings: block('dns', obj({ enableProxy: attr('proxy_enabled'), servers: attr('servers', nonEmpty) })),
    basePolicy: subResource('base_policy_id'),
    'transportSecurity.certificateAuthority.keyVaultSecretId': block('tls_certificate', attr('key_vault_secret_id')),
  },
};

export const applicationGateway: TypeMapping = {
  armType: 'Microsoft.Network/applicationGateways',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  properties: {
    sku: block('sku', obj({ name: attr('name'), tier: attr('tier'), capacity: attr('capacity') })),
    webApplicationFirewallConfiguration: block(
      'waf_configuration',
      obj({ enabled: attr('enabled'), firewallMode: attr('firewall_mode'), ruleSetType: attr('rule_set_type'), ruleSetVersion: attr('rule_set_version') }),
    ),
    firewallPolicy: subResource('firewall_policy_id'),
    sslPolicy: block(
      'ssl_policy',
      obj({
        policyType: attr('policy_type', nonEmpty),
        policyName: attr('policy_name', nonEmpty),
        minProtocolVersion: attr('min_protocol_version', nonEmpty),
        cipherSuites: attr('cipher_suites', nonEmpty),
      }),
    ),
    httpListeners: each(
      'http_listener',
      obj({
        name: attr('name'),
        'properties.protocol': attr('protocol'),
        'properties.hostName': attr('host_name', nonEmpty),
        'properties.requireServerNameIndication': attr('require_sni'),
        'properties.firewallPolicy.id': attr('firewall_policy_id', nonEmpty),
      }),
    ),
    backendHttpSettingsCollection: each('backend_http_settings', obj({ name: attr('name'), 'properties.port': attr('port'), 'properties.protocol': attr('protocol') })),
    enableHttp2: attr('enable_http2'),
  },
};

export const wafPolicy: TypeMapping = {
  armType: 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  properties: {
    policySettings: block(
      'policy_settings',
      obj({
        state: attr('enabled', enabledDisabled),
        mode: attr('mode'),
        requestBodyCheck: attr('request_body_check'),
        maxRequestBodySizeInKb: attr('max_request_body_size_in_kb'),
        fileUploadLimitInMb: attr('file_upload_limit_in_mb'),
      }),
    ),
    'managedRules.managedRuleSets': block('managed_rules', each('managed_rule_set', obj({ ruleSetType: attr('type'), ruleSetVersion: attr('version') }))),
    customRules: each('custom_rules', obj({ name: attr('name'), priority: attr('priority'), ruleType: attr('rule_type'), action: attr('action') })),
  },
};

const manual = (wanted: boolean): Spec => (r) => {
  const v = attr('is_manual_connection')(r);
  return isUnknown(v) ? v : (v === true) === wanted;
};

const serviceConnection: Spec = obj({
  name: attr('name'),
  'properties.privateLinkServiceId': refId('private_connection_resource_id'),
  'properties.groupIds': attr('subresource_names', nonEmpty),
  'properties.requestMessage': attr('request_message', nonEmpty),
});

export const privateEndpoint: TypeMapping = {
  armType: 'Microsoft.Network/privateEndpoints',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  properties: {
    subnet: subResource('subnet_id'),
    privateLinkServiceConnections: each('private_service_connection', serviceConnection, manual(false)),
    manualPrivateLinkServiceConnections: each('private_service_connection', serviceConnection, manual(true)),
    customNetworkInterfaceName: attr('custom_network_interface_name', nonEmpty),
  },
};

export const privateDnsZone: TypeMapping = {
  armType: 'Microsoft.Network/privateDnsZones',
  apiVersion: '2020-06-01',
  id: { kind: 'inResourceGroup' },
  location: () => 'global',
  properties: {},
};

export const privateDnsZoneLink: TypeMapping = {
  armType: 'Microsoft.Network/privateDnsZones/virtualNetworkLinks',
  apiVersion: '2020-06-01',
  id: { kind: 'inResourceGroup', names: ['private_dns_zone_name', 'name'] },
  location: () => 'global',
  properties: {
    virtualNetwork: subResource('virtual_network_id'),
    registrationEnabled: attr('registration_enabled'),
  },
};


export const bastionHost: TypeMapping = {
  armType: 'Microsoft.Network/bastionHosts',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  sku: map(attr('sku'), (name) => ({ name })),
  properties: {
    disableCopyPaste: attr('copy_paste_enabled', negate),
    enableFileCopy: attr('file_copy_enabled'),
    enableIpConnect: attr('ip_connect_enabled'),
    enableShareableLink: attr('shareable_link_enabled'),
    enableTunneling: attr('tunneling_enabled'),
    ipConfigurations: each('ip_configuration', obj({ name: attr('name'), 'properties.subnet': subResource('subnet_id'), 'properties.publicIPAddress': subResource('public_ip_address_id') })),
  },
};
