// TraceabilityGate@1 as the agent runs it: a child process per scenario through MockTestRunner (real task-lib,
// real reader) against an emulator started for these tests in its own process (MockTestRunner blocks this
// one while the task runs), plus the gate's decision rules in process.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { buildSync } from 'esbuild';
import { runMockTask, type VsoCommand } from '../../common/l0-support';
import { loadSeed } from '../../../src/emulator/data';
import type { TraceabilityMatrix } from '../../../src/core/trace';
import { decideGate, outputVariables, type Loc } from '../outcome';

const root = path.resolve(__dirname, '..', '..', '..');
const taskDir = path.resolve(__dirname, '..');
const taskJson = JSON.parse(fs.readFileSync(path.join(taskDir, 'task.json'), 'utf8'));
const TOKEN = 'l0-gate-token-7d1e2f';
const seed = loadSeed('sample');

interface Scenario {
  inputs: Record<string, string>;
  variables: Record<string, string>;
  env: Record<string, string>;
}

interface TaskRun {
  result: string;
  message: string;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  commands: VsoCommand[];
}

async function runTask(taskPath: string, scenario: Scenario): Promise<TaskRun> {
  const { tr, commands, complete, outputs } = await runMockTask(taskDir, taskPath, scenario);
  return { result: complete.props.result!, message: complete.message, stdout: tr.stdout, stderr: tr.stderr, outputs, commands };
}

/** `controltrace emulator` in a child process; resolves with its URL once it listens. */
function startEmulatorProcess(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'controltrace.js'), 'emulator', '--port', '0', '--seed', 'sample', ...args], {
      env: { ...process.env, CONTROLTRACE_FROM_SOURCE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      const m = /Azure DevOps emulator: (http:\/\/\S+)/.exec(out);
      if (m) resolve({ url: m[1]!, child });
    });
    child.stderr!.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('exit', (code) => reject(new Error(`emulator exited with ${code}: ${err}`)));
  });
}

function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

function assertNoStackTrace(run: TaskRun): void {
  const trace = /^\s+at .+(\(|:\d+:\d+)/m;
  const visible = run.stdout.split(/\r?\n/).filter((l) => !l.startsWith('##vso[task.debug]')).join('\n');
  assert.doesNotMatch(visible, trace);
  assert.doesNotMatch(run.stderr, trace);
}

/** The token appears only in the command that registers it as a secret (the agent masks it and does not log that line). */
function assertTokenHidden(run: TaskRun, dirs: string[]): void {
  const lines = (run.stdout + run.stderr).split(/\r?\n/).filter((l) => l.includes(TOKEN));
  assert.ok(lines.every((l) => l.startsWith('##vso[task.setsecret]')), `token outside setsecret:\n${lines.join('\n')}`);
  for (const dir of dirs) {
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir)) assert.ok(!fs.readFileSync(path.join(dir, f)).includes(Buffer.from(TOKEN)), `token in ${f}`);
  }
}

/** The sample's requirements associated with a build and the scenarios they were generated for. */
function scenariosOfBuild(buildId: number): string[] {
  const build = seed.builds.find((b) => b.id === buildId)!;
  return build.workItemIds.filter((id) => seed.scenarios[id] !== undefined).map((id) => seed.scenarios[id]!);
}

