import type { CheckOutcome } from '../model';
import { isUnknown } from '../model';
import { asBoolean, isNonEmptyString, leafName, read, textEquals } from './access';
import { always, failed, needsReview, passed, propertyCheck, tlsAtLeast, unknownOutcome, withRelated, type Check } from './checks';
import { childrenOf, possibleChildrenOf } from './relations';
import { childSetting } from './child-setting';
import { control, oneOf, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';

const SERVER = 'Microsoft.Sql/servers';
const DOCS = 'https://learn.microsoft.com/azure/azure-sql/database';

const AUDITING_TYPES = ['Microsoft.Sql/servers/auditingSettings', 'Microsoft.Sql/servers/extendedAuditingSettings'];
const AUDITING_EXPECTED = "state 'Enabled' with a destination (isAzureMonitorTargetEnabled true, or a storageEndpoint)";

/**
 * Server auditing is on when a declared auditingSettings (or extendedAuditingSettings) child has state
 * 'Enabled' and sends its records somewhere: to Azure Monitor (isAzureMonitorTargetEnabled) or to a
 * storage account (storageEndpoint). Enabled without either records nothing anyone can read.
 */
const serverAuditing: Check = (r, ctx) => {
  let pending: CheckOutcome | undefined;
  let seen: CheckOutcome | undefined;
  for (const type of AUDITING_TYPES) {
    for (const child of childrenOf(ctx, r, type)) {
      const at = `${leafName(child.type)}(${child.name}).properties`;
      const state = read(child, 'properties.state');
      if (isUnknown(state)) {
        pending ??= withRelated(unknownOutcome(r, `${at}.state`, state, AUDITING_EXPECTED), child.id);
        continue;
      }
      if (!textEquals(state, 'Enabled')) {
        seen ??= withRelated(failed(r, `${at}.state`, state, AUDITING_EXPECTED), child.id);
        continue;
      }
      const monitor = read(child, 'properties.isAzureMonitorTargetEnabled');
      const storage = read(child, 'properties.storageEndpoint');
      if (asBoolean(monitor) === true) return [withRelated(passed(r, `${at}.isAzureMonitorTargetEnabled`, monitor, AUDITING_EXPECTED, `${at}.state is 'Enabled' and audit records go to Azure Monitor (isAzureMonitorTargetEnabled).`), child.id)];
      if (isNonEmptyString(storage)) return [withRelated(passed(r, `${at}.storageEndpoint`, storage, AUDITING_EXPECTED, `${at}.state is 'Enabled' and audit records go to storage endpoint '${storage}'.`), child.id)];
      if (isUnknown(monitor)) {
        pending ??= withRelated(unknownOutcome(r, `${at}.isAzureMonitorTargetEnabled`, monitor, AUDITING_EXPECTED), child.id);
        continue;
      }
      if (isUnknown(storage)) {
        pending ??= withRelated(unknownOutcome(r, `${at}.storageEndpoint`, storage, AUDITING_EXPECTED), child.id);
        continue;
      }
      seen ??= withRelated(failed(r, `${at}.isAzureMonitorTargetEnabled`, monitor, AUDITING_EXPECTED, `${at}.state is 'Enabled' but neither isAzureMonitorTargetEnabled is true nor a storageEndpoint is set, so the audit records go nowhere.`), child.id);
    }
  }
  if (pending) return [pending];
  for (const type of AUDITING_TYPES) {
    const maybe = possibleChildrenOf(ctx, r, type)[0];
    if (maybe) return [withRelated(needsReview(r, `${leafName(maybe.type)}(${maybe.name}).properties.state`, undefined, AUDITING_EXPECTED, `no declared auditing setting settles it, but ${leafName(maybe.type)} '${maybe.name}' belongs to a server only known after deployment; review whether it is this server's.`), maybe.id)];
  }
  if (seen) return [seen];
  // The setting belongs to the auditingSettings child (always named 'default') the server lacks, not to the server.
  return [failed(r, `auditingSettings(${r.name}/default).properties.state`, undefined, AUDITING_EXPECTED, 'no auditingSettings child resource is declared, so server auditing is off.')];
};

export const SQL_CONTROLS = [
  control({
    id: 'ISRM.Sql.MinTLS',
    title: 'SQL servers require TLS 1.2 or later',
    rationale: 'TLS 1.0 and 1.1 have known weaknesses; connections to databases must use TLS 1.2 or later.',
    remediation: "Set properties.minimalTlsVersion to '1.2'.",
    snippet: "resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {\n  // ...\n  properties: {\n    minimalTlsVersion: '1.2'\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [SERVER],
    frameworks: FW.inTransit(),
    azurePolicy: 'Azure SQL Database should be running TLS version 1.2 or newer',
    helpUri: `${DOCS}/connectivity-settings`,
    check: propertyCheck({
      path: 'properties.minimalTlsVersion',
      expected: "'1.2' or later",
      test: tlsAtLeast(1.2),
      whenMissing: always('fail', "a server without minimalTlsVersion is created with 'None', which does not enforce a minimum TLS version"),
    }),
  }),
  control({
    id: 'ISRM.Sql.PublicNetworkAccess',
    title: 'SQL servers disable public network access',
    rationale: 'Databases should be reachable only through private endpoints, never from the internet.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add a private endpoint (group 'sqlServer').",
    snippet: "resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [SERVER],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Public network access on Azure SQL Database should be disabled',
    helpUri: `${DOCS}/connectivity-settings`,
    check: publicNetworkAccessDisabled(),
  }),
  control({
    id: 'ISRM.Sql.EntraOnlyAuth',
    title: 'SQL servers accept Microsoft Entra authentication only',
    rationale: 'SQL logins are shared secrets outside central identity governance, MFA and access reviews.',
    remediation: 'Set properties.administrators.azureADOnlyAuthentication to true (with an Entra group as administrator) or declare servers/azureADOnlyAuthentications/Default.',
    snippet: "resource sql 'Microsoft.Sql/servers@2023-08-01-preview' = {\n  // ...\n  properties: {\n    administrators: {\n      administratorType: 'ActiveDirectory'\n      principalType: 'Group'\n      login: 'sql-admins'\n      sid: sqlAdminGroupObjectId\n      tenantId: tenant().tenantId\n      azureADOnlyAuthentication: true\n    }\n  }\n}",
    severity: 'high',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [SERVER],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Azure SQL Database should have Microsoft Entra-only authentication enabled',
    helpUri: `${DOCS}/authentication-azure-ad-only-authentication`,
    check: childSetting({
      ownPath: 'properties.administrators.azureADOnlyAuthentication',
      childTypes: ['Microsoft.Sql/servers/azureADOnlyAuthentications'],
      childPath: 'properties.azureADOnlyAuthentication',
      expected: 'true',
      test: (v) => asBoolean(v) === true,
      whenAbsent: 'Entra-only authentication is not enabled on the server or by an azureADOnlyAuthentications child, so SQL logins are accepted.',
    }),
  }),
  control({
    id: 'ISRM.Sql.Auditing',
    title: 'SQL servers have auditing enabled',
    rationale: 'Database audit logs are the audit trail of who read and changed GxP records.',
    remediation: "Declare servers/auditingSettings/default (or extendedAuditingSettings) with state 'Enabled' and a destination: isAzureMonitorTargetEnabled true (then route the master database's SQLSecurityAuditEvents category to Log Analytics with a diagnostic setting, which this control does not check) or a storageEndpoint.",
    snippet: "resource audit 'Microsoft.Sql/servers/auditingSettings@2023-08-01-preview' = {\n  parent: sql\n  name: 'default'\n  properties: {\n    state: 'Enabled'\n    isAzureMonitorTargetEnabled: true\n  }\n}",
    severity: 'medium',
    family: 'logging',
    baseline: 'standard',
    appliesTo: [SERVER],
    frameworks: FW.logging(),
    azurePolicy: 'Auditing on SQL server should be enabled',
    helpUri: `${DOCS}/auditing-overview`,
    check: serverAuditing,
  }),
  control({
    id: 'ISRM.Sql.TDEProtectorCMK',
    title: 'SQL servers use a customer-managed TDE protector',
    rationale: 'Database encryption keys of high business impact data must be protected by a key the organisation controls and can revoke.',
    remediation: "Set properties.keyId on the server to a Key Vault key, or declare servers/encryptionProtector/current with serverKeyType 'AzureKeyVault'.",
    snippet: "resource protector 'Microsoft.Sql/servers/encryptionProtector@2023-08-01-preview' = {\n  parent: sql\n  name: 'current'\n  properties: {\n    serverKeyType: 'AzureKeyVault'\n    serverKeyName: '${kv.name}_${key.name}_${keyVersion}'\n    autoRotationEnabled: true\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'hbi',
    appliesTo: [SERVER],
    frameworks: FW.cmk(),
    azurePolicy: 'SQL servers should use customer-managed keys to encrypt data at rest',
    helpUri: `${DOCS}/transparent-data-encryption-byok-overview`,
    check: childSetting({
      ownPath: 'properties.keyId',
      childTypes: ['Microsoft.Sql/servers/encryptionProtector'],
      childPath: 'properties.serverKeyType',
      expected: "'AzureKeyVault' (or a server keyId)",
      test: (v) => textEquals(v, 'AzureKeyVault') || (isNonEmptyString(v) && /^https:\/\//i.test(v)),
      whenAbsent: 'no Key Vault TDE protector is declared, so the service-managed key protects the databases.',
    }),
  }),
  control({
    id: 'ISRM.Sql.DatabaseTDE',
    title: 'SQL databases keep transparent data encryption enabled',
    rationale: 'Turning TDE off leaves database files, backups and logs unencrypted at rest.',
    remediation: "Set properties.state to 'Enabled' on databases/transparentDataEncryption/current (or remove the resource; TDE is on by default).",
    snippet: "resource tde 'Microsoft.Sql/servers/databases/transparentDataEncryption@2023-08-01-preview' = {\n  parent: db\n  name: 'current'\n  properties: { state: 'Enabled' }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: ['Microsoft.Sql/servers/databases/transparentDataEncryption'],
    frameworks: FW.atRest(),
    azurePolicy: 'Transparent Data Encryption on SQL databases should be enabled',
    helpUri: `${DOCS}/transparent-data-encryption-tde-overview`,
    check: oneOf('properties.state', ['Enabled'], always('fail', 'state is a required property; without it the resource does not express that TDE stays enabled')),
  }),
];
