// ARM expressions: random ones (fast-check, fixed seed) in names, checked properties, tags, conditions,
// copy counts, variables, parameter defaults and nested-deployment parameters, inside resource and property
// copy loops and inner / outer nested deployments; and hand-made ones for user functions, lambdas, deploy-
// time values and evaluation errors.
import fc from 'fast-check';
import * as K from './kit.mjs';

// ctx: { loop: name of the enclosing resource loop or undefined, prop: property loop name or undefined }
function exprArbs(ctx) {
  const { S, N, B } = fc.letrec((tie) => {
    const strs = [
      fc.constantFrom("'a'", "'B-c'", "'é😀'", "''", "'TLS1_2'", "'prod'", "'dev'"),
      fc.constantFrom("parameters('sp')", "variables('sv')", "variables('sv2')", "parameters('SP')", "string(parameters('np'))", "variables('obj').k", "variables('arr')[1]", "resourceGroup().name", "subscription().subscriptionId", "deployment().name", "resourceGroup().location", "reference('ext').p", "listKeys('k', '1').keys[0].value", "environment().name", "string(variables('vc')[0])"),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `concat(${a}, ${b})`),
      tie('S').map((a) => `toLower(${a})`),
      tie('S').map((a) => `toUpper(${a})`),
      fc.tuple(tie('B'), tie('S'), tie('S')).map(([c, a, b]) => `if(${c}, ${a}, ${b})`),
      fc.tuple(tie('S'), tie('N')).map(([a, n]) => `format('{0}-{1}', ${a}, ${n})`),
      tie('S').map((a) => `guid(${a})`),
      tie('S').map((a) => `uniqueString(${a})`),
      tie('S').map((a) => `replace(${a}, 'a', 'x')`),
      tie('S').map((a) => `first(split(${a}, '-'))`),
      tie('N').map((n) => `string(${n})`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `last(createArray(${a}, ${b}))`),
      tie('S').map((a) => `coalesce(null(), ${a})`),
      fc.tuple(tie('S'), fc.integer({ min: 0, max: 6 })).map(([a, n]) => `take(${a}, ${n})`),
      tie('S').map((a) => `padLeft(${a}, 4, '0')`),
      tie('S').map((a) => `base64(${a})`),
      tie('S').map((a) => `string(union(createObject('a', ${a}), variables('obj')))`),
      tie('S').map((a) => `trim(${a})`),
      tie('S').map((a) => `string(length(${a}))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `string(createArray(${a}, ${b}))`),
      fc.tuple(tie('S'), tie('S'), tie('S')).map(([a, b, c]) => `string(concat(createArray(${a}), createArray(${b}, ${c})))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `string(union(createArray(${a}), createArray(${b}, 'a')))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `first(map(createArray(${a}, 'q'), lambda('x', concat(lambdaVariables('x'), ${b}))))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `reduce(createArray(${a}, ${b}), 'r', lambda('a', 'b', concat(lambdaVariables('a'), lambdaVariables('b'))))`),
      fc.tuple(tie('S'), tie('S'), tie('S')).map(([a, b, c]) => `string(filter(createArray(${a}, ${b}, ${c}), lambda('x', not(empty(lambdaVariables('x'))))))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `ns.f(${a}, ${b})`),
      tie('S').map((a) => `ns.g(${a})`),
      fc.tuple(tie('S'), tie('N'), tie('B')).map(([a, n, b]) => `format('{0}|{1}|{2}', ${a}, ${n}, ${b})`),
      fc.tuple(tie('N'), tie('N'), tie('N')).map(([a, b, c]) => `string(max(${a}, ${b}, ${c}))`),
      fc.tuple(tie('N'), tie('N')).map(([a, b]) => `string(min(createArray(${a}, ${b})))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `string(skip(createArray(${a}, ${b}), 1))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `string(objectKeys(createObject('k1', ${a}, 'k2', ${b})))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `string(items(createObject('a', ${a}, 'b', ${b})))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `string(intersection(createArray(${a}, 'a'), createArray('a', ${b})))`),
      tie('S').map((a) => `string(tryGet(createObject('a', ${a}), 'a'))`),
      tie('S').map((a) => `string(split(${a}, 'a'))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `join(createArray(${a}, ${b}), ',')`),
      tie('N').map((n) => `string(range(${n}, 3))`),
      fc.tuple(tie('S'), tie('S'), tie('S')).map(([a, b, c]) => `string(flatten(createArray(createArray(${a}), createArray(${b}, ${c}))))`),
      tie('S').map((a) => `dataUri(${a})`),
      tie('S').map((a) => `string(indexOf(${a}, 'a'))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `string(coalesce(createArray(), createArray(${a}), ${b}))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `string(concat(${a}, ${b}, concat(${b}, ${a})))`),
      fc.tuple(tie('S'), tie('S')).map(([a, b]) => `string(createObject('x', createArray(${a}, ${b}), 'y', createArray(${b})))`),
    ];
    const nums = [
      fc.integer({ min: 0, max: 9 }).map(String),
      tie('S').map((a) => `length(${a})`),
      fc.tuple(tie('N'), tie('N')).map(([a, b]) => `add(${a}, ${b})`),
      tie('N').map((a) => `mod(${a}, 3)`),
      fc.constant("parameters('np')"),
      fc.constant("length(variables('arr'))"),
      tie('N').map((a) => `int(string(${a}))`),
    ];
    if (ctx.loop) { strs.push(fc.constant('string(copyIndex())'), fc.constant(`string(copyIndex('${ctx.loop}', 2))`)); nums.push(fc.constant('copyIndex()'), fc.constant(`copyIndex('${ctx.loop}')`)); }
    if (ctx.prop) { strs.push(fc.constant(`string(copyIndex('${ctx.prop}'))`)); nums.push(fc.constant(`copyIndex('${ctx.prop}')`)); }
    return {
      S: fc.oneof({ depthSize: 'small', withCrossShrink: true }, ...strs),
      N: fc.oneof({ depthSize: 'small' }, ...nums),
      B: fc.oneof({ depthSize: 'small' },
        fc.tuple(tie('S'), tie('S')).map(([a, b]) => `equals(${a}, ${b})`),
        fc.tuple(tie('N'), tie('N')).map(([a, b]) => `greater(${a}, ${b})`),
        fc.tuple(tie('B'), tie('B')).map(([a, b]) => `and(${a}, ${b})`),
        tie('B').map((a) => `not(${a})`),
        tie('S').map((a) => `contains(${a}, 'a')`),
        tie('S').map((a) => `empty(${a})`),
        fc.constant("parameters('bp')"),
        fc.constant('true()')),
    };
  });
  return { S, N, B };
}

