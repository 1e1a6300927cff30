// `npm run package` end to end: a real tfx run on the staged build, and a look inside the .vsix it makes.
// Also the guard rails of scripts/package.mjs on purpose-built broken stagings, since tfx itself only warns.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '..', '..');
const script = path.join(root, 'scripts', 'package.mjs');

interface PackageModule {
  stage(staging: string): unknown;
  checkStaging(staging: string): string[];
  isReadOnlyScope(scope: string): boolean;
  tfxProblems(output: string): string[];
  createVsix(staging: string, outDir: string, extraArgs?: string[]): string;
}
// The script is ESM; this test compiles to CommonJS, so it is loaded with a real dynamic import.
const loadPackager = new Function('url', 'return import(url)') as (url: string) => Promise<PackageModule>;

/** Names in a zip's central directory (the .vsix is a zip; no unzip binary needed). */
export function zipEntries(zip: Buffer): string[] {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  assert.ok(eocd >= 0, 'not a zip: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let n = 0; n < count; n++) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'corrupt central directory');
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return names.sort();
}

function tmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe('npm run package', function () {
  this.timeout(120_000);
  const outDir = tmp('controltrace-vsix-test-');
  after(() => fs.rmSync(outDir, { recursive: true, force: true }));

  let run: ReturnType<typeof spawnSync>;
  let entries: string[] = [];
  before(() => {
    run = spawnSync(process.execPath, [script, '--out-dir', outDir], { cwd: root, encoding: 'utf8' });
  });

  it('exits 0 and prints the .vsix path', () => {
    assert.equal(run.status, 0, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
    const vsix = String(run.stdout).trim().split('\n').pop()!;
    assert.equal(path.dirname(vsix), outDir);
    assert.match(path.basename(vsix), /^controltrace\.controltrace-\d+\.\d+\.\d+\.vsix$/);
    entries = zipEntries(fs.readFileSync(vsix));
  });

  it('ships each task bundled, with its task.json and icon', () => {
    const taskDirs = fs.readdirSync(path.join(root, 'tasks')).filter((d) => fs.existsSync(path.join(root, 'tasks', d, 'task.json')));
    assert.ok(taskDirs.includes('IsrmControlScanV1'));
    for (const dir of taskDirs) {
      for (const f of [`tasks/${dir}/index.js`, `tasks/${dir}/task.json`, `tasks/${dir}/icon.png`]) {
        assert.ok(entries.includes(f), `${f} not in ${entries.join(', ')}`);
      }
    }
    assert.ok(entries.includes('extension.vsixmanifest') && entries.includes('extension.vsomanifest'));
    assert.ok(entries.includes('images/extension-icon.png') && entries.includes('overview.md'));
  });

  it('ships no sources, tests, maps or node_modules', () => {
    const unwanted = entries.filter((e) => /\.(ts|map)$/.test(e) || /(^|\/)(tests?|node_modules|src)\//.test(e));
    assert.deepEqual(unwanted, []);
  });
});

describe('scripts/package.mjs guard rails', function () {
  this.timeout(60_000);
  let pkg: PackageModule;
  before(async () => {
    pkg = await loadPackager(pathToFileURL(script).href);
  });

  it('treats tfx warnings and errors as failures', () => {
    assert.deepEqual(pkg.tfxProblems('{"path":"x.vsix"}\n'), []);
    assert.equal(pkg.tfxProblems("warning: Invalid task json: id is a required guid\nok").length, 1);
    assert.equal(pkg.tfxProblems('error: Error: ENOENT: no such file').length, 1);
  });

  function brokenStaging(mutate: (staging: string) => void): string {
    const staging = tmp('controltrace-staging-test-');
    fs.copyFileSync(path.join(root, 'vss-extension.json'), path.join(staging, 'vss-extension.json'));
    fs.cpSync(path.join(root, 'images'), path.join(staging, 'images'), { recursive: true });
    for (const f of ['overview.md', 'LICENSE']) fs.copyFileSync(path.join(root, f), path.join(staging, f));
    // Every task the manifest contributes, as the build stages it.
    for (const dir of fs.readdirSync(path.join(root, 'tasks')).filter((d) => fs.existsSync(path.join(root, 'tasks', d, 'task.json')))) {
      const task = path.join(staging, 'tasks', dir);
      fs.mkdirSync(task, { recursive: true });
      fs.copyFileSync(path.join(root, 'tasks', dir, 'task.json'), path.join(task, 'task.json'));
      fs.copyFileSync(path.join(root, 'tasks', dir, 'icon.png'), path.join(task, 'icon.png'));
      fs.writeFileSync(path.join(task, 'index.js'), '');
    }
    mutate(staging);
    return staging;
  }

  it('accepts a complete staging', () => {
    const staging = brokenStaging(() => {});
    try {
      assert.deepEqual(pkg.checkStaging(staging), []);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  });

  it('reports a missing execution target, a sources file and a write scope', () => {
    const staging = brokenStaging((s) => {
      fs.rmSync(path.join(s, 'tasks', 'IsrmControlScanV1', 'index.js'));
      fs.writeFileSync(path.join(s, 'tasks', 'IsrmControlScanV1', 'index.ts'), '');
      const m = JSON.parse(fs.readFileSync(path.join(s, 'vss-extension.json'), 'utf8'));
      m.scopes = ['vso.work_write'];
      fs.writeFileSync(path.join(s, 'vss-extension.json'), JSON.stringify(m));
    });
    try {
      const problems = pkg.checkStaging(staging).join('\n');
      assert.match(problems, /execution\.Node20_1\.target 'index\.js' does not exist/);
      assert.match(problems, /source or test file: tasks\/IsrmControlScanV1\/index\.ts/);
      assert.match(problems, /scope 'vso\.work_write' is not read-only/);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  });

  it('refuses scopes that change things without a _write or _manage suffix, and accepts read scopes', () => {
    const writes = ['vso.code_status', 'vso.hooks_interact', 'vso.agentpools_listen', 'vso.gallery_publish', 'vso.pipelineresources_use', 'vso.tokens', 'vso.tokenadministration', 'vso.build_execute', 'vso.extension.data_write', 'VSO.WORK', ' vso.work'];
    const reads = ['vso.work', 'vso.code', 'vso.build', 'vso.test', 'vso.release', 'vso.analytics', 'vso.extension.data', 'vso.variablegroups_read'];
    for (const scope of writes) assert.equal(pkg.isReadOnlyScope(scope), false, scope);
    for (const scope of reads) assert.equal(pkg.isReadOnlyScope(scope), true, scope);
    const staging = brokenStaging((s) => {
      const m = JSON.parse(fs.readFileSync(path.join(s, 'vss-extension.json'), 'utf8'));
      m.scopes = ['vso.work', 'vso.code_status'];
      fs.writeFileSync(path.join(s, 'vss-extension.json'), JSON.stringify(m));
    });
    try {
      assert.deepEqual(pkg.checkStaging(staging), ["vss-extension.json: scope 'vso.code_status' is not read-only"]);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  });

  it('reports node_modules and source folders copied into a task', () => {
    const staging = brokenStaging((s) => {
      const task = path.join(s, 'tasks', 'IsrmControlScanV1');
      fs.mkdirSync(path.join(task, 'node_modules', 'azure-pipelines-task-lib'), { recursive: true });
      fs.writeFileSync(path.join(task, 'node_modules', 'azure-pipelines-task-lib', 'task.js'), '');
      fs.mkdirSync(path.join(task, 'src'));
      fs.writeFileSync(path.join(task, 'src', 'scan.js'), '');
    });
    try {
      assert.deepEqual(pkg.checkStaging(staging), [
        'staging contains node_modules: tasks/IsrmControlScanV1/node_modules/azure-pipelines-task-lib/task.js',
        'staging contains a source or test file: tasks/IsrmControlScanV1/src/scan.js',
      ]);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  });

  it('reports a task folder that ships without a contribution', () => {
    const staging = brokenStaging((s) => fs.cpSync(path.join(s, 'tasks', 'IsrmControlScanV1'), path.join(s, 'tasks', 'OrphanV1'), { recursive: true }));
    try {
      assert.deepEqual(pkg.checkStaging(staging), ['tasks/OrphanV1/task.json ships but no task contribution names tasks/OrphanV1']);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  });

  it('fails when tfx only warns (a task id that is not a GUID)', () => {
    const staging = brokenStaging((s) => {
      const file = path.join(s, 'tasks', 'IsrmControlScanV1', 'task.json');
      const task = JSON.parse(fs.readFileSync(file, 'utf8'));
      task.id = 'not-a-guid';
      fs.writeFileSync(file, JSON.stringify(task));
    });
    const out = tmp('controltrace-vsix-broken-');
    try {
      assert.throws(() => pkg.createVsix(staging, out), /warning: .*guid/i);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
      fs.rmSync(out, { recursive: true, force: true });
    }
  });
});
