import assert from 'node:assert/strict';
import { isUnknown } from '../../src/core/model';
import { expand, template, throwsInput } from './helpers';

function withParam(decl: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return template({
    parameters: { p: decl, ...extra },
    resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'site', properties: { value: "[parameters('p')]" } }],
  });
}

const valueOf = (r: ReturnType<typeof expand>) => r.resources[0]!.properties.value;

describe('ARM expansion: parameters', () => {
  it('reads values from a parameters file ({parameters: {x: {value}}})', () => {
    const r = expand(withParam({ type: 'string' }), {
      parameters: { file: 'main.parameters.json', value: { $schema: 'x/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { p: { value: 'from-file' } } } },
    });
    assert.equal(valueOf(r), 'from-file');
  });

  it('accepts the bare {x: {value}} parameters form', () => {
    const r = expand(withParam({ type: 'int' }), { parameters: { file: 'p.json', value: { p: { value: 7 } } } });
    assert.equal(valueOf(r), 7);
  });

  it('evaluates defaultValue as an expression, seeing other parameters', () => {
    const r = expand(withParam({ type: 'string', defaultValue: "[toUpper(parameters('env'))]" }, { env: { type: 'string', defaultValue: 'dev' } }));
    assert.equal(valueOf(r), 'DEV');
  });

  it('looks parameters up case-insensitively', () => {
    const tpl = template({
      parameters: { Location: { type: 'string', defaultValue: 'uksouth' } },
      resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'site', location: "[parameters('location')]" }],
    });
    assert.equal(expand(tpl).resources[0]!.location, 'uksouth');
  });

  it('turns a Key Vault secret reference into Unknown', () => {
    const r = expand(withParam({ type: 'securestring' }), {
      parameters: {
        file: 'p.json',
        value: { parameters: { p: { reference: { keyVault: { id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.KeyVault/vaults/kv' }, secretName: 'sqlpw' } } } },
      },
    });
    const v = valueOf(r);
    assert.ok(isUnknown(v));
    assert.match(v.reason, /Key Vault secret 'sqlpw'/);
  });

  it('coerces quoted numbers and booleans where the declared type asks for them', () => {
    assert.equal(valueOf(expand(withParam({ type: 'int' }), { parameters: { file: 'p.json', value: { parameters: { p: { value: '42' } } } } })), 42);
    assert.equal(valueOf(expand(withParam({ type: 'bool' }), { parameters: { file: 'p.json', value: { parameters: { p: { value: 'True' } } } } })), true);
  });

  it('rejects a value of the wrong type, naming the parameters file and pointer', () => {
    throwsInput(
      () => expand(withParam({ type: 'int' }), { parameters: { file: 'p.json', value: { parameters: { p: { value: 'seven' } } } } }),
      'p.json',
      '(at /parameters/p)',
      "parameter 'p' is declared int",
    );
  });

  it('checks allowedValues (each element for arrays)', () => {
    throwsInput(
      () => expand(withParam({ type: 'string', allowedValues: ['dev', 'prod'] }), { parameters: { file: 'p.json', value: { parameters: { p: { value: 'test' } } } } }),
      "parameter 'p' has the value \"test\", which is not one of the allowedValues",
      'p.json',
    );
    throwsInput(() => expand(withParam({ type: 'array', allowedValues: ['a', 'b'], defaultValue: ['a', 'c'] })), 'main.json', '/parameters/p/defaultValue', '"c"');
    assert.deepEqual(valueOf(expand(withParam({ type: 'array', allowedValues: ['a', 'b'], defaultValue: ['b', 'a'] }))), ['b', 'a']);
  });

  it('checks minValue/maxValue and minLength/maxLength', () => {
    throwsInput(() => expand(withParam({ type: 'int', minValue: 1, defaultValue: 0 })), 'below minValue 1');
    throwsInput(() => expand(withParam({ type: 'string', maxLength: 3, defaultValue: 'abcd' })), 'above maxLength 3');
  });

  it('reads the declaration case-insensitively, the documented spelling first', () => {
    throwsInput(() => expand(withParam({ Type: 'Int', MinValue: 1, DefaultValue: 0 })), 'below minValue 1');
    throwsInput(() => expand(withParam({ TYPE: 'string', allowedvalues: ['dev'], defaultValue: 'prod' })), 'not one of the allowedValues');
    // `maxLength` as documented wins over an earlier `MAXLENGTH`; of two other spellings the first counts.
    assert.equal(valueOf(expand(withParam({ type: 'string', MAXLENGTH: 1, maxLength: 5, defaultValue: 'abcd' }))), 'abcd');
    throwsInput(() => expand(withParam({ type: 'string', MaxLength: 3, MAXLENGTH: 9, defaultValue: 'abcd' })), 'above maxLength 3');
  });

  it('says which required parameter is missing and to pass it in a parameters file', () => {
    const e = throwsInput(() => expand(withParam({ type: 'string' })), 'main.json', '(at /parameters/p)', "parameter 'p' has no value", 'parameters file');
    assert.doesNotMatch(e.message, /\n\s+at /);
  });

  it('rejects a supplied parameter the template does not declare (ARM does too)', () => {
    throwsInput(
      () => expand(withParam({ type: 'string', defaultValue: 'x' }), { parameters: { file: 'p.json', value: { parameters: { typo: { value: 1 } } } } }),
      'p.json',
      '(at /parameters/typo)',
      "parameter 'typo'",
    );
  });

  it('rejects a parameters entry with neither value nor reference', () => {
    throwsInput(() => expand(withParam({ type: 'string' }), { parameters: { file: 'p.json', value: { parameters: { p: { val: 1 } } } } }), 'p.json', '/parameters/p');
  });

  // ARM reads a supplied null as no value at all (what Bicep relies on when a module passes an optional
  // parameter through): the defaultValue applies, a nullable parameter is null, any other is missing.
  it('treats a supplied null as no value: defaultValue, or null for a nullable parameter', () => {
    const nullFile = { parameters: { file: 'p.json', value: { parameters: { p: { value: null } } } } };
    assert.equal(valueOf(expand(withParam({ type: 'string', nullable: true }), nullFile)), null);
    assert.equal(valueOf(expand(withParam({ type: 'object', nullable: true }), nullFile)), null);
    assert.equal(valueOf(expand(withParam({ type: 'string', defaultValue: 'dflt' }), nullFile)), 'dflt');
    assert.equal(valueOf(expand(withParam({ type: 'int', nullable: true, defaultValue: 3 }), nullFile)), 3);
    throwsInput(() => expand(withParam({ type: 'string' }), nullFile), "parameter 'p' has no value");
  });

  // Bicep's `type lockType = {...}?` with `param lock lockType` (Azure Verified Modules) compiles to a
  // parameter that is only a `$ref`; the nullability is on the definition, so the parameter is optional.
  it('a parameter whose $ref type definition is nullable is optional (null without a value)', () => {
    const tpl = template({
      languageVersion: '2.0',
      definitions: {
        lockType: { type: 'object', properties: { kind: { type: 'string' } }, nullable: true },
        'alias~1Type': { $ref: '#/definitions/lockType' },
        strictType: { type: 'object' },
      },
      parameters: { lock: { $ref: '#/definitions/lockType' }, lock2: { $ref: '#/definitions/alias~01Type' } },
      resources: [{ type: 'Microsoft.Web/sites', apiVersion: '2022-09-01', name: 'site', properties: { a: "[parameters('lock')]", b: "[parameters('lock2')]" } }],
    });
    assert.deepEqual(expand(tpl).resources[0]!.properties, { a: null, b: null });
    const strict = template({ definitions: { strictType: { type: 'object' } }, parameters: { p: { $ref: '#/definitions/strictType' } }, resources: [] });
    throwsInput(() => expand(strict), "parameter 'p' has no value");
    const cyclic = template({ definitions: { a: { $ref: '#/definitions/b' }, b: { $ref: '#/definitions/a' } }, parameters: { p: { $ref: '#/definitions/a' } }, resources: [] });
    throwsInput(() => expand(cyclic), "parameter 'p' has no value");
  });

  it('passes a null optional parameter through a Bicep module (inner scope) without failing', () => {
    const tpl = template({
      languageVersion: '2.0',
      parameters: { tags: { type: 'object', nullable: true }, name: { type: 'string', nullable: true } },
      resources: {
        mod: {
          type: 'Microsoft.Resources/deployments',
          apiVersion: '2022-09-01',
          name: 'mod',
          properties: {
            expressionEvaluationOptions: { scope: 'inner' },
            mode: 'Incremental',
            parameters: { tags: { value: "[parameters('tags')]" }, name: { value: "[parameters('name')]" } },
            template: {
              $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
              languageVersion: '2.0',
              contentVersion: '1.0.0.0',
              parameters: { tags: { type: 'object', nullable: true }, name: { type: 'string', defaultValue: 'stdefault' } },
              resources: {
                st: { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2022-09-01', name: "[parameters('name')]", tags: "[parameters('tags')]", properties: {} },
              },
            },
          },
        },
      },
    });
    const st = expand(tpl).resources[0]!;
    assert.equal(st.name, 'stdefault');
    assert.equal(st.tags, undefined);
  });
});

describe('ARM expansion: secure parameters', () => {
  it('withholds securestring and secureObject values from the expanded resources', () => {
    const tpl = template({
      parameters: { pw: { type: 'securestring', minLength: 8 }, cfg: { type: 'secureObject', defaultValue: { key: 'abc' } } },
      resources: [{ type: 'Microsoft.Sql/servers', apiVersion: '2022-05-01-preview', name: 'sql', properties: { administratorLoginPassword: "[parameters('pw')]", cfg: "[parameters('cfg')]" } }],
    });
    const r = expand(tpl, { parameters: { file: 'p.json', value: { parameters: { pw: { value: 'S3cret!pass' } } } } });
    const text = JSON.stringify(r);
    assert.doesNotMatch(text, /S3cret/);
    assert.doesNotMatch(text, /abc/);
    assert.ok(isUnknown(r.resources[0]!.properties.administratorLoginPassword));
    // still validated before being withheld
    throwsInput(() => expand(tpl, { parameters: { file: 'p.json', value: { parameters: { pw: { value: 'short' } } } } }), 'below minLength 8');
  });
});
