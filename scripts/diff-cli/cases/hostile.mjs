// Values that test escaping and conversion to text: strings with markup, control and line-separator
// characters in every place a report echoes; template values replaced one at a time by objects String()
// cannot convert ({"toString": null}) or by arrays; the same for Terraform plan values and plan layouts.
import fs from 'node:fs';
import path from 'node:path';
import * as K from './kit.mjs';

const STRINGS = [
  '<script>alert(1)</script>', ']]><x a="b">&amp;&#0;', '| a | b |\n|---|---|', '`code` **bold** [link](javascript:x) ![i](x)',
  '\u001b[31mred\u001b[0m', 'line1\nline2\r\nline3\rline4', '\u2028\u2029\u0085\u000b\u000c', 'tab\there', '\u0000\u0001\u007f',
  '##vso[task.setvariable variable=x]y', '\ud800 lone', 'é😀𝟘 İı ß ǅ', '%s %d {0} $(var) ${x}', '"quoted" \'single\' \\back\\', ' ', 'x'.repeat(5000),
];

/** Each hostile string as a resource name, tag value, parameter value, and config justification / reason. */
function hostileStrings(set) {
  STRINGS.forEach((s, i) => {
    const dir = `hostile-strings/${String(i).padStart(2, '0')}`;
    const t = set.write(`${dir}/t.json`, K.tpl([
      K.storage(s, { weak: true, env: 'prod' }),
      K.storage('stp', { weak: true, tagsValue: { Environment: s, CostCenter: s, UseCase: "[parameters('p')]" } }),
      K.keyVault("[parameters('p')]", { weak: true, env: 'dev' }),
      K.nsg('nsg1', [K.rule(s, { port: s, source: s })], 'prod'),
    ], { parameters: { p: { type: 'string' } } }));
    const params = set.write(`${dir}/p.json`, K.paramsFile({ p: s }));
    const config = set.write(`${dir}/c.json`, { exclusions: [{ resource: 'nsg1', reason: s }], suppressions: [{ control: 'ISRM.Storage.*', resource: 'stp', justification: s, owner: s, expires: '2027-01-01' }] });
    set.add(`hostile-string-${String(i).padStart(2, '0')}`, [t, '--parameters', params, '--config', config]);
  });
}

const HOSTILE_VALUES = { toString: { toString: null }, valueOf: { valueOf: null, toString: null }, array: ['a', 'b'] };

/** One template a value: each leaf of a small but broad template replaced in turn (the kind rotates). */
function hostileValues(set) {
  const base = K.tpl([
    K.storage('sth', { env: 'prod' }), K.keyVault('kvh', { env: 'dev' }),
    K.diagScope('Microsoft.Storage/storageAccounts', 'sth'), K.diagNested('Microsoft.KeyVault/vaults', 'kvh'),
    K.privateEndpoint('peh', `${K.SUB}/Microsoft.Storage/storageAccounts/sth`, K.subnetId('v', 's'), 'prod'),
    K.nsg('nsgh', [K.rule('ssh')], 'prod'), K.roleAssignment('ra1'), K.customRole('cr1', ['*']), K.sqlServer('sqlh', 'prod', true),
  ]);
  const leaves = [];
  const visit = (v, p) => {
    if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) visit(x, [...p, k]);
    else if (!['type', 'apiVersion', 'name'].includes(p[p.length - 1])) leaves.push(p);
  };
  visit(base.resources, ['resources']);
  const kinds = Object.keys(HOSTILE_VALUES);
  leaves.forEach((p, i) => {
    const kind = kinds[i % kinds.length];
    const t = structuredClone(base);
    const parent = p.slice(0, -1).reduce((o, k) => o[k], t);
    parent[p[p.length - 1]] = HOSTILE_VALUES[kind];
    const name = `${String(i).padStart(3, '0')}-${kind}`;
    set.add(`hostile-value-${name}-${p.slice(1).join('.')}`.slice(0, 110), [set.write(`hostile-values/${name}.json`, t), '--baseline', 'standard']);
  });
  const keys = structuredClone(base);
  keys.resources[0].tags = { toString: 'x', valueOf: 'y', constructor: 'z', Environment: 'prod', CostCenter: 'c', UseCase: 'u' };
  keys.resources[1].properties.toString = null;
  keys.parameters = { p: { type: 'object', defaultValue: { toString: null } } };
  keys.resources.push(K.storage("[string(parameters('p'))]", { weak: true }));
  set.add('hostile-value-keys', [set.write('hostile-values/keys.json', keys), '--baseline', 'standard']);
}

function terraform(set) {
  const planText = fs.readFileSync(path.join(set.root, 'lz/terraform/noncompliant.plan.json'), 'utf8');
  const plan = JSON.parse(planText);
  const layouts = {
    minified: JSON.stringify(plan), crlf: planText.replace(/\r?\n/g, '\r\n'), bom: '\ufeff' + planText,
    utf16le: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(planText, 'utf16le')]),
    'non-ascii-names': planText.replace(/"name": "([a-z0-9-]+)"/g, '"name": "$1-é😀"'),
    'changes-reversed': JSON.stringify({ ...plan, resource_changes: [...(plan.resource_changes ?? [])].reverse() }, null, 2),
    'changes-duplicated': JSON.stringify({ ...plan, resource_changes: [...(plan.resource_changes ?? []), ...(plan.resource_changes ?? []).slice(0, 3)] }, null, 2),
  };
  for (const [n, bytes] of Object.entries(layouts)) set.add(`tf-layout-${n}`, [set.write(`tf/layout-${n}.plan.json`, bytes), '--baseline', 'standard']);

  const single = (type, values) => {
    const r = { address: `${type}.x`, mode: 'managed', type, name: 'x', provider_name: 'registry.terraform.io/hashicorp/azurerm', schema_version: 0 };
    return { format_version: '1.2', terraform_version: '1.9.0', planned_values: { root_module: { resources: [{ ...r, values }] } }, resource_changes: [{ ...r, change: { actions: ['create'], before: null, after: values, after_unknown: {} } }] };
  };
  const walk = function* (m) { for (const r of m.resources ?? []) yield r; for (const c of m.child_modules ?? []) yield* walk(c); };
  const st = [...walk(plan.planned_values.root_module)].find((r) => r.type === 'azurerm_storage_account').values;
  const places = {
    'storage-tier': (v) => single('azurerm_storage_account', { ...st, account_tier: v }),
    'storage-bypass': (v) => single('azurerm_storage_account', { ...st, network_rules: [{ default_action: 'Deny', bypass: [v, 'AzureServices'], ip_rules: [], virtual_network_subnet_ids: [], private_link_access: [] }] }),
    'cosmos-ip-range': (v) => single('azurerm_cosmosdb_account', { name: 'cosmos1', location: 'westeurope', resource_group_name: 'rg', offer_type: 'Standard', public_network_access_enabled: true, ip_range_filter: [v, '10.0.0.0/8'], tags: {} }),
    'apim-sku': (v) => single('azurerm_api_management', { name: 'apim1', location: 'westeurope', resource_group_name: 'rg', publisher_name: 'p', publisher_email: 'p@x', sku_name: v, tags: {} }),
  };
  const values = { ...HOSTILE_VALUES, object: { a: 1 }, number: 5, null: null, markup: STRINGS[0] };
  for (const [place, make] of Object.entries(places)) {
    for (const [kind, v] of Object.entries(values)) set.add(`tf-value-${place}-${kind}`, [set.write(`tf/${place}-${kind}.plan.json`, make(v))]);
  }
}

export function hostileCases(set) {
  hostileStrings(set);
  hostileValues(set);
  terraform(set);
}