const top = exprArbs({});
const inLoop = exprArbs({ loop: 'rl' });
const inProp = exprArbs({ loop: 'rl', prop: 'securityRules' });
const e = (s) => `[${s}]`;

const storageArb = (x) => fc.record({ name: x.S, tls: x.S, env: x.S, pna: fc.option(x.S), cond: fc.option(x.B, { freq: 3 }) });
const nsgArb = fc.record({ port: inProp.S, src: inProp.S, count: inLoop.N });

const templateArb = fc.record({
  params: fc.record({ sp: top.S, np: top.N, bp: top.B }),
  vars: fc.record({ sv: top.S, sv2: top.S }),
  plain: fc.array(storageArb(top), { maxLength: 3 }),
  looped: fc.option(fc.record({ count: top.N, st: storageArb(inLoop) })),
  nsg: fc.option(nsgArb),
  nested: fc.array(fc.record({ scope: fc.constantFrom('inner', 'outer'), sp: inLoop.S, np: inLoop.N, copy: fc.option(fc.integer({ min: 1, max: 3 })), st: storageArb(top) }), { maxLength: 2 }),
  layout: fc.constantFrom('pretty', 'minified', 'crlf'),
  standard: fc.boolean(),
});

const safeCount = (n) => `[min(4, max(0, ${n}))]`;
const nameOf = (s) => e(`concat('st', take(replace(toLower(uniqueString(${s})), '-', ''), 8))`);

function storageRes(st, nameExpr) {
  const r = K.storage(nameExpr ?? nameOf(st.name), { tagsValue: { CostCenter: 'c', UseCase: 'u', Environment: e(st.env) }, extraProps: { minimumTlsVersion: e(st.tls) } });
  if (st.pna !== null) r.properties.publicNetworkAccess = e(st.pna);
  if (st.cond !== null) r.condition = e(st.cond);
  return r;
}

const FUNCTIONS = [{ namespace: 'ns', members: { f: { parameters: [{ name: 'a', type: 'string' }, { name: 'b', type: 'string' }], output: { type: 'string', value: "[concat(parameters('a'), '-', parameters('b'), string(createArray(parameters('b'), parameters('a'))))]" } }, g: { parameters: [{ name: 'a', type: 'string' }], output: { type: 'string', value: "[concat(parameters('a'), parameters('a'))]" } } } }];

