import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isInputError } from '../../src/core/errors';
import { decodeText } from '../../src/node/decode';
import { expandPatterns } from '../../src/node/expand-patterns';
import { readInputFile } from '../../src/node/read-input';
import { useTempDir, utf16, write, writeSparse } from './tmp';

const TEMPLATE = '{\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n  "résumé": "ü",\n  "resources": []\n}\n';

describe('readInputFile', () => {
  const tmp = useTempDir();

  it('reads UTF-8, UTF-8 with BOM and UTF-16 LE/BE with BOM to the same JSON, hashing the bytes as read', async () => {
    const variants: [string, Uint8Array][] = [
      ['utf8.json', Buffer.from(TEMPLATE, 'utf8')],
      ['bom.json', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEMPLATE, 'utf8')])],
      ['le.json', utf16(TEMPLATE, 'le')],
      ['be.json', utf16(TEMPLATE, 'be')],
    ];
    for (const [name, bytes] of variants) {
      const read = await readInputFile(write(tmp(), name, bytes), name);
      assert.ok(read.ok, name);
      assert.deepEqual(read.file.json, JSON.parse(TEMPLATE), name);
      assert.equal(read.file.sha256, createHash('sha256').update(bytes).digest('hex'));
      assert.equal(read.file.file, name);
    }
  });

  it('turns malformed JSON into an error note with line and column', async () => {
    const read = await readInputFile(write(tmp(), 'bad.json', '{\n  "a": 1,\n  "b": }\n'), 'dir/bad.json');
    assert.ok(!read.ok);
    assert.deepEqual(
      { ...read.unreadable.error, message: undefined },
      { level: 'error', file: 'dir/bad.json', line: 3, column: 8, message: undefined },
    );
    assert.match(read.unreadable.error.message, /^invalid JSON: /);
  });

  it('notes an empty or whitespace-only file', async () => {
    for (const content of ['', ' \n\t']) {
      const read = await readInputFile(write(tmp(), 'empty.json', content), 'empty.json');
      assert.ok(!read.ok);
      assert.match(read.unreadable.error.message, /empty|only whitespace/);
    }
  });

  it('refuses a file over the size limit before reading it', async () => {
    const big = writeSparse(tmp(), 'big.json', 200 * 1024 * 1024);
    const before = process.memoryUsage().arrayBuffers;
    await assert.rejects(readInputFile(big, 'big.json'), (e) => {
      assert.ok(isInputError(e));
      assert.match(e.message, /^big\.json: file is 200 MB, over the 100 MB limit/);
      return true;
    });
    assert.ok(process.memoryUsage().arrayBuffers - before < 50 * 1024 * 1024, 'the file was not read into memory');
  });

  it('refuses UTF-16 without a BOM and invalid UTF-8 with a reason', async () => {
    const noBom = await readInputFile(write(tmp(), 'x.json', Buffer.from('{"a": 1}', 'utf16le')), 'x.json');
    assert.ok(!noBom.ok);
    assert.match(noBom.unreadable.error.message, /UTF-16 without a byte order mark/);
    const latin1 = await readInputFile(write(tmp(), 'y.json', Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d])), 'y.json');
    assert.ok(!latin1.ok);
    assert.match(latin1.unreadable.error.message, /not valid UTF-8/);
  });

  it('keeps __proto__ and constructor keys as data', async () => {
    const read = await readInputFile(write(tmp(), 'p.json', '{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"x": 1}}}'), 'p.json');
    assert.ok(read.ok);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(read.file.json as object), ['__proto__', 'constructor']);
  });

  it('says when a path cannot be opened', async () => {
    await assert.rejects(readInputFile(path.join(tmp(), 'missing.json'), 'missing.json'), /missing\.json: cannot open the file: no such file/);
  });
});

describe('decodeText', () => {
  it('rejects odd-length UTF-16', () => {
    const d = decodeText(Uint8Array.from([0xff, 0xfe, 0x7b]));
    assert.ok(!d.ok);
  });
});

describe('expandPatterns', () => {
  const tmp = useTempDir();

  it('takes files as given, folders as **/*.json without node_modules, and globs', async () => {
    const dir = tmp();
    write(dir, 'infra/a.json', '{}');
    write(dir, 'infra/sub/b.json', '{}');
    write(dir, 'infra/readme.md', '#');
    write(dir, 'infra/node_modules/x/package.json', '{}');
    write(dir, 'plans/p.tfplan.json', '{}');
    write(dir, 'plans/other.txt', '');
    const { files, unmatched } = await expandPatterns(['infra', 'plans/*.json', 'plans/other.txt', 'nothing/*.json', 'infra/a.json'], dir);
    assert.deepEqual(
      files.map((f) => path.relative(dir, f).split(path.sep).join('/')),
      ['infra/a.json', 'infra/sub/b.json', 'plans/other.txt', 'plans/p.tfplan.json'],
    );
    assert.deepEqual(unmatched, ['nothing/*.json']);
  });

  it('does not follow a folder symlink loop forever', async () => {
    const dir = tmp();
    write(dir, 'a/t.json', '{}');
    fs.symlinkSync(path.join(dir, 'a'), path.join(dir, 'a', 'loop'));
    const { files } = await expandPatterns(['a'], dir);
    assert.ok(files.length >= 1 && files.length < 100);
  });
});
