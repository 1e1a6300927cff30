// L0 test support shared by every task: run a task through MockTestRunner as the agent would, and read the
// `##vso[...]` commands it printed the way the agent parses them.
import assert from 'node:assert/strict';
import path from 'node:path';
import { MockTestRunner } from 'azure-pipelines-task-lib/mock-test';
import { commandFromString } from 'azure-pipelines-task-lib/taskcommand';

export interface VsoCommand {
  command: string;
  props: Record<string, string>;
  message: string;
}

/**
 * Every `##vso[cmd props]message` line, read with task-lib's own parser, which undoes exactly the escaping
 * task-lib applied (`%AZP25`, `%3B`, `%5D`, `%0D`, `%0A`), as the agent does; a path with `;` or `%` in it
 * then compares equal to the file it names.
 */
export function parseVsoCommands(stdout: string): VsoCommand[] {
  const out: VsoCommand[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const at = line.indexOf('##vso[');
    if (at < 0) continue;
    const parsed = commandFromString(line.slice(at));
    out.push({ command: parsed.command, props: parsed.properties, message: parsed.message });
  }
  return out;
}

export interface MockRun {
  tr: MockTestRunner;
  commands: VsoCommand[];
  /** The single task.complete command. */
  complete: VsoCommand;
  /** Output variables set with isOutput=true. */
  outputs: Record<string, string>;
}

/**
 * Runs the shared `run-task.js` (which loads `taskPath` with the scenario) under MockTestRunner, with this
 * process's node so nothing is downloaded.
 */
export async function runMockTask(taskDir: string, taskPath: string, scenario: unknown): Promise<MockRun> {
  // The constructor, not LoadAsync: LoadAsync downloads a Node.js build before nodePath can be set.
  const tr = new MockTestRunner(path.join(__dirname, 'run-task.js'), path.join(taskDir, 'task.json'));
  // Without this, runAsync downloads a Node.js build to run the task with.
  tr.nodePath = process.execPath;
  process.env.CONTROLTRACE_L0_TASK = taskPath;
  process.env.CONTROLTRACE_L0_SCENARIO = JSON.stringify(scenario);
  try {
    await tr.runAsync();
  } finally {
    delete process.env.CONTROLTRACE_L0_TASK;
    delete process.env.CONTROLTRACE_L0_SCENARIO;
  }
  const commands = parseVsoCommands(tr.stdout);
  const complete = commands.filter((c) => c.command === 'task.complete');
  assert.equal(complete.length, 1, `expected one task.complete, got ${complete.length}\nstdout:\n${tr.stdout}\nstderr:\n${tr.stderr}`);
  const outputs: Record<string, string> = {};
  for (const c of commands) if (c.command === 'task.setvariable' && c.props.isOutput === 'true') outputs[c.props.variable!] = c.message;
  return { tr, commands, complete: complete[0]!, outputs };
}
