// Hostile and broken inputs through the Node layer: each ends as a clear note or InputError, never a crash,
// and never hides the results of the other files.

import assert from 'node:assert/strict';
import { scanPaths } from '../../src/node';
import { storageAccount, template } from '../cli/templates';
import { useTempDir, write } from './tmp';

const AS_OF = '2026-11-26';

describe('scanPaths on bad input', function () {
  this.timeout(60_000);
  const tmp = useTempDir();

  const cases: { title: string; content: string; level: 'error' | 'warning' | 'info'; message: RegExp; complete: boolean }[] = [
    { title: 'an unknown template function', content: template([storageAccount("[bogusFn('x')]", {})]), level: 'error', message: /bogusFn/, complete: false },
    {
      title: 'a copy loop of a billion',
      content: template([{ ...storageAccount("[concat('st', copyIndex())]", {}), copy: { name: 'n', count: 1_000_000_000 } }]),
      level: 'error',
      message: /1000000000|limit/,
      complete: false,
    },
    { title: 'a JSON file that is not a template', content: '{"compilerOptions": {}}', level: 'warning', message: /not an ARM template/, complete: true },
    {
      title: 'an unknown resource type',
      content: template([{ type: 'Contoso.Things/widgets', apiVersion: '2024-01-01', name: 'w', properties: {} }]),
      level: 'info',
      message: /no control covers resource type Contoso\.Things\/widgets/,
      complete: true,
    },
    { title: 'malformed JSON', content: '{"resources": [}', level: 'error', message: /invalid JSON/, complete: false },
  ];

  for (const c of cases) {
    it(`${c.title}: a ${c.level} note naming the file, the good file still scanned`, async () => {
      write(tmp(), 'bad.json', c.content);
      write(tmp(), 'good.json', template([storageAccount('stgood', { minimumTlsVersion: 'TLS1_0' })]));
      const report = await scanPaths({ patterns: ['bad.json', 'good.json'], cwd: tmp(), asOf: AS_OF });
      const note = report.notes.find((n) => n.file === 'bad.json' && n.level === c.level);
      assert.ok(note, JSON.stringify(report.notes));
      assert.match(note.message, c.message);
      assert.equal(report.complete, c.complete);
      assert.ok(report.findings.some((f) => f.resourceName === 'stgood' && f.status === 'fail'));
    });
  }
});
