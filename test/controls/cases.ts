// One row per scenario: the resources in the scanned set (the first is the one evaluated) and the
// status every outcome must have. Every control has at least one `pass` and one `fail` row; many have
// an `unknown` row and rows for service defaults by API version.

import type { NormalizedResource, ResolvedConfig } from '../../src/core/model';
import { idFor, res, RG_ID, SUB, unknown } from './helpers';

export type Expect = 'pass' | 'fail' | 'unknown' | 'none';
export interface Case {
  control: string;
  expect: Expect;
  what: string;
  set: NormalizedResource[];
  /** Configuration overrides for this row (central workspace, required tags, environments). */
  cfg?: Partial<ResolvedConfig>;
}

const SA = 'Microsoft.Storage/storageAccounts';
const KV = 'Microsoft.KeyVault/vaults';
const MLW = 'Microsoft.MachineLearningServices/workspaces';
const MLC = 'Microsoft.MachineLearningServices/workspaces/computes';
const ACR = 'Microsoft.ContainerRegistry/registries';
const DBW = 'Microsoft.Databricks/workspaces';
const SYN = 'Microsoft.Synapse/workspaces';
const ADF = 'Microsoft.DataFactory/factories';
const PV = 'Microsoft.Purview/accounts';
const SQL = 'Microsoft.Sql/servers';
const COS = 'Microsoft.DocumentDB/databaseAccounts';
const WEB = 'Microsoft.Web/sites';
const AKS = 'Microsoft.ContainerService/managedClusters';
const COG = 'Microsoft.CognitiveServices/accounts';
const APPI = 'Microsoft.Insights/components';
const EVH = 'Microsoft.EventHub/namespaces';
const NSG = 'Microsoft.Network/networkSecurityGroups';
const VNET = 'Microsoft.Network/virtualNetworks';
const FWP = 'Microsoft.Network/firewallPolicies';
const AZFW = 'Microsoft.Network/azureFirewalls';
const AGW = 'Microsoft.Network/applicationGateways';
const WAFP = 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies';
const PE = 'Microsoft.Network/privateEndpoints';
const LAW = 'Microsoft.OperationalInsights/workspaces';
const DIAG = 'Microsoft.Insights/diagnosticSettings';
const RA = 'Microsoft.Authorization/roleAssignments';
const PA = 'Microsoft.Authorization/policyAssignments';

const rows: Case[] = [];
function c(control: string, expect: Expect, what: string, ...set: NormalizedResource[]): void {
  rows.push({ control, expect, what, set });
}

/** A row evaluated with configuration overrides. */
function cc(cfg: Partial<ResolvedConfig>, control: string, expect: Expect, what: string, ...set: NormalizedResource[]): void {
  rows.push({ control, expect, what, set, cfg });
}

/** The common `publicNetworkAccess` rows for a service. */
function pna(control: string, type: string, name: string): void {
  c(control, 'pass', 'Disabled', res(type, name, { publicNetworkAccess: 'Disabled' }));
  c(control, 'fail', 'Enabled', res(type, name, { publicNetworkAccess: 'Enabled' }));
  c(control, 'fail', 'absent (default Enabled)', res(type, name, {}));
  c(control, 'unknown', 'unknown value', res(type, name, { publicNetworkAccess: unknown() }));
}

// ---- Storage
c('ISRM.Storage.MinTLS', 'pass', 'TLS1_2', res(SA, 'sa1', { minimumTlsVersion: 'TLS1_2' }));
c('ISRM.Storage.MinTLS', 'pass', 'property names are case-insensitive', res(SA, 'sa1', { MinimumTLSVersion: 'tls1_3' }));
c('ISRM.Storage.MinTLS', 'fail', 'TLS1_0', res(SA, 'sa1', { minimumTlsVersion: 'TLS1_0' }));
c('ISRM.Storage.MinTLS', 'fail', 'absent (accepts TLS 1.0)', res(SA, 'sa1', {}));
c('ISRM.Storage.MinTLS', 'unknown', 'parameter only known at deployment', res(SA, 'sa1', { minimumTlsVersion: unknown() }));
c('ISRM.Storage.HttpsOnly', 'pass', 'absent on API 2023 (default true)', res(SA, 'sa1', {}));
c('ISRM.Storage.HttpsOnly', 'fail', 'absent on API 2018 (default false)', res(SA, 'sa1', {}, { apiVersion: '2018-07-01' }));
c('ISRM.Storage.HttpsOnly', 'fail', 'false', res(SA, 'sa1', { supportsHttpsTrafficOnly: false }));
c('ISRM.Storage.BlobPublicAccess', 'pass', 'false', res(SA, 'sa1', { allowBlobPublicAccess: false }, { apiVersion: '2021-09-01' }));
c('ISRM.Storage.BlobPublicAccess', 'pass', 'absent on API 2023-05-01', res(SA, 'sa1', {}));
c('ISRM.Storage.BlobPublicAccess', 'fail', 'absent on API 2022-09-01', res(SA, 'sa1', {}, { apiVersion: '2022-09-01' }));
c('ISRM.Storage.BlobPublicAccess', 'fail', 'true', res(SA, 'sa1', { allowBlobPublicAccess: true }));
c('ISRM.Storage.SharedKeyDisabled', 'pass', 'false', res(SA, 'sa1', { allowSharedKeyAccess: false }));
c('ISRM.Storage.SharedKeyDisabled', 'pass', "'false' as a string", res(SA, 'sa1', { allowSharedKeyAccess: 'False' }));
c('ISRM.Storage.SharedKeyDisabled', 'fail', 'absent', res(SA, 'sa1', {}));
pna('ISRM.Storage.PublicNetworkAccess', SA, 'sa1');
c('ISRM.Storage.PublicNetworkAccess', 'pass', 'SecuredByPerimeter (accepted by the built-in policy)', res(SA, 'sa1', { publicNetworkAccess: 'SecuredByPerimeter' }));
c('ISRM.Storage.PublicNetworkAccess', 'fail', 'deny-by-default firewall without rules, publicNetworkAccess absent', res(SA, 'sa1', { networkAcls: { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] } }));
c('ISRM.Storage.NetworkDefaultDeny', 'pass', 'Deny', res(SA, 'sa1', { networkAcls: { defaultAction: 'Deny' } }));
c('ISRM.Storage.NetworkDefaultDeny', 'fail', 'absent', res(SA, 'sa1', {}));
c('ISRM.Storage.NetworkDefaultDeny', 'unknown', 'whole networkAcls unknown', res(SA, 'sa1', { networkAcls: unknown() }));
c('ISRM.Storage.CMK', 'pass', 'Microsoft.Keyvault', res(SA, 'sa1', { encryption: { keySource: 'Microsoft.Keyvault' } }));
c('ISRM.Storage.CMK', 'fail', 'Microsoft.Storage', res(SA, 'sa1', { encryption: { keySource: 'Microsoft.Storage' } }));
c('ISRM.Storage.InfrastructureEncryption', 'pass', 'true', res(SA, 'sa1', { encryption: { requireInfrastructureEncryption: true } }));
c('ISRM.Storage.InfrastructureEncryption', 'fail', 'absent', res(SA, 'sa1', {}));
c('ISRM.Storage.BlobSoftDelete', 'pass', 'enabled', res(`${SA}/blobServices`, 'sa1/default', { deleteRetentionPolicy: { enabled: true, days: 30 } }));
c('ISRM.Storage.BlobSoftDelete', 'fail', 'absent', res(`${SA}/blobServices`, 'sa1/default', {}));
c('ISRM.Storage.BlobSoftDelete', 'pass', 'exactly 7 days', res(`${SA}/blobServices`, 'sa1/default', { deleteRetentionPolicy: { enabled: true, days: 7 } }));
c('ISRM.Storage.BlobSoftDelete', 'fail', 'enabled for 1 day (fewer than 7)', res(`${SA}/blobServices`, 'sa1/default', { deleteRetentionPolicy: { enabled: true, days: 1 } }));
c('ISRM.Storage.BlobSoftDelete', 'fail', 'enabled without days', res(`${SA}/blobServices`, 'sa1/default', { deleteRetentionPolicy: { enabled: true } }));
c('ISRM.Storage.BlobSoftDelete', 'fail', 'disabled with 30 days', res(`${SA}/blobServices`, 'sa1/default', { deleteRetentionPolicy: { enabled: false, days: 30 } }));
c('ISRM.Storage.BlobSoftDelete', 'unknown', 'days only known after deployment', res(`${SA}/blobServices`, 'sa1/default', { deleteRetentionPolicy: { enabled: true, days: unknown() } }));

