// Random ARM scans (fast-check, fixed seed): 1-3 templates in a folder mixing the constructs of the
// hand-made cases (names and values from parameters, variables, loops and deploy-time references, nested
// deployments, diagnostic settings, private endpoints, NSGs, RBAC), in random layouts, with or without a
// broken or non-ARM file beside them, a parameters file, a config and --fail-on / --baseline.
import fs from 'node:fs';
import fc from 'fast-check';
import * as K from './kit.mjs';

const { SUB } = K;
const baseNames = ['st1', 'st2', 'stdata', 'kv1', 'kvprod', 'law1', 'vnet1', 'nsg1', 'sql1', 'cosmos1', 'stÉ', 'kv-😀'];
const nameArb = fc.oneof(
  fc.constantFrom(...baseNames),
  fc.constantFrom(...baseNames).map((n) => n.toUpperCase()),
  fc.constantFrom("[parameters('name')]", "[variables('vname')]", "[concat(parameters('prefix'), 'x')]", "[concat('st', uniqueString(resourceGroup().id))]", "[concat('st', copyIndex())]", "[format('{0}{1}', parameters('prefix'), copyIndex(1))]", "[take(guid(parameters('prefix')), 10)]", "[reference('x').name]"),
);
const envArb = fc.constantFrom(undefined, 'prod', 'Prod', 'dev', 'test', 'TEST', 'prd', 'sandbox', '', "[parameters('env')]", "[reference('e').env]", "[if(equals(mod(copyIndex(),2),0),'prod','dev')]");
const wsArb = fc.constantFrom(K.WS, `${SUB}/Microsoft.OperationalInsights/workspaces/law1`, "[resourceId('Microsoft.OperationalInsights/workspaces', 'law1')]", "[reference('w').id]", "[parameters('ws')]", `${SUB}/Microsoft.OperationalInsights/workspaces/LAW1`);
const targetTypeArb = fc.constantFrom('Microsoft.Storage/storageAccounts', 'Microsoft.KeyVault/vaults', 'Microsoft.Sql/servers', 'Microsoft.Network/networkSecurityGroups');
const subnetArb = fc.constantFrom(`${SUB}/Microsoft.Network/virtualNetworks/vnet1/subnets/snet-pe`, "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'snet-pe')]", "[reference('s').id]", "[parameters('subnetId')]", `${SUB}/Microsoft.Network/virtualNetworks/VNET1/subnets/x`);
const tlsArb = fc.constantFrom('TLS1_0', 'TLS1_2', 'tls1_2', "[parameters('tls')]", "[reference('t').v]", "[if(equals(copyIndex(), 1), 'TLS1_0', 'TLS1_2')]", 12);
const boolArb = fc.constantFrom(true, false, 'true', 'false', "[parameters('flag')]", "[reference('b').v]", null);
const portArb = fc.constantFrom('22', '3389', '*', '443', '20-25', '0-65535', "[parameters('port')]");
const srcArb = fc.constantFrom('Internet', '*', '0.0.0.0/0', '10.0.0.0/8', 'VirtualNetwork', "[parameters('src')]");

