// Hand-made ARM templates for the engine's riskiest paths: environment segregation, copy loops (resource,
// property, variable), nested deployments (inner / outer scope, loops, other resource groups), values only
// known at deploy time, duplicate ids, diagnostic settings in both declaration forms, private endpoints,
// RBAC, NSGs, property-name case and odd declaration members.
import * as K from './kit.mjs';

const { SUB, WS } = K;
const devWs = `${SUB}/Microsoft.OperationalInsights/workspaces/log-dev`;

/** A production storage account wired to non-production resources in every way segregation looks at. */
function mixedEnvironments(prod, other) {
  const kvUri = (uri) => ({ encryption: { keySource: 'Microsoft.Keyvault', keyvaultproperties: { keyname: 'k', keyvaulturi: uri } } });
  return K.tpl([
    K.workspace('log-dev', other),
    K.vnet('vnet-dev', [{ name: 'snet-pe', properties: { addressPrefix: '10.0.1.0/24' } }], other),
    K.keyVault('kvdev01', { env: other }),
    K.storage('stprod1', { env: prod, extraProps: kvUri('https://kvdev01.vault.azure.net/') }),
    K.diagScope('Microsoft.Storage/storageAccounts', 'stprod1', devWs),
    K.privateEndpoint('pe-stprod1', `${SUB}/Microsoft.Storage/storageAccounts/stprod1`, K.subnetId('vnet-dev', 'snet-pe'), prod),
    K.storage('stprod2', { env: prod, extraProps: { networkAcls: { defaultAction: 'Deny', virtualNetworkRules: [{ id: K.subnetId('vnet-dev', 'snet-pe') }] } } }),
    K.diagNested('Microsoft.Storage/storageAccounts', 'stprod2', "[reference('someDeployment').outputs.ws.value]"),
    K.storage('stprod3', { env: prod, extraProps: kvUri("[reference(resourceId('Microsoft.KeyVault/vaults','kvx')).vaultUri]") }),
    K.storage('stuntagged', {}),
    K.storage('stunknownenv', { tagsValue: { CostCenter: 'cc', UseCase: 'u', Environment: "[reference('x').outputs.env.value]" } }),
  ]);
}

function environments(set) {
  for (const [n, p, o] of [['prod-dev', 'prod', 'dev'], ['case', 'Prod', 'TEST'], ['prod-prod', 'prod', 'prod'], ['prod-untagged', 'prod', undefined], ['unlisted', 'prod', 'sandbox'], ['spaces', ' prd ', ' qa ']]) {
    const f = set.write(`env/${n}.json`, mixedEnvironments(p, o));
    set.add(`env-${n}`, [f]);
    set.add(`env-${n}-standard`, [f, '--baseline', 'standard']);
  }
  set.write('env-split/a-prod.json', mixedEnvironments('prod', 'prod'));
  set.write('env-split/b-dev.json', K.tpl([K.workspace('log-dev', 'dev'), K.keyVault('kvdev01', { env: 'dev' })]));
  set.add('env-split-files', ['env-split']);
  set.write('env-cfg/controltrace.json', { environments: { production: ['live'], nonProduction: ['sandbox'] } });
  set.write('env-cfg/t.json', mixedEnvironments('live', 'sandbox'));
  set.write('env-cfg/t2.json', mixedEnvironments('prod', 'dev'));
  set.add('env-config-in-cwd', ['t.json', 't2.json'], { cwd: 'env-cfg' });
}

