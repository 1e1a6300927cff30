// Runs `controltrace` from source in a child process without blocking this process's event loop, so an
// emulator started by the test in this process can answer it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '..', '..', 'bin', 'controltrace.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCliAsync(args: string[], opts: { cwd: string; env?: Record<string, string | undefined> }): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, CONTROLTRACE_FROM_SOURCE: '1', CONTROLTRACE_DEBUG: '', SYSTEM_ACCESSTOKEN: '', AZURE_DEVOPS_EXT_PAT: '' };
    for (const [k, v] of Object.entries(opts.env ?? {})) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
    const child = spawn(process.execPath, [BIN, ...args], { cwd: opts.cwd, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file below `dir`, relative path → bytes. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out.set(path.relative(dir, full), fs.readFileSync(full));
  }
  return out;
}

export function assertNoStackTrace(r: CliRun): void {
  const all = r.stdout + r.stderr;
  if (/^\s+at .+[:(]/m.test(all) || /Node\.js v\d+/.test(all) || /^\w*Error: /m.test(all)) {
    throw new Error(`stack trace in output:\n${all}`);
  }
}
