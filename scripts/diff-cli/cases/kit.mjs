// What every case generator shares: the case list and file writer, the file layouts (encodings, line ends,
// comments), and ARM resource builders. Generators build on these instead of repeating them.
import fs from 'node:fs';
import path from 'node:path';

/** The instant suppression expiry is judged at: fixed, so a run does not depend on the day it runs. */
export const AS_OF = '2026-11-26T00:00:00Z';
export const SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#';
export const PARAMS_SCHEMA = 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#';
/** Resource-id prefix of the default deployment context (config `deployment` defaults). */
export const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/controltrace-rg/providers';
export const WS = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-mgmt/providers/Microsoft.OperationalInsights/workspaces/log-central';

/**
 * The cases of one run and the input files they read. Paths in a case are relative to `root`, which is the
 * working directory both CLIs run in, so no absolute path of the harness reaches an argument.
 */
export class CaseSet {
  constructor(root) {
    this.root = root;
    this.cases = [];
  }

  /** Writes an input file (a value is written as pretty JSON) and returns its path relative to root. */
  write(rel, content) {
    const file = path.join(this.root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const bytes = typeof content === 'string' || Buffer.isBuffer(content) ? content : JSON.stringify(content, null, 2) + '\n';
    fs.writeFileSync(file, bytes);
    return rel;
  }

  /** Copies a file or folder in (made writable: the repo's fixtures may be read-only). */
  copy(from, rel) {
    const to = path.join(this.root, rel);
    fs.cpSync(from, to, { recursive: true });
    makeWritable(to);
    return rel;
  }

  /** One case: `args` to `controltrace scan` (without --out), run in `cwd` below root. */
  add(name, args, { cwd = '.' } = {}) {
    if (this.cases.some((c) => c.name === name)) throw new Error(`duplicate case name ${name}`);
    this.cases.push({ name, cwd, args: args.includes('--as-of') ? args : [...args, '--as-of', AS_OF] });
  }
}

function makeWritable(p) {
  const st = fs.statSync(p);
  fs.chmodSync(p, st.mode | 0o200 | (st.isDirectory() ? 0o700 : 0));
  if (st.isDirectory()) for (const f of fs.readdirSync(p)) makeWritable(path.join(p, f));
}

/** The same JSON value in the layouts a scanner must treat alike (and locate findings in correctly). */
export const LAYOUTS = ['pretty', 'minified', 'tabs', 'crlf', 'cr', 'bom', 'utf16le', 'utf16be', 'comments'];

export function encode(value, layout) {
  const pretty = JSON.stringify(value, null, 2) + '\n';
  switch (layout) {
    case 'pretty': return pretty;
    case 'minified': return JSON.stringify(value);
    case 'tabs': return JSON.stringify(value, null, '\t');
    case 'crlf': return pretty.replace(/\n/g, '\r\n');
    case 'cr': return pretty.replace(/\n/g, '\r');
    case 'bom': return '\ufeff' + pretty;
    case 'utf16le': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(pretty, 'utf16le')]);
    case 'utf16be': return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(pretty, 'utf16le').swap16()]);
    case 'comments': return '// leading comment\n' + pretty.replace('"resources": [', '/* block */ "resources": [ // line');
  }
  throw new Error(`unknown layout ${layout}`);
}

// ---- ARM building blocks

export function tpl(resources, extra = {}) {
  return { $schema: SCHEMA, contentVersion: '1.0.0.0', ...extra, resources };
}

export function paramsFile(values) {
  return { $schema: PARAMS_SCHEMA, contentVersion: '1.0.0.0', parameters: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: v }])) };
}

export function tags(env, more = {}) {
  const t = { CostCenter: 'cc1', UseCase: 'uc1', ...more };
  if (env !== undefined) t.Environment = env;
  return t;
}

export function storage(name, { weak = false, env, extraProps = {}, tagsValue } = {}) {
  const strong = {
    minimumTlsVersion: 'TLS1_2', supportsHttpsTrafficOnly: true, allowBlobPublicAccess: false, allowSharedKeyAccess: false,
    publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Deny', bypass: 'AzureServices' },
    encryption: { keySource: 'Microsoft.Keyvault', requireInfrastructureEncryption: true, keyvaultproperties: { keyname: 'k', keyvaulturi: 'https://kvprod01.vault.azure.net/' } },
  };
  return {
    type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name, location: 'westeurope', kind: 'StorageV2',
    sku: { name: 'Standard_ZRS' }, tags: tagsValue ?? tags(env),
    properties: { ...(weak ? { minimumTlsVersion: 'TLS1_0', supportsHttpsTrafficOnly: false, allowBlobPublicAccess: true } : strong), ...extraProps },
  };
}

