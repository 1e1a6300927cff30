// IsrmControlScan@1 as the agent runs it: a child process per scenario through MockTestRunner (real task-lib,
// real scanner, fixtures written for these tests), plus the result policy in process.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { buildSync } from 'esbuild';
import { parseVsoCommands as commands, runMockTask } from '../../common/l0-support';
import type { ScanReport } from '../../../src/core/scan/types';
import { decide, failuresAtOrAbove, outputVariables, type Loc } from '../outcome';

const taskDir = path.resolve(__dirname, '..');
const fixtures = path.join(__dirname, 'fixtures');
const taskJson = JSON.parse(fs.readFileSync(path.join(taskDir, 'task.json'), 'utf8'));

interface Scenario {
  inputs: Record<string, string>;
  /** Makes the scanner throw this TypeError message (a bug, not a user error). */
  scannerDefect?: string;
  variables?: Record<string, string>;
}

interface TaskRun {
  result: string;
  message: string;
  stdout: string;
  stderr: string;
  /** Output variables set with isOutput=true. */
  outputs: Record<string, string>;
  errors: string[];
  warnings: string[];
}

async function runTask(taskPath: string, scenario: Scenario): Promise<TaskRun> {
  const { tr, complete, outputs } = await runMockTask(taskDir, taskPath, scenario);
  return {
    result: complete.props.result!,
    message: complete.message,
    stdout: tr.stdout,
    stderr: tr.stderr,
    outputs,
    errors: tr.errorIssues,
    warnings: tr.warningIssues,
  };
}