// ---- Key Vault
c('ISRM.KeyVault.PurgeProtection', 'pass', 'true', res(KV, 'kv1', { enablePurgeProtection: true }));
c('ISRM.KeyVault.PurgeProtection', 'fail', 'absent', res(KV, 'kv1', {}));
c('ISRM.KeyVault.PurgeProtection', 'unknown', 'unknown', res(KV, 'kv1', { enablePurgeProtection: unknown() }));
c('ISRM.KeyVault.SoftDelete', 'pass', 'absent (on by default)', res(KV, 'kv1', {}));
c('ISRM.KeyVault.SoftDelete', 'fail', 'false', res(KV, 'kv1', { enableSoftDelete: false }));
c('ISRM.KeyVault.RbacAuthorization', 'pass', 'true', res(KV, 'kv1', { enableRbacAuthorization: true }));
c('ISRM.KeyVault.RbacAuthorization', 'fail', 'absent on API 2023', res(KV, 'kv1', {}));
c('ISRM.KeyVault.RbacAuthorization', 'pass', 'absent on API 2026-02-01 (RBAC default)', res(KV, 'kv1', {}, { apiVersion: '2026-02-01' }));
pna('ISRM.KeyVault.PublicNetworkAccess', KV, 'kv1');
// As in the built-in policy: a deny-by-default firewall with no rules does not stand in for publicNetworkAccess 'Disabled'.
c('ISRM.KeyVault.PublicNetworkAccess', 'fail', 'deny-by-default firewall with no rules, publicNetworkAccess absent', res(KV, 'kv1', { networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] } }));
c('ISRM.KeyVault.NetworkDefaultDeny', 'pass', 'the same vault passes the firewall control', res(KV, 'kv1', { networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices', ipRules: [], virtualNetworkRules: [] } }));
c('ISRM.KeyVault.NetworkDefaultDeny', 'pass', 'Deny', res(KV, 'kv1', { networkAcls: { defaultAction: 'Deny' } }));
c('ISRM.KeyVault.NetworkDefaultDeny', 'fail', 'Allow', res(KV, 'kv1', { networkAcls: { defaultAction: 'Allow' } }));
c('ISRM.KeyVault.KeyExpiry', 'pass', 'exp set', res(`${KV}/keys`, 'kv1/cmk', { attributes: { exp: 1798761600 } }));
c('ISRM.KeyVault.KeyExpiry', 'fail', 'no exp', res(`${KV}/keys`, 'kv1/cmk', { attributes: { enabled: true } }));
c('ISRM.KeyVault.KeyExpiry', 'pass', 'rotation policy with expiryTime, no exp', res(`${KV}/keys`, 'kv1/cmk', { attributes: { enabled: true }, rotationPolicy: { attributes: { expiryTime: 'P90D' }, lifetimeActions: [{ trigger: { timeBeforeExpiry: 'P30D' }, action: { type: 'rotate' } }] } }));
c('ISRM.KeyVault.KeyExpiry', 'fail', 'rotation policy without expiryTime', res(`${KV}/keys`, 'kv1/cmk', { rotationPolicy: { lifetimeActions: [{ trigger: { timeAfterCreate: 'P60D' }, action: { type: 'rotate' } }] } }));
c('ISRM.KeyVault.KeyExpiry', 'unknown', 'rotation expiryTime only known after deployment', res(`${KV}/keys`, 'kv1/cmk', { rotationPolicy: { attributes: { expiryTime: unknown() } } }));

// ---- Machine Learning
c('ISRM.MachineLearning.CMK', 'pass', 'Enabled', res(MLW, 'mlw1', { encryption: { status: 'Enabled' } }));
c('ISRM.MachineLearning.CMK', 'fail', 'absent', res(MLW, 'mlw1', {}));
pna('ISRM.MachineLearning.PublicNetworkAccess', MLW, 'mlw1');
c('ISRM.MachineLearning.ManagedNetwork', 'pass', 'approved outbound only', res(MLW, 'mlw1', { managedNetwork: { isolationMode: 'AllowOnlyApprovedOutbound' } }));
c('ISRM.MachineLearning.ManagedNetwork', 'fail', 'internet outbound', res(MLW, 'mlw1', { managedNetwork: { isolationMode: 'AllowInternetOutbound' } }));
c('ISRM.MachineLearning.ComputeNoPublicIp', 'pass', 'AmlCompute without public IP', res(MLC, 'mlw1/cpu', { computeType: 'AmlCompute', properties: { enableNodePublicIp: false } }));
c('ISRM.MachineLearning.ComputeNoPublicIp', 'fail', 'ComputeInstance default', res(MLC, 'mlw1/ci', { computeType: 'ComputeInstance' }));
c('ISRM.MachineLearning.ComputeNoPublicIp', 'none', 'attached Kubernetes compute is out of scope', res(MLC, 'mlw1/k8s', { computeType: 'Kubernetes' }));
c('ISRM.MachineLearning.ComputeNoPublicIp', 'unknown', 'compute type unknown', res(MLC, 'mlw1/x', { computeType: unknown() }));
c('ISRM.MachineLearning.ComputeLocalAuth', 'pass', 'disabled', res(MLC, 'mlw1/cpu', { computeType: 'AmlCompute', disableLocalAuth: true }));
c('ISRM.MachineLearning.ComputeLocalAuth', 'fail', 'absent', res(MLC, 'mlw1/cpu', { computeType: 'AmlCompute' }));
c('ISRM.MachineLearning.WorkspaceKeyVault', 'pass', 'key vault set', res(MLW, 'mlw1', { keyVault: idFor(KV, 'kv1') }));
c('ISRM.MachineLearning.WorkspaceKeyVault', 'fail', 'absent', res(MLW, 'mlw1', {}));

// ---- Container Registry
c('ISRM.ContainerRegistry.AdminUserDisabled', 'pass', 'absent (default off)', res(ACR, 'acr1', {}));
c('ISRM.ContainerRegistry.AdminUserDisabled', 'fail', 'true', res(ACR, 'acr1', { adminUserEnabled: true }));
c('ISRM.ContainerRegistry.AnonymousPull', 'pass', 'false', res(ACR, 'acr1', { anonymousPullEnabled: false }));
c('ISRM.ContainerRegistry.AnonymousPull', 'fail', 'true', res(ACR, 'acr1', { anonymousPullEnabled: true }));
c('ISRM.ContainerRegistry.CMK', 'pass', 'enabled', res(ACR, 'acr1', { encryption: { status: 'enabled' } }));
c('ISRM.ContainerRegistry.CMK', 'fail', 'disabled', res(ACR, 'acr1', { encryption: { status: 'disabled' } }));
pna('ISRM.ContainerRegistry.PublicNetworkAccess', ACR, 'acr1');

// ---- Databricks
c('ISRM.Databricks.NoPublicIp', 'pass', 'true', res(DBW, 'dbw1', { parameters: { enableNoPublicIp: { value: true } } }, { apiVersion: '2023-02-01' }));
c('ISRM.Databricks.NoPublicIp', 'fail', 'false', res(DBW, 'dbw1', { parameters: { enableNoPublicIp: { value: false } } }));
c('ISRM.Databricks.NoPublicIp', 'fail', 'absent on API 2023-02-01', res(DBW, 'dbw1', {}, { apiVersion: '2023-02-01' }));
c('ISRM.Databricks.NoPublicIp', 'pass', 'absent on API 2024-05-01', res(DBW, 'dbw1', {}, { apiVersion: '2024-05-01' }));
c('ISRM.Databricks.VNetInjection', 'pass', 'custom VNet', res(DBW, 'dbw1', { parameters: { customVirtualNetworkId: { value: idFor(VNET, 'vnet1') } } }));
c('ISRM.Databricks.VNetInjection', 'fail', 'absent', res(DBW, 'dbw1', {}));
c('ISRM.Databricks.VNetInjection', 'pass', 'VNet declared in the scanned set', res(DBW, 'dbw1', { parameters: { customVirtualNetworkId: { value: idFor(VNET, 'vnet1') } } }), res(VNET, 'vnet1', {}));
c('ISRM.Databricks.VNetInjection', 'fail', 'empty VNet id', res(DBW, 'dbw1', { parameters: { customVirtualNetworkId: { value: '' } } }));
c('ISRM.Databricks.VNetInjection', 'unknown', 'VNet id unknown', res(DBW, 'dbw1', { parameters: { customVirtualNetworkId: { value: unknown() } } }));
pna('ISRM.Databricks.PublicNetworkAccess', DBW, 'dbw1');
c('ISRM.Databricks.CMK', 'pass', 'DBFS and managed services', res(DBW, 'dbw1', { parameters: { encryption: { value: { keySource: 'Microsoft.Keyvault' } } }, encryption: { entities: { managedServices: { keySource: 'Microsoft.Keyvault' } } } }));
c('ISRM.Databricks.CMK', 'fail', 'absent', res(DBW, 'dbw1', {}));

// ---- Synapse
const SYN_OK = { managedVirtualNetwork: 'default' };
c('ISRM.Synapse.ManagedVNet', 'pass', 'default', res(SYN, 'syn1', SYN_OK));
c('ISRM.Synapse.ManagedVNet', 'fail', 'absent', res(SYN, 'syn1', {}));
c('ISRM.Synapse.DataExfiltrationProtection', 'pass', 'true', res(SYN, 'syn1', { managedVirtualNetworkSettings: { preventDataExfiltration: true } }));
c('ISRM.Synapse.DataExfiltrationProtection', 'fail', 'false', res(SYN, 'syn1', { managedVirtualNetworkSettings: { preventDataExfiltration: false } }));
pna('ISRM.Synapse.PublicNetworkAccess', SYN, 'syn1');
c('ISRM.Synapse.CMK', 'pass', 'key URL', res(SYN, 'syn1', { encryption: { cmk: { key: { name: 'default', keyVaultUrl: 'https://kv1.vault.azure.net/keys/k' } } } }));
c('ISRM.Synapse.CMK', 'fail', 'absent', res(SYN, 'syn1', {}));
c('ISRM.Synapse.EntraOnlyAuth', 'pass', 'workspace property', res(SYN, 'syn1', { azureADOnlyAuthentication: true }));
c('ISRM.Synapse.EntraOnlyAuth', 'pass', 'child resource', res(SYN, 'syn1', {}), res(`${SYN}/azureADOnlyAuthentications`, 'syn1/default', { azureADOnlyAuthentication: true }));
c('ISRM.Synapse.EntraOnlyAuth', 'fail', 'neither', res(SYN, 'syn1', {}), res(`${SYN}/azureADOnlyAuthentications`, 'other/default', { azureADOnlyAuthentication: true }));
c('ISRM.Synapse.EntraOnlyAuth', 'unknown', 'child value unknown', res(SYN, 'syn1', {}), res(`${SYN}/azureADOnlyAuthentications`, 'syn1/default', { azureADOnlyAuthentication: unknown() }));

// ---- Data Factory
c('ISRM.DataFactory.ManagedVNet', 'pass', 'managed VNet child', res(ADF, 'adf1', {}), res(`${ADF}/managedVirtualNetworks`, 'adf1/default', {}));
c('ISRM.DataFactory.ManagedVNet', 'fail', 'none', res(ADF, 'adf1', {}), res(`${ADF}/managedVirtualNetworks`, 'adf2/default', {}));
c('ISRM.DataFactory.ManagedVNet', 'unknown', 'managed VNet of a factory only known after deployment', res(ADF, 'adf1', {}), res(`${ADF}/managedVirtualNetworks`, '[unknown]/default', {}, { id: `${RG_ID}/providers/Microsoft.DataFactory/factories/[unknown]/managedVirtualNetworks/default` }));
c('ISRM.DataFactory.RuntimeInManagedVNet', 'pass', 'managed runtime in VNet', res(`${ADF}/integrationRuntimes`, 'adf1/ir', { type: 'Managed', managedVirtualNetwork: { type: 'ManagedVirtualNetworkReference', referenceName: 'default' } }));
c('ISRM.DataFactory.RuntimeInManagedVNet', 'fail', 'managed runtime outside', res(`${ADF}/integrationRuntimes`, 'adf1/ir', { type: 'Managed' }));
c('ISRM.DataFactory.RuntimeInManagedVNet', 'none', 'self-hosted runtime', res(`${ADF}/integrationRuntimes`, 'adf1/shir', { type: 'SelfHosted' }));
pna('ISRM.DataFactory.PublicNetworkAccess', ADF, 'adf1');
c('ISRM.DataFactory.CMK', 'pass', 'vault URL', res(ADF, 'adf1', { encryption: { vaultBaseUrl: 'https://kv1.vault.azure.net', keyName: 'k' } }));
c('ISRM.DataFactory.CMK', 'fail', 'absent', res(ADF, 'adf1', {}));

// ---- Purview
pna('ISRM.Purview.PublicNetworkAccess', PV, 'pv1');
c('ISRM.Purview.ManagedResourcesPublicAccess', 'pass', 'Disabled', res(PV, 'pv1', { managedResourcesPublicNetworkAccess: 'Disabled' }));
c('ISRM.Purview.ManagedResourcesPublicAccess', 'fail', 'absent', res(PV, 'pv1', {}));

// ---- SQL
c('ISRM.Sql.MinTLS', 'pass', '1.2', res(SQL, 'sql1', { minimalTlsVersion: '1.2' }));
c('ISRM.Sql.MinTLS', 'fail', '1.0', res(SQL, 'sql1', { minimalTlsVersion: '1.0' }));
c('ISRM.Sql.MinTLS', 'fail', 'None', res(SQL, 'sql1', { minimalTlsVersion: 'None' }));
c('ISRM.Sql.MinTLS', 'fail', 'absent', res(SQL, 'sql1', {}));
pna('ISRM.Sql.PublicNetworkAccess', SQL, 'sql1');
c('ISRM.Sql.EntraOnlyAuth', 'pass', 'administrators property', res(SQL, 'sql1', { administrators: { azureADOnlyAuthentication: true } }));
c('ISRM.Sql.EntraOnlyAuth', 'pass', 'child resource', res(SQL, 'sql1', {}), res(`${SQL}/azureADOnlyAuthentications`, 'sql1/Default', { azureADOnlyAuthentication: true }));
c('ISRM.Sql.EntraOnlyAuth', 'fail', 'child false', res(SQL, 'sql1', {}), res(`${SQL}/azureADOnlyAuthentications`, 'sql1/Default', { azureADOnlyAuthentication: false }));
c('ISRM.Sql.EntraOnlyAuth', 'fail', 'absent', res(SQL, 'sql1', {}));
c('ISRM.Sql.Auditing', 'pass', 'auditingSettings Enabled to Azure Monitor', res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, 'sql1/default', { state: 'Enabled', isAzureMonitorTargetEnabled: true }));
c('ISRM.Sql.Auditing', 'pass', 'auditingSettings Enabled to a storage endpoint', res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, 'sql1/default', { state: 'Enabled', storageEndpoint: 'https://staudit.blob.core.windows.net/', retentionDays: 90 }));
c('ISRM.Sql.Auditing', 'pass', 'extendedAuditingSettings Enabled, id case differs', res(SQL, 'sql1', {}), { ...res(`${SQL}/extendedAuditingSettings`, 'SQL1/default', { state: 'Enabled', isAzureMonitorTargetEnabled: 'true' }) });
c('ISRM.Sql.Auditing', 'fail', 'Enabled without any destination', res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, 'sql1/default', { state: 'Enabled' }));
c('ISRM.Sql.Auditing', 'fail', 'Enabled, Azure Monitor target off and no storage', res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, 'sql1/default', { state: 'Enabled', isAzureMonitorTargetEnabled: false }));
c('ISRM.Sql.Auditing', 'unknown', 'Enabled, storage endpoint only known after deployment', res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, 'sql1/default', { state: 'Enabled', storageEndpoint: unknown() }));
c('ISRM.Sql.Auditing', 'fail', 'Disabled', res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, 'sql1/default', { state: 'Disabled' }));
c('ISRM.Sql.Auditing', 'fail', 'no auditing resource', res(SQL, 'sql1', {}));
c('ISRM.Sql.Auditing', 'unknown', 'state unknown', res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, 'sql1/default', { state: unknown() }));
c('ISRM.Sql.Auditing', 'unknown', 'auditing child of a server only known after deployment', res(SQL, 'sql1', {}), res(`${SQL}/auditingSettings`, '[unknown:azurerm_mssql_server.x.name]/default', { state: 'Enabled', isAzureMonitorTargetEnabled: true }, { id: `${RG_ID}/providers/Microsoft.Sql/servers/[unknown:azurerm_mssql_server.x.name]/auditingSettings/default` }));
c('ISRM.Sql.TDEProtectorCMK', 'pass', 'encryptionProtector AzureKeyVault', res(SQL, 'sql1', {}), res(`${SQL}/encryptionProtector`, 'sql1/current', { serverKeyType: 'AzureKeyVault' }));
c('ISRM.Sql.TDEProtectorCMK', 'pass', 'server keyId', res(SQL, 'sql1', { keyId: 'https://kv1.vault.azure.net/keys/tde/0123' }));
c('ISRM.Sql.TDEProtectorCMK', 'fail', 'ServiceManaged', res(SQL, 'sql1', {}), res(`${SQL}/encryptionProtector`, 'sql1/current', { serverKeyType: 'ServiceManaged' }));
c('ISRM.Sql.TDEProtectorCMK', 'fail', 'absent', res(SQL, 'sql1', {}));
c('ISRM.Sql.DatabaseTDE', 'pass', 'Enabled', res(`${SQL}/databases/transparentDataEncryption`, 'sql1/db1/current', { state: 'Enabled' }));
c('ISRM.Sql.DatabaseTDE', 'fail', 'Disabled', res(`${SQL}/databases/transparentDataEncryption`, 'sql1/db1/current', { state: 'Disabled' }));

