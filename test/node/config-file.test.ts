import assert from 'node:assert/strict';
import { isInputError } from '../../src/core/errors';
import { loadConfig } from '../../src/node/config-file';
import { useTempDir, write } from './tmp';

async function configError(dir: string, configFile?: string): Promise<{ message: string; line?: number; file?: string }> {
  try {
    await loadConfig(dir, configFile);
  } catch (e) {
    assert.ok(isInputError(e), String(e));
    return { message: e.message, line: e.location.line, file: e.location.file };
  }
  assert.fail('accepted');
}

describe('loadConfig', () => {
  const tmp = useTempDir();

  it('uses the defaults when there is no config file', async () => {
    const { config, file } = await loadConfig(tmp());
    assert.equal(file, undefined);
    assert.equal(config.baseline, 'hbi');
  });

  it('finds controltrace.yml in the working folder', async () => {
    write(tmp(), 'controltrace.yml', 'baseline: standard\nrequiredTags: [Owner]\n');
    const { config, file } = await loadConfig(tmp());
    assert.equal(file, 'controltrace.yml');
    assert.equal(config.baseline, 'standard');
    assert.deepEqual(config.requiredTags, ['Owner']);
  });

  it('refuses two config files side by side', async () => {
    write(tmp(), 'controltrace.yml', 'baseline: standard\n');
    write(tmp(), 'controltrace.json', '{}');
    assert.match((await configError(tmp())).message, /keep one configuration file/);
  });

  it('names the line of a schema problem in YAML and JSON', async () => {
    write(tmp(), 'cfg/c.yml', 'baseline: hbi\nsuppressions:\n  - control: ISRM.A\n    resource: "*"\n    owner: me\n    justification: why\n    expires: 2026-13-01\n');
    const yml = await configError(tmp(), 'cfg/c.yml');
    assert.equal(yml.line, 7);
    assert.match(yml.message, /^cfg\/c\.yml:7 \(at \/suppressions\/0\/expires\): invalid configuration: /);

    write(tmp(), 'c.json', '{\n  "baseline": "hbi",\n  "deployment": {\n    "subscription": "x"\n  }\n}');
    const json = await configError(tmp(), 'c.json');
    assert.equal(json.line, 4);
    assert.match(json.message, /unknown property 'subscription'/);
  });

  it('reports YAML and JSON syntax errors with their position', async () => {
    write(tmp(), 'bad.yml', 'baseline: hbi\n  requiredTags: [a\n');
    const yml = await configError(tmp(), 'bad.yml');
    assert.match(yml.message, /^bad\.yml:\d+:\d+: invalid YAML: /);
    write(tmp(), 'bad.json', '{"baseline": "hbi",}');
    assert.match((await configError(tmp(), 'bad.json')).message, /^bad\.json:1:20: invalid JSON/);
  });

  it('refuses a key given twice in JSON as it does in YAML, instead of silently keeping the last', async () => {
    const suppression = (control: string) => `{"control": "${control}", "resource": "*", "owner": "me", "justification": "why", "expires": "2027-01-01"}`;
    write(tmp(), 'c.json', `{\n  "suppressions": [${suppression('ISRM.A')}],\n  "baseline": "hbi",\n  "suppressions": [${suppression('ISRM.B')}]\n}\n`);
    const e = await configError(tmp(), 'c.json');
    assert.equal(e.line, 4);
    assert.match(e.message, /^c\.json:4:3: invalid configuration: a key appears twice/);
    write(tmp(), 'ok.json', `{"suppressions": [${suppression('ISRM.A')}, ${suppression('ISRM.A')}], "deployment": {"location": "x"}, "exclusions": [{"control": "ISRM.A", "reason": "r"}]}`);
    assert.equal((await loadConfig(tmp(), 'ok.json')).config.suppressions.length, 2);
  });

  it('caps YAML alias expansion', async () => {
    const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) lines.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    write(tmp(), 'bomb.yml', lines.join('\n') + '\n');
    const e = await configError(tmp(), 'bomb.yml');
    assert.match(e.message, /bomb\.yml.*(alias|invalid)/i);
  });

  it('says when an explicit config file does not exist', async () => {
    assert.match((await configError(tmp(), 'nope.yml')).message, /nope\.yml: cannot open the file: no such file/);
  });
});
