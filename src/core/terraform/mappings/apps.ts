// Application and container platforms and messaging: App Service plans, web / function apps and their slots,
// AKS, Container Registry, Azure AI services (cognitive accounts) and Event Hubs namespaces.

import { isUnknown } from '../../model';
import { parseKeyVaultKeyUrl } from '../ids';
import { attr, block, each, enabledDisabled, identity, ifPresent, map, negate, nonEmpty, obj, refId, self, within, type Spec, type TypeMapping } from '../spec';
import { plainText } from '../values';

export const servicePlan: TypeMapping = {
  armType: 'Microsoft.Web/serverfarms',
  apiVersion: '2023-12-01',
  id: { kind: 'inResourceGroup' },
  kind: attr('os_type', (v) => (v === 'Linux' ? 'linux' : v === 'Windows' ? 'app' : v)),
  sku: map(attr('sku_name'), (name) => ({ name })),
  properties: {
    reserved: attr('os_type', (v) => (typeof v === 'string' ? v === 'Linux' : v)),
    zoneRedundant: attr('zone_balancing_enabled'),
  },
};

const ipRestriction: Spec = obj({
  name: attr('name', nonEmpty),
  ipAddress: attr('ip_address', nonEmpty),
  action: attr('action'),
  priority: attr('priority'),
  tag: attr('service_tag', nonEmpty),
  vnetSubnetResourceId: attr('virtual_network_subnet_id', nonEmpty),
});

const site = (kind: string): TypeMapping => ({
  armType: 'Microsoft.Web/sites',
  apiVersion: '2023-12-01',
  id: { kind: 'inResourceGroup' },
  kind: () => kind,
  identity,
  properties: {
    serverFarmId: refId('service_plan_id'),
    httpsOnly: attr('https_only'),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    clientCertEnabled: attr('client_certificate_enabled'),
    clientCertMode: attr('client_certificate_mode', nonEmpty),
    virtualNetworkSubnetId: refId('virtual_network_subnet_id'),
    keyVaultReferenceIdentity: attr('key_vault_reference_identity_id', nonEmpty),
    siteConfig: block(
      'site_config',
      obj({
        minTlsVersion: attr('minimum_tls_version'),
        scmMinTlsVersion: attr('scm_minimum_tls_version'),
        ftpsState: attr('ftps_state'),
        http20Enabled: attr('http2_enabled'),
        alwaysOn: attr('always_on'),
        remoteDebuggingEnabled: attr('remote_debugging_enabled'),
        vnetRouteAllEnabled: attr('vnet_route_all_enabled'),
        ipSecurityRestrictions: each('ip_restriction', ipRestriction),
        ipSecurityRestrictionsDefaultAction: ifPresent('ip_restriction_default_action', attr('ip_restriction_default_action', nonEmpty)),
        scmIpSecurityRestrictions: each('scm_ip_restriction', ipRestriction),
      }),
    ),
  },
  // Basic-auth publishing (FTP, Web Deploy) is its own pair of ARM children.
  extra: [
    { segment: 'basicPublishingCredentialsPolicies', name: 'ftp', apiVersion: '2023-12-01', properties: { allow: ifPresent('ftp_publish_basic_authentication_enabled', attr('ftp_publish_basic_authentication_enabled')) } },
    { segment: 'basicPublishingCredentialsPolicies', name: 'scm', apiVersion: '2023-12-01', properties: { allow: ifPresent('webdeploy_publish_basic_authentication_enabled', attr('webdeploy_publish_basic_authentication_enabled')) } },
  ],
});

export const linuxWebApp = site('app,linux');
export const windowsWebApp = site('app');
export const linuxFunctionApp = site('functionapp,linux');
export const windowsFunctionApp = site('functionapp');

/** A deployment slot has its app's settings schema; ARM makes it a child of the app, named `app/slot`. */
const slot = (kind: string, parent: 'app_service_id' | 'function_app_id'): TypeMapping => ({
  ...site(kind),
  armType: 'Microsoft.Web/sites/slots',
  id: { kind: 'child', parent },
});

/**
 * azurerm 3.x's azurerm_app_service / azurerm_function_app (and their slots), removed in azurerm 4 in
 * favour of the Linux / Windows resources: `min_tls_version` and `client_cert_enabled` spellings, and no
 * public network access setting (the site is public, which is what ARM's default says too).
 */