// ---- Cosmos DB
c('ISRM.Cosmos.LocalAuthDisabled', 'pass', 'true', res(COS, 'cos1', { disableLocalAuth: true }));
c('ISRM.Cosmos.LocalAuthDisabled', 'fail', 'absent', res(COS, 'cos1', {}));
c('ISRM.Cosmos.KeyBasedMetadataWrite', 'pass', 'true', res(COS, 'cos1', { disableKeyBasedMetadataWriteAccess: true }));
c('ISRM.Cosmos.KeyBasedMetadataWrite', 'fail', 'false', res(COS, 'cos1', { disableKeyBasedMetadataWriteAccess: false }));
c('ISRM.Cosmos.CMK', 'pass', 'key URI', res(COS, 'cos1', { keyVaultKeyUri: 'https://kv1.vault.azure.net/keys/cos' }));
c('ISRM.Cosmos.CMK', 'fail', 'empty string', res(COS, 'cos1', { keyVaultKeyUri: '' }));
pna('ISRM.Cosmos.PublicNetworkAccess', COS, 'cos1');
c('ISRM.Cosmos.MinTLS', 'pass', 'Tls12', res(COS, 'cos1', { minimalTlsVersion: 'Tls12' }));
c('ISRM.Cosmos.MinTLS', 'fail', 'Tls (1.0)', res(COS, 'cos1', { minimalTlsVersion: 'Tls' }));
c('ISRM.Cosmos.MinTLS', 'fail', 'Tls11', res(COS, 'cos1', { minimalTlsVersion: 'Tls11' }));

