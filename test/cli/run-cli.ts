// Runs the real `controltrace` binary from source in a child process, as a user would.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve(__dirname, '..', '..', 'bin', 'controltrace.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `prefix`: a command to run node under (e.g. setpriv, to run as another user). */
export function runCli(args: string[], cwd: string, timeoutMs = 120_000, prefix: readonly string[] = []): CliResult {
  const [command, ...rest] = [...prefix, process.execPath, BIN, ...args];
  const r = spawnSync(command!, rest, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CONTROLTRACE_FROM_SOURCE: '1', CONTROLTRACE_DEBUG: '' },
    timeout: timeoutMs,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A stack frame line (`    at fn (file:1:2)`) or a Node crash banner anywhere in the output. */
export function assertNoStackTrace(r: CliResult): void {
  const all = r.stdout + r.stderr;
  if (/^\s+at .+[:(]/m.test(all) || /Node\.js v\d+/.test(all) || /^\w*Error: /m.test(all)) {
    throw new Error(`stack trace in output:\n${all}`);
  }
}
