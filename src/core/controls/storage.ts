import { asBoolean, findUnknown, read, textIn } from './access';
import { always, byApiVersion, failed, passed, propertyCheck, tlsAtLeast, unknownOutcome, type Check } from './checks';
import { control, firewallDeniesByDefault, flag, oneOf } from './define';
import { FW } from './frameworks';

const ACCOUNT = 'Microsoft.Storage/storageAccounts';
const DOCS = 'https://learn.microsoft.com/azure/storage';

const MIN_SOFT_DELETE_DAYS = 7;
const SOFT_DELETE = 'properties.deleteRetentionPolicy';

/** Blob soft delete must be on and keep deleted blobs for at least MIN_SOFT_DELETE_DAYS days. */
const blobSoftDelete: Check = (r) => {
  const expected = `enabled: true with days >= ${MIN_SOFT_DELETE_DAYS}`;
  const policy = read(r, SOFT_DELETE);
  const unknown = findUnknown(policy);
  if (unknown) return [unknownOutcome(r, SOFT_DELETE, unknown, expected)];
  const enabled = asBoolean(read(policy, 'enabled'));
  if (enabled !== true) {
    const detail = policy === undefined ? `${SOFT_DELETE} is not set, so blob soft delete is disabled.` : undefined;
    return [failed(r, `${SOFT_DELETE}.enabled`, read(policy, 'enabled'), expected, detail)];
  }
  const days = read(policy, 'days');
  const n = typeof days === 'number' ? days : typeof days === 'string' && days.trim() !== '' ? Number(days) : NaN;
  if (!Number.isFinite(n)) return [failed(r, `${SOFT_DELETE}.days`, days, expected, `blob soft delete is enabled but ${SOFT_DELETE}.days is ${days === undefined ? 'not set' : 'not a number'}; set it to at least ${MIN_SOFT_DELETE_DAYS}.`)];
  if (n < MIN_SOFT_DELETE_DAYS) return [failed(r, `${SOFT_DELETE}.days`, days, expected, `blob soft delete keeps deleted blobs for ${n} day${n === 1 ? '' : 's'}; at least ${MIN_SOFT_DELETE_DAYS} are required.`)];
  return [passed(r, `${SOFT_DELETE}.days`, days, expected, `blob soft delete is enabled and keeps deleted blobs for ${n} days.`)];
};