// ---- App Service
c('ISRM.AppService.HttpsOnly', 'pass', 'true', res(WEB, 'app1', { httpsOnly: true }));
c('ISRM.AppService.HttpsOnly', 'fail', 'absent', res(WEB, 'app1', {}));
c('ISRM.AppService.MinTLS', 'pass', 'absent (default 1.2)', res(WEB, 'app1', {}));
c('ISRM.AppService.MinTLS', 'fail', '1.0 in siteConfig', res(WEB, 'app1', { siteConfig: { minTlsVersion: '1.0' } }));
c('ISRM.AppService.MinTLS', 'fail', '1.1 in sites/config web', res(`${WEB}/config`, 'app1/web', { minTlsVersion: '1.1' }));
c('ISRM.AppService.MinTLS', 'none', 'sites/config appsettings is out of scope', res(`${WEB}/config`, 'app1/appsettings', { minTlsVersion: '1.0' }));
c('ISRM.AppService.FtpsState', 'pass', 'FtpsOnly', res(WEB, 'app1', { siteConfig: { ftpsState: 'FtpsOnly' } }));
c('ISRM.AppService.FtpsState', 'pass', 'Disabled in sites/config web', res(`${WEB}/config`, 'app1/web', { ftpsState: 'Disabled' }));
c('ISRM.AppService.FtpsState', 'fail', 'absent (AllAllowed)', res(WEB, 'app1', {}));
pna('ISRM.AppService.PublicNetworkAccess', WEB, 'app1');

// ---- AKS
c('ISRM.AKS.PrivateCluster', 'pass', 'private', res(AKS, 'aks1', { apiServerAccessProfile: { enablePrivateCluster: true } }));
c('ISRM.AKS.PrivateCluster', 'fail', 'absent', res(AKS, 'aks1', {}));
c('ISRM.AKS.LocalAccountsDisabled', 'pass', 'true', res(AKS, 'aks1', { disableLocalAccounts: true }));
c('ISRM.AKS.LocalAccountsDisabled', 'fail', 'absent', res(AKS, 'aks1', {}));
c('ISRM.AKS.AzureRbac', 'pass', 'enabled', res(AKS, 'aks1', { aadProfile: { managed: true, enableAzureRBAC: true } }));
c('ISRM.AKS.AzureRbac', 'fail', 'managed AAD without Azure RBAC', res(AKS, 'aks1', { aadProfile: { managed: true } }));
c('ISRM.AKS.KubernetesRbac', 'pass', 'absent (default on)', res(AKS, 'aks1', {}));
c('ISRM.AKS.KubernetesRbac', 'fail', 'false', res(AKS, 'aks1', { enableRBAC: false }));

// ---- Cognitive Services
c('ISRM.CognitiveServices.LocalAuthDisabled', 'pass', 'true', res(COG, 'ai1', { disableLocalAuth: true }));
c('ISRM.CognitiveServices.LocalAuthDisabled', 'fail', 'absent', res(COG, 'ai1', {}));
c('ISRM.CognitiveServices.CMK', 'pass', 'Microsoft.KeyVault', res(COG, 'ai1', { encryption: { keySource: 'Microsoft.KeyVault' } }));
c('ISRM.CognitiveServices.CMK', 'fail', 'Microsoft.CognitiveServices', res(COG, 'ai1', { encryption: { keySource: 'Microsoft.CognitiveServices' } }));
pna('ISRM.CognitiveServices.PublicNetworkAccess', COG, 'ai1');

// ---- Application Insights
c('ISRM.AppInsights.LocalAuthDisabled', 'pass', 'DisableLocalAuth', res(APPI, 'appi1', { DisableLocalAuth: true }));
c('ISRM.AppInsights.LocalAuthDisabled', 'pass', 'camel-case spelling', res(APPI, 'appi1', { disableLocalAuth: true }));
c('ISRM.AppInsights.LocalAuthDisabled', 'fail', 'absent', res(APPI, 'appi1', {}));
c('ISRM.AppInsights.WorkspaceBased', 'pass', 'workspace id', res(APPI, 'appi1', { WorkspaceResourceId: idFor(LAW, 'law1') }));
c('ISRM.AppInsights.WorkspaceBased', 'fail', 'classic', res(APPI, 'appi1', {}));

// ---- Event Hubs
c('ISRM.EventHub.CMK', 'pass', 'Key Vault', res(EVH, 'evh1', { encryption: { keySource: 'Microsoft.KeyVault' } }));
c('ISRM.EventHub.CMK', 'fail', 'absent', res(EVH, 'evh1', {}));
c('ISRM.EventHub.MinTLS', 'pass', '1.2', res(EVH, 'evh1', { minimumTlsVersion: '1.2' }));
c('ISRM.EventHub.MinTLS', 'fail', '1.0', res(EVH, 'evh1', { minimumTlsVersion: '1.0' }));
c('ISRM.EventHub.LocalAuthDisabled', 'pass', 'true', res(EVH, 'evh1', { disableLocalAuth: true }));
c('ISRM.EventHub.LocalAuthDisabled', 'fail', 'false', res(EVH, 'evh1', { disableLocalAuth: false }));
pna('ISRM.EventHub.PublicNetworkAccess', EVH, 'evh1');

// ---- Azure Cache for Redis
const REDIS = 'Microsoft.Cache/redis';
c('ISRM.Redis.MinTLS', 'pass', '1.2', res(REDIS, 'redis1', { minimumTlsVersion: '1.2' }));
c('ISRM.Redis.MinTLS', 'fail', '1.0', res(REDIS, 'redis1', { minimumTlsVersion: '1.0' }));
c('ISRM.Redis.MinTLS', 'fail', 'absent', res(REDIS, 'redis1', {}));
c('ISRM.Redis.NonSslPortDisabled', 'pass', 'absent (default off)', res(REDIS, 'redis1', {}));
c('ISRM.Redis.NonSslPortDisabled', 'fail', 'enabled', res(REDIS, 'redis1', { enableNonSslPort: true }));
c('ISRM.Redis.NonSslPortDisabled', 'unknown', 'unknown', res(REDIS, 'redis1', { enableNonSslPort: unknown() }));
pna('ISRM.Redis.PublicNetworkAccess', REDIS, 'redis1');

// ---- Single-server MySQL / PostgreSQL / MariaDB
const PG = 'Microsoft.DBforPostgreSQL/servers';
c('ISRM.OpenSourceDb.SslEnforcement', 'pass', 'absent (default Enabled)', res(PG, 'pg1', {}));
c('ISRM.OpenSourceDb.SslEnforcement', 'fail', 'Disabled on MySQL', res('Microsoft.DBforMySQL/servers', 'my1', { sslEnforcement: 'Disabled' }));
c('ISRM.OpenSourceDb.MinTLS', 'pass', 'TLS1_2 on MariaDB', res('Microsoft.DBforMariaDB/servers', 'maria1', { minimalTlsVersion: 'TLS1_2' }));
c('ISRM.OpenSourceDb.MinTLS', 'fail', 'TLSEnforcementDisabled', res(PG, 'pg1', { minimalTlsVersion: 'TLSEnforcementDisabled' }));
c('ISRM.OpenSourceDb.MinTLS', 'fail', 'absent', res(PG, 'pg1', {}));
pna('ISRM.OpenSourceDb.PublicNetworkAccess', PG, 'pg1');