function copyLoops(set) {
  const ruleInput = {
    name: "[concat('r', copyIndex('securityRules'))]",
    properties: { ...K.rule('x').properties, destinationPortRange: "[variables('ports')[copyIndex('securityRules')]]", sourceAddressPrefix: "[if(equals(copyIndex('securityRules'),1),'Internet','10.0.0.0/8')]", priority: "[add(100, copyIndex('securityRules'))]" },
  };
  const subnetInput = {
    name: "[concat('sn', copyIndex('subnets'), '-', copyIndex())]",
    properties: { addressPrefix: "[concat('10.0.', copyIndex('subnets'), '.0/24')]", networkSecurityGroup: "[if(equals(copyIndex('subnets'),0), json('null'), createObject('id', resourceId('Microsoft.Network/networkSecurityGroups','nsg1')))]" },
  };
  set.add('copy-loops', [set.write('copy/loops.json', K.tpl([
    K.looped(K.storage("[concat('st', copyIndex())]", { env: "[if(equals(mod(copyIndex(),2),0),'prod','dev')]" }), 'stLoop', 4),
    K.looped({ ...K.diagScope('Microsoft.Storage/storageAccounts', 'x'), name: "[concat('diag', copyIndex())]", scope: "[concat('Microsoft.Storage/storageAccounts/st', copyIndex())]" }, 'dLoop', 3),
    { ...K.nsg('nsg1', [], 'prod'), properties: { copy: [{ name: 'securityRules', count: "[length(variables('ports'))]", input: ruleInput }] } },
    K.looped({ ...K.vnet("[concat('vnet', copyIndex())]", [], 'prod'), properties: { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, copy: [{ name: 'subnets', count: 3, input: subnetInput }] } }, 'vLoop', 2),
    K.looped(K.roleAssignment("[guid(concat('ra', copyIndex()))]", { principalType: "[if(equals(copyIndex(),0),'User','Group')]" }), 'raLoop', 3, { mode: 'serial', batchSize: 1 }),
    K.looped(K.storage("[variables('names')[copyIndex()]]", { weak: true }), 'fromVar', "[length(variables('names'))]"),
  ], { variables: { ports: ['22', '3389', '443', '*'], copy: [{ name: 'names', count: 3, input: "[concat('stv', copyIndex('names'))]" }] } }))]);
  const weakLoop = (count) => K.tpl([K.looped(K.storage("[concat('st', copyIndex())]", { weak: true }), 'l', count), K.storage('stplain', { weak: true })]);
  for (const [n, count] of [['zero', 0], ['900', 900], ['over-limit', 100000], ['unknown', "[reference('x').count]"], ['negative', -1], ['string', '2'], ['float', 2.5]]) {
    set.add(`copy-count-${n}`, [set.write(`copy/count-${n}.json`, weakLoop(count))]);
  }
}

function nestedDeployments(set) {
  const inner = (p) => K.tpl([K.storage(`[parameters('${p}')]`, { weak: true, env: "[parameters('env')]" }), K.diagNested('Microsoft.Storage/storageAccounts', `[parameters('${p}')]`)], { parameters: { [p]: { type: 'string', defaultValue: 'stinnerdefault' }, env: { type: 'string', defaultValue: 'dev' } } });
  const withOutputs = K.tpl([K.storage('stin', { weak: true })], { outputs: { tls: { type: 'string', value: 'TLS1_0' }, name: { type: 'string', value: "[concat('st', 'fromout')]" } } });
  const f = set.write('nested/nested.json', K.tpl([
    K.nestedDeployment('innerDep', 'inner', inner('stName'), { stName: { value: "[variables('v')]" }, env: { value: 'prod' } }),
    K.nestedDeployment('outerDep', 'outer', K.tpl([K.storage("[variables('v')]", { env: 'prod' })])),
    K.nestedDeployment('innerDep2', 'inner', K.tpl([K.nestedDeployment('deeper', 'inner', inner('n2'), { n2: { value: "[concat(parameters('p'), 'deep')]" } })], { parameters: { p: { type: 'string' } } }), { p: { value: "[parameters('top')]" } }),
    K.looped(K.nestedDeployment("[concat('loopDep', copyIndex())]", 'inner', inner('stName'), { stName: { value: "[concat('stloop', copyIndex())]" }, env: { value: "[if(equals(copyIndex(), 2), 'dev', 'prod')]" } }), 'dl', 3),
    K.looped(K.nestedDeployment("[concat('o', copyIndex())]", 'outer', K.tpl([K.storage("[concat('sto', copyIndex())]", { weak: true })])), 'ol', 2),
    K.nestedDeployment('defaultScope', undefined, K.tpl([K.storage("[parameters('top')]", { weak: true })], { parameters: { top: { type: 'string', defaultValue: 'stinnertop' } } })),
    { ...K.nestedDeployment('rgScoped', 'inner', inner('stName'), { stName: { value: 'stotherrg' } }), resourceGroup: 'other-rg', subscriptionId: '11111111-1111-1111-1111-111111111111' },
    K.nestedDeployment('withOutputs', 'inner', withOutputs),
    K.storage("[reference('withOutputs').outputs.name.value]", { extraProps: { minimumTlsVersion: "[reference('withOutputs').outputs.tls.value]" } }),
    { type: 'Microsoft.Resources/deployments', apiVersion: '2022-09-01', name: 'linked', properties: { mode: 'Incremental', templateLink: { uri: 'https://example.com/t.json' } } },
  ], { parameters: { top: { type: 'string', defaultValue: 'sttop' } }, variables: { v: 'stfromvar' } }));
  set.add('nested', [f]);
  set.add('nested-standard', [f, '--baseline', 'standard']);
}