const resourceArb = fc.oneof(
  fc.record({ k: fc.constant('storage'), name: nameArb, env: envArb, tls: tlsArb, b1: boolArb, b2: boolArb, pna: fc.constantFrom('Enabled', 'Disabled', undefined, "[parameters('pna')]"), cmk: fc.boolean(), kvUri: fc.constantFrom('https://kv1.vault.azure.net/', 'https://KVPROD.vault.azure.net/keys/k', "[reference('kv').vaultUri]", "[parameters('kvUri')]") }),
  fc.record({ k: fc.constant('kv'), name: nameArb, env: envArb, weak: fc.boolean() }),
  fc.record({ k: fc.constant('law'), name: fc.constantFrom('law1', 'LAW1', 'log-central'), env: envArb }),
  fc.record({ k: fc.constant('diagScope'), t: targetTypeArb, name: nameArb, ws: wsArb, eh: fc.boolean(), dname: fc.constantFrom('d1', 'd2', 'to-central') }),
  fc.record({ k: fc.constant('diagNested'), t: targetTypeArb, name: nameArb, ws: wsArb, dname: fc.constantFrom('d1', 'd2', 'to-central') }),
  fc.record({ k: fc.constant('pe'), name: fc.constantFrom('pe1', 'pe2', "[concat('pe', copyIndex())]"), t: targetTypeArb, target: nameArb, subnet: subnetArb, env: envArb }),
  fc.record({ k: fc.constant('nsg'), name: fc.constantFrom('nsg1', 'NSG1', 'nsg2', "[concat('nsg', copyIndex())]"), rules: fc.array(fc.record({ port: portArb, src: srcArb, access: fc.constantFrom('Allow', 'Deny'), dir: fc.constantFrom('Inbound', 'Outbound') }), { maxLength: 4 }), propCopy: fc.boolean(), env: envArb }),
  fc.record({ k: fc.constant('vnet'), name: fc.constantFrom('vnet1', 'VNET1', 'vnet2'), n: fc.integer({ min: 0, max: 3 }), nsgEvery: fc.integer({ min: 1, max: 3 }), propCopy: fc.boolean(), env: envArb }),
  fc.record({ k: fc.constant('ra'), name: fc.constantFrom("[guid('a')]", "[guid('b', copyIndex())]", 'fixed-ra'), ptype: fc.constantFrom('User', 'Group', 'ServicePrincipal', undefined, "[parameters('ptype')]"), role: fc.constantFrom('8e3af657-a8ff-443c-a75c-2fe8c4bcb635', 'b24988ac-6180-42a0-ab88-20f7382dd24c', 'acdd72a7-3385-48ef-bd42-f606fba81ae7'), scoped: fc.boolean() }),
  fc.record({ k: fc.constant('role'), actions: fc.constantFrom(['*'], ['Microsoft.Storage/*/read'], ['*/read'], ["[parameters('action')]"]) }),
  fc.record({ k: fc.constant('sql'), name: nameArb, env: envArb, weak: fc.boolean() }),
);

const declArb = fc.record({ r: resourceArb, copy: fc.option(fc.record({ count: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom("[parameters('count')]", "[length(variables('list'))]")), mode: fc.constantFrom(undefined, 'serial') }), { freq: 3 }), dep: fc.boolean() });

const templateArb = fc.letrec((tie) => ({
  template: fc.record({
    decls: fc.array(declArb, { minLength: 0, maxLength: 9 }),
    nested: fc.array(fc.record({ scope: fc.constantFrom('inner', 'outer', undefined), inner: tie('leaf'), copy: fc.option(fc.integer({ min: 0, max: 3 }), { freq: 2 }), passName: fc.constantFrom("[concat('stn', copyIndex())]", "[parameters('name')]", "[variables('vname')]", 'stfixed') }), { maxLength: 2 }),
    prefix: fc.constantFrom('ct', 'CT', 'ünï', "[toLower('XY')]"),
    env: fc.constantFrom('prod', 'dev', "[parameters('env2')]"),
  }),
  leaf: fc.record({ decls: fc.array(declArb, { minLength: 0, maxLength: 4 }), nested: fc.constant([]), prefix: fc.constantFrom('in', 'IN'), env: fc.constantFrom('prod', 'dev', 'test') }),
}));

const formatArb = fc.constantFrom('pretty', ...K.LAYOUTS);
const caseArb = fc.record({
  files: fc.array(fc.record({ t: templateArb.template, fmt: formatArb }), { minLength: 1, maxLength: 3 }),
  params: fc.option(fc.record({ name: fc.constantFrom('st1', 'kv1', 'stparam'), env: fc.constantFrom('prod', 'dev'), extra: fc.boolean() }), { freq: 3 }),
  extraFile: fc.constantFrom(undefined, undefined, undefined, 'empty', 'truncated', 'notarm', 'tfplan'),
  config: fc.option(fc.record({
    baseline: fc.constantFrom(undefined, 'standard', 'hbi'),
    excl: fc.constantFrom(undefined, { resource: 'st*', reason: 'r' }, { control: 'ISRM.Network.*', reason: 'r' }, { control: 'ISRM.Environment.Segregation', resource: '*dev*', reason: 'r' }, { resource: 'kv*', reason: 'r' }),
    supp: fc.constantFrom(undefined, 'active', 'expired', 'unmatched'),
    sev: fc.constantFrom(undefined, { 'ISRM.Storage.MinTLS': 'low' }, { 'ISRM.Environment.Segregation': 'low', 'ISRM.Tagging.RequiredTags': 'high' }),
    env: fc.constantFrom(undefined, { production: ['prod', 'live'], nonProduction: ['dev'] }, { production: ['PROD'], nonProduction: ['test', 'sandbox'] }),
    ws: fc.constantFrom(undefined, K.WS, 'law1'),
  }), { freq: 2 }),
  failOn: fc.constantFrom(undefined, 'high', 'medium', 'none'),
  baselineArg: fc.constantFrom(undefined, undefined, 'standard'),
});

