import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temporary folder per test, removed afterwards. */
export function useTempDir(): () => string {
  let dir = '';
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-test-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return () => dir;
}

export function write(dir: string, rel: string, content: string | Uint8Array): string {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** The files as paths relative to `dir`, with `/` on every platform. */
export function relativePaths(dir: string, files: readonly string[]): string[] {
  return files.map((f) => path.relative(dir, f).split(path.sep).join('/'));
}

/**
 * Two templates and a symbolic link to each: `infra/storage.json` → `shared/storage.json` (a target outside the
 * folder) and `infra/main-again.json` → `infra/main.json` (a target beside it).
 */
export function writeLinkedTemplates(dir: string): void {
  write(dir, 'shared/storage.json', '{}');
  write(dir, 'infra/main.json', '{}');
  fs.symlinkSync(path.join(dir, 'shared/storage.json'), path.join(dir, 'infra/storage.json'));
  fs.symlinkSync(path.join(dir, 'infra/main.json'), path.join(dir, 'infra/main-again.json'));
}

/** A file of `bytes` bytes that takes no disk space (sparse): the size limit must refuse it unread. */
export function writeSparse(dir: string, rel: string, bytes: number): string {
  const file = path.join(dir, rel);
  const fd = fs.openSync(file, 'w');
  try {
    fs.ftruncateSync(fd, bytes);
  } finally {
    fs.closeSync(fd);
  }
  return file;
}

export function utf16(text: string, endian: 'le' | 'be'): Buffer {
  const le = Buffer.from('\uFEFF' + text, 'utf16le');
  if (endian === 'le') return le;
  const be = Buffer.alloc(le.length);
  for (let i = 0; i < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}
