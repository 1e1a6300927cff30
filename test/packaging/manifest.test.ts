// The extension manifest: what tfx does not check (read-only scopes, versions, every contribution backed by a
// task folder that the build produces).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'vss-extension.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Scopes that let the extension change anything (the rule of scripts/package.mjs); the extension must only read. */
function isWriteScope(scope: string): boolean {
  return !/^vso\.[a-z]+(\.[a-z]+)*(_read)?$/.test(scope) || scope === 'vso.tokens' || scope === 'vso.tokenadministration';
}

describe('vss-extension.json', () => {
  it('identifies the extension', () => {
    assert.equal(manifest.manifestVersion, 1);
    assert.equal(manifest.id, 'controltrace');
    assert.match(manifest.publisher, /^[a-z0-9-]+$/);
    assert.equal(manifest.version, pkg.version, 'manifest version follows package.json');
    assert.ok(manifest.name && manifest.description);
    assert.deepEqual(manifest.targets, [{ id: 'Microsoft.VisualStudio.Services' }]);
  });

  it('uses real Marketplace categories', () => {
    const known = ['Azure Repos', 'Azure Boards', 'Azure Pipelines', 'Azure Test Plans', 'Azure Artifacts'];
    assert.ok(manifest.categories.length > 0);
    for (const c of manifest.categories) assert.ok(known.includes(c), `unknown category ${c}`);
  });

  it('asks only for read-only scopes', () => {
    assert.ok(isWriteScope('vso.work_write') && isWriteScope('vso.build_execute') && isWriteScope('vso.agentpools_manage') && isWriteScope('vso.code_status'));
    assert.ok(!isWriteScope('vso.work') && !isWriteScope('vso.test'));
    for (const scope of manifest.scopes ?? []) assert.ok(!isWriteScope(scope), `scope ${scope} is not read-only`);
  });

  it('has a 128x128 PNG icon and the overview and licence it points at', () => {
    const icon = fs.readFileSync(path.join(root, manifest.icons.default));
    assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(icon.readUInt32BE(16), 128);
    assert.equal(icon.readUInt32BE(20), 128);
    for (const item of Object.values(manifest.content) as { path: string }[]) {
      assert.ok(fs.existsSync(path.join(root, item.path)), `${item.path} missing`);
    }
  });

  it('backs every task contribution with a task folder listed in files', () => {
    const filePaths = manifest.files.map((f: { path: string }) => f.path);
    const tasks = manifest.contributions.filter((c: { type: string }) => c.type === 'ms.vss-distributed-task.task');
    assert.ok(tasks.length > 0);
    for (const c of tasks) {
      assert.deepEqual(c.targets, ['ms.vss-distributed-task.tasks']);
      const name: string = c.properties.name;
      assert.ok(filePaths.includes(name), `${name} is not in files`);
      assert.ok(fs.existsSync(path.join(root, name, 'task.json')), `${name}/task.json missing`);
      assert.ok(fs.existsSync(path.join(root, name, 'index.ts')), `${name}/index.ts missing`);
    }
  });

  it('contributes every task folder of the repository', () => {
    const contributed = new Set(manifest.contributions.map((c: { properties?: { name?: string } }) => c.properties?.name));
    for (const dir of fs.readdirSync(path.join(root, 'tasks'))) {
      if (fs.existsSync(path.join(root, 'tasks', dir, 'task.json'))) assert.ok(contributed.has(`tasks/${dir}`), `tasks/${dir} is not contributed`);
    }
  });

  it('has unique contribution ids', () => {
    const ids = manifest.contributions.map((c: { id: string }) => c.id);
    assert.equal(new Set(ids).size, ids.length);
  });
});

describe('icons', () => {
  // Compared as decoded pixels, since another zlib build may compress the same pixels differently.
  function pixels(png: Buffer): Buffer {
    const parts: Buffer[] = [];
    for (let at = 8; at < png.length; ) {
      const length = png.readUInt32BE(at);
      const type = png.subarray(at + 4, at + 8).toString('latin1');
      if (type === 'IHDR' || type === 'IDAT') parts.push(png.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    return Buffer.concat([parts[0]!, zlib.inflateSync(Buffer.concat(parts.slice(1)))]);
  }

  it('are what scripts/make-icons.mjs draws, pixel for pixel', function () {
    this.timeout(30_000);
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'controltrace-icons-'));
    try {
      const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'make-icons.mjs'), '--out-dir', out], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      for (const rel of ['images/extension-icon.png', 'tasks/IsrmControlScanV1/icon.png']) {
        assert.ok(pixels(fs.readFileSync(path.join(out, rel))).equals(pixels(fs.readFileSync(path.join(root, rel)))), `${rel} differs from the generated one`);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