const idOf = (type, name) => `${SUB}/${type}/${name}`;

function resource(r) {
  switch (r.k) {
    case 'storage': {
      const s = K.storage(r.name, { env: r.env, extraProps: { minimumTlsVersion: r.tls, supportsHttpsTrafficOnly: r.b1, allowBlobPublicAccess: r.b2 } });
      if (r.pna === undefined) delete s.properties.publicNetworkAccess; else s.properties.publicNetworkAccess = r.pna;
      if (!r.cmk) delete s.properties.encryption; else s.properties.encryption.keyvaultproperties.keyvaulturi = r.kvUri;
      return s;
    }
    case 'kv': return K.keyVault(r.name, { env: r.env, weak: r.weak });
    case 'law': return K.workspace(r.name, r.env);
    case 'diagScope': { const d = K.diagScope(r.t, 'x', r.ws, r.dname, r.eh ? { eventHubAuthorizationRuleId: `${SUB}/Microsoft.EventHub/namespaces/eh/authorizationRules/r` } : {}); d.scope = r.name.startsWith('[') ? `[concat('${r.t}/', ${r.name.slice(1, -1)})]` : `${r.t}/${r.name}`; return d; }
    case 'diagNested': { const d = K.diagNested(r.t, 'x', r.ws, r.dname); d.name = r.name.startsWith('[') ? `[concat(${r.name.slice(1, -1)}, '/Microsoft.Insights/${r.dname}')]` : `${r.name}/Microsoft.Insights/${r.dname}`; return d; }
    case 'pe': return K.privateEndpoint(r.name, r.target.startsWith('[') ? `[resourceId('${r.t}', ${r.target.slice(1, -1)})]` : idOf(r.t, r.target), r.subnet, r.env);
    case 'nsg': {
      const rules = r.rules.map((x, i) => K.rule(`r${i}`, { port: x.port, source: x.src, access: x.access, direction: x.dir, priority: 100 + i }));
      const n = K.nsg(r.name, rules, r.env);
      if (r.propCopy && rules.length) n.properties = { copy: [{ name: 'securityRules', count: rules.length, input: { name: "[concat('rc', copyIndex('securityRules'))]", properties: { ...rules[0].properties, destinationPortRange: "[variables('ports')[copyIndex('securityRules')]]", priority: "[add(200, copyIndex('securityRules'))]" } } }] };
      return n;
    }
    case 'vnet': {
      const subnets = Array.from({ length: r.n }, (_, i) => ({ name: `sn${i}`, properties: { addressPrefix: `10.0.${i}.0/24`, ...(i % r.nsgEvery === 0 ? { networkSecurityGroup: { id: "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg1')]" } } : {}) } }));
      const v = K.vnet(r.name, subnets, r.env);
      if (r.propCopy) v.properties = { addressSpace: { addressPrefixes: ['10.0.0.0/16'] }, copy: [{ name: 'subnets', count: r.n, input: { name: "[concat('sc', copyIndex('subnets'))]", properties: { addressPrefix: "[concat('10.1.', copyIndex('subnets'), '.0/24')]" } } }] };
      return v;
    }
    case 'ra': return K.roleAssignment(r.name, { principalType: r.ptype, role: r.role, scope: r.scoped ? "[format('Microsoft.Storage/storageAccounts/{0}', 'st1')]" : undefined });
    case 'role': return K.customRole("[guid('role', string(length(parameters('prefix'))))]", r.actions);
    case 'sql': return K.sqlServer(r.name, r.env, r.weak);
  }
  throw new Error(r.k);
}

const PARAMS = {
  name: { type: 'string', defaultValue: 'stparam' }, prefix: { type: 'string', defaultValue: 'ct' }, env: { type: 'string', defaultValue: 'prod', allowedValues: ['prod', 'dev', 'test'] },
  env2: { type: 'string', defaultValue: 'dev' }, ws: { type: 'string', defaultValue: K.WS }, tls: { type: 'string', defaultValue: 'TLS1_1' }, flag: { type: 'bool', defaultValue: true },
  pna: { type: 'string', defaultValue: 'Enabled' }, kvUri: { type: 'string', defaultValue: 'https://kvprod.vault.azure.net/' }, subnetId: { type: 'string', defaultValue: `${SUB}/Microsoft.Network/virtualNetworks/vnet1/subnets/snet-pe` },
  port: { type: 'string', defaultValue: '22' }, src: { type: 'string', defaultValue: 'Internet' }, ptype: { type: 'string', defaultValue: 'User' }, action: { type: 'string', defaultValue: '*' }, count: { type: 'int', defaultValue: 2 },
};

