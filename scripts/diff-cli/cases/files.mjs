// Input files as bytes: every layout and encoding of one template (findings must keep their lines), broken
// and non-template files, parameters files (encodings, errors, one file shared by a folder of templates).
import fs from 'node:fs';
import path from 'node:path';
import * as K from './kit.mjs';

function encodings(set) {
  const base = K.tpl([K.storage('stenc', { weak: true }), K.keyVault('kvénc', { weak: true }), K.looped(K.storage("[concat('stl', copyIndex())]", { weak: true }), 'c', 2)], { metadata: { description: 'Données — 日本語 😀 naïve \u2028\u2029\u0085' } });
  for (const layout of K.LAYOUTS) set.write(`enc/${layout}.json`, K.encode(base, layout));
  const text = K.encode(base, 'pretty');
  const raw = {
    'utf16le-nobom': Buffer.from(text, 'utf16le'),
    'mixed-eol': text.split('\n').map((l, i) => l + ['\n', '\r\n', '\r'][i % 3]).join(''),
    'one-token-a-line': text.replace(/: /g, ':\n').replace(/,\n/g, '\n,\n'),
    'escaped-keys': text.replace('"minimumTlsVersion": "TLS1_0"', '"minimum\\u0054lsVersion": "TLS1_0"').replace('"stenc"', '"st\\u0065nc"'),
    'raw-line-separators': text.replace('naïve', 'naïve \u2028raw\u2029'),
    'utf16-comments': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('// x\r\n' + text, 'utf16le')]),
    latin1: Buffer.from(text.replace(/[^\u0000-\u00ff]/g, ''), 'latin1'),
    'invalid-utf8': Buffer.concat([Buffer.from(text.slice(0, 50)), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(text.slice(50))]),
    'trailing-comma': text.replace('"StorageV2",', '"StorageV2",,'),
    truncated: text.slice(0, Math.floor(text.length / 2)),
    'unterminated-comment': text.replace('{', '{ /* never closed'),
    empty: '', whitespace: '  \n\t\r\n', 'bom-only': '\ufeff', null: 'null', array: '[1,2,3]', string: '"hello"',
    'nul-byte': Buffer.from('{"a":\u0000}'),
    deep: '['.repeat(5000) + ']'.repeat(5000),
    'lone-surrogate': text.replace('naïve', '\\ud800 x \\udfff'),
    'bicep-source': "param x string\nresource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {}\n",
  };
  for (const [n, bytes] of Object.entries(raw)) set.write(`enc/${n}.json`, bytes);
  for (const f of fs.readdirSync(path.join(set.root, 'enc')).sort()) set.add(`file-${path.basename(f, '.json')}`, [`enc/${f}`]);
  set.add('file-folder', ['enc']);
  set.add('file-missing', ['enc/pretty.json', 'enc/does-not-exist.json']);
  set.add('file-glob-no-match', ['enc/*.nomatch']);
  set.add('file-glob-with-exclusion', ['enc/*.json', '!enc/utf16*.json', '!enc/nothing-*.json']);
}

/** One parameters file for a folder of templates that declare all, some or none of its parameters. */
function sharedParameters(set) {
  const declaring = (names) => K.tpl([K.storage(`[concat('st', parameters('${names[0]}'))]`, { weak: true })], { parameters: Object.fromEntries(names.map((n) => [n, { type: 'string', defaultValue: `def-${n}` }])) });
  const files = {
    'a-declares-both.json': declaring(['prefix', 'env']),
    'b-declares-prefix.json': declaring(['prefix']),
    'c-declares-other.json': declaring(['other']),
    'd-broken.json': '{"resources": [',
    'e-empty.json': '',
    'f-plan.json': fs.readFileSync(path.join(set.root, 'lz/terraform/compliant.plan.json')),
    'g-other-params.json': K.paramsFile({ prefix: 'x' }),
    'h-not-arm.json': { hello: 'world' },
    'i-comment-broken.json': '// c\n{"resources": [',
  };
  for (const [f, content] of Object.entries(files)) set.write(`pshare/${f}`, content);
  set.write('params/shared.json', K.paramsFile({ prefix: 'fromparams', env: 'prod' }));
  set.write('params/extra-param.json', K.paramsFile({ prefix: 'p', unknownParam: 1 }));
  set.write('params/keyvault-ref.json', { parameters: { prefix: { reference: { keyVault: { id: '/subscriptions/x/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv' }, secretName: 's' } } } });
  const p = (f) => ['--parameters', `params/${f}`];
  set.add('params-folder', ['pshare', ...p('shared.json')]);
  set.add('params-folder-extra-param', ['pshare', ...p('extra-param.json')]);
  set.add('params-folder-keyvault-ref', ['pshare', ...p('keyvault-ref.json')]);
  set.add('params-none-declares', ['pshare/c-declares-other.json', ...p('shared.json')]);
  set.add('params-one-of-two-declares', ['pshare/c-declares-other.json', 'pshare/b-declares-prefix.json', ...p('shared.json')]);
  set.add('params-unreadable-first', ['pshare/d-broken.json', 'pshare/e-empty.json', 'pshare/f-plan.json', 'pshare/b-declares-prefix.json', ...p('shared.json')]);
  set.add('params-unreadable-only', ['pshare/d-broken.json', 'pshare/i-comment-broken.json', ...p('shared.json')]);
  set.add('params-file-as-template', ['pshare/g-other-params.json', 'pshare/a-declares-both.json', '--parameters', 'pshare/g-other-params.json']);
  set.add('params-same-file-twice', ['pshare/a-declares-both.json', 'pshare/a-declares-both.json', ...p('shared.json')]);
  set.add('params-missing-file', ['pshare/a-declares-both.json', ...p('nope.json')]);
}

/** Parameters files in other encodings, broken, or with a value of the wrong type (located in its bytes). */
function parametersFiles(set) {
  const t = set.write('perr/t.json', K.tpl([K.storage("[concat('st', parameters('p'))]", { weak: true }), K.storage("[concat('sx', string(parameters('n')))]")], { parameters: { p: { type: 'string' }, n: { type: 'int', defaultValue: 1 } } }));
  const wrongType = '{\n "parameters": {\n  "p": { "value": "ok" },\n  "n": { "value": "not-an-int" }\n }\n}';
  const files = {
    bom: '\ufeff' + JSON.stringify(K.paramsFile({ p: 'bom' })),
    utf16: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(JSON.stringify(K.paramsFile({ p: 'u16' })), 'utf16le')]),
    comments: '// c\n{ /* x */ "parameters": { "p": { "value": "cm" } } }\r\n',
    empty: '', truncated: '{"parameters": {', 'not-object': '{"parameters": []}', 'no-value': '{"parameters": {"p": {}}}',
    'wrong-type-crlf-bom': '\ufeff' + wrongType.replace(/\n/g, '\r\n'),
    'wrong-type-utf16': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(wrongType, 'utf16le')]),
    'wrong-type-minified-non-ascii': '{"parameters":{"é😀":{"value":1},"p":{"value":"x"},"n":{"value":"not-an-int"}}}',
    'case-differs': JSON.stringify({ parameters: { P: { value: 'upper' }, N: { value: 3 } } }),
  };
  for (const [n, bytes] of Object.entries(files)) set.add(`params-${n}`, [t, '--parameters', set.write(`perr/${n}.params.json`, bytes)]);
}

export function fileCases(set) {
  encodings(set);
  sharedParameters(set);
  parametersFiles(set);
}