export const STORAGE_CONTROLS = [
  control({
    id: 'ISRM.Storage.MinTLS',
    title: 'Storage accounts require TLS 1.2 or later',
    rationale: 'TLS 1.0 and 1.1 have known weaknesses; data in transit to a storage account must be protected with TLS 1.2 or later.',
    remediation: "Set properties.minimumTlsVersion to 'TLS1_2'. Clients that only speak older TLS versions must be upgraded first.",
    snippet: "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  properties: {\n    minimumTlsVersion: 'TLS1_2'\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [ACCOUNT],
    frameworks: FW.inTransit(),
    azurePolicy: 'Storage accounts should have the specified minimum TLS version',
    helpUri: `${DOCS}/common/transport-layer-security-configure-minimum-version`,
    check: propertyCheck({
      path: 'properties.minimumTlsVersion',
      expected: "'TLS1_2' or later",
      test: tlsAtLeast(1.2),
      whenMissing: always('fail', 'a storage account without minimumTlsVersion accepts requests over TLS 1.0 and 1.1'),
    }),
  }),
  control({
    id: 'ISRM.Storage.HttpsOnly',
    title: 'Storage accounts accept secure transfer (HTTPS) only',
    rationale: 'Plain HTTP exposes data and shared access signatures on the wire.',
    remediation: 'Set properties.supportsHttpsTrafficOnly to true.',
    snippet: "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  properties: {\n    supportsHttpsTrafficOnly: true\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [ACCOUNT],
    frameworks: FW.inTransit(),
    azurePolicy: 'Secure transfer to storage accounts should be enabled',
    helpUri: `${DOCS}/common/storage-require-secure-transfer`,
    check: flag(
      'properties.supportsHttpsTrafficOnly',
      true,
      byApiVersion('2019-04-01', { status: 'pass', reason: 'secure transfer is required by default from API version 2019-04-01' }, (v) => ({ status: 'fail', reason: `API version ${v} predates 2019-04-01, where secure transfer is off by default` })),
    ),
  }),
  control({
    id: 'ISRM.Storage.BlobPublicAccess',
    title: 'Storage accounts disallow anonymous blob access',
    rationale: 'Anonymous (public) containers let anyone on the internet read data without authentication.',
    remediation: 'Set properties.allowBlobPublicAccess to false.',
    snippet: "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  properties: {\n    allowBlobPublicAccess: false\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [ACCOUNT],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Storage account public access should be disallowed',
    helpUri: `${DOCS}/blobs/anonymous-read-access-prevent`,
    check: flag(
      'properties.allowBlobPublicAccess',
      false,
      byApiVersion('2023-01-01', { status: 'pass', reason: 'anonymous blob access is disallowed by default from API version 2023-01-01' }, (v) => ({ status: 'fail', reason: `with API version ${v} (before 2023-01-01) an unset allowBlobPublicAccess is interpreted as true` })),
    ),
  }),
  control({
    id: 'ISRM.Storage.SharedKeyDisabled',
    title: 'Storage accounts disallow shared key authorization',
    rationale: 'Account keys grant full access, cannot be scoped to a person, and bypass Entra ID audit; access must go through Entra ID identities and RBAC.',
    remediation: 'Set properties.allowSharedKeyAccess to false and grant data access through Entra ID roles (Storage Blob Data Reader/Contributor).',
    snippet: "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  properties: {\n    allowSharedKeyAccess: false\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [ACCOUNT],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Storage accounts should prevent shared key access',
    helpUri: `${DOCS}/common/shared-key-authorization-prevent`,
    check: flag('properties.allowSharedKeyAccess', false, always('fail', 'shared key authorization is allowed when the property is null')),
  }),
  control({
    id: 'ISRM.Storage.PublicNetworkAccess',
    title: 'Storage accounts disable public network access',
    rationale: 'Data in a landing zone is reached over private endpoints only; a public endpoint widens the attack surface to the internet.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' (or 'SecuredByPerimeter' under a network security perimeter) and connect through private endpoints.",
    snippet: "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [ACCOUNT],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Storage accounts should disable public network access',
    helpUri: `${DOCS}/common/storage-network-security`,
    // As the built-in policy (1.1.0): 'SecuredByPerimeter' hands public access to a network security
    // perimeter, which denies it unless the perimeter's rules allow it. A deny-by-default firewall
    // without rules does not count: ISRM.Storage.NetworkDefaultDeny judges that.
    check: propertyCheck({
      path: 'properties.publicNetworkAccess',
      expected: "'Disabled' or 'SecuredByPerimeter'",
      test: (v) => textIn(v, ['Disabled', 'SecuredByPerimeter']),
      whenMissing: always('fail', 'public network access is enabled'),
    }),
  }),
  control({
    id: 'ISRM.Storage.NetworkDefaultDeny',
    title: 'Storage account firewalls deny by default',
    rationale: 'A default action of Allow accepts traffic from any network, so IP and virtual network rules protect nothing; so does an IP rule for an internet-wide range (0.0.0.0/0, 0.0.0.0/1, …) under a default of Deny. An account with publicNetworkAccess \'Disabled\' passes: its firewall admits no public traffic.',
    remediation: "Set properties.networkAcls.defaultAction to 'Deny' and allow only the required subnets, IP ranges or trusted services.",
    snippet: "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  properties: {\n    networkAcls: {\n      defaultAction: 'Deny'\n      bypass: 'AzureServices'\n    }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [ACCOUNT],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Storage accounts should restrict network access',
    helpUri: `${DOCS}/common/storage-network-security`,
    check: firewallDeniesByDefault(),
  }),
  control({
    id: 'ISRM.Storage.CMK',
    title: 'Storage accounts encrypt data with a customer-managed key',
    rationale: 'High business impact data must be encrypted with keys the organisation controls, can rotate and can revoke.',
    remediation: "Set properties.encryption.keySource to 'Microsoft.Keyvault' with keyvaultproperties pointing at a key in a purge-protected Key Vault, and give the account a managed identity with access to the key.",
    snippet: "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  identity: { type: 'UserAssigned', userAssignedIdentities: { '${uami.id}': {} } }\n  properties: {\n    encryption: {\n      keySource: 'Microsoft.Keyvault'\n      identity: { userAssignedIdentity: uami.id }\n      keyvaultproperties: { keyvaulturi: kv.properties.vaultUri, keyname: 'storage-cmk' }\n      services: { blob: { enabled: true }, file: { enabled: true } }\n    }\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [ACCOUNT],
    frameworks: FW.cmk(),
    azurePolicy: 'Storage accounts should use customer-managed key for encryption',
    helpUri: `${DOCS}/common/customer-managed-keys-overview`,
    check: oneOf('properties.encryption.keySource', ['Microsoft.Keyvault'], always('fail', "data is encrypted with Microsoft-managed keys ('Microsoft.Storage')")),
  }),
  control({
    id: 'ISRM.Storage.InfrastructureEncryption',
    title: 'Storage accounts enable infrastructure (double) encryption',
    rationale: 'A second, independent encryption layer protects high business impact data if one algorithm or key is compromised.',
    remediation: 'Set properties.encryption.requireInfrastructureEncryption to true when creating the account (it cannot be changed later).',
    snippet: "resource sa 'Microsoft.Storage/storageAccounts@2023-05-01' = {\n  // ...\n  properties: {\n    encryption: {\n      requireInfrastructureEncryption: true\n      keySource: 'Microsoft.Keyvault'\n    }\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [ACCOUNT],
    frameworks: FW.atRest(),
    azurePolicy: 'Storage accounts should have infrastructure encryption',
    helpUri: `${DOCS}/common/infrastructure-encryption-enable`,
    check: flag('properties.encryption.requireInfrastructureEncryption', true, always('fail', 'infrastructure encryption is off')),
  }),
  control({
    id: 'ISRM.Storage.BlobSoftDelete',
    title: 'Blob services keep deleted blobs for recovery',
    rationale: 'GxP records must survive accidental or malicious deletion; blob soft delete keeps deleted data recoverable for the retention period.',
    remediation: 'Set properties.deleteRetentionPolicy on the blobServices/default child resource to enabled: true with days of at least 7.',
    snippet: "resource blob 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {\n  parent: sa\n  name: 'default'\n  properties: {\n    deleteRetentionPolicy: { enabled: true, days: 30 }\n    containerDeleteRetentionPolicy: { enabled: true, days: 30 }\n  }\n}",
    severity: 'medium',
    family: 'governance',
    baseline: 'hbi',
    appliesTo: ['Microsoft.Storage/storageAccounts/blobServices'],
    frameworks: FW.backup(),
    helpUri: `${DOCS}/blobs/soft-delete-blob-overview`,
    check: blobSoftDelete,
  }),
];