function assertNoStackTrace(run: TaskRun): void {
  const trace = /^\s+at .+(\(|:\d+:\d+)/m;
  const visible = run.stdout.split(/\r?\n/).filter((l) => !l.startsWith('##vso[task.debug]')).join('\n');
  assert.doesNotMatch(visible, trace, `stack trace in stdout:\n${visible}`);
  assert.doesNotMatch(run.stderr, trace, `stack trace in stderr:\n${run.stderr}`);
}

describe('IsrmControlScan@1 (L0)', function () {
  this.timeout(60_000);
  const source = path.join(taskDir, 'index.ts');
  let work: string;

  beforeEach(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-l0-'));
    fs.cpSync(fixtures, path.join(work, 'repo'), { recursive: true });
    fs.mkdirSync(path.join(work, 'agent-temp'));
  });
  afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

  function scenario(inputs: Record<string, string>): Scenario {
    return {
      inputs: { baseline: 'hbi', failOn: 'high', outputDirectory: path.join(work, 'out'), publishTestResults: 'true', publishSarif: 'true', ...inputs },
      variables: { 'System.DefaultWorkingDirectory': path.join(work, 'repo'), 'Agent.TempDirectory': path.join(work, 'agent-temp') },
    };
  }

  function readReport(): ScanReport {
    const json = fs.readdirSync(path.join(work, 'out')).find((f) => f.endsWith('.json'));
    assert.ok(json, 'no JSON report written');
    return JSON.parse(fs.readFileSync(path.join(work, 'out', json), 'utf8'));
  }

  it('a compliant template: Succeeded, reports published, outputs set', async () => {
    const run = await runTask(source, scenario({ templates: 'compliant.json' }));
    assert.equal(run.result, 'Succeeded', run.message + '\n' + run.stdout);
    const report = readReport();
    assert.ok(report.summary.passed > 0, 'the compliant fixture must exercise controls');
    assert.equal(report.summary.failed, 0);
    assert.equal(run.outputs.passedCount, String(report.summary.passed));
    assert.equal(run.outputs.failedCount, '0');
    assert.equal(run.outputs.findingsHigh, '0');
    assert.equal(run.outputs.scanComplete, 'true');
    for (const name of taskJson.outputVariables.map((o: { name: string }) => o.name)) assert.ok(name in run.outputs, `output ${name} not set`);
    assert.equal(run.message, `${report.summary.resources} resources: ${report.summary.passed} passed, 0 failed (0 high, 0 medium, 0 low), 0 unknown, 0 suppressed`);
    assert.deepEqual(run.errors, []);
    assert.deepEqual(run.warnings, []);

    const cmds = commands(run.stdout);
    const upload = cmds.find((c) => c.command === 'artifact.upload');
    assert.ok(upload, 'SARIF not uploaded');
    assert.equal(upload.props.containerfolder, 'CodeAnalysisLogs');
    assert.equal(upload.props.artifactname, 'CodeAnalysisLogs');
    assert.equal(upload.message, run.outputs.sarifFile);
    assert.equal(JSON.parse(fs.readFileSync(upload.message, 'utf8')).version, '2.1.0');

    const publish = cmds.find((c) => c.command === 'results.publish');
    assert.ok(publish, 'JUnit not published');
    assert.equal(publish.props.type, 'JUnit');
    assert.equal(publish.props.resultFiles, run.outputs.junitFile);
    assert.match(fs.readFileSync(run.outputs.junitFile!, 'utf8'), /<testsuites?[\s>]/);

    const summary = cmds.find((c) => c.command === 'task.addattachment');
    assert.ok(summary, 'summary not attached');
    assert.equal(summary.props.type, 'Distributedtask.Core.Summary');
    assert.equal(summary.props.name, 'ISRM control scan');
    assert.equal(summary.message, run.outputs.summaryFile);
    assert.ok(fs.existsSync(summary.message));
  });

  /**
   * The file container items an `artifact.upload` creates, path → bytes, as the agent lays them out: a file
   * goes to `containerfolder/<its name>`, a folder's files to `containerfolder/<path below the folder>`.
   */
  function containerItems(upload: { props: Record<string, string>; message: string }): Map<string, string> {
    const items = new Map<string, string>();
    const base = upload.props.containerfolder!.replace(/\/+$/, '');
    if (fs.statSync(upload.message).isFile()) {
      items.set(`${base}/${path.basename(upload.message)}`, fs.readFileSync(upload.message, 'utf8'));
      return items;
    }
    for (const rel of fs.readdirSync(upload.message, { recursive: true, encoding: 'utf8' }).sort()) {
      const file = path.join(upload.message, rel);
      if (fs.statSync(file).isFile()) items.set(`${base}/${rel.split(path.sep).join('/')}`, fs.readFileSync(file, 'utf8'));
    }
    return items;
  }

  it('two scan steps of one run keep both SARIF logs in CodeAnalysisLogs; a re-run of a step replaces its own', async () => {
    const job = '5b6c5e2c-6f7a-5d0e-9d59-1a2b3c4d5e6f';
    async function step(templates: string, taskInstanceId: string, out: string): Promise<Map<string, string>> {
      const s = scenario({ templates, outputDirectory: path.join(work, out) });
      s.variables = { ...s.variables, 'System.JobId': job, 'System.TaskInstanceId': taskInstanceId };
      const run = await runTask(source, s);
      const uploads = commands(run.stdout).filter((c) => c.command === 'artifact.upload');
      assert.equal(uploads.length, 1);
      assert.equal(uploads[0]!.props.artifactname, 'CodeAnalysisLogs');
      assert.equal(uploads[0]!.props.containerfolder, 'CodeAnalysisLogs');
      const items = containerItems(uploads[0]!);
      assert.deepEqual([...items.values()], [fs.readFileSync(run.outputs.sarifFile!, 'utf8')], 'the upload is exactly the SARIF report');
      assert.ok([...items.keys()].every((k) => k.endsWith('.sarif')), 'the Scans tab reads *.sarif files only');
      return items;
    }
    const container = new Map<string, string>();
    const first = await step('compliant.json', '0f8fad5b-d9cb-469f-a165-70867728950e', 'out-a');
    for (const [k, v] of first) container.set(k, v);
    const second = await step('noncompliant.json', '7c9e6679-7425-40de-944b-e07fc1f90ae7', 'out-b');
    for (const [k, v] of second) container.set(k, v);
    assert.equal(container.size, 2, `the second scan replaced the first: ${[...container.keys()].join(', ')}`);
    const retry = await step('noncompliant.json', '0f8fad5b-d9cb-469f-a165-70867728950e', 'out-c');
    assert.deepEqual([...retry.keys()], [...first.keys()], 'a re-run of the same step writes where its first attempt did');
  });

  /** A scenario with the output directory left empty, as a step that does not set it is run. */
  function defaultOutputScenario(templates: string, taskInstanceId?: string): Scenario {
    const s = scenario({ templates });
    delete s.inputs.outputDirectory;
    // run-task.js passes no variable of the pipeline the tests may run in, so an absent id is absent.
    if (taskInstanceId !== undefined) s.variables = { ...s.variables, 'System.TaskInstanceId': taskInstanceId };
    return s;
  }

  const REPORT_OUTPUTS = ['sarifFile', 'junitFile', 'summaryFile', 'jsonFile'] as const;

  it('two scan steps of one job with the default output directory each keep their own reports', async () => {
    const first = await runTask(source, defaultOutputScenario('compliant.json', '0f8fad5b-d9cb-469f-a165-70867728950e'));
    assert.equal(first.result, 'Succeeded', first.message);
    const firstBytes = REPORT_OUTPUTS.map((o) => fs.readFileSync(first.outputs[o]!, 'utf8'));
    const second = await runTask(source, defaultOutputScenario('noncompliant.json', '7c9e6679-7425-40de-944b-e07fc1f90ae7'));
    assert.equal(second.result, 'Failed', second.message);
    const agentTemp = path.join(work, 'agent-temp') + path.sep;
    for (const [i, o] of REPORT_OUTPUTS.entries()) {
      assert.ok(first.outputs[o]!.startsWith(agentTemp), `${o} ${first.outputs[o]} is not below Agent.TempDirectory`);
      assert.notEqual(first.outputs[o], second.outputs[o], `both steps wrote ${o} to one file`);
      assert.equal(fs.readFileSync(first.outputs[o]!, 'utf8'), firstBytes[i], `the second step replaced the first step's ${o}`);
    }
    // The agent uploads the summary attachment after the step: it must still be the first step's summary then.
    const attached = commands(first.stdout).find((c) => c.command === 'task.addattachment');
    assert.equal(attached?.message, first.outputs.summaryFile);
    assert.equal(path.dirname(first.outputs.sarifFile!), path.join(work, 'agent-temp', 'controltrace', '0f8fad5b-d9cb-469f-a165-70867728950e'));
  });

  it('without a step id the default output directory is still one of its own below Agent.TempDirectory', async () => {
    const first = await runTask(source, defaultOutputScenario('compliant.json'));
    const second = await runTask(source, defaultOutputScenario('compliant.json'));
    assert.equal(first.result, 'Succeeded', first.message);
    assert.ok(first.outputs.sarifFile!.startsWith(path.join(work, 'agent-temp', 'controltrace') + path.sep), first.outputs.sarifFile);
    assert.notEqual(path.dirname(first.outputs.sarifFile!), path.dirname(second.outputs.sarifFile!));
  });

  it('an output directory that the templates glob reaches is not scanned as input by the next run', async () => {
    fs.mkdirSync(path.join(work, 'repo', 'infra'));
    fs.copyFileSync(path.join(work, 'repo', 'compliant.json'), path.join(work, 'repo', 'infra', 'main.json'));
    const s = scenario({ templates: 'infra/**/*.json', outputDirectory: 'infra/reports' });
    const first = await runTask(source, s);
    assert.equal(first.result, 'Succeeded', first.message);
    const again = await runTask(source, s);
    assert.equal(again.result, 'Succeeded', again.message);
    assert.deepEqual(again.warnings, []);
    const report = JSON.parse(fs.readFileSync(again.outputs.jsonFile!, 'utf8')) as ScanReport;
    assert.deepEqual(report.inputs.map((i) => i.file), ['infra/main.json']);
  });

  it('the SARIF log names the checkout and its source root, so the Scans tab can link results to files, without credentials', async () => {
    fs.mkdirSync(path.join(work, 'repo', '.git'));
    const s = scenario({ templates: 'noncompliant.json' });
    s.variables = {
      ...s.variables,
      'Build.Repository.Uri': 'https://contoso:pat-s3cr3t@dev.azure.com/contoso/Clinical%20AI/_git/landing-zone',
      'Build.Repository.LocalPath': path.join(work, 'repo'),
      'Build.SourceVersion': '4f1c0f2b9a0d3e7c5b6a8f9e0d1c2b3a4f5e6d7c',
      'Build.SourceBranch': 'refs/heads/main',
    };
    const run = await runTask(source, s);
    const text = fs.readFileSync(run.outputs.sarifFile!, 'utf8');
    assert.ok(!text.includes('pat-s3cr3t'), 'the token of the repository URI is in the SARIF log');
    const log = JSON.parse(text) as { runs: Record<string, any>[] };
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync('/work/shared/reference/sarif-schema-2.1.0.json', 'utf8')));
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const sarifRun = log.runs[0];
    assert.deepEqual(sarifRun.versionControlProvenance, [
      { repositoryUri: 'https://dev.azure.com/contoso/Clinical%20AI/_git/landing-zone', revisionId: '4f1c0f2b9a0d3e7c5b6a8f9e0d1c2b3a4f5e6d7c', branch: 'refs/heads/main', mappedTo: { uriBaseId: 'SRCROOT' } },
    ]);
    const root = sarifRun.originalUriBaseIds.SRCROOT.uri;
    assert.ok(root.startsWith('file:///') && root.endsWith('/'), root);
    const location = sarifRun.results[0].locations[0].physicalLocation.artifactLocation;
    assert.equal(location.uriBaseId, 'SRCROOT');
    assert.equal(fileURLToPath(new URL(location.uri, root)), path.join(work, 'repo', 'noncompliant.json'));
  });

  /** The SARIF run of a scan of `templates` with these repository variables. */
  async function sarifRunWith(templates: string, repository: Record<string, string>): Promise<Record<string, any>> {
    const s = scenario({ templates });
    s.variables = { ...s.variables, 'Build.Repository.Uri': 'https://github.com/contoso/landing-zone', 'Build.SourceVersion': 'abc123', ...repository };
    const run = await runTask(source, s);
    return JSON.parse(fs.readFileSync(run.outputs.sarifFile!, 'utf8')).runs[0];
  }

  it('several repositories checked out: the pipeline repository is mapped to its own folder, not to the sources folder', async () => {
    // Build.Repository.LocalPath stays the sources folder then; the repository is in a folder named after it.
    fs.mkdirSync(path.join(work, 'repo', 'landing-zone', '.git'), { recursive: true });
    fs.copyFileSync(path.join(work, 'repo', 'noncompliant.json'), path.join(work, 'repo', 'landing-zone', 'main.json'));
    const run = await sarifRunWith('landing-zone/main.json', { 'Build.Repository.LocalPath': path.join(work, 'repo'), 'Build.Repository.Name': 'contoso/landing-zone' });
    assert.deepEqual(run.versionControlProvenance[0].mappedTo, { uri: 'landing-zone/', uriBaseId: 'SRCROOT' });
    assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'landing-zone/main.json');
  });

  it('a repository root that is not surely known is not mapped, rather than mapped wrongly', async () => {
    const run = await sarifRunWith('noncompliant.json', { 'Build.Repository.LocalPath': path.join(work, 'repo'), 'Build.Repository.Name': 'landing-zone' });
    assert.deepEqual(run.versionControlProvenance, [{ repositoryUri: 'https://github.com/contoso/landing-zone', revisionId: 'abc123' }]);
    assert.equal(run.originalUriBaseIds.SRCROOT.uri, `${pathToFileURL(path.join(work, 'repo')).href}/`);
  });

  it('paths with ; and % in them reach the agent intact', async () => {
    const out = path.join(work, 'out;100%');
    const run = await runTask(source, scenario({ templates: 'compliant.json', outputDirectory: out }));
    assert.equal(run.result, 'Succeeded', run.message);
    const cmds = commands(run.stdout);
    assert.equal(run.outputs.junitFile, path.join(out, 'controltrace.junit.xml'));
    assert.equal(cmds.find((c) => c.command === 'results.publish')?.props.resultFiles, run.outputs.junitFile);
    assert.equal(cmds.find((c) => c.command === 'artifact.upload')?.message, run.outputs.sarifFile);
    assert.equal(cmds.find((c) => c.command === 'task.addattachment')?.message, run.outputs.summaryFile);
  });

  it('a non-compliant template with failOn high: Failed, with the count in the message', async () => {
    const run = await runTask(source, scenario({ templates: 'noncompliant.json' }));
    assert.equal(run.result, 'Failed');
    const report = readReport();
    const high = report.findings.filter((f) => f.status === 'fail' && f.severity === 'high').length;
    assert.ok(high > 0);
    assert.match(run.message, new RegExp(`^${high} failed control check\\(s\\) at or above severity 'high'`));
    assert.equal(run.outputs.findingsHigh, String(high));
    assert.equal(run.outputs.failedCount, String(report.summary.failed));
    // The reports are published even when the task fails: that is when they are needed.
    assert.ok(commands(run.stdout).some((c) => c.command === 'artifact.upload'));
    assertNoStackTrace(run);
  });

  it('the same template with failOn none: SucceededWithIssues', async () => {
    const run = await runTask(source, scenario({ templates: 'noncompliant.json', failOn: 'none' }));
    assert.equal(run.result, 'SucceededWithIssues', run.message);
    const report = readReport();
    assert.ok(report.summary.failed > 0);
    assert.equal(run.message, `${report.summary.failed} failed control check(s), reported only: Fail on is 'none'.`);
  });

  it('a value only known at deployment (reference()): SucceededWithIssues, asking for review', async () => {
    const run = await runTask(source, scenario({ templates: 'needs-review.json' }));
    assert.equal(run.result, 'SucceededWithIssues', run.message);
    assert.equal(run.outputs.failedCount, '0');
    assert.equal(run.outputs.unknownCount, '1');
    assert.equal(run.message, '1 control check(s) could not be decided from the templates and need review.');
  });

  it('a missing required input: Failed, naming the input', async () => {
    const run = await runTask(source, scenario({}));
    assert.equal(run.result, 'Failed');
    assert.equal(run.message, 'Input required: templates');
    assertNoStackTrace(run);
  });

  it('a blank required input is as missing as an absent one', async () => {
    const run = await runTask(source, scenario({ templates: '  ' }));
    assert.equal(run.result, 'Failed');
    assert.equal(run.message, 'Input required: templates');
  });

  it('a blank output directory means the default one', async () => {
    const run = await runTask(source, scenario({ templates: 'compliant.json', outputDirectory: '  ' }));
    assert.equal(run.result, 'Succeeded', run.message);
    assert.ok(run.outputs.sarifFile!.startsWith(path.join(work, 'agent-temp', 'controltrace') + path.sep), run.outputs.sarifFile);
  });

  it('an invalid pickList value: Failed, listing the allowed values', async () => {
    const run = await runTask(source, scenario({ templates: 'compliant.json', failOn: 'critical' }));
    assert.equal(run.result, 'Failed');
    assert.equal(run.message, "Input 'failOn' must be one of high, medium, low, none, got 'critical'.");
  });

  it('a malformed template: Failed, naming the file and line, without a stack trace', async () => {
    const run = await runTask(source, scenario({ templates: 'malformed.json' }));
    assert.equal(run.result, 'Failed');
    // The trailing comma on line 10 is reported where JSON.parse stops: the `}` on line 11, column 7.
    assert.match(run.message, /First: malformed\.json:11:7: invalid JSON/);
    assert.equal(run.outputs.scanComplete, 'false');
    assertNoStackTrace(run);
  });

  it('patterns that match nothing: Failed, saying so', async () => {
    const run = await runTask(source, scenario({ templates: 'infra/**/*.json' }));
    assert.equal(run.result, 'Failed');
    assert.match(run.message, /no files matched 'infra\/\*\*\/\*\.json' in /);
    assert.equal(run.outputs.scanComplete, 'false', 'a scan that never ran is not complete');
    assertNoStackTrace(run);
  });

  it('more errors and warnings than the log shows: says how many more and where they are', async () => {
    fs.mkdirSync(path.join(work, 'repo', 'broken'));
    for (let i = 0; i < 23; i++) fs.writeFileSync(path.join(work, 'repo', 'broken', `t${String(i).padStart(2, '0')}.json`), '{');
    const run = await runTask(source, scenario({ templates: 'broken' }));
    assert.equal(run.result, 'Failed');
    const notes = readReport().notes.filter((n) => n.level !== 'info');
    assert.ok(notes.length > 20, `${notes.length} notes`);
    assert.ok(run.stdout.includes(`${notes.length - 20} more error(s) and warning(s) are not shown in this log; every one is in ${run.outputs.jsonFile}.`), run.stdout);
  });

  it('run inside a pipeline step, the tests see only their scenario, not that step\'s agent variables', async () => {
    // The agent gives every step its job and step ids and its repository as environment variables; a scenario
    // without them must not inherit those of the step running the tests.
    const inherited = { SYSTEM_JOBID: '5b6c5e2c-6f7a-5d0e-9d59-1a2b3c4d5e6f', SYSTEM_TASKINSTANCEID: '0f8fad5b-d9cb-469f-a165-70867728950e', BUILD_REPOSITORY_URI: 'https://github.com/contoso/ci' };
    const before = Object.fromEntries(Object.keys(inherited).map((name) => [name, process.env[name]]));
    Object.assign(process.env, inherited);
    try {
      const run = await runTask(source, scenario({ templates: 'compliant.json' }));
      assert.equal(run.result, 'Succeeded', run.message);
      assert.equal(commands(run.stdout).find((c) => c.command === 'artifact.upload')?.message, run.outputs.sarifFile);
      assert.equal(JSON.parse(fs.readFileSync(run.outputs.sarifFile!, 'utf8')).runs[0].versionControlProvenance, undefined);
    } finally {
      for (const [name, value] of Object.entries(before)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });

  it('publishing switched off: no SARIF upload and no test run', async () => {
    const run = await runTask(source, scenario({ templates: 'compliant.json', publishSarif: 'false', publishTestResults: 'false' }));
    assert.equal(run.result, 'Succeeded');
    const names = commands(run.stdout).map((c) => c.command);
    assert.ok(!names.includes('artifact.upload'));
    assert.ok(!names.includes('results.publish'));
    assert.ok(names.includes('task.addattachment'));
  });

  /** A configuration suppressing every high failure of the non-compliant fixture, found by a first run; returns how many. */
  async function suppressHighFailures(expires: string): Promise<number> {
    await runTask(source, scenario({ templates: 'noncompliant.json' }));
    const highFailures = readReport().findings.filter((f) => f.status === 'fail' && f.severity === 'high');
    assert.ok(highFailures.length > 0);
    const lines = ['suppressions:'];
    for (const control of [...new Set(highFailures.map((f) => f.controlId))].sort()) {
      lines.push(`  - control: ${control}`, '    resource: stctrlopen01', '    justification: Sandbox account, decommissioned with change CHG-1234', '    owner: data-platform@example.com', `    expires: '${expires}'`);
    }
    fs.writeFileSync(path.join(work, 'repo', 'controltrace.test.yml'), lines.join('\n') + '\n');
    fs.rmSync(path.join(work, 'out'), { recursive: true, force: true });
    return highFailures.length;
  }

  it('a configuration that suppresses the high findings: SucceededWithIssues, with the suppressions counted', async () => {
    const suppressed = await suppressHighFailures('2999-12-31');
    const run = await runTask(source, scenario({ templates: 'noncompliant.json', config: 'controltrace.test.yml' }));
    assert.equal(run.result, 'SucceededWithIssues', run.message);
    assert.equal(run.outputs.findingsHigh, '0');
    assert.equal(run.outputs.suppressedCount, String(suppressed));
    assert.ok(run.warnings.includes(`${suppressed} failed control check(s) are suppressed by the configuration.`), run.warnings.join('\n'));
  });

  it('an expired suppression: Failed, even though it covers the findings', async () => {
    await suppressHighFailures('2020-01-31');
    const run = await runTask(source, scenario({ templates: 'noncompliant.json', config: 'controltrace.test.yml', failOn: 'none' }));
    assert.equal(run.result, 'Failed');
    assert.match(run.message, /suppression\(s\) in the configuration have expired/);
  });

  it('an invalid configuration file: Failed, naming the file, without a stack trace', async () => {
    fs.writeFileSync(path.join(work, 'repo', 'controltrace.bad.yml'), 'baseline: platinum\n');
    const run = await runTask(source, scenario({ templates: 'compliant.json', config: 'controltrace.bad.yml' }));
    assert.equal(run.result, 'Failed');
    assert.match(run.message, /controltrace\.bad\.yml/);
    assertNoStackTrace(run);
  });

  it('a defect in the scanner: Failed, called a bug, with the stack only in the debug log', async () => {
    const run = await runTask(source, { ...scenario({ templates: 'compliant.json' }), scannerDefect: "Cannot read properties of undefined (reading 'id')" });
    assert.equal(run.result, 'Failed');
    assert.equal(run.message, "The scan stopped with an unexpected error (a bug in ControlTrace; please report it with this log): Cannot read properties of undefined (reading 'id')");
    assertNoStackTrace(run);
    assert.match(run.stdout, /##vso\[task\.debug\]TypeError: Cannot read properties/);
  });

  it('the bundled task runs the same, with its messages from the task.json beside it', async () => {
    const bundleDir = path.join(work, 'bundle');
    buildSync({ entryPoints: [source], bundle: true, platform: 'node', target: 'node20', outfile: path.join(bundleDir, 'index.js'), logLevel: 'silent' });
    fs.copyFileSync(path.join(taskDir, 'task.json'), path.join(bundleDir, 'task.json'));
    const run = await runTask(path.join(bundleDir, 'index.js'), scenario({ templates: 'noncompliant.json' }));
    assert.equal(run.result, 'Failed');
    assert.match(run.message, /^\d+ failed control check\(s\) at or above severity 'high'/);
    const missing = await runTask(path.join(bundleDir, 'index.js'), scenario({}));
    assert.equal(missing.message, 'Input required: templates');
  });
});

describe('IsrmControlScan@1 result policy', () => {
  const loc: Loc = (key, ...args) => format(taskJson.messages[key], ...args);

  function report(over: Partial<ScanReport['summary']>, extra: Partial<ScanReport> = {}): ScanReport {
    const summary = { resources: 2, controlsEvaluated: 9, passed: 5, failed: 0, unknown: 0, suppressed: 0, failedBySeverity: { high: 0, medium: 0, low: 0 }, expiredSuppressions: 0, ...over };
    return { schema: 'controltrace/scan@1', tool: { name: 'ControlTrace', version: '0.0.0' }, asOf: '2026-11-26T00:00:00Z', baseline: 'hbi', inputs: [], controls: [], findings: [], suppressions: [], exclusions: [], notes: [], summary, complete: true, ...extra } as ScanReport;
  }

  it('counts failures at or above the threshold', () => {
    const r = report({ failed: 6, failedBySeverity: { high: 1, medium: 2, low: 3 } });
    assert.equal(failuresAtOrAbove(r, 'high'), 1);
    assert.equal(failuresAtOrAbove(r, 'medium'), 3);
    assert.equal(failuresAtOrAbove(r, 'low'), 6);
    assert.equal(failuresAtOrAbove(r, 'none'), 0);
  });

  it('succeeds only when nothing needs attention', () => {
    assert.equal(decide(report({}), 'high', false, loc, 'x.md').result, 'Succeeded');
  });

  it('succeeds with issues for failures below the threshold, unknowns and suppressions, and says each', () => {
    const d = decide(report({ failed: 2, unknown: 3, suppressed: 1, failedBySeverity: { high: 0, medium: 2, low: 0 } }), 'high', false, loc, 'x.md');
    assert.equal(d.result, 'SucceededWithIssues');
    assert.deepEqual(d.reasons, [
      "2 failed control check(s) below the fail threshold 'high'.",
      '3 control check(s) could not be decided from the templates and need review.',
      '1 failed control check(s) are suppressed by the configuration.',
    ]);
  });

  it('fails on an incomplete scan, naming the first unreadable input, even with failOn none', () => {
    const d = decide(report({}, { complete: false, notes: [{ level: 'error', file: 'infra/a.json', line: 7, message: 'not valid JSON' }] }), 'none', false, loc, 'x.md');
    assert.equal(d.result, 'Failed');
    assert.equal(d.message, 'The scan is incomplete: 1 input(s) could not be read or expanded completely. First: infra/a.json:7: not valid JSON');
  });

  it('fails on expired suppressions', () => {
    const d = decide(report({ expiredSuppressions: 2 }), 'none', false, loc, 'x.md');
    assert.equal(d.result, 'Failed');
    assert.match(d.message, /^2 suppression\(s\) in the configuration have expired/);
  });

  it('fails when the threshold is reached, with counts by severity and where to look', () => {
    const d = decide(report({ failed: 4, failedBySeverity: { high: 1, medium: 3, low: 0 } }), 'medium', true, loc, '/out/scan.md');
    assert.equal(d.result, 'Failed');
    assert.equal(d.message, "4 failed control check(s) at or above severity 'medium' (1 high, 3 medium, 0 low). See the Scans and Tests tabs or /out/scan.md.");
  });

  it('leaves no placeholder unfilled in any message it produces', () => {
    const d = decide(report({ failed: 1, unknown: 1, suppressed: 1, expiredSuppressions: 1, failedBySeverity: { high: 1, medium: 0, low: 0 } }, { complete: false }), 'high', true, loc, 'x.md');
    for (const m of [d.message, ...d.reasons]) assert.doesNotMatch(m, /%[sd]|undefined|NaN/);
  });

  it('turns the summary into output variables', () => {
    const vars = outputVariables(report({ failed: 3, failedBySeverity: { high: 1, medium: 1, low: 1 } }), { sarif: '/o/a.sarif', junit: '/o/a.xml', md: '/o/a.md', json: '/o/a.json' });
    assert.deepEqual(vars, {
      passedCount: '5', failedCount: '3', unknownCount: '0', suppressedCount: '0', findingsHigh: '1', findingsMedium: '1', findingsLow: '1',
      resourceCount: '2', scanComplete: 'true', sarifFile: '/o/a.sarif', junitFile: '/o/a.xml', summaryFile: '/o/a.md', jsonFile: '/o/a.json',
    });
  });
});