function unknownsAndDuplicates(set) {
  set.add('unknowns', [set.write('unknowns/u.json', K.tpl([
    K.storage('stu1', { extraProps: { minimumTlsVersion: "[reference('x').tls]", networkAcls: "[reference(resourceId('Microsoft.Storage/storageAccounts','sta'), '2023-01-01', 'Full')]" } }),
    K.storage("[concat('st', uniqueString(resourceGroup().id))]", { extraProps: { publicNetworkAccess: "[listKeys(resourceId('Microsoft.Storage/storageAccounts','sta'),'2023-01-01').keys[0].value]" } }),
    K.storage("[parameters('gen')]", { weak: true }),
    K.storage('stutc', { extraProps: { allowBlobPublicAccess: "[parameters('flag')]" }, tagsValue: "[parameters('tagsObj')]" }),
    K.keyVault("[take(concat('kv', parameters('gen')), 24)]", { env: 'prod' }),
    K.diagScope('Microsoft.KeyVault/vaults', "[take(concat('kv', parameters('gen')), 24)]", "[reference('ws').id]"),
    K.roleAssignment("[guid(parameters('gen'))]", { principalType: "[reference('p').type]" }),
  ], { parameters: { gen: { type: 'string', defaultValue: '[newGuid()]' }, when: { type: 'string', defaultValue: '[utcNow()]' }, flag: { type: 'bool' }, tagsObj: { type: 'object', defaultValue: { Environment: 'prod', CostCenter: "[parameters('when')]" } } } }))]);

  set.add('duplicate-ids', [set.write('dup/dup.json', K.tpl([
    K.storage('stdup', { weak: true, env: 'prod' }), K.storage('STDUP', { env: 'dev' }), K.storage('stdup', { env: 'dev' }),
    K.diagScope('Microsoft.Storage/storageAccounts', 'StDup'), K.diagNested('Microsoft.Storage/storageAccounts', 'stdup', WS, 'd2'),
    K.privateEndpoint('pe1', `${SUB}/Microsoft.Storage/storageAccounts/STDUP`, K.subnetId('v', 's'), 'prod'),
    K.privateEndpoint('pe2', `${SUB.toLowerCase()}/microsoft.storage/storageaccounts/stdup`, K.subnetId('v', 's'), 'prod'),
    K.nsg('nsgdup', [K.rule('ssh')], 'prod'), K.nsg('nsgdup', [K.rule('https', { port: '443' })], 'prod'), K.nsg('NSGDUP', [K.rule('all', { port: '*', source: '*' })], 'prod'),
    K.keyVault('kvdup', { weak: true }), K.keyVault('KVDUP'),
  ]))]);
  set.write('dup/a.json', K.tpl([K.storage('stcross', { weak: true, env: 'prod' })]));
  set.write('dup/b.json', K.tpl([K.storage('stcross', { env: 'dev' }), K.diagScope('Microsoft.Storage/storageAccounts', 'stcross', devWs), K.workspace('log-dev', 'dev')]));
  set.add('duplicate-across-files', ['dup/a.json', 'dup/b.json', '--baseline', 'standard']);
  set.add('duplicate-across-files-reversed', ['dup/b.json', 'dup/a.json', '--baseline', 'standard']);
}