export function keyVault(name, { env, weak = false } = {}) {
  const sku = { tenantId: '[subscription().tenantId]', sku: { family: 'A', name: 'standard' } };
  return {
    type: 'Microsoft.KeyVault/vaults', apiVersion: '2023-07-01', name, location: 'westeurope', tags: tags(env),
    properties: weak
      ? { ...sku, enableSoftDelete: false }
      : { ...sku, enableSoftDelete: true, enablePurgeProtection: true, enableRbacAuthorization: true, publicNetworkAccess: 'Disabled', networkAcls: { defaultAction: 'Deny' } },
  };
}

export function workspace(name, env) {
  return { type: 'Microsoft.OperationalInsights/workspaces', apiVersion: '2022-10-01', name, location: 'westeurope', tags: tags(env), properties: {} };
}

/** A diagnostic setting as an extension resource (`scope` names its target). */
export function diagScope(targetType, targetName, ws = WS, name = 'to-central', extra = {}) {
  return {
    type: 'Microsoft.Insights/diagnosticSettings', apiVersion: '2021-05-01-preview', name,
    scope: `[format('${targetType}/{0}', '${targetName}')]`,
    properties: { workspaceId: ws, logs: [{ categoryGroup: 'allLogs', enabled: true }], ...extra },
  };
}

/** The older form: a `<type>/providers/diagnosticSettings` child named `<target>/Microsoft.Insights/<name>`. */
export function diagNested(targetType, targetName, ws = WS, name = 'to-central', extra = {}) {
  return {
    type: `${targetType}/providers/diagnosticSettings`, apiVersion: '2021-05-01-preview', name: `${targetName}/Microsoft.Insights/${name}`,
    properties: { workspaceId: ws, logs: [{ category: 'AuditEvent', enabled: true }], ...extra },
  };
}

export function privateEndpoint(name, targetId, subnetId, env) {
  return {
    type: 'Microsoft.Network/privateEndpoints', apiVersion: '2023-04-01', name, location: 'westeurope', tags: tags(env),
    properties: { subnet: { id: subnetId }, privateLinkServiceConnections: [{ name: 'c', properties: { privateLinkServiceId: targetId, groupIds: ['blob'] } }] },
  };
}

export function subnetId(vnetName, subnet) {
  return `${SUB}/Microsoft.Network/virtualNetworks/${vnetName}/subnets/${subnet}`;
}

export function nsg(name, rules, env) {
  return { type: 'Microsoft.Network/networkSecurityGroups', apiVersion: '2023-04-01', name, location: 'westeurope', tags: tags(env), properties: { securityRules: rules } };
}

export function rule(name, { port = '22', source = 'Internet', access = 'Allow', direction = 'Inbound', priority = 100 } = {}) {
  return { name, properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: port, sourceAddressPrefix: source, destinationAddressPrefix: '*', access, priority, direction } };
}

export function vnet(name, subnets, env) {
  return { type: 'Microsoft.Network/virtualNetworks', apiVersion: '2023-04-01', name, location: 'westeurope', tags: tags(env), properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, subnets } };
}

export const ROLES = { owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c', reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' };

export function roleAssignment(name, { principalType = 'User', role = ROLES.owner, scope } = {}) {
  const r = {
    type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name,
    properties: { roleDefinitionId: `[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '${role}')]`, principalId: '11111111-1111-1111-1111-111111111111', principalType },
  };
  if (scope) r.scope = scope;
  return r;
}

export function customRole(name, actions) {
  return {
    type: 'Microsoft.Authorization/roleDefinitions', apiVersion: '2022-04-01', name,
    properties: { roleName: 'r', permissions: [{ actions, notActions: [] }], assignableScopes: ['[subscription().id]'] },
  };
}

export function sqlServer(name, env, weak) {
  return {
    type: 'Microsoft.Sql/servers', apiVersion: '2023-05-01-preview', name, location: 'westeurope', tags: tags(env),
    properties: weak ? { minimalTlsVersion: '1.0', publicNetworkAccess: 'Enabled' } : { minimalTlsVersion: '1.2', publicNetworkAccess: 'Disabled', administrators: { azureADOnlyAuthentication: true } },
    resources: [{ type: 'databases', apiVersion: '2023-05-01-preview', name: 'db1', location: 'westeurope', dependsOn: [name], properties: {} }],
  };
}

export function nestedDeployment(name, scope, innerTemplate, parameters = {}) {
  const properties = { mode: 'Incremental', parameters, template: innerTemplate };
  if (scope) properties.expressionEvaluationOptions = { scope };
  return { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name, properties };
}

/** `resource` repeated by an ARM copy loop. */
export function looped(resource, name, count, more = {}) {
  return { ...resource, copy: { name, count, ...more } };
}