function build(t) {
  const parameters = {
    sp: { type: 'string', defaultValue: e(t.params.sp) }, np: { type: 'int', defaultValue: 2 }, bp: { type: 'bool', defaultValue: true },
    np2: { type: 'int', defaultValue: e(`min(5, ${t.params.np})`) }, bp2: { type: 'bool', defaultValue: e(t.params.bp) },
  };
  const variables = { sv: e(t.vars.sv), sv2: e(t.vars.sv2), obj: { k: "[concat('v', parameters('sp'))]" }, arr: ['x', "[parameters('sp')]", 3], copy: [{ name: 'vc', count: 2, input: "[concat('vc', copyIndex('vc'), parameters('sp'))]" }] };
  const resources = t.plain.map((s) => storageRes(s));
  if (t.looped) {
    const r = storageRes(t.looped.st, e(`concat('stl', copyIndex(), take(uniqueString(${t.looped.st.name}), 5))`));
    r.copy = { name: 'rl', count: safeCount(t.looped.count) };
    resources.push(r);
  }
  if (t.nsg) {
    resources.push({ ...K.nsg("[concat('nsg', copyIndex())]", [], 'prod'), copy: { name: 'rl', count: 2 }, properties: { copy: [{ name: 'securityRules', count: safeCount(t.nsg.count), input: { name: "[concat('r', copyIndex('securityRules'))]", properties: { protocol: 'Tcp', sourcePortRange: '*', destinationPortRange: e(t.nsg.port), sourceAddressPrefix: e(t.nsg.src), destinationAddressPrefix: '*', access: 'Allow', priority: "[add(100, copyIndex('securityRules'))]", direction: 'Inbound' } } }] } });
  }
  t.nested.forEach((n, i) => {
    const innerT = K.tpl([storageRes(n.st)], { parameters: n.scope === 'inner' ? { sp: { type: 'string' }, np: { type: 'int', defaultValue: 1 }, bp: { type: 'bool', defaultValue: false } } : undefined, variables: n.scope === 'inner' ? { sv: "[concat('in', parameters('sp'))]", sv2: "[string(parameters('np'))]", obj: { k: 'inner' }, arr: [1, 2, 3], vc: ['z'] } : undefined });
    if (n.scope === 'inner') innerT.functions = FUNCTIONS;
    if (!innerT.parameters) delete innerT.parameters;
    if (!innerT.variables) delete innerT.variables;
    const loopCtx = n.copy !== null;
    const dep = K.nestedDeployment(loopCtx ? `[concat('nd${i}-', copyIndex())]` : `nd${i}`, n.scope, innerT, n.scope === 'inner' ? { sp: { value: e(loopCtx ? n.sp : n.sp.replace(/copyIndex\([^)]*\)/g, '0')) }, np: { value: e(loopCtx ? n.np : n.np.replace(/copyIndex\([^)]*\)/g, '1')) } } : {});
    if (n.scope === 'outer') delete dep.properties.parameters;
    if (loopCtx) dep.copy = { name: 'rl', count: n.copy };
    resources.push(dep);
  });
  return K.tpl(resources, { parameters, variables, functions: FUNCTIONS });
}

/** `count` random expression templates from `seed`, one scan each, then all of them as one scan. */
export function expressionCases(set, { count, seed }) {
  handMade(set);
  fc.sample(templateArb, { numRuns: count, seed }).forEach((t, i) => {
    const name = `expr-${seed}-${String(i).padStart(4, '0')}`;
    const f = set.write(`expr/${name}.json`, K.encode(build(t), t.layout));
    set.add(name, [f, ...(t.standard ? ['--baseline', 'standard'] : [])]);
  });
  if (count > 0) set.add(`expr-${seed}-all`, ['expr', '--baseline', 'standard']);
}

