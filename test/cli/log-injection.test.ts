// The scan's console output quotes file names and template text. In a pipeline the agent obeys any `##vso[`
// it reads in a step's output, and a terminal obeys ANSI escapes: a template in a pull request must not be
// able to set variables, prepend PATH or complete the task through what the CLI prints.

import assert from 'node:assert/strict';
import { useTempDir, write } from '../node/tmp';
import { assertNoStackTrace, runCli } from './run-cli';
import { storageAccount, template } from './templates';

const ACTIVE = /##vso\[|##\[|\u001b/;

describe('controltrace scan: output quoting hostile text', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('prints no logging command or escape sequence taken from a template or a file name', () => {
    write(tmp(), 'infra/a.json', template([storageAccount("[nope('##vso[task.setvariable variable=FAIL_ON]none')]", {})]));
    write(tmp(), 'infra/##vso[task.complete result=Succeeded;]x.json', '{');
    write(tmp(), 'infra/red\u001b[31m.json', '{');
    write(tmp(), 'controltrace.yml', 'suppressions:\n  - control: ISRM.Storage.MinTLS\n    resource: "*"\n    justification: j\n    owner: "##[error]me"\n    expires: 2020-01-01\n');
    const r = runCli(['scan', 'infra', '--out', 'out', '--as-of', '2026-11-26'], tmp());
    assertNoStackTrace(r);
    assert.equal(r.code, 2, r.stderr);
    // The text is there (the user must see what is wrong), only defused.
    assert.match(r.stderr, /nope\('# #vso\[task\.setvariable/);
    assert.match(r.stderr, /owner # #\[error\]me/);
    for (const line of (r.stdout + r.stderr).split('\n')) assert.doesNotMatch(line, ACTIVE, line);
  });

  it('an input error naming such a file is defused too', () => {
    const name = '##vso[task.prependpath]evil.json';
    write(tmp(), name, '');
    const r = runCli(['scan', name, '--parameters', name, '--out', 'out'], tmp());
    assertNoStackTrace(r);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^controltrace: error: .*# #vso\[task\.prependpath\]evil\.json/m);
    assert.doesNotMatch(r.stderr, ACTIVE);
  });
});