describe('TraceabilityGate@1 (L0)', function () {
  this.timeout(120_000);
  const source = path.join(taskDir, 'index.ts');
  let emulator: { url: string; child: ChildProcess } | undefined;
  let broken: { url: string; child: ChildProcess } | undefined;
  let work: string;

  before(async () => {
    [emulator, broken] = await Promise.all([startEmulatorProcess([]), startEmulatorProcess(['--fail-route', '/testpoint$'])]);
  });
  after(async () => {
    await Promise.all([stopProcess(emulator?.child), stopProcess(broken?.child)]);
  });
  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-gate-l0-'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  function scenario(buildId: number, inputs: Record<string, string> = {}, target = emulator!): Scenario {
    return {
      inputs: { forbiddenGaps: 'untested,failing', requirementTypes: 'User Story,Product Backlog Item,Requirement,Issue', productionEnvironments: 'production', outputDirectory: path.join(work, 'out'), publishArtifact: 'true', artifactName: 'traceability', ...inputs },
      variables: { 'System.TeamFoundationCollectionUri': `${target.url}/`, 'System.TeamProject': 'ClinicalAI', 'Build.BuildId': String(buildId), 'Agent.TempDirectory': work },
      env: { SYSTEM_ACCESSTOKEN: TOKEN },
    };
  }

  it('a run carrying a failing requirement: Failed, naming it; matrix published, summary attached, outputs set', async () => {
    assert.deepEqual(scenariosOfBuild(103).sort(), ['failing', 'verified']);
    const failingId = seed.builds.find((b) => b.id === 103)!.workItemIds.find((id) => seed.scenarios[id] === 'failing')!;
    const run = await runTask(source, scenario(103));
    assert.equal(run.result, 'Failed', run.message);
    assert.equal(run.message, `1 requirement(s) of this run have a gap the policy forbids (untested, failing): #${failingId} failing`);
    assert.equal(run.outputs.requirementCount, '2');
    assert.equal(run.outputs.forbiddenCount, '1');
    assert.equal(run.outputs.gapsFailing, '1');
    for (const o of taskJson.outputVariables as { name: string }[]) assert.ok(o.name in run.outputs, `output ${o.name} not set`);
    const matrix: TraceabilityMatrix = JSON.parse(fs.readFileSync(run.outputs.matrixFile!, 'utf8'));
    assert.deepEqual(matrix.requirements.map((r) => r.id).sort((a, b) => a - b), [...seed.builds.find((b) => b.id === 103)!.workItemIds].sort((a, b) => a - b));
    assert.equal(matrix.summary.requirements, 2);
    const upload = run.commands.find((c) => c.command === 'artifact.upload');
    assert.ok(upload, 'matrix not published');
    assert.equal(upload.props.artifactname, 'traceability');
    assert.equal(upload.message, path.join(work, 'out'));
    const summary = run.commands.find((c) => c.command === 'task.addattachment');
    assert.equal(summary?.props.type, 'Distributedtask.Core.Summary');
    assert.equal(summary?.message, run.outputs.summaryFile);
    assert.deepEqual(fs.readdirSync(path.join(work, 'out')).sort(), ['traceability.csv', 'traceability.html', 'traceability.json', 'traceability.md', 'traceability.xlsx']);
    assertTokenHidden(run, [path.join(work, 'out')]);
    assertNoStackTrace(run);
  });

  it('a run whose requirements are verified: Succeeded', async () => {
    assert.deepEqual(scenariosOfBuild(108), ['verified']);
    const run = await runTask(source, scenario(108));
    assert.equal(run.result, 'Succeeded', run.message);
    assert.equal(run.message, '1 requirement(s) of this run: none has a gap in untested, failing (0 with other gaps).');
    assert.equal(run.outputs.forbiddenCount, '0');
  });

  it('the policy decides: not-deployed passes the default policy and fails one that forbids it', async () => {
    assert.deepEqual(scenariosOfBuild(106), ['not-deployed']);
    const lenient = await runTask(source, scenario(106));
    assert.equal(lenient.result, 'Succeeded', lenient.message);
    assert.equal(lenient.outputs.gapsNotDeployed, '1');
    assert.equal(lenient.outputs.requirementsWithGapsCount, '1');
    const strict = await runTask(source, scenario(106, { forbiddenGaps: 'not-deployed' }));
    assert.equal(strict.result, 'Failed');
    assert.match(strict.message, /^1 requirement\(s\) of this run have a gap the policy forbids \(not-deployed\): #\d+ not-deployed$/);
  });

  it('a run with no associated requirement: SucceededWithIssues, saying so', async () => {
    assert.deepEqual(scenariosOfBuild(101), []);
    const run = await runTask(source, scenario(101));
    assert.equal(run.result, 'SucceededWithIssues', run.message);
    assert.equal(run.message, 'No requirement is associated with run 101, directly or through a feature or epic; nothing to gate.');
    assert.equal(run.outputs.requirementCount, '0');
  });

  it('data that cannot be read: Failed with what is missing, nothing published', async () => {
    const run = await runTask(source, scenario(103, {}, broken!));
    assert.equal(run.result, 'Failed');
    assert.match(run.message, /^incomplete data: could not read test points of plan \d+ \(recursive from suite \d+\), page 1: HTTP 503 after \d+ attempt\(s\)/);
    assert.ok(!run.commands.some((c) => c.command === 'artifact.upload' || c.command === 'task.addattachment'));
    assert.ok(!fs.existsSync(path.join(work, 'out', 'traceability.json')));
    assertTokenHidden(run, []);
    assertNoStackTrace(run);
  });

  it('no token mapped, an unknown gap code, a missing variable: Failed with one clear message', async () => {
    const noToken = scenario(103);
    noToken.env = { SYSTEM_ACCESSTOKEN: '' };
    assert.equal((await runTask(source, noToken)).message, 'SYSTEM_ACCESSTOKEN is not set: add `env: SYSTEM_ACCESSTOKEN: $(System.AccessToken)` to this step.');
    const badCode = await runTask(source, scenario(103, { forbiddenGaps: 'untested,flaky' }));
    assert.equal(badCode.result, 'Failed');
    assert.equal(badCode.message, "Input 'forbiddenGaps' has unknown gap code(s) flaky; use any of untested, never-run, failing, blocked, stale, not-deployed, released-untested, released-failing.");
    const noBuild = scenario(103);
    delete noBuild.variables['Build.BuildId'];
    const missing = await runTask(source, noBuild);
    assert.equal(missing.message, 'The pipeline variable Build.BuildId is not set; this task runs in a pipeline job of a build or release.');
  });

  /** A scenario with the output directory left empty, as a step that does not set it is run. */
  function defaultOutputScenario(buildId: number, taskInstanceId?: string): Scenario {
    const s = scenario(buildId);
    delete s.inputs.outputDirectory;
    // run-task.js passes no variable of the pipeline the tests may run in, so an absent id is absent.
    if (taskInstanceId !== undefined) s.variables = { ...s.variables, 'System.TaskInstanceId': taskInstanceId };
    return s;
  }

  it('two gate steps of one job with the default output directory each keep their own matrix', async () => {
    const first = await runTask(source, defaultOutputScenario(103, '0f8fad5b-d9cb-469f-a165-70867728950e'));
    assert.equal(first.result, 'Failed', first.message);
    const firstJson = fs.readFileSync(first.outputs.matrixFile!, 'utf8');
    const firstMd = fs.readFileSync(first.outputs.summaryFile!, 'utf8');
    const second = await runTask(source, defaultOutputScenario(108, '7c9e6679-7425-40de-944b-e07fc1f90ae7'));
    assert.equal(second.result, 'Succeeded', second.message);
    const firstDir = path.join(work, 'controltrace-traceability', '0f8fad5b-d9cb-469f-a165-70867728950e');
    assert.equal(path.dirname(first.outputs.matrixFile!), firstDir);
    assert.notEqual(path.dirname(second.outputs.matrixFile!), firstDir, 'both steps wrote one folder');
    // Later steps read the files by the first step's output variables, and the agent uploads its summary attachment later.
    assert.equal(fs.readFileSync(first.outputs.matrixFile!, 'utf8'), firstJson, "the second step replaced the first step's matrix");
    assert.equal(fs.readFileSync(first.outputs.summaryFile!, 'utf8'), firstMd, "the second step replaced the first step's summary");
    assert.equal(first.commands.find((c) => c.command === 'task.addattachment')?.message, first.outputs.summaryFile);
    assert.equal(first.commands.find((c) => c.command === 'artifact.upload')?.message, firstDir);
  });

  it('without a usable step id, or with a blank output directory, the default is still a folder of its own below Agent.TempDirectory', async () => {
    const noId = await runTask(source, defaultOutputScenario(108));
    const notGuid = await runTask(source, defaultOutputScenario(108, '../escape'));
    const blank = scenario(108, { outputDirectory: '  ' });
    blank.variables['System.TaskInstanceId'] = '';
    const blankRun = await runTask(source, blank);
    const runs = [noId, notGuid, blankRun];
    for (const run of runs) {
      assert.equal(run.result, 'Succeeded', run.message);
      assert.equal(path.dirname(path.dirname(run.outputs.matrixFile!)), path.join(work, 'controltrace-traceability'), run.outputs.matrixFile);
    }
    assert.equal(new Set(runs.map((r) => path.dirname(r.outputs.matrixFile!))).size, runs.length, 'two steps shared a folder');
  });

  it('the bundled task runs the same, with its messages from the task.json beside it', async () => {
    const bundleDir = path.join(work, 'bundle');
    buildSync({ entryPoints: [source], bundle: true, platform: 'node', target: 'node20', outfile: path.join(bundleDir, 'index.js'), logLevel: 'silent' });
    fs.copyFileSync(path.join(taskDir, 'task.json'), path.join(bundleDir, 'task.json'));
    const run = await runTask(path.join(bundleDir, 'index.js'), scenario(103));
    assert.equal(run.result, 'Failed');
    assert.match(run.message, /^1 requirement\(s\) of this run have a gap the policy forbids/);
  });
});