const legacySite = (kind: Spec, armType: string, id: TypeMapping['id']): TypeMapping => ({
  armType,
  apiVersion: '2023-12-01',
  id,
  kind,
  identity,
  properties: {
    serverFarmId: refId('app_service_plan_id'),
    httpsOnly: attr('https_only'),
    clientCertEnabled: attr('client_cert_enabled'),
    clientCertMode: ifPresent('client_cert_mode', attr('client_cert_mode', nonEmpty)),
    keyVaultReferenceIdentity: ifPresent('key_vault_reference_identity_id', attr('key_vault_reference_identity_id', nonEmpty)),
    siteConfig: block(
      'site_config',
      obj({
        minTlsVersion: attr('min_tls_version'),
        scmMinTlsVersion: ifPresent('scm_min_tls_version', attr('scm_min_tls_version', nonEmpty)),
        ftpsState: attr('ftps_state', nonEmpty),
        http20Enabled: attr('http2_enabled'),
        alwaysOn: attr('always_on'),
        remoteDebuggingEnabled: ifPresent('remote_debugging_enabled', attr('remote_debugging_enabled')),
        vnetRouteAllEnabled: ifPresent('vnet_route_all_enabled', attr('vnet_route_all_enabled')),
        ipSecurityRestrictions: each('ip_restriction', ipRestriction),
        scmIpSecurityRestrictions: ifPresent('scm_ip_restriction', each('scm_ip_restriction', ipRestriction)),
      }),
    ),
  },
});

const SITES = 'Microsoft.Web/sites';
const SLOTS = 'Microsoft.Web/sites/slots';
const appServiceKind = block('site_config', attr('linux_fx_version', (v) => (typeof v === 'string' && v !== '' ? 'app,linux' : 'app')));
const functionAppKind = attr('os_type', (v) => (v === 'linux' ? 'functionapp,linux' : 'functionapp'));

export const appService = legacySite(appServiceKind, SITES, { kind: 'inResourceGroup' });
export const appServiceSlot = legacySite(appServiceKind, SLOTS, { kind: 'inResourceGroup', names: ['app_service_name', 'name'] });
export const functionApp = legacySite(functionAppKind, SITES, { kind: 'inResourceGroup' });
export const functionAppSlot = legacySite(functionAppKind, SLOTS, { kind: 'inResourceGroup', names: ['function_app_name', 'name'] });

export const linuxWebAppSlot = slot('app,linux', 'app_service_id');
export const windowsWebAppSlot = slot('app', 'app_service_id');
export const linuxFunctionAppSlot = slot('functionapp,linux', 'function_app_id');
export const windowsFunctionAppSlot = slot('functionapp', 'function_app_id');

export const kubernetesCluster: TypeMapping = {
  armType: 'Microsoft.ContainerService/managedClusters',
  apiVersion: '2024-05-01',
  id: { kind: 'inResourceGroup' },
  identity,
  sku: map(attr('sku_tier'), (tier) => ({ name: 'Base', tier })),
  properties: {
    kubernetesVersion: attr('kubernetes_version'),
    dnsPrefix: attr('dns_prefix', nonEmpty),
    enableRBAC: attr('role_based_access_control_enabled'),
    disableLocalAccounts: attr('local_account_disabled'),
    diskEncryptionSetID: attr('disk_encryption_set_id', nonEmpty),
    aadProfile: block(
      'azure_active_directory_role_based_access_control',
      obj({ managed: () => true, enableAzureRBAC: attr('azure_rbac_enabled'), adminGroupObjectIDs: attr('admin_group_object_ids', nonEmpty), tenantID: attr('tenant_id', nonEmpty) }),
    ),
    'apiServerAccessProfile.enablePrivateCluster': attr('private_cluster_enabled'),
    'apiServerAccessProfile.privateDNSZone': attr('private_dns_zone_id', nonEmpty),
    'apiServerAccessProfile.authorizedIPRanges': (r) => {
      const fromBlock = block('api_server_access_profile', attr('authorized_ip_ranges', nonEmpty))(r);
      return fromBlock !== undefined ? fromBlock : ifPresent('api_server_authorized_ip_ranges', attr('api_server_authorized_ip_ranges', nonEmpty))(r);
    },
    networkProfile: block('network_profile', obj({ networkPlugin: attr('network_plugin'), networkPolicy: attr('network_policy', nonEmpty), outboundType: attr('outbound_type') })),
    'addonProfiles.azurepolicy.enabled': attr('azure_policy_enabled'),
    'addonProfiles.omsagent': (r) => {
      const s = r.slot(['oms_agent']);
      if (s.state === 'unknown') return s.unknown;
      if (s.state !== 'value' || !Array.isArray(s.value) || s.value.length === 0) return { enabled: false };
      const workspace = within(r, 'config.logAnalyticsWorkspaceResourceID', () => r.at(['oms_agent', 0]).refId(['log_analytics_workspace_id']));
      return { enabled: true, config: { logAnalyticsWorkspaceResourceID: workspace } };
    },
    'securityProfile.defender': block(
      'microsoft_defender',
      obj({ logAnalyticsWorkspaceResourceId: refId('log_analytics_workspace_id'), 'securityMonitoring.enabled': () => true }),
    ),
    agentPoolProfiles: (r) => {
      // The one pool is ARM's element 0: its members record their sources there.
      const pool = within(r, 0, () => block(
        'default_node_pool',
        obj({
          name: attr('name'),
          mode: () => 'System',
          count: attr('node_count'),
          vmSize: attr('vm_size'),
          vnetSubnetID: refId('vnet_subnet_id'),
          enableNodePublicIP: attr(['node_public_ip_enabled', 'enable_node_public_ip']),
          enableEncryptionAtHost: attr(['host_encryption_enabled', 'enable_host_encryption']),
        }),
      )(r));
      return pool === undefined || isUnknown(pool) ? pool : [pool];
    },
  },
};

