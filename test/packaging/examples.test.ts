// The example pipeline must stay in step with the task it shows: every input it sets exists, pickList values
// are among the options, and the required inputs are given.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '..', '..');
const pipelineFile = path.join(root, 'examples', 'pipelines', 'azure-pipelines.yml');

interface Step {
  task?: string;
  script?: string;
  inputs?: Record<string, unknown>;
}

function steps(node: unknown): Step[] {
  if (Array.isArray(node)) return node.flatMap(steps);
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    return [...(Array.isArray(o.steps) ? (o.steps as Step[]) : []), ...['stages', 'jobs'].flatMap((k) => steps(o[k]))];
  }
  return [];
}

describe('examples/pipelines/azure-pipelines.yml', () => {
  const pipeline = parse(fs.readFileSync(pipelineFile, 'utf8'));
  const all = steps(pipeline);

  it('uses IsrmControlScan@1 with valid inputs', () => {
    const task = JSON.parse(fs.readFileSync(path.join(root, 'tasks', 'IsrmControlScanV1', 'task.json'), 'utf8'));
    const uses = all.filter((s) => s.task === `${task.name}@${task.version.Major}`);
    assert.equal(uses.length, 1);
    const inputs = uses[0]!.inputs ?? {};
    const byName = new Map<string, { type: string; required?: boolean; options?: Record<string, string> }>(task.inputs.map((i: { name: string }) => [i.name, i]));
    for (const [name, value] of Object.entries(inputs)) {
      const def = byName.get(name);
      assert.ok(def, `input ${name} is not defined in task.json`);
      if (def.type === 'pickList') assert.ok(String(value) in def.options!, `${name}: '${value}' is not an option`);
      if (def.type === 'boolean') assert.equal(typeof value, 'boolean', `${name} should be a boolean`);
    }
    for (const [name, def] of byName) {
      if (def.required && !('defaultValue' in def && (def as { defaultValue?: string }).defaultValue)) assert.ok(name in inputs, `required input ${name} missing`);
    }
    assert.match(String(inputs.templates), /infra\/\*\*\/\*\.json/);
    assert.equal(inputs.baseline, 'hbi');
    assert.equal(inputs.failOn, 'high');
  });

  it('shows the CLI alternative, with options the CLI has', function () {
    this.timeout(60_000);
    const script = all.map((s) => s.script).find((s): s is string => typeof s === 'string' && /npx --no controltrace scan /.test(s));
    assert.ok(script, 'no `npx controltrace scan` step');
    const help = spawnSync(process.execPath, [path.join(root, 'bin', 'controltrace.js'), 'scan', '--help'], { cwd: root, encoding: 'utf8' });
    assert.equal(help.status, 0, help.stderr);
    const flags = [...script.slice(script.indexOf('controltrace scan ')).matchAll(/\s(--[a-z][a-z-]*)/g)].map((m) => m[1]!);
    assert.ok(flags.length >= 5);
    for (const flag of flags) assert.ok(help.stdout.includes(flag), `controltrace scan has no ${flag}`);
  });
});