describe('TraceabilityGate@1 decision', () => {
  const loc: Loc = (key, ...args) => format(taskJson.messages[key], ...args);
  const summary = { requirements: 0, withTests: 0, withPassingTests: 0, requirementsWithGaps: 0, gaps: { untested: 0, 'never-run': 0, failing: 0, blocked: 0, stale: 0, 'not-deployed': 0, 'released-untested': 0, 'released-failing': 0 } };
  const row = (id: number, codes: string[]) => ({ id, gaps: codes.map((code) => ({ code, detail: '' })) });
  const matrix = (rows: ReturnType<typeof row>[], over = {}) => ({ requirements: rows, summary: { ...summary, requirements: rows.length, ...over } }) as unknown as TraceabilityMatrix;

  it('names at most ten offending requirements and counts the rest', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i + 1, ['untested', 'stale']));
    const d = decideGate(matrix(rows), ['untested'], rows as never, '7', loc);
    assert.equal(d.result, 'Failed');
    assert.equal(d.message, '12 requirement(s) of this run have a gap the policy forbids (untested): #1 untested, #2 untested, #3 untested, #4 untested, #5 untested, #6 untested, #7 untested, #8 untested, #9 untested, #10 untested, … 2 more in the matrix');
  });

  it('with forbiddenGaps none, reports only', () => {
    const d = decideGate(matrix([row(1, ['failing'])], { requirementsWithGaps: 1 }), [], [], '7', loc);
    assert.equal(d.result, 'Succeeded');
    assert.equal(d.message, '1 requirement(s) of this run: none has a gap in none (1 with other gaps).');
  });

  it('sets one output variable per gap code and the counts', () => {
    const vars = outputVariables(matrix([], { withTests: 0 }), 0, { json: '/o/t.json', md: '/o/t.md' });
    assert.deepEqual(Object.keys(vars).sort(), (taskJson.outputVariables as { name: string }[]).map((o) => o.name).sort());
    assert.ok(Object.values(vars).every((v) => !/undefined|NaN/.test(v)));
  });
});
