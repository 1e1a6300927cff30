import { isNonEmptyString, read } from './access';
import { always, byApiVersion, evaluateProperty, passed, unknownOutcome, type Check } from './checks';
import { isUnknown } from '../model';
import { control, firewallDeniesByDefault, flag, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';

const VAULT = 'Microsoft.KeyVault/vaults';

const KEY_EXPIRY_EXPECTED = 'an expiration time (attributes.exp) or a rotation policy with attributes.expiryTime';
const ROTATION_EXPIRY = 'properties.rotationPolicy.attributes.expiryTime';

/**
 * A key expires when it has `attributes.exp`, or when its rotation policy sets `expiryTime` (an ISO 8601
 * duration that Key Vault stamps on each version as its expiry). Either satisfies the control.
 */
const keyExpires: Check = (r, ctx) => {
  const own = evaluateProperty({ path: 'properties.attributes.exp', expected: KEY_EXPIRY_EXPECTED, test: isSet, whenMissing: always('fail', 'the key never expires') }, r, ctx);
  if (own[0]?.status === 'pass') return own;
  const rotation = read(r, ROTATION_EXPIRY);
  if (isNonEmptyString(rotation)) return [passed(r, ROTATION_EXPIRY, rotation, KEY_EXPIRY_EXPECTED, `${ROTATION_EXPIRY} is '${rotation}', so every key version gets an expiry.`)];
  // An unknown exp already says "review"; an unknown rotation expiry says it when exp settles nothing.
  if (isUnknown(rotation) && own[0]?.status === 'fail') return [unknownOutcome(r, ROTATION_EXPIRY, rotation, KEY_EXPIRY_EXPECTED)];
  return own;
};

function isSet(v: unknown): boolean {
  return (typeof v === 'number' && Number.isFinite(v)) || isNonEmptyString(v);
}
const DOCS = 'https://learn.microsoft.com/azure/key-vault';

export const KEYVAULT_CONTROLS = [
  control({
    id: 'ISRM.KeyVault.PurgeProtection',
    title: 'Key vaults have purge protection enabled',
    rationale: 'Without purge protection a deleted vault or key can be purged before the retention period ends, destroying the keys that decrypt customer-managed-key data for good.',
    remediation: 'Set properties.enablePurgeProtection to true (it cannot be turned off again).',
    snippet: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  // ...\n  properties: {\n    enableSoftDelete: true\n    softDeleteRetentionInDays: 90\n    enablePurgeProtection: true\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [VAULT],
    frameworks: FW.keyProtection(),
    azurePolicy: 'Key vaults should have deletion protection enabled',
    helpUri: `${DOCS}/general/soft-delete-overview`,
    check: flag('properties.enablePurgeProtection', true, always('fail', 'purge protection is off')),
  }),
  control({
    id: 'ISRM.KeyVault.SoftDelete',
    title: 'Key vaults keep soft delete enabled',
    rationale: 'Soft delete keeps deleted keys, secrets and certificates recoverable during the retention period.',
    remediation: 'Remove enableSoftDelete: false (soft delete is on by default and mandatory for new vaults) or set it to true.',
    snippet: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  // ...\n  properties: {\n    enableSoftDelete: true\n    softDeleteRetentionInDays: 90\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [VAULT],
    frameworks: FW.keyProtection(),
    azurePolicy: 'Key vaults should have soft delete enabled',
    helpUri: `${DOCS}/general/soft-delete-overview`,
    check: flag('properties.enableSoftDelete', true, always('pass', 'soft delete is on by default for key vaults')),
  }),
  control({
    id: 'ISRM.KeyVault.RbacAuthorization',
    title: 'Key vaults use the Azure RBAC permission model',
    rationale: 'Access policies are managed per vault outside Azure RBAC, cannot use Privileged Identity Management and are not visible in central access reviews.',
    remediation: 'Set properties.enableRbacAuthorization to true and grant Key Vault data-plane roles to groups.',
    snippet: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  // ...\n  properties: {\n    enableRbacAuthorization: true\n  }\n}",
    severity: 'medium',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [VAULT],
    frameworks: FW.leastPrivilege(),
    azurePolicy: 'Azure Key Vault should use RBAC permission model',
    helpUri: `${DOCS}/general/rbac-guide`,
    check: flag(
      'properties.enableRbacAuthorization',
      true,
      byApiVersion('2026-02-01', { status: 'pass', reason: 'from API version 2026-02-01 new vaults use Azure RBAC by default' }, (v) => ({ status: 'fail', reason: `with API version ${v} (before 2026-02-01) the vault uses access policies` })),
    ),
  }),
  control({
    id: 'ISRM.KeyVault.PublicNetworkAccess',
    title: 'Key vaults disable public network access',
    rationale: "Keys and secrets should only be reachable from the landing zone through private endpoints. As in the built-in policy, only publicNetworkAccess 'Disabled' passes: a firewall that denies by default with no IP or virtual network rules still leaves the public endpoint answering (trusted services bypass it, and one added IP rule opens it), which ISRM.KeyVault.NetworkDefaultDeny judges separately.",
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and connect through a private endpoint.",
    snippet: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [VAULT],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Azure Key Vault should disable public network access',
    helpUri: `${DOCS}/general/network-security`,
    check: publicNetworkAccessDisabled(),
  }),
  control({
    id: 'ISRM.KeyVault.NetworkDefaultDeny',
    title: 'Key vault firewalls deny by default',
    rationale: 'With default action Allow the vault accepts connections from any network; so it does with an IP rule for an internet-wide range (0.0.0.0/0, 0.0.0.0/1, …) under a default of Deny. As in the built-in policy, a vault with publicNetworkAccess \'Disabled\' passes: its firewall admits no public traffic.',
    remediation: "Set properties.networkAcls.defaultAction to 'Deny' (bypass 'AzureServices' only where a trusted service needs it).",
    snippet: "resource kv 'Microsoft.KeyVault/vaults@2023-07-01' = {\n  // ...\n  properties: {\n    networkAcls: {\n      defaultAction: 'Deny'\n      bypass: 'AzureServices'\n    }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [VAULT],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Azure Key Vault should have firewall enabled or public network access disabled',
    helpUri: `${DOCS}/general/network-security`,
    check: firewallDeniesByDefault(),
  }),
  control({
    id: 'ISRM.KeyVault.KeyExpiry',
    title: 'Key Vault keys have an expiration date',
    rationale: 'Keys without expiry are never forced through rotation, so a leaked key stays valid indefinitely.',
    remediation: 'Set properties.attributes.exp (seconds since 1970) or a rotationPolicy with expiryTime on each key.',
    snippet: "resource key 'Microsoft.KeyVault/vaults/keys@2023-07-01' = {\n  parent: kv\n  name: 'cmk'\n  properties: {\n    kty: 'RSA'\n    keySize: 3072\n    attributes: { enabled: true, exp: 1798761600 }\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: ['Microsoft.KeyVault/vaults/keys'],
    frameworks: FW.keyLifecycle(),
    azurePolicy: 'Key Vault keys should have an expiration date',
    helpUri: `${DOCS}/keys/about-keys`,
    check: keyExpires,
  }),
];
