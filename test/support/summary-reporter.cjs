// mocha's spec reporter, plus a closing `N passed, N failed` line and (when CONTROLTRACE_TEST_SUMMARY names
// a file) the same counts as JSON, so CI can print a summary that shows a run with no tests for what it is.
'use strict';
const fs = require('node:fs');
const Mocha = require('mocha');
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
  constructor(runner, options) {
    super(runner, options);
    runner.once(EVENT_RUN_END, () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats || {};
      const line = `${passes} passed, ${failures} failed` + (pending ? `, ${pending} skipped` : '');
      process.stdout.write(`\n${line}\n`);
      const out = process.env.CONTROLTRACE_TEST_SUMMARY;
      if (out) fs.writeFileSync(out, JSON.stringify({ passes, failures, pending }) + '\n');
    });
  }
}
module.exports = SummaryReporter;
