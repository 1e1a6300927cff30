// Key Vault: vaults, keys and secrets (never the secret value). ARM names from Microsoft.KeyVault/vaults.

import { attr, block, each, enabledDisabled, map, obj, self, within, type Spec, type TypeMapping } from '../spec';

const API = '2023-07-01';

/** Key Vault stores expiry as seconds since the epoch; Terraform writes RFC 3339. */
const epochSeconds = (v: unknown): unknown => {
  if (typeof v !== 'string') return v;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? v : Math.floor(ms / 1000);
};

export const keyVault: TypeMapping = {
  armType: 'Microsoft.KeyVault/vaults',
  apiVersion: API,
  id: { kind: 'inResourceGroup' },
  properties: {
    tenantId: attr('tenant_id'),
    sku: map(attr('sku_name'), (name) => ({ family: 'A', name })),
    softDeleteRetentionInDays: attr('soft_delete_retention_days'),
    enablePurgeProtection: attr('purge_protection_enabled'),
    enableRbacAuthorization: attr(['rbac_authorization_enabled', 'enable_rbac_authorization']),
    enabledForDeployment: attr('enabled_for_deployment'),
    enabledForDiskEncryption: attr('enabled_for_disk_encryption'),
    enabledForTemplateDeployment: attr('enabled_for_template_deployment'),
    publicNetworkAccess: attr('public_network_access_enabled', enabledDisabled),
    networkAcls: block(
      'network_acls',
      obj({
        defaultAction: attr('default_action'),
        bypass: attr('bypass'),
        ipRules: each('ip_rules', obj({ value: self })),
        virtualNetworkRules: each('virtual_network_subnet_ids', obj({ id: self })),
      }),
    ),
    accessPolicies: each(
      'access_policy',
      obj({
        tenantId: attr('tenant_id'),
        objectId: attr('object_id'),
        applicationId: attr('application_id', (v) => (v === '' ? undefined : v)),
        'permissions.keys': attr('key_permissions'),
        'permissions.secrets': attr('secret_permissions'),
        'permissions.certificates': attr('certificate_permissions'),
        'permissions.storage': attr('storage_permissions'),
      }),
    ),
  },
};

const rotationPolicy: Spec = block(
  'rotation_policy',
  (r) => {
    // Each value is read under the ARM path it fills, so a finding on one points at its own attribute.
    const expireAfter = within(r, 'attributes.expiryTime', () => attr('expire_after')(r));
    const rotateAfterCreate = within(r, 'lifetimeActions.0.trigger.timeAfterCreate', () => block('automatic', attr('time_after_creation'))(r));
    const rotateBeforeExpiry = within(r, 'lifetimeActions.0.trigger.timeBeforeExpiry', () => block('automatic', attr('time_before_expiry'))(r));
    const rotates = rotateAfterCreate !== undefined || rotateBeforeExpiry !== undefined;
    const notifyBefore = within(r, `lifetimeActions.${rotates ? 1 : 0}.trigger.timeBeforeExpiry`, () => attr('notify_before_expiry')(r));
    const lifetimeActions: unknown[] = [];
    if (rotateAfterCreate !== undefined || rotateBeforeExpiry !== undefined) {
      lifetimeActions.push({
        action: { type: 'rotate' },
        trigger: { ...(rotateAfterCreate !== undefined ? { timeAfterCreate: rotateAfterCreate } : {}), ...(rotateBeforeExpiry !== undefined ? { timeBeforeExpiry: rotateBeforeExpiry } : {}) },
      });
    }
    if (notifyBefore !== undefined) lifetimeActions.push({ action: { type: 'notify' }, trigger: { timeBeforeExpiry: notifyBefore } });
    return { ...(expireAfter !== undefined ? { attributes: { expiryTime: expireAfter } } : {}), lifetimeActions };
  },
);

export const keyVaultKey: TypeMapping = {
  armType: 'Microsoft.KeyVault/vaults/keys',
  apiVersion: API,
  id: { kind: 'child', parent: 'key_vault_id' },
  // The provider's `id` is the versioned key URL; `resource_versionless_id` is the ARM id.
  plannedId: 'resource_versionless_id',
  properties: {
    kty: attr('key_type'),
    keySize: attr('key_size'),
    curveName: attr('curve'),
    keyOps: attr('key_opts'),
    'attributes.exp': attr('expiration_date', epochSeconds),
    'attributes.nbf': attr('not_before_date', epochSeconds),
    rotationPolicy,
  },
};

export const keyVaultSecret: TypeMapping = {
  armType: 'Microsoft.KeyVault/vaults/secrets',
  apiVersion: API,
  id: { kind: 'child', parent: 'key_vault_id' },
  plannedId: 'resource_versionless_id',
  // Only metadata: the secret value is never copied into a normalised resource, a report or evidence.
  properties: {
    contentType: attr('content_type'),
    'attributes.exp': attr('expiration_date', epochSeconds),
    'attributes.nbf': attr('not_before_date', epochSeconds),
  },
};
