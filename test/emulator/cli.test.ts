import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { get } from './helpers';

const ROOT = path.resolve(__dirname, '../..');
const SCRIPT = `
const { Command } = require('commander');
const { register } = require('./src/cli/commands/emulator');
const program = new Command('controltrace').exitOverride();
register(program);
program.parseAsync(process.argv.slice(1), { from: 'user' }).catch((e) => { process.stderr.write(String(e.message) + '\\n'); process.exit(2); });
`;

function runCli(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', '-e', SCRIPT, '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('controltrace emulator (command)', () => {
  it('prints its URL, serves the seed, and stops on SIGTERM', async () => {
    const child = runCli(['emulator', '--port', '0', '--seed', 'sample', '--page-size', '5', '--fault-seed', '9', '--fail-route', '/testplan/']);
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (c: Buffer) => {
          out += c.toString();
          const m = /(http:\/\/127\.0\.0\.1:\d+\/contoso-health)/.exec(out);
          if (m) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const res = await get(`${url}/ClinicalAI/_apis/build/builds`);
      assert.equal(res.status, 200);
      assert.equal(res.json.count, 5);
      assert.ok(res.headers.get('x-ms-continuationtoken'));
      assert.equal((await get(`${url}/ClinicalAI/_apis/testplan/plans`)).status, 503);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('rejects an invalid rate with exit code 2', async () => {
    const child = runCli(['emulator', '--fail-429', '1.5']);
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    assert.equal(code, 2);
    assert.match(err, /between 0 and 1/);
  });
});