/** Every ordered pair of diagnostic-setting kinds on one key vault, alternating the two declaration forms. */
function diagnosticSettings(set) {
  const EH = `${SUB}/Microsoft.EventHub/namespaces/eh/authorizationRules/r`;
  const kinds = {
    central: { workspaceId: WS, logs: [{ categoryGroup: 'allLogs', enabled: true }] },
    other: { workspaceId: `${SUB}/Microsoft.OperationalInsights/workspaces/law-other`, logs: [{ categoryGroup: 'allLogs', enabled: true }] },
    disabled: { workspaceId: WS, logs: [{ categoryGroup: 'allLogs', enabled: false }] },
    metricsOnly: { workspaceId: WS, metrics: [{ category: 'AllMetrics', enabled: true }] },
    eventHub: { eventHubAuthorizationRuleId: EH, logs: [{ categoryGroup: 'audit', enabled: true }] },
    storage: { storageAccountId: `${SUB}/Microsoft.Storage/storageAccounts/stlogs`, logs: [{ categoryGroup: 'allLogs', enabled: true }] },
    unknownWs: { workspaceId: "[reference('w').id]", logs: [{ categoryGroup: 'allLogs', enabled: true }] },
    unknownLogs: { workspaceId: WS, logs: "[reference('l').logs]" },
    empty: {},
  };
  const names = Object.keys(kinds);
  const combos = [...names.map((a) => [a]), ...names.flatMap((a) => names.map((b) => [a, b]))];
  const resources = combos.flatMap((combo, i) => [
    K.keyVault(`kv${i}`, { env: 'prod' }),
    ...combo.map((k, j) => ({ ...((i + j) % 2 ? K.diagScope : K.diagNested)('Microsoft.KeyVault/vaults', `kv${i}`, WS, `${k}-${j}`), properties: kinds[k] })),
  ]);
  const f = set.write('diag/combos.json', K.tpl(resources));
  set.write('diag/central.json', { centralWorkspace: WS });
  set.write('diag/central-name.json', { centralWorkspace: 'law-other' });
  set.add('diag-combos', [f]);
  set.add('diag-combos-central', [f, '--config', 'diag/central.json']);
  set.add('diag-combos-central-name', [f, '--config', 'diag/central-name.json', '--baseline', 'standard']);
  const setting = (name, scope, props = { workspaceId: WS }) => ({ type: 'Microsoft.Insights/diagnosticSettings', apiVersion: '2021-05-01-preview', name, scope, properties: props });
  set.add('diag-scope-forms', [set.write('diag/scopes.json', K.tpl([
    K.storage('stids'), K.vnet('v1', [{ name: 's1', properties: {} }]), K.keyVault('kv1'),
    setting('relative', 'Microsoft.Storage/storageAccounts/stids'), setting('subnet', 'Microsoft.Network/virtualNetworks/v1/subnets/s1'),
    setting('typeOnly', 'Microsoft.Storage/storageAccounts'), setting('child', 'Microsoft.Storage/storageAccounts/stids/blobServices/default'),
    setting('leadingSlash', '/Microsoft.Storage/storageAccounts/stids'), setting('trailingSlash', `${SUB}/Microsoft.Storage/storageAccounts/stids/`),
    setting('upperCase', `${SUB.replace('/providers', '/PROVIDERS')}/microsoft.storage/storageaccounts/STIDS`), setting('fullId', `${SUB}/Microsoft.KeyVault/vaults/KV1`),
    setting('resourceIdCall', "[resourceId('Microsoft.KeyVault/vaults', 'kv1')]"), setting('orphan', "[resourceId('Microsoft.KeyVault/vaults', 'kvmissing')]"),
    { ...K.diagNested('Microsoft.Storage/storageAccounts', 'stids'), name: 'stids/j' },
    { ...K.diagNested('Microsoft.Storage/storageAccounts', 'stids'), name: 'stids/Microsoft.Insights/k/l' },
    K.diagNested('Microsoft.Network/virtualNetworks/subnets', 'v1/s1'),
    { type: 'Microsoft.Authorization/locks', apiVersion: '2020-05-01', name: 'lk', scope: 'Microsoft.Storage/storageAccounts/stids', properties: { level: 'CanNotDelete' } },
  ]))]);
}

