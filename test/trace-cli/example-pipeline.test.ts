// examples/pipelines/release-gate.yml stays in step with the task and the CLI it shows.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { gapCodes } from '../../src/core/trace';

const root = path.resolve(__dirname, '..', '..');

interface Step {
  task?: string;
  script?: string;
  inputs?: Record<string, unknown>;
  env?: Record<string, string>;
}

function steps(node: unknown): Step[] {
  if (Array.isArray(node)) return node.flatMap(steps);
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    return [...(Array.isArray(o.steps) ? (o.steps as Step[]) : []), ...Object.values(o).flatMap((v) => (typeof v === 'object' ? steps(v) : []))];
  }
  return [];
}

describe('examples/pipelines/release-gate.yml', () => {
  const all = steps(parse(fs.readFileSync(path.join(root, 'examples', 'pipelines', 'release-gate.yml'), 'utf8')));

  it('uses TraceabilityGate@1 with inputs it has, known gap codes, and the job token mapped', () => {
    const task = JSON.parse(fs.readFileSync(path.join(root, 'tasks', 'TraceabilityGateV1', 'task.json'), 'utf8'));
    const uses = all.filter((s) => s.task === `${task.name}@${task.version.Major}`);
    assert.equal(uses.length, 1);
    const names = new Set(task.inputs.map((i: { name: string }) => i.name));
    for (const name of Object.keys(uses[0]!.inputs ?? {})) assert.ok(names.has(name), `input ${name} is not defined in task.json`);
    for (const code of String(uses[0]!.inputs!.forbiddenGaps).split(',')) assert.ok((gapCodes as readonly string[]).includes(code), code);
    assert.equal(uses[0]!.env?.SYSTEM_ACCESSTOKEN, '$(System.AccessToken)');
  });

  it('shows `controltrace trace` with options the CLI has', function () {
    this.timeout(60_000);
    const script = all.map((s) => s.script).find((s): s is string => typeof s === 'string' && s.includes('controltrace trace'));
    assert.ok(script);
    const help = spawnSync(process.execPath, [path.join(root, 'bin', 'controltrace.js'), 'trace', '--help'], { cwd: root, encoding: 'utf8', env: { ...process.env, CONTROLTRACE_FROM_SOURCE: '1' } });
    assert.equal(help.status, 0, help.stderr);
    const flags = [...script.slice(script.indexOf('controltrace trace')).matchAll(/\s(--[a-z][a-z-]*)/g)].map((m) => m[1]!);
    assert.ok(flags.length >= 6);
    for (const flag of flags) assert.ok(help.stdout.includes(flag), `controltrace trace has no ${flag}`);
  });
});
