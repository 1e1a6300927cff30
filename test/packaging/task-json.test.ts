// Every task.json must satisfy the official tasks schema (draft-04, ECMA-262 patterns without the `u` flag)
// plus the rules tfx only warns about and the agent enforces at run time.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv-draft-04';

const root = path.resolve(__dirname, '..', '..');
// The official schema from azure-pipelines-task-lib (MIT, licence beside it), kept in the repository so the
// test does not depend on where a checkout sits.
const schemaFile = path.join(__dirname, 'reference', 'tasks.schema.json');
const taskDirs = fs
  .readdirSync(path.join(root, 'tasks'))
  .filter((d) => fs.existsSync(path.join(root, 'tasks', d, 'task.json')))
  .sort();

function compileSchema() {
  const schema = JSON.parse(fs.readFileSync(schemaFile, 'utf8'));
  // Draft-04 patterns such as `^connectedService\:.+$` are invalid under the unicode flag Ajv uses by default.
  return new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
}

describe('task.json files', () => {
  const validate = compileSchema();

  it('finds the tasks', () => {
    assert.ok(taskDirs.includes('IsrmControlScanV1'), `tasks found: ${taskDirs.join(', ')}`);
  });

  it('the schema rejects a broken task.json (the check can fail)', () => {
    assert.equal(validate({ id: 'not-a-guid', name: 'has space', inputs: [{ name: 'x' }] }), false);
    assert.ok((validate.errors ?? []).length >= 3);
  });

  for (const dir of taskDirs) {
    describe(dir, () => {
      const file = path.join(root, 'tasks', dir, 'task.json');
      const task = JSON.parse(fs.readFileSync(file, 'utf8'));

      it('validates against tasks.schema.json', () => {
        const ok = validate(task);
        assert.ok(ok, JSON.stringify(validate.errors, null, 2));
      });

      it('has the fields the agent and the Marketplace need', () => {
        for (const key of ['id', 'name', 'friendlyName', 'description', 'author', 'category', 'version', 'instanceNameFormat', 'minimumAgentVersion']) {
          assert.ok(task[key] !== undefined && task[key] !== '', `${dir}: ${key} missing`);
        }
        assert.ok(task.friendlyName.length <= 40, `${dir}: friendlyName longer than 40 characters`);
        assert.equal(task.version.Major, Number(dir.match(/V(\d+)$/)?.[1]), 'version.Major matches the folder suffix');
        assert.deepEqual(Object.keys(task.execution), ['Node20_1']);
        // Node20_1 arrived in agent 3.232.1; an older agent would not find a handler at all.
        const [maj, min] = task.minimumAgentVersion.split('.').map(Number);
        assert.ok(maj > 3 || (maj === 3 && min >= 232), `minimumAgentVersion ${task.minimumAgentVersion} predates Node20_1`);
      });

      it('has an icon next to it', () => {
        const icon = fs.readFileSync(path.join(root, 'tasks', dir, 'icon.png'));
        assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
      });

      it('has unique input and output names, and pickList defaults among the options', () => {
        const names = task.inputs.map((i: { name: string }) => i.name);
        assert.equal(new Set(names).size, names.length);
        const outputs = (task.outputVariables ?? []).map((o: { name: string }) => o.name);
        assert.equal(new Set(outputs).size, outputs.length);
        for (const input of task.inputs) {
          if (input.type === 'pickList') assert.ok(input.defaultValue in input.options, `${input.name}: default not an option`);
          if (input.groupName) assert.ok(task.groups.some((g: { name: string }) => g.name === input.groupName), `${input.name}: unknown group`);
        }
      });

      it('uses only messages it defines, and defines only messages it uses', () => {
        // The task's own sources plus the runtime every task shares (tasks/common).
        const sources = [dir, 'common'].flatMap((d) => fs.readdirSync(path.join(root, 'tasks', d)).filter((f) => f.endsWith('.ts')).map((f) => path.join(root, 'tasks', d, f)));
        const source = sources.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
        const used = new Set([...source.matchAll(/(?:loc\(|runTask\(\w+, )'([A-Za-z]+)'/g)].map((m) => m[1]!));
        assert.ok(used.size > 0);
        for (const key of used) assert.ok(key in task.messages, `message ${key} is not in task.json`);
        for (const key of Object.keys(task.messages)) assert.ok(used.has(key), `message ${key} is never used`);
      });
    });
  }
});