// ---- Service Bus
const SB = 'Microsoft.ServiceBus/namespaces';
c('ISRM.ServiceBus.MinTLS', 'pass', '1.2', res(SB, 'sb1', { minimumTlsVersion: '1.2' }));
c('ISRM.ServiceBus.MinTLS', 'fail', '1.1', res(SB, 'sb1', { minimumTlsVersion: '1.1' }));
c('ISRM.ServiceBus.LocalAuthDisabled', 'pass', 'true', res(SB, 'sb1', { disableLocalAuth: true }));
c('ISRM.ServiceBus.LocalAuthDisabled', 'fail', 'absent', res(SB, 'sb1', {}));
pna('ISRM.ServiceBus.PublicNetworkAccess', SB, 'sb1');

// ---- Network security groups and subnets
const rule = (name: string, p: Record<string, unknown>) => ({ name, properties: { protocol: 'Tcp', sourcePortRange: '*', destinationAddressPrefix: '*', priority: 100, ...p } });
const inbound = { direction: 'Inbound', access: 'Allow' };
c('ISRM.Network.NSGManagementPorts', 'pass', 'HTTPS from internet only', res(NSG, 'nsg1', { securityRules: [rule('https', { ...inbound, sourceAddressPrefix: 'Internet', destinationPortRange: '443' })] }));
c('ISRM.Network.NSGManagementPorts', 'pass', 'SSH from a private range', res(NSG, 'nsg1', { securityRules: [rule('ssh', { ...inbound, sourceAddressPrefix: '10.0.0.0/8', destinationPortRange: '22' })] }));
c('ISRM.Network.NSGManagementPorts', 'pass', 'Deny rule on RDP', res(NSG, 'nsg1', { securityRules: [rule('rdp', { direction: 'Inbound', access: 'Deny', sourceAddressPrefix: '*', destinationPortRange: '3389' })] }));
c('ISRM.Network.NSGManagementPorts', 'pass', 'no rules', res(NSG, 'nsg1', {}));
c('ISRM.Network.NSGManagementPorts', 'fail', 'SSH from *', res(NSG, 'nsg1', { securityRules: [rule('ssh', { ...inbound, sourceAddressPrefix: '*', destinationPortRange: '22' })] }));
c('ISRM.Network.NSGManagementPorts', 'fail', 'range covering 3389 from 0.0.0.0/0 in prefixes lists', res(NSG, 'nsg1', { securityRules: [rule('wide', { ...inbound, sourceAddressPrefixes: ['0.0.0.0/0'], destinationPortRanges: ['443', '3000-4000'] })] }));
c('ISRM.Network.NSGManagementPorts', 'fail', 'child securityRules resource', res(`${NSG}/securityRules`, 'nsg1/ssh', { ...inbound, sourceAddressPrefix: 'Internet', destinationPortRange: '22' }));
c('ISRM.Network.NSGManagementPorts', 'fail', 'SSH from 0.0.0.0/1 (half the IPv4 internet)', res(NSG, 'nsg1', { securityRules: [rule('ssh', { ...inbound, sourceAddressPrefix: '0.0.0.0/1', destinationPortRange: '22' })] }));
c('ISRM.Network.NSGManagementPorts', 'fail', 'RDP from 0.0.0.0/1 and 128.0.0.0/1 in prefixes lists', res(NSG, 'nsg1', { securityRules: [rule('rdp', { ...inbound, sourceAddressPrefixes: ['0.0.0.0/1', '128.0.0.0/1'], destinationPortRange: '3389' })] }));
c('ISRM.Network.NSGManagementPorts', 'fail', 'SSH from a public /8', res(`${NSG}/securityRules`, 'nsg1/ssh', { ...inbound, sourceAddressPrefix: '20.0.0.0/8', destinationPortRange: '22' }));
c('ISRM.Network.NSGManagementPorts', 'fail', 'SSH from ::/0 and Any in prefixes lists', res(NSG, 'nsg1', { securityRules: [rule('ssh', { ...inbound, sourceAddressPrefixes: ['::/0'], destinationPortRange: '22' }), rule('ssh2', { ...inbound, sourceAddressPrefixes: ['Any'], destinationPortRange: '22' })] }));
c('ISRM.Network.NSGManagementPorts', 'pass', 'SSH from a public /24 is not internet-wide', res(NSG, 'nsg1', { securityRules: [rule('ssh', { ...inbound, sourceAddressPrefix: '203.0.113.0/24', destinationPortRange: '22' })] }));
c('ISRM.Network.NSGManagementPorts', 'pass', 'SSH from 127.0.0.0/8 (reserved)', res(NSG, 'nsg1', { securityRules: [rule('ssh', { ...inbound, sourceAddressPrefix: '127.0.0.0/8', destinationPortRange: '22' })] }));
c('ISRM.Network.NSGInboundAllPorts', 'fail', 'all ports from 128.0.0.0/1', res(NSG, 'nsg1', { securityRules: [rule('any', { ...inbound, sourceAddressPrefix: '128.0.0.0/1', destinationPortRange: '*' })] }));
c('ISRM.Network.NSGManagementPorts', 'unknown', 'source prefix unknown', res(NSG, 'nsg1', { securityRules: [rule('ssh', { ...inbound, sourceAddressPrefix: unknown(), destinationPortRange: '22' })] }));
c('ISRM.Network.NSGManagementPorts', 'pass', 'unknown source on an outbound rule cannot open inbound', res(NSG, 'nsg1', { securityRules: [rule('out', { direction: 'Outbound', access: 'Allow', sourceAddressPrefix: unknown(), destinationPortRange: '22' })] }));
c('ISRM.Network.NSGInboundAllPorts', 'pass', 'HTTPS only', res(NSG, 'nsg1', { securityRules: [rule('https', { ...inbound, sourceAddressPrefix: 'Internet', destinationPortRange: '443' })] }));
c('ISRM.Network.NSGInboundAllPorts', 'fail', 'all ports from Internet', res(NSG, 'nsg1', { securityRules: [rule('any', { ...inbound, sourceAddressPrefix: 'Internet', destinationPortRange: '*' })] }));
c('ISRM.Network.NSGInboundAllPorts', 'fail', '0-65535 from Any', res(`${NSG}/securityRules`, 'nsg1/any', { ...inbound, sourceAddressPrefix: 'Any', destinationPortRanges: ['0-65535'] }));
const NSG_ID = idFor(NSG, 'nsg1');
c('ISRM.Network.SubnetNSG', 'pass', 'all subnets with NSG, GatewaySubnet exempt', res(VNET, 'vnet1', { subnets: [{ name: 'snet-a', properties: { networkSecurityGroup: { id: NSG_ID } } }, { name: 'GatewaySubnet', properties: {} }] }));
c('ISRM.Network.SubnetNSG', 'fail', 'subnet without NSG', res(VNET, 'vnet1', { subnets: [{ name: 'snet-a', properties: { networkSecurityGroup: { id: NSG_ID } } }, { name: 'snet-b', properties: {} }] }));
c('ISRM.Network.SubnetNSG', 'pass', 'child subnet with NSG', res(`${VNET}/subnets`, 'vnet1/snet-a', { networkSecurityGroup: { id: NSG_ID } }));
c('ISRM.Network.SubnetNSG', 'fail', 'child subnet without NSG', res(`${VNET}/subnets`, 'vnet1/snet-a', {}));
c('ISRM.Network.SubnetNSG', 'unknown', 'subnets unknown', res(VNET, 'vnet1', { subnets: unknown() }));