function networkAndAccess(set) {
  set.add('private-endpoints', [set.write('pe/pe.json', K.tpl([
    K.storage('stpe1'), K.storage('stpe2'), K.storage('stpe3'), K.keyVault('kvpe'),
    K.privateEndpoint('pe-a', "[resourceId('Microsoft.Storage/storageAccounts', 'stpe1')]", K.subnetId('v', 's')),
    K.privateEndpoint('pe-c', `${SUB}/Microsoft.Storage/storageAccounts/STPE2`, "[reference('v').subnet]"),
    K.privateEndpoint('pe-d', "[reference('x').id]", K.subnetId('v', 's')),
    { ...K.privateEndpoint('pe-e', '', K.subnetId('v', 's')), properties: { subnet: { id: K.subnetId('v', 's') }, manualPrivateLinkServiceConnections: [{ name: 'm', properties: { privateLinkServiceId: `${SUB}/Microsoft.KeyVault/vaults/kvpe`, groupIds: ['vault'] } }] } },
  ]))]);
  set.add('rbac', [set.write('rbac/rbac.json', K.tpl([
    K.roleAssignment("[guid('a')]"), K.roleAssignment("[guid('b')]", { principalType: 'Group' }),
    K.roleAssignment("[guid('c')]", { principalType: 'ServicePrincipal' }), K.roleAssignment("[guid('d')]", { principalType: 'Group', role: K.ROLES.contributor }),
    K.roleAssignment("[guid('e')]", { role: K.ROLES.reader, scope: "[format('Microsoft.Storage/storageAccounts/{0}', 'strb')]" }),
    { type: 'Microsoft.Authorization/roleAssignments', apiVersion: '2022-04-01', name: 'ra-noprincipaltype', properties: { roleDefinitionId: `/providers/Microsoft.Authorization/roleDefinitions/${K.ROLES.owner.toUpperCase()}`, principalId: 'p' } },
    { type: 'Microsoft.Storage/storageAccounts/providers/roleAssignments', apiVersion: '2022-04-01', name: 'strb/Microsoft.Authorization/ra1', properties: { roleDefinitionId: `[tenantResourceId('Microsoft.Authorization/roleDefinitions', '${K.ROLES.owner}')]`, principalId: 'p', principalType: 'User' } },
    K.customRole("[guid('cr1')]", ['*']), K.customRole("[guid('cr2')]", ['Microsoft.Storage/*/read']), K.customRole("[guid('cr3')]", ['Microsoft.Authorization/*/write']),
    K.storage('strb'),
  ]))]);
  set.add('network', [set.write('net/net.json', K.tpl([
    K.nsg('nsg-a', [K.rule('ssh'), K.rule('rdp', { port: '3389', source: '*' }), K.rule('range', { port: '20-23', source: '0.0.0.0/0' }), K.rule('deny', { port: '*', access: 'Deny', priority: 4000 })], 'prod'),
    K.nsg('nsg-b', [K.rule('all', { port: '*', source: 'Internet' })], 'prod'),
    { ...K.nsg('nsg-c', [], 'prod'), properties: { securityRules: [{ name: 'multi', properties: { ...K.rule('m').properties, protocol: '*', destinationPortRange: undefined, destinationPortRanges: ['80', '22', '1433-1434'], sourceAddressPrefix: undefined, sourceAddressPrefixes: ['1.2.3.4', 'Internet'] } }] } },
    { type: 'Microsoft.Network/networkSecurityGroups/securityRules', apiVersion: '2023-04-01', name: 'nsg-c/child22', properties: K.rule('x').properties },
    K.nsg('nsg-d', [K.rule('out', { direction: 'Outbound', port: '*', source: '*' })], 'prod'),
    K.nsg('nsg-e', "[variables('rules')]", 'prod'), K.nsg('nsg-f', [{ name: 'r', properties: "[reference('r').p]" }], 'prod'),
    K.vnet('vnet-1', [{ name: 'sn1', properties: { addressPrefix: '10.0.1.0/24', networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups','nsg-a')]" } } }, { name: 'sn2', properties: { addressPrefix: '10.0.2.0/24' } }, { name: 'GatewaySubnet', properties: { addressPrefix: '10.0.3.0/24' } }], 'prod'),
    { type: 'Microsoft.Network/virtualNetworks/subnets', apiVersion: '2023-04-01', name: 'vnet-1/sn3', properties: { addressPrefix: '10.0.5.0/24' } },
  ], { variables: { rules: [K.rule('v', { port: '22', source: 'Any' })] } }))]);
}

/** Property names, types and tags in other letter cases, including non-ASCII letters that fold to ASCII. */
function nameCase(set) {
  const st = (name, properties, more = {}) => ({ ...K.storage(name, { weak: true }), properties, ...more });
  const f = set.write('case/case.json', K.tpl([
    { ...st('stcase1', { MinimumTlsVersion: 'TLS1_0', SUPPORTSHTTPSTRAFFICONLY: true, networKAcls: { defaultAction: 'Deny' } }), type: 'microsoft.storage/STORAGEACCOUNTS', tags: { costcenter: 'c', USECASE: 'u', environment: 'PROD' } },
    st('stcase2', { minimumTlsVersion: 'TLS1_2', 'networ\u212AAcls': { defaultAction: 'Deny' }, 'publİcNetworkAccess': 'Disabled', ALLOWSHAREDKEYACCESS: false, allowSharedKeyAccess: true }),
    st('stcase3', { minimumTlsVersion: 'tls1_2', supportsHttpsTrafficOnly: 'true', 'minimumTlsVer\u017Fion': 'TLS1_0' }, { tags: { 'Co\u017FtCenter': 'c', UseCase: 'u', Environment: 'ſtaging' } }),
    st('stcase4', { MINIMUMTLSVERSION: 'TLS1_0', minimumTlsVersion: 'TLS1_2' }, { TAGS: { Environment: 'prod' } }),
    { ...K.keyVault('kv-ünïcödé-😀', { weak: true, env: 'prod' }) }, K.diagNested('Microsoft.KeyVault/vaults', 'KV-ÜNÏCÖDÉ-😀'),
    st("[concat('st', parameters('İp'))]", {}),
  ], { parameters: { 'İp': { type: 'string', DefaultValue: 'dotted', defaultValue: 'plain' } }, variables: { Vv: 1, vV: 2 } }));
  set.add('name-case', [f]);
  set.add('name-case-params', [f, '--parameters', set.write('case/params.json', K.paramsFile({ ip: 'fromfile' }))]);
  set.write('case/tags.json', { requiredTags: ['CostCenter', 'UseCase', 'ſpecial', 'K\u212Aey'] });
  set.add('name-case-required-tags', [f, '--config', 'case/tags.json']);
}

/** Declaration members with values of the wrong type, missing, or in symbolic-name (languageVersion 2.0) form. */
function declarations(set) {
  const st = (name, more = {}) => ({ ...K.storage(name, { weak: true }), ...more });
  const decls = {
    'copy-null': K.tpl([st('st1', { copy: null }), st('st2', { copy: {} })]),
    'name-types': K.tpl([st(null), st(12345), st({ a: 1 }), st('[add(1, 2)]'), st('ok')]),
    'type-odd': K.tpl([{ name: 'x', apiVersion: '1', properties: {} }, { ...st('stt'), type: "[concat('Microsoft.Storage/', 'storageAccounts')]" }, { ...st('stu'), type: 'MICROSOFT.STORAGE/storageaccounts' }]),
    'props-tags-odd': K.tpl([st('st1', { properties: null }), st('st2', { properties: 'x' }), st('st3', { tags: null }), st('st4', { tags: "[createObject('Environment', 'prod')]" }), st('st5', { tags: { Environment: null } })]),
    condition: K.tpl([st('st1', { condition: false }), st('st2', { condition: '[false]' }), st('st3', { condition: "[equals(parameters('p'), 'a')]" }), st('st4', { condition: "[reference('x').enabled]" }), st('st5', { condition: 'false' }), st('st6', { existing: true })], { parameters: { p: { type: 'string', defaultValue: 'a' } } }),
    'depends-on-odd': K.tpl([st('st1', { dependsOn: 'st2' }), st('st2', { dependsOn: [null, 5, "[resourceId('Microsoft.Storage/storageAccounts','st1')]"] }), st('st3', { dependsOn: ['nosuch'] })]),
    'resources-object': { ...K.tpl([]), resources: { a: st('st1') } },
    symbolic: { ...K.tpl([]), languageVersion: '2.0', resources: { a: st('st1'), b: { ...st('st2'), dependsOn: ['a'] }, c: { ...K.diagScope('Microsoft.Storage/storageAccounts', 'st1'), scope: 'a' }, d: { ...st('st3'), existing: true } } },
    children: K.tpl([{ ...K.sqlServer('sqlx', 'prod', true), resources: [{ type: 'databases', apiVersion: '2023-05-01-preview', name: 'db1', properties: {}, resources: [{ type: 'transparentDataEncryption', apiVersion: '2023-05-01-preview', name: 'current', properties: { state: 'Disabled' } }] }, { type: 'auditingSettings', apiVersion: '2023-05-01-preview', name: 'default', properties: { state: 'Disabled' } }] }, { ...st('stc'), resources: [{ type: 'blobServices', apiVersion: '2023-01-01', name: 'default', properties: { deleteRetentionPolicy: { enabled: false } }, resources: [{ type: 'containers', apiVersion: '2023-01-01', name: 'c1', properties: { publicAccess: 'Blob' } }] }] }]),
  };
  for (const [n, t] of Object.entries(decls)) set.add(`declaration-${n}`, [set.write(`decl/${n}.json`, t), '--baseline', 'standard']);
  // Member names JSON.parse gives meaning to, and a member given twice (the last one wins).
  set.add('declaration-proto-keys', [set.write('decl/proto.json', '{"$schema":"' + K.SCHEMA + '","contentVersion":"1.0.0.0","resources":[{"type":"Microsoft.Storage/storageAccounts","apiVersion":"2023-01-01","name":"stp","location":"westeurope","__proto__":{"x":1},"constructor":"c","properties":{"__proto__":{"minimumTlsVersion":"TLS1_2"},"toString":"x","minimumTlsVersion":"TLS1_0"},"tags":{"__proto__":"p","hasOwnProperty":"h"}}]}')]);
  set.add('declaration-duplicate-member', [set.write('decl/dupmember.json', '{"$schema":"' + K.SCHEMA + '","contentVersion":"1.0.0.0","resources":[{"type":"Microsoft.Storage/storageAccounts","name":"a","apiVersion":"2023-01-01","name":"stdm","location":"westeurope","properties":{"minimumTlsVersion":"TLS1_2",\n"minimumTlsVersion":"TLS1_0"},\n"properties":{"minimumTlsVersion":"TLS1_1"}}]}')]);
}

/** Templates of every target scope, with nested deployments into resource groups and subscriptions. */
function targetScopes(set) {
  const schemas = {
    sub: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#',
    mg: 'https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#',
    tenant: 'https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#',
  };
  for (const [n, schema] of Object.entries(schemas)) {
    set.write(`scopes/${n}.json`, { ...K.tpl([
      { type: 'Microsoft.Authorization/policyAssignments', apiVersion: '2022-06-01', name: 'mfa', properties: { policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/4e6c27d5-a6ee-49cf-b2b4-d8fe90fa2b8b' } },
      { ...K.roleAssignment("[guid('x')]"), properties: { ...K.roleAssignment('x').properties, roleDefinitionId: `[tenantResourceId('Microsoft.Authorization/roleDefinitions', '${K.ROLES.owner}')]` } },
      { type: 'Microsoft.Resources/resourceGroups', apiVersion: '2022-09-01', name: 'rg-a', location: 'westeurope', tags: K.tags('prod') },
      { ...K.nestedDeployment('inrg', 'inner', K.tpl([K.storage('stinrg', { weak: true }), K.diagScope('Microsoft.Storage/storageAccounts', 'stinrg')])), resourceGroup: 'rg-a' },
      { ...K.nestedDeployment('insub', undefined, { ...K.tpl([{ type: 'Microsoft.Security/pricings', apiVersion: '2023-01-01', name: 'VirtualMachines', properties: { pricingTier: 'Free' } }]), $schema: schemas.sub }), subscriptionId: '22222222-2222-2222-2222-222222222222', location: 'westeurope' },
      { type: 'Microsoft.Security/pricings', apiVersion: '2023-01-01', name: 'StorageAccounts', properties: { pricingTier: 'Standard' } },
    ]), $schema: schema });
    set.add(`scope-${n}`, [`scopes/${n}.json`, '--baseline', 'standard']);
  }
}

export function armCases(set) {
  environments(set);
  copyLoops(set);
  nestedDeployments(set);
  unknownsAndDuplicates(set);
  diagnosticSettings(set);
  networkAndAccess(set);
  nameCase(set);
  declarations(set);
  targetScopes(set);
}