function template(t) {
  const resources = [];
  for (const d of t.decls) {
    const r = resource(d.r);
    if (d.copy) r.copy = { name: `loop${resources.length}`, count: d.copy.count, ...(d.copy.mode ? { mode: d.copy.mode, batchSize: 1 } : {}) };
    if (d.dep && resources.length) r.dependsOn = [resources[resources.length - 1].name?.startsWith?.('[') ? 'x' : String(resources[resources.length - 1].name)];
    resources.push(r);
  }
  for (const [i, n] of (t.nested ?? []).entries()) {
    const inner = template(n.inner);
    const dep = K.nestedDeployment(n.copy !== null ? `[concat('nd${i}-', copyIndex())]` : `nd${i}`, n.scope, inner);
    if (n.scope === 'inner') dep.properties.parameters = { name: { value: n.copy !== null ? n.passName : n.passName.replace(/copyIndex\(\)/g, "'c'") }, prefix: { value: "[parameters('prefix')]" }, env: { value: n.copy !== null ? "[if(equals(copyIndex(), 0), 'prod', 'dev')]" : 'test' } };
    if (n.copy !== null) dep.copy = { name: `nloop${i}`, count: n.copy };
    resources.push(dep);
  }
  return K.tpl(resources, { parameters: { ...PARAMS, prefix: { type: 'string', defaultValue: t.prefix } }, variables: { vname: `[concat(parameters('prefix'), 'var')]`, list: [1, 2, 3], ports: ['22', '*', '443', '3389', '80'], envv: t.env } });
}

const EXTRA_FILES = {
  empty: ['x-empty.json', ''],
  truncated: ['x-trunc.json', '{"resources": [ {"type": '],
  notarm: ['x-notarm.json', '{"a": 1}'],
};

function configOf(c) {
  const cfg = {};
  if (c.baseline) cfg.baseline = c.baseline;
  if (c.excl) cfg.exclusions = [c.excl];
  if (c.supp) cfg.suppressions = [{ control: c.supp === 'unmatched' ? 'ISRM.Storage.MinTLS' : 'ISRM.Storage.*', resource: c.supp === 'unmatched' ? 'nomatch' : 'st*', justification: 'j', owner: 'o', expires: c.supp === 'expired' ? '2026-01-31' : '2027-06-30' }];
  if (c.sev) cfg.severityOverrides = c.sev;
  if (c.env) cfg.environments = c.env;
  if (c.ws) cfg.centralWorkspace = c.ws;
  return cfg;
}

/** `count` random scans from `seed`, each in random/<n>/, then all their templates as one scan. */
export function randomCases(set, { count, seed }) {
  fc.sample(caseArb, { numRuns: count, seed }).forEach((c, i) => {
    const dir = `random/${String(i).padStart(4, '0')}`;
    c.files.forEach((f, j) => set.write(`${dir}/t${j}.json`, K.encode(template(f.t), f.fmt)));
    if (c.extraFile === 'tfplan') set.write(`${dir}/x-plan.json`, fs.readFileSync(`${set.root}/lz/terraform/compliant.plan.json`));
    else if (c.extraFile) set.write(`${dir}/${EXTRA_FILES[c.extraFile][0]}`, EXTRA_FILES[c.extraFile][1]);
    const args = [dir];
    if (c.params) args.push('--parameters', set.write(`${dir}.params.json`, K.paramsFile({ name: c.params.name, env: c.params.env, ...(c.params.extra ? { notDeclaredAnywhere: 1 } : {}) })));
    if (c.config) args.push('--config', set.write(`${dir}.config.json`, configOf(c.config)));
    if (c.failOn) args.push('--fail-on', c.failOn);
    if (c.baselineArg) args.push('--baseline', c.baselineArg);
    set.add(`random-${seed}-${String(i).padStart(4, '0')}`, args);
  });
  if (count > 0) set.add(`random-${seed}-all-templates`, ['random/*/t*.json', '--baseline', 'standard']);
}