// ---- Azure Firewall
c('ISRM.Firewall.ThreatIntelDeny', 'pass', 'policy Deny', res(FWP, 'fwp1', { threatIntelMode: 'Deny' }));
c('ISRM.Firewall.ThreatIntelDeny', 'fail', 'policy default Alert', res(FWP, 'fwp1', {}));
c('ISRM.Firewall.ThreatIntelDeny', 'pass', 'classic firewall Deny', res(AZFW, 'fw1', { threatIntelMode: 'Deny' }));
c('ISRM.Firewall.ThreatIntelDeny', 'fail', 'classic firewall Alert', res(AZFW, 'fw1', { threatIntelMode: 'Alert' }));
c('ISRM.Firewall.ThreatIntelDeny', 'none', 'firewall whose policy is in the set (judged on the policy)', res(AZFW, 'fw1', { firewallPolicy: { id: idFor(FWP, 'fwp1') } }), res(FWP, 'fwp1', { threatIntelMode: 'Deny' }));
c('ISRM.Firewall.ThreatIntelDeny', 'unknown', 'firewall whose policy is outside the set', res(AZFW, 'fw1', { firewallPolicy: { id: idFor(FWP, 'elsewhere') } }));
c('ISRM.Firewall.IdpsDeny', 'pass', 'Deny', res(FWP, 'fwp1', { intrusionDetection: { mode: 'Deny' } }));
c('ISRM.Firewall.IdpsDeny', 'fail', 'Alert', res(FWP, 'fwp1', { intrusionDetection: { mode: 'Alert' } }));