export const containerRegistry: TypeMapping = {
  armType: 'Microsoft.ContainerRegistry/registries',
  apiVersion: '2023-07-01',
  id: { kind: 'inResourceGroup' },
  sku: map(attr('sku'), (name) => ({ name })),
  identity,
  properties: {
    adminUserEnabled: attr('admin_enabled'),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    networkRuleBypassOptions: attr('network_rule_bypass_option'),
    anonymousPullEnabled: attr('anonymous_pull_enabled'),
    dataEndpointEnabled: attr('data_endpoint_enabled'),
    zoneRedundancy: attr('zone_redundancy_enabled', enabledDisabled),
    networkRuleSet: block(
      'network_rule_set',
      obj({ defaultAction: attr('default_action'), ipRules: each('ip_rule', obj({ action: attr('action'), value: attr('ip_range') })) }),
    ),
    encryption: block('encryption', (r) => {
      const enabled = ifPresent('enabled', attr('enabled'))(r);
      if (isUnknown(enabled)) return enabled;
      if (enabled === false) return { status: 'disabled' };
      return obj({ status: () => 'enabled', 'keyVaultProperties.keyIdentifier': attr('key_vault_key_id'), 'keyVaultProperties.identity': attr('identity_client_id') })(r);
    }),
    'policies.quarantinePolicy.status': attr('quarantine_policy_enabled', enabledDisabled),
    'policies.exportPolicy.status': attr('export_policy_enabled', enabledDisabled),
    'policies.trustPolicy.status': ifPresent('trust_policy_enabled', attr('trust_policy_enabled', enabledDisabled)),
    'policies.retentionPolicy.days': ifPresent('retention_policy_in_days', attr('retention_policy_in_days')),
  },
};

export const cognitiveAccount: TypeMapping = {
  armType: 'Microsoft.CognitiveServices/accounts',
  apiVersion: '2024-10-01',
  id: { kind: 'inResourceGroup' },
  kind: attr('kind'),
  sku: map(attr('sku_name'), (name) => ({ name })),
  identity,
  properties: {
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    disableLocalAuth: attr('local_auth_enabled', negate),
    customSubDomainName: attr('custom_subdomain_name', nonEmpty),
    restrictOutboundNetworkAccess: attr('outbound_network_access_restricted'),
    allowedFqdnList: attr('fqdns', nonEmpty),
    networkAcls: block(
      'network_acls',
      obj({
        defaultAction: attr('default_action'),
        ipRules: each('ip_rules', obj({ value: self })),
        virtualNetworkRules: each('virtual_network_rules', obj({ id: refId('subnet_id'), ignoreMissingVnetServiceEndpoint: attr('ignore_missing_vnet_service_endpoint') })),
      }),
    ),
    encryption: block('customer_managed_key', (r) => {
      // Read under the ARM paths they fill, so each records its own source.
      const key = within(r, 'keyVaultProperties', () => attr('key_vault_key_id')(r));
      const parsed = parseKeyVaultKeyUrl(key);
      if (isUnknown(key)) return { keySource: 'Microsoft.KeyVault', keyVaultProperties: key };
      const identity = within(r, 'keyVaultProperties', () => obj({ identityClientId: attr('identity_client_id', nonEmpty) })(r));
      return {
        keySource: 'Microsoft.KeyVault',
        keyVaultProperties: { ...(parsed ? { keyVaultUri: parsed.vaultUri, keyName: parsed.name, keyVersion: parsed.version ?? '' } : {}), ...(identity as object | undefined) },
      };
    }),
  },
};

