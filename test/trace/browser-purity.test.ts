import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const TRACE_DIR = join(__dirname, '..', '..', 'src', 'core', 'trace');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('trace: the core stays pure and browser-safe', () => {
  it('imports only relative modules, except exceljs in the XLSX renderer', () => {
    for (const file of sourceFiles(TRACE_DIR)) {
      const name = relative(TRACE_DIR, file);
      for (const m of readFileSync(file, 'utf8').matchAll(/from '([^']+)'/g)) {
        const allowed = m[1].startsWith('.') || (name === join('render', 'xlsx.ts') && m[1] === 'exceljs');
        assert.ok(allowed, `${name} imports ${m[1]}`);
      }
    }
  });

  it('bundles for the browser without Node built-ins and without exceljs', async () => {
    const result = await build({
      entryPoints: [join(TRACE_DIR, 'index.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    assert.deepEqual(result.errors, []);
    const inputs = Object.keys(result.metafile!.inputs);
    assert.ok(inputs.some((i) => i.endsWith('build-matrix.ts')));
    assert.deepEqual(inputs.filter((i) => i.includes('node_modules')), []);
    const code = result.outputFiles![0].text;
    assert.doesNotMatch(code, /\brequire\(|process\.|Buffer\./);
  });
});