// ---- Application Gateway
const WAFP_ID = idFor(WAFP, 'waf1');
c('ISRM.ApplicationGateway.WafEnabled', 'pass', 'WAF_v2 with policy', res(AGW, 'agw1', { sku: { tier: 'WAF_v2' }, firewallPolicy: { id: WAFP_ID } }));
c('ISRM.ApplicationGateway.WafEnabled', 'pass', 'WAF_v2 inline enabled', res(AGW, 'agw1', { sku: { tier: 'WAF_v2' }, webApplicationFirewallConfiguration: { enabled: true } }));
c('ISRM.ApplicationGateway.WafEnabled', 'fail', 'Standard_v2 SKU', res(AGW, 'agw1', { sku: { tier: 'Standard_v2' } }));
c('ISRM.ApplicationGateway.WafEnabled', 'fail', 'WAF_v2 without policy or inline config', res(AGW, 'agw1', { sku: { tier: 'WAF_v2' } }));
c('ISRM.ApplicationGateway.WafEnabled', 'fail', 'policy Disabled', res(WAFP, 'waf1', { policySettings: { state: 'Disabled' } }));
c('ISRM.ApplicationGateway.WafEnabled', 'unknown', 'SKU unknown', res(AGW, 'agw1', { sku: unknown() }));
c('ISRM.ApplicationGateway.WafPrevention', 'pass', 'policy Prevention', res(WAFP, 'waf1', { policySettings: { state: 'Enabled', mode: 'Prevention' } }));
c('ISRM.ApplicationGateway.WafPrevention', 'fail', 'policy Detection', res(WAFP, 'waf1', { policySettings: { mode: 'Detection' } }));
c('ISRM.ApplicationGateway.WafPrevention', 'fail', 'inline Detection', res(AGW, 'agw1', { webApplicationFirewallConfiguration: { enabled: true, firewallMode: 'Detection' } }));
c('ISRM.ApplicationGateway.WafPrevention', 'none', 'gateway whose policy is in the set', res(AGW, 'agw1', { firewallPolicy: { id: WAFP_ID } }), res(WAFP, 'waf1', { policySettings: { mode: 'Prevention' } }));
c('ISRM.ApplicationGateway.WafPrevention', 'unknown', 'gateway whose policy is outside the set', res(AGW, 'agw1', { firewallPolicy: { id: idFor(WAFP, 'elsewhere') } }));
c('ISRM.ApplicationGateway.WafOwaspRuleSet', 'pass', 'policy OWASP 3.2', res(WAFP, 'waf1', { managedRules: { managedRuleSets: [{ ruleSetType: 'OWASP', ruleSetVersion: '3.2' }] } }));
c('ISRM.ApplicationGateway.WafOwaspRuleSet', 'pass', 'inline OWASP', res(AGW, 'agw1', { webApplicationFirewallConfiguration: { enabled: true, ruleSetType: 'OWASP', ruleSetVersion: '3.2' } }));
c('ISRM.ApplicationGateway.WafOwaspRuleSet', 'fail', 'bot manager only', res(WAFP, 'waf1', { managedRules: { managedRuleSets: [{ ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.0' }] } }));
c('ISRM.ApplicationGateway.MinTLS', 'pass', 'AppGwSslPolicy20220101', res(AGW, 'agw1', { sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' } }));
c('ISRM.ApplicationGateway.MinTLS', 'pass', 'custom TLSv1_2', res(AGW, 'agw1', { sslPolicy: { policyType: 'CustomV2', minProtocolVersion: 'TLSv1_2' } }));
c('ISRM.ApplicationGateway.MinTLS', 'pass', 'absent on API 2023-05-01', res(AGW, 'agw1', {}));
c('ISRM.ApplicationGateway.MinTLS', 'fail', 'absent on API 2022-01-01', res(AGW, 'agw1', {}, { apiVersion: '2022-01-01' }));
c('ISRM.ApplicationGateway.MinTLS', 'fail', 'AppGwSslPolicy20150501', res(AGW, 'agw1', { sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20150501' } }));

// ---- Private endpoints (cross-resource)
const KV_ID = idFor(KV, 'kv1');
const pe = (name: string, target: unknown) => res(PE, name, { subnet: { id: `${idFor(VNET, 'vnet1')}/subnets/snet-pe` }, privateLinkServiceConnections: [{ name, properties: { privateLinkServiceId: target, groupIds: ['vault'] } }] });
c('ISRM.PrivateEndpoint.Required', 'pass', 'endpoint id differs in case and trailing slash', res(KV, 'kv1', { publicNetworkAccess: 'Disabled' }), pe('pe-kv1', `${KV_ID.toUpperCase()}/`));
c('ISRM.PrivateEndpoint.Required', 'pass', 'manual connection', res(KV, 'kv1', { publicNetworkAccess: 'Disabled' }), res(PE, 'pe-m', { manualPrivateLinkServiceConnections: [{ properties: { privateLinkServiceId: KV_ID } }] }));
c('ISRM.PrivateEndpoint.Required', 'fail', 'no endpoint', res(KV, 'kv1', { publicNetworkAccess: 'Disabled' }), pe('pe-other', idFor(KV, 'kv2')));
c('ISRM.PrivateEndpoint.Required', 'none', 'public access enabled is judged by the PublicNetworkAccess control', res(KV, 'kv1', { publicNetworkAccess: 'Enabled' }));
c('ISRM.PrivateEndpoint.Required', 'unknown', 'endpoint target unknown', res(KV, 'kv1', { publicNetworkAccess: 'Disabled' }), pe('pe-u', unknown()));
c('ISRM.PrivateEndpoint.Required', 'unknown', 'endpoint target partly unknown and could match', res(KV, 'kv1', { publicNetworkAccess: 'Disabled' }), pe('pe-u', `${RG_ID}/providers/Microsoft.KeyVault/vaults/[unknown: parameters('kvName')]`));
c('ISRM.PrivateEndpoint.Required', 'fail', 'partly unknown target of another type cannot match', res(KV, 'kv1', { publicNetworkAccess: 'Disabled' }), pe('pe-u', `${RG_ID}/providers/Microsoft.Storage/storageAccounts/[unknown: parameters('saName')]`));

// ---- Diagnostics (cross-resource)
const LAW_ID = idFor(LAW, 'law-central');
const diag = (name: string, scope: string, p: Record<string, unknown>) => res(DIAG, name, p, { id: `${scope}/providers/Microsoft.Insights/diagnosticSettings/${name}`, scope, tags: undefined });
const logs = { logs: [{ categoryGroup: 'audit', enabled: true }] };
c('ISRM.Diagnostics.LogsToWorkspace', 'pass', 'setting to a workspace', res(KV, 'kv1', {}), diag('d1', KV_ID, { workspaceId: LAW_ID, ...logs }));
c('ISRM.Diagnostics.LogsToWorkspace', 'pass', 'setting to an Event Hub', res(KV, 'kv1', {}), diag('d1', KV_ID, { eventHubAuthorizationRuleId: `${idFor(EVH, 'evh1')}/authorizationRules/send`, ...logs }));
c('ISRM.Diagnostics.LogsToWorkspace', 'pass', 'legacy nested diagnosticSettings type', res(KV, 'kv1', {}), res('Microsoft.KeyVault/vaults/providers/diagnosticSettings', 'kv1/Microsoft.Insights/d1', { workspaceId: LAW_ID, ...logs }, { id: `${KV_ID}/providers/Microsoft.Insights/diagnosticSettings/d1` }));
c('ISRM.Diagnostics.LogsToWorkspace', 'pass', 'relative scope resolved against the deployment resource group', res(KV, 'kv1', {}), { ...diag('d1', KV_ID, { workspaceId: LAW_ID, ...logs }), scope: 'Microsoft.KeyVault/vaults/kv1' });
c('ISRM.Diagnostics.LogsToWorkspace', 'pass', 'storage account logs on its blob service', res(SA, 'sa1', {}), diag('d1', `${idFor(SA, 'sa1')}/blobServices/default`, { workspaceId: LAW_ID, ...logs }));
c('ISRM.Diagnostics.LogsToWorkspace', 'fail', 'storage account with account-level metrics only', res(SA, 'sa1', {}), diag('d1', idFor(SA, 'sa1'), { workspaceId: LAW_ID, metrics: [{ category: 'Transaction', enabled: true }] }));
c('ISRM.Diagnostics.LogsToWorkspace', 'fail', 'no setting', res(KV, 'kv1', {}), diag('d1', idFor(KV, 'kv2'), { workspaceId: LAW_ID, ...logs }));
c('ISRM.Diagnostics.LogsToWorkspace', 'fail', 'metrics only', res(KV, 'kv1', {}), diag('d1', KV_ID, { workspaceId: LAW_ID, logs: [{ category: 'AuditEvent', enabled: false }], metrics: [{ category: 'AllMetrics', enabled: true }] }));
c('ISRM.Diagnostics.LogsToWorkspace', 'fail', 'storage account destination only', res(KV, 'kv1', {}), diag('d1', KV_ID, { storageAccountId: idFor(SA, 'sa1'), ...logs }));
c('ISRM.Diagnostics.LogsToWorkspace', 'unknown', 'workspace id unknown', res(KV, 'kv1', {}), diag('d1', KV_ID, { workspaceId: unknown(), ...logs }));
c('ISRM.Diagnostics.LogsToWorkspace', 'unknown', 'setting scope partly unknown and could match', res(KV, 'kv1', {}), diag('d1', `${RG_ID}/providers/Microsoft.KeyVault/vaults/[unknown: parameters('kv')]`, { workspaceId: LAW_ID, ...logs }));
c('ISRM.Diagnostics.LogsToWorkspace', 'fail', 'setting scope partly unknown, other type', res(KV, 'kv1', {}), diag('d1', `${RG_ID}/providers/Microsoft.Sql/servers/[unknown: parameters('s')]`, { workspaceId: LAW_ID, ...logs }));

const central = (centralWorkspace: string) => ({ centralWorkspace });
cc(central(LAW_ID), 'ISRM.Diagnostics.LogsToWorkspace', 'pass', 'central workspace by id (case and slash differ)', res(KV, 'kv1', {}), diag('d1', KV_ID, { workspaceId: `${LAW_ID.toUpperCase()}/`, ...logs }));
cc(central('LAW-Central'), 'ISRM.Diagnostics.LogsToWorkspace', 'pass', 'central workspace by name', res(KV, 'kv1', {}), diag('d1', KV_ID, { workspaceId: LAW_ID, ...logs }));
cc(central(LAW_ID), 'ISRM.Diagnostics.LogsToWorkspace', 'fail', 'another workspace', res(KV, 'kv1', {}), diag('d1', KV_ID, { workspaceId: idFor(LAW, 'law-team'), ...logs }));
cc(central('law-central'), 'ISRM.Diagnostics.LogsToWorkspace', 'fail', 'Event Hub only when a central workspace is required', res(KV, 'kv1', {}), diag('d1', KV_ID, { eventHubAuthorizationRuleId: `${idFor(EVH, 'evh1')}/authorizationRules/send`, ...logs }));
cc(central('law-central'), 'ISRM.Diagnostics.LogsToWorkspace', 'pass', 'one of two settings goes to the central workspace', res(KV, 'kv1', {}), diag('d1', KV_ID, { workspaceId: idFor(LAW, 'law-team'), ...logs }), diag('d2', KV_ID, { workspaceId: LAW_ID, ...logs }));

// ---- RBAC
const OWNER = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const READER = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7`;
const ra = (id: string, p: Record<string, unknown>, extra: Partial<NormalizedResource> = {}) => res(RA, 'ra1', { principalId: 'g', principalType: 'Group', ...p }, { id, tags: undefined, ...extra });
const SUB_RA = `/subscriptions/${SUB}/providers/Microsoft.Authorization/roleAssignments/ra1`;
const RG_RA = `${RG_ID}/providers/Microsoft.Authorization/roleAssignments/ra1`;
c('ISRM.RBAC.NoPrivilegedSubscriptionRoles', 'fail', 'Owner at subscription', ra(SUB_RA, { roleDefinitionId: OWNER }));
c('ISRM.RBAC.NoPrivilegedSubscriptionRoles', 'fail', 'Contributor by bare GUID at subscription via scope', ra(RG_RA, { roleDefinitionId: 'B24988AC-6180-42A0-AB88-20F7382DD24C' }, { scope: `/subscriptions/${SUB}/` }));
c('ISRM.RBAC.NoPrivilegedSubscriptionRoles', 'fail', 'User Access Administrator at management group', ra('/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/roleAssignments/ra1', { roleDefinitionId: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9' }));
c('ISRM.RBAC.NoPrivilegedSubscriptionRoles', 'pass', 'Owner at resource group', ra(RG_RA, { roleDefinitionId: OWNER }));
c('ISRM.RBAC.NoPrivilegedSubscriptionRoles', 'pass', 'Reader at subscription', ra(SUB_RA, { roleDefinitionId: READER }));
c('ISRM.RBAC.NoPrivilegedSubscriptionRoles', 'unknown', 'role unknown', ra(SUB_RA, { roleDefinitionId: unknown() }));
c('ISRM.RBAC.NoPrivilegedSubscriptionRoles', 'unknown', 'Owner at a scope only known after deployment', ra(RG_RA, { roleDefinitionId: OWNER }, { scope: "[unknown: parameters('scope')]" }));
c('ISRM.RBAC.GroupAssignments', 'pass', 'Group', ra(RG_RA, { roleDefinitionId: READER }));
c('ISRM.RBAC.GroupAssignments', 'fail', 'User', ra(RG_RA, { roleDefinitionId: READER, principalType: 'User' }));
c('ISRM.RBAC.GroupAssignments', 'unknown', 'principalType not declared', res(RA, 'ra1', { roleDefinitionId: READER, principalId: 'x' }, { id: RG_RA }));
const role = (actions: unknown) => res('Microsoft.Authorization/roleDefinitions', 'r1', { roleName: 'r', permissions: [{ actions, notActions: [] }] }, { tags: undefined });
c('ISRM.RBAC.CustomRoleNoWildcard', 'pass', 'specific actions', role(['Microsoft.Storage/storageAccounts/read']));
c('ISRM.RBAC.CustomRoleNoWildcard', 'fail', "'*'", role(['*']));
c('ISRM.RBAC.CustomRoleNoWildcard', 'unknown', 'actions unknown', role(unknown()));

// ---- Defender
const pricing = (p: Record<string, unknown>) => res('Microsoft.Security/pricings', 'StorageAccounts', p, { id: `/subscriptions/${SUB}/providers/Microsoft.Security/pricings/StorageAccounts`, tags: undefined });
c('ISRM.Defender.PlanStandard', 'pass', 'Standard', pricing({ pricingTier: 'Standard' }));
c('ISRM.Defender.PlanStandard', 'fail', 'Free', pricing({ pricingTier: 'Free' }));
const contact = (p: Record<string, unknown>) => res('Microsoft.Security/securityContacts', 'default', p, { id: `/subscriptions/${SUB}/providers/Microsoft.Security/securityContacts/default`, tags: undefined });
c('ISRM.Defender.SecurityContact', 'pass', '2020 shape', contact({ emails: 'secops@contoso.com', alertNotifications: { state: 'On' } }));
c('ISRM.Defender.SecurityContact', 'pass', '2023 shape', contact({ emails: 'secops@contoso.com', isEnabled: true, notificationsSources: [{ sourceType: 'Alert', minimalSeverity: 'Medium' }] }));
c('ISRM.Defender.SecurityContact', 'pass', '2017 shape', contact({ email: 'secops@contoso.com', alertNotifications: 'On' }));
c('ISRM.Defender.SecurityContact', 'fail', 'notifications off', contact({ emails: 'secops@contoso.com', alertNotifications: { state: 'Off' } }));
c('ISRM.Defender.SecurityContact', 'fail', 'no e-mail', contact({ alertNotifications: { state: 'On' } }));

// ---- Policy: MFA assignment
const MFA_DEF = '/providers/Microsoft.Authorization/policyDefinitions/4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b';
const assignment = (p: Record<string, unknown>) => res(PA, 'pa1', p, { id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/pa1`, tags: undefined });
const rg = () => res('Microsoft.Resources/resourceGroups', 'rg-data', {}, { id: `/subscriptions/${SUB}/resourceGroups/rg-data` });
c('ISRM.Policy.MFAAssignment', 'pass', 'assignment of the MFA definition', assignment({ policyDefinitionId: MFA_DEF }));
c('ISRM.Policy.MFAAssignment', 'pass', 'legacy owner-MFA audit definition, upper case', assignment({ policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/E3E008C3-56B9-4133-8FD7-D3347377402A' }));
c('ISRM.Policy.MFAAssignment', 'none', 'unrelated assignment', assignment({ policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9' }));
c('ISRM.Policy.MFAAssignment', 'fail', 'MFA assignment not enforced', assignment({ policyDefinitionId: MFA_DEF, enforcementMode: 'DoNotEnforce' }));
c('ISRM.Policy.MFAAssignment', 'pass', 'resource group with MFA assignment in the set', rg(), assignment({ policyDefinitionId: MFA_DEF }));
c('ISRM.Policy.MFAAssignment', 'fail', 'resource group without any MFA assignment', rg(), assignment({ policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/404c3081-a854-4457-ae30-26a93ef643f9' }));
c('ISRM.Policy.MFAAssignment', 'unknown', 'resource group with an assignment of unknown definition', rg(), assignment({ policyDefinitionId: unknown() }));
const OTHER_SUB = '00000000-0000-0000-0000-0000000000ff';
const assignedAt = (scope: string, name = 'mfa') => res(PA, name, { policyDefinitionId: MFA_DEF }, { id: `${scope}/providers/Microsoft.Authorization/policyAssignments/${name}`, tags: undefined });
const mg = (name: string, parent?: string) => res('Microsoft.Management/managementGroups', name, parent ? { details: { parent: { id: `/providers/Microsoft.Management/managementGroups/${parent}` } } } : {}, { id: `/providers/Microsoft.Management/managementGroups/${name}`, tags: undefined });
c('ISRM.Policy.MFAAssignment', 'fail', 'MFA assigned only in another subscription', rg(), assignedAt(`/subscriptions/${OTHER_SUB}`));
c('ISRM.Policy.MFAAssignment', 'fail', 'MFA assigned only at a sibling resource group', rg(), assignedAt(`/subscriptions/${SUB}/resourceGroups/rg-other`));
c('ISRM.Policy.MFAAssignment', 'pass', 'MFA assigned at the resource group itself', rg(), assignedAt(`/subscriptions/${SUB}/resourceGroups/RG-DATA`));
c('ISRM.Policy.MFAAssignment', 'pass', 'MFA assigned through the scope property at the subscription', rg(), res(PA, 'mfa', { policyDefinitionId: MFA_DEF }, { id: `/subscriptions/${SUB}/providers/Microsoft.Authorization/policyAssignments/mfa`, scope: `/subscriptions/${SUB}`, tags: undefined }));
c('ISRM.Policy.MFAAssignment', 'unknown', 'MFA assigned at a management group the set does not place the subscription under', rg(), assignedAt('/providers/Microsoft.Management/managementGroups/mg-landing-zones'));
c('ISRM.Policy.MFAAssignment', 'pass', 'MFA assigned at the tenant root group', rg(), assignedAt('/providers/Microsoft.Management/managementGroups/00000000-0000-0000-0000-0000000000aa'));
c('ISRM.Policy.MFAAssignment', 'pass', 'management group under a declared parent with MFA', mg('mg-child', 'mg-parent'), mg('mg-parent'), assignedAt('/providers/Microsoft.Management/managementGroups/mg-parent'));
c('ISRM.Policy.MFAAssignment', 'fail', 'management group whose sibling has MFA (placement fully declared)', mg('mg-child', 'mg-parent'), mg('mg-parent'), assignedAt('/providers/Microsoft.Management/managementGroups/mg-sibling'));
c('ISRM.Policy.MFAAssignment', 'unknown', 'management group whose parent is outside the set, MFA at another group', mg('mg-child', 'mg-parent'), assignedAt('/providers/Microsoft.Management/managementGroups/mg-sibling'));

// ---- Tagging
c('ISRM.Tagging.RequiredTags', 'pass', 'all tags', res(SA, 'sa1', {}));
c('ISRM.Tagging.RequiredTags', 'pass', 'tag names are case-insensitive', res(SA, 'sa1', {}, { tags: { costcenter: 'x', USECASE: 'y' } }));
c('ISRM.Tagging.RequiredTags', 'fail', 'UseCase missing', res(SA, 'sa1', {}, { tags: { CostCenter: 'CC-1' } }));
c('ISRM.Tagging.RequiredTags', 'fail', 'empty value', res(SA, 'sa1', {}, { tags: { CostCenter: ' ', UseCase: 'u' } }));
c('ISRM.Tagging.RequiredTags', 'fail', 'no tags at all', res(SA, 'sa1', {}, { tags: undefined }));
c('ISRM.Tagging.RequiredTags', 'unknown', 'tags parameter unknown', res(SA, 'sa1', {}, { tags: unknown() }));
c('ISRM.Tagging.RequiredTags', 'none', 'an extension-scoped declaration is not a taggable resource', res(SA, 'sa1', {}, { tags: undefined, scope: idFor(KV, 'kv1') }));
c('ISRM.Tagging.RequiredTags', 'fail', 'taggable child type (SQL database)', res(`${SQL}/databases`, 'sql1/db1', {}, { tags: {} }));

cc({ requiredTags: ['Owner', 'DataClassification'] }, 'ISRM.Tagging.RequiredTags', 'fail', 'configured tags replace the defaults', res(SA, 'sa1', {}, { tags: { CostCenter: 'x', UseCase: 'y', Owner: 'team' } }));
cc({ requiredTags: ['Owner'] }, 'ISRM.Tagging.RequiredTags', 'pass', 'configured tag present', res(SA, 'sa1', {}, { tags: { Owner: 'team' } }));

// ---- Environments
c('ISRM.Environment.Tagged', 'pass', 'prod', res(SA, 'sa1', {}));
c('ISRM.Environment.Tagged', 'pass', 'lower-case tag name', res(SA, 'sa1', {}, { tags: { environment: 'dev' } }));
c('ISRM.Environment.Tagged', 'fail', 'missing', res(SA, 'sa1', {}, { tags: { CostCenter: 'x' } }));
c('ISRM.Environment.Tagged', 'fail', 'value not configured', res(SA, 'sa1', {}, { tags: { Environment: 'staging' } }));
c('ISRM.Environment.Tagged', 'unknown', 'value unknown', res(SA, 'sa1', {}, { tags: { Environment: unknown() } }));
const devLaw = res(LAW, 'law-dev', {}, { tags: { Environment: 'dev' } });
const prodLaw = res(LAW, 'law-prod', {}, { tags: { Environment: 'prod' } });
c('ISRM.Environment.Segregation', 'fail', 'production key vault logs to a dev workspace', res(KV, 'kv1', {}), devLaw, diag('d1', KV_ID, { workspaceId: devLaw.id, ...logs }));
c('ISRM.Environment.Segregation', 'pass', 'production key vault logs to the prod workspace', res(KV, 'kv1', {}), prodLaw, diag('d1', KV_ID, { workspaceId: prodLaw.id, ...logs }));
c('ISRM.Environment.Segregation', 'none', 'dev resources are not judged', res(KV, 'kv1', {}, { tags: { Environment: 'dev' } }), prodLaw);
c('ISRM.Environment.Segregation', 'fail', 'production private endpoint in a dev subnet', res(KV, 'kv1', { publicNetworkAccess: 'Disabled' }), pe('pe-kv1', KV_ID), res(VNET, 'vnet1', {}, { tags: { Environment: 'test' } }));
c('ISRM.Environment.Segregation', 'fail', 'production storage uses a key from a dev vault', res(SA, 'sa1', { encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyvaulturi: 'https://kv-dev.vault.azure.net/', keyname: 'k' } } }), res(KV, 'kv-dev', {}, { tags: { Environment: 'dev' } }));
c('ISRM.Environment.Segregation', 'unknown', 'workspace id unknown', res(KV, 'kv1', {}), diag('d1', KV_ID, { workspaceId: unknown(), ...logs }));

const envs = { environments: { production: ['PRD'], nonProduction: ['SBX'] } };
cc(envs, 'ISRM.Environment.Tagged', 'pass', 'configured environment names, case-insensitive', res(SA, 'sa1', {}, { tags: { Environment: 'prd' } }));
cc(envs, 'ISRM.Environment.Tagged', 'fail', "'prod' is not a configured name here", res(SA, 'sa1', {}, { tags: { Environment: 'prod' } }));
cc(envs, 'ISRM.Environment.Segregation', 'fail', 'configured production refers to configured non-production', res(SA, 'sa1', { networkAcls: { resourceAccessRules: [{ resourceId: idFor(LAW, 'law-sbx') }] } }, { tags: { Environment: 'PRD' } }), res(LAW, 'law-sbx', {}, { tags: { Environment: 'sbx' } }));

export const CASES: readonly Case[] = rows;
