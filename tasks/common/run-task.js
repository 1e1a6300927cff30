// The process MockTestRunner spawns for every task's L0 tests. It runs the task entry named in
// CONTROLTRACE_L0_TASK (the TypeScript source through tsx, or a bundled index.js) with the inputs, agent
// variables and environment of CONTROLTRACE_L0_SCENARIO. The real task-lib is used (run(true)), so messages
// come from task.json as on an agent.
'use strict';
const { TaskMockRunner } = require('azure-pipelines-task-lib/mock-run');

const taskPath = process.env.CONTROLTRACE_L0_TASK;
const scenario = JSON.parse(process.env.CONTROLTRACE_L0_SCENARIO || '{}');
if (!taskPath) throw new Error('CONTROLTRACE_L0_TASK is not set');
if (taskPath.endsWith('.ts')) require('tsx/cjs');

// A test run inside a pipeline step inherits that step's agent variables (its job and step ids, its repository,
// its token); the scenario alone says what the agent gives the task.
for (const name of Object.keys(process.env)) if (/^(SYSTEM|BUILD|RELEASE|AGENT)_/i.test(name)) delete process.env[name];
// Agent variables reach task-lib as environment variables: `Agent.TempDirectory` → AGENT_TEMPDIRECTORY.
for (const [name, value] of Object.entries(scenario.variables || {})) {
  process.env[name.replace(/\./g, '_').toUpperCase()] = value;
}
for (const [name, value] of Object.entries(scenario.env || {})) process.env[name] = value;
const tmr = new TaskMockRunner(taskPath);
for (const [name, value] of Object.entries(scenario.inputs || {})) tmr.setInput(name, value);
// A defect inside the scanner (IsrmControlScan), to see the task report it as one without a stack trace in the log.
if (scenario.scannerDefect) {
  tmr.registerMock('../../src/node', {
    scanPaths: async () => {
      throw new TypeError(scenario.scannerDefect);
    },
    writeReports: () => ({}),
  });
}
tmr.run(true);