function handMade(set) {
  const st = (name, more = {}) => ({ ...K.storage(name, { weak: true }), ...more });
  const ns = (members) => [{ namespace: 'ns', members }];
  const fn = (params, value) => ({ parameters: params.map((n) => ({ name: n, type: 'string' })), output: { type: 'string', value } });
  const templates = {
    'user-functions': K.tpl([K.looped(st("[ns.f(string(copyIndex()))]"), 'c', 3), st("[ns.f('9')]"), st("[ns.g()]"), st("[concat(ns.g(), 'x')]")], { functions: ns({ f: fn(['i'], "[concat('stf', parameters('i'))]"), g: fn([], "[concat('stg', 'x')]") }) }),
    'user-function-errors': K.tpl([st("[ns.f('a')]"), st("[ns.h()]"), st("[ns.v()]")], { functions: ns({ f: fn(['i'], "[concat('stf', parameters('nope'))]"), v: fn([], "[variables('x')]") }), variables: { x: 'y' } }),
    lambdas: K.tpl([st("[concat('st', string(length(filter(variables('arr'), lambda('x', greater(lambdaVariables('x'), 1))))))]"), st("[first(map(variables('arr'), lambda('x', concat('stm', string(lambdaVariables('x'))))))]"), K.looped(st("[concat(reduce(variables('arr'), 'str', lambda('a', 'b', concat(lambdaVariables('a'), string(lambdaVariables('b'))))), copyIndex())]"), 'c', 2)], { variables: { arr: [1, 2, 3] } }),
    'deploy-time-values': K.tpl([st("[concat('st', take(parameters('g'), 4))]"), st("[concat('sx', take(parameters('g'), 4))]"), st("[concat('sy', take(parameters('t'), 4))]"), st('st1', { properties: { minimumTlsVersion: "[variables('r')]" } }), st('st2', { properties: { minimumTlsVersion: "[listSecrets('x','1').value]" } })], { parameters: { g: { type: 'string', defaultValue: '[newGuid()]' }, t: { type: 'string', defaultValue: '[utcNow()]' } }, variables: { r: "[reference('x').tls]" } }),
    'variable-with-copy-index': K.tpl([K.looped(st("[variables('n')]"), 'c', 3), st("[concat(variables('n'), 'x')]")], { variables: { n: "[concat('st', copyIndex())]" } }),
    'parameter-errors': K.tpl([st("[parameters(concat('p', 'x'))]"), st("[parameters('P')]"), st("[parameters(1)]"), st("[variables('V')]"), st("[parameters()]"), st("[concat('st'"), st("[badfn('x')]"), K.looped(st("[concat('st', copyIndex('nosuch'))]"), 'c', 2)], { parameters: { p: { type: 'string', defaultValue: 'stp' } }, variables: { v: 'stv' } }),
    'parameter-constraints': K.tpl([st("[parameters('p')]"), st("[parameters('q')]")], { parameters: { p: { type: 'string', defaultValue: 'stbad', allowedValues: ['sta', 'stb'] }, q: { Type: 'string', DefaultValue: 'stq1', defaultvalue: 'stq2', MinLength: 10 }, r: { type: 'int', defaultValue: 'notint' } } }),
    'variable-cycle': K.tpl([st("[variables('a')]")], { variables: { a: "[variables('b')]", b: "[variables('a')]" } }),
    'ids-and-guids': K.tpl([
      st(`[concat('st', take(guid('${'a'.repeat(1100)}', 'b'), 8))]`), st("[concat('st', take(guid('😀😀', 'ß', 'İ', '\ud800'), 8))]"), st("[concat('st', take(uniqueString('ünï', 'x'), 8))]"),
      st("[last(split(resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's'), '/'))]"), st("[last(split(resourceId('sub1', 'rg1', 'Microsoft.Storage/storageAccounts', 'stx'), '/'))]"),
      st("[concat('st', length(extensionResourceId(resourceId('Microsoft.Storage/storageAccounts','a'), 'Microsoft.Authorization/locks', 'l')))]"),
      st("[concat('st', length(tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p')), length(subscriptionResourceId('Microsoft.Resources/resourceGroups', 'r')))]"),
      st("[concat('st', length(resourceId('Microsoft.Storage', 'a')))]"), st("[last(split(resourceId('Microsoft.Storage/storageAccounts', 'a/b'), '/'))]"),
    ]),
    'step-budget': K.tpl([K.looped(st("[concat('st', copyIndex())]", { properties: { a: "[length(string(range(0, 10000)))]", b: "[length(string(range(copyIndex(), 10000)))]" } }), 'l', 800)]),
    'range-limit': K.tpl([st("[concat('st', string(length(range(0, 10000))))]"), st("[concat('st', string(length(range(0, 10001))))]")]),
  };
  for (const [n, t] of Object.entries(templates)) set.add(`expr-${n}`, [set.write(`expr-hand/${n}.json`, t)]);
}