export const eventhubNamespace: TypeMapping = {
  armType: 'Microsoft.EventHub/namespaces',
  apiVersion: '2024-01-01',
  id: { kind: 'inResourceGroup' },
  sku: obj({ name: attr('sku'), tier: attr('sku'), capacity: attr('capacity') }),
  identity,
  properties: {
    minimumTlsVersion: attr('minimum_tls_version'),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    disableLocalAuth: attr('local_authentication_enabled', negate),
    isAutoInflateEnabled: attr('auto_inflate_enabled'),
    maximumThroughputUnits: attr('maximum_throughput_units'),
  },
  // ARM keeps a namespace's network rules in its `default` networkRuleSets child.
  extra: [
    {
      segment: 'networkRuleSets',
      name: 'default',
      apiVersion: '2024-01-01',
      when: (r) => {
        const s = r.slot(['network_rulesets']);
        if (s.state === 'unknown') return s.unknown;
        return s.state === 'value' && Array.isArray(s.value) && s.value.length > 0;
      },
      properties: {
        defaultAction: block('network_rulesets', attr('default_action')),
        publicNetworkAccess: block('network_rulesets', attr('public_network_access_enabled', enabledDisabled)),
        trustedServiceAccessEnabled: block('network_rulesets', attr('trusted_service_access_enabled')),
        ipRules: block('network_rulesets', each('ip_rule', obj({ ipMask: attr('ip_mask'), action: attr('action') }))),
        virtualNetworkRules: block(
          'network_rulesets',
          each('virtual_network_rule', obj({ 'subnet.id': refId('subnet_id'), ignoreMissingVnetServiceEndpoint: attr('ignore_missing_virtual_network_service_endpoint') })),
        ),
      },
    },
  ],
};


export const servicebusNamespace: TypeMapping = {
  armType: 'Microsoft.ServiceBus/namespaces',
  apiVersion: '2022-10-01-preview',
  id: { kind: 'inResourceGroup' },
  sku: obj({ name: attr('sku'), tier: attr('sku'), capacity: attr('capacity') }),
  identity,
  properties: {
    minimumTlsVersion: attr('minimum_tls_version'),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    disableLocalAuth: attr('local_auth_enabled', negate),
    encryption: block('customer_managed_key', (r) => {
      // Read under the ARM paths they fill (the one key is element 0), so each records its own source.
      const key = within(r, 'keyVaultProperties', () => attr('key_vault_key_id')(r));
      const parsed = parseKeyVaultKeyUrl(key);
      const keyVaultProperties = isUnknown(key)
        ? key
        : [{ ...(parsed ? { keyName: parsed.name, keyVaultUri: parsed.vaultUri, keyVersion: parsed.version ?? '' } : {}), ...(within(r, 'keyVaultProperties.0', () => obj({ 'identity.userAssignedIdentity': attr('identity_id', nonEmpty) })(r)) as object | undefined) }];
      return { keySource: 'Microsoft.KeyVault', keyVaultProperties, ...(obj({ requireInfrastructureEncryption: attr('infrastructure_encryption_enabled') })(r) as object | undefined) };
    }),
  },
};

export const searchService: TypeMapping = {
  armType: 'Microsoft.Search/searchServices',
  apiVersion: '2023-11-01',
  id: { kind: 'inResourceGroup' },
  sku: map(attr('sku'), (name) => ({ name })),
  identity,
  properties: {
    // Azure AI Search spells these in lower case.
    publicNetworkAccess: attr('public_network_access_enabled', (v) => (typeof v === 'boolean' ? (v ? 'enabled' : 'disabled') : v)),
    disableLocalAuth: attr('local_authentication_enabled', negate),
    'encryptionWithCmk.enforcement': attr('customer_managed_key_enforcement_enabled', (v) => (v === true ? 'Enabled' : v === false ? 'Unspecified' : v)),
    'networkRuleSet.ipRules': attr('allowed_ips', (v) => (Array.isArray(v) ? v.map((value) => ({ value })) : v)),
  },
};

export const appConfiguration: TypeMapping = {
  armType: 'Microsoft.AppConfiguration/configurationStores',
  apiVersion: '2023-03-01',
  id: { kind: 'inResourceGroup' },
  sku: map(attr('sku'), (name) => ({ name })),
  identity,
  properties: {
    publicNetworkAccess: attr('public_network_access', nonEmpty),
    disableLocalAuth: attr('local_auth_enabled', negate),
    enablePurgeProtection: attr('purge_protection_enabled'),
    softDeleteRetentionInDays: attr('soft_delete_retention_days'),
    'encryption.keyVaultProperties': block('encryption', obj({ keyIdentifier: attr('key_vault_key_identifier', nonEmpty), identityClientId: attr('identity_client_id', nonEmpty) })),
  },
};

export const apiManagement: TypeMapping = {
  armType: 'Microsoft.ApiManagement/service',
  apiVersion: '2022-08-01',
  id: { kind: 'inResourceGroup' },
  // `Developer_1` → ARM's name and capacity.
  sku: map(attr('sku_name'), (v) => {
    const [name, capacity] = plainText(v).split('_');
    return { name, capacity: Number(capacity) };
  }),
  identity,
  properties: {
    publisherName: attr('publisher_name'),
    publisherEmail: attr('publisher_email'),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    virtualNetworkType: attr('virtual_network_type'),
    'virtualNetworkConfiguration.subnetResourceId': block('virtual_network_configuration', refId('subnet_id')),
  },
};
