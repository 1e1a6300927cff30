import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { isInputError } from '../../src/core/errors';
import { scanPaths, writeReports } from '../../src/node';
import { storageAccount, template } from '../cli/templates';
import { buildPlan } from '../terraform/plan-builder';
import { useTempDir, write } from './tmp';

const AS_OF = '2026-11-26T00:00:00Z';

describe('scanPaths', () => {
  const tmp = useTempDir();

  it('scans a folder, applies the parameters file and reports progress per file', async () => {
    const dir = tmp();
    write(dir, 'infra/main.json', template([storageAccount("[parameters('name')]", { minimumTlsVersion: 'TLS1_2' })], { parameters: { name: { type: 'string' } } }));
    write(dir, 'infra/second.json', template([storageAccount('stsecond', { minimumTlsVersion: 'TLS1_0' })]));
    write(dir, 'infra/params.prod.json', JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { name: { value: 'stfromparams' } } }));
    const progress: [number, number, string][] = [];
    const report = await scanPaths({ patterns: ['infra'], cwd: dir, parametersFile: 'infra/params.prod.json', asOf: AS_OF, onProgress: (d, t, f) => progress.push([d, t, f]) });
    assert.deepEqual(progress, [[1, 2, 'infra/main.json'], [2, 2, 'infra/second.json']]);
    assert.deepEqual(report.inputs.map((i) => [i.file, i.kind, i.resources]), [['infra/main.json', 'arm', 1], ['infra/params.prod.json', 'parameters', 0], ['infra/second.json', 'arm', 1]]);
    assert.ok(report.findings.some((f) => f.resourceName === 'stfromparams'));
    assert.equal(report.complete, true);
    assert.ok(report.notes.some((n) => n.file === 'infra/second.json' && /params\.prod\.json not applied: this template does not declare 'name'/.test(n.message)));
    const tls = report.findings.find((f) => f.resourceName === 'stsecond' && f.controlId === 'ISRM.Storage.MinTLS')!;
    assert.equal(tls.status, 'fail');
    assert.equal(tls.location.file, 'infra/second.json');
    const line = fs.readFileSync(path.join(dir, 'infra/second.json'), 'utf8').split('\n').findIndex((l) => l.includes('"minimumTlsVersion"')) + 1;
    assert.equal(tls.location.line, line);
  });

  it('reads every file before parsing any: a file that cannot be decoded or parsed is an unreadable input, counted in the progress', async () => {
    const dir = tmp();
    write(dir, 'a-broken.json', '{\n  "resources": [}\n');
    fs.writeFileSync(path.join(dir, 'b-latin1.json'), Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x3a, 0x31, 0x7d]));
    write(dir, 'c-empty.json', '');
    write(dir, 'd-good.json', template([storageAccount('stgood', { minimumTlsVersion: 'TLS1_0' })]));
    const progress: [number, number, string][] = [];
    const report = await scanPaths({ patterns: ['.'], cwd: dir, asOf: AS_OF, onProgress: (d, t, f) => progress.push([d, t, f]) });
    assert.deepEqual(progress.map(([d, t]) => [d, t]), [[1, 4], [2, 4], [3, 4], [4, 4]]);
    assert.deepEqual(report.inputs.map((i) => [i.file, i.kind, i.sha256.length]), [['a-broken.json', 'unrecognised', 64], ['b-latin1.json', 'unrecognised', 64], ['c-empty.json', 'unrecognised', 64], ['d-good.json', 'arm', 64]]);
    const errors = report.notes.filter((n) => n.level === 'error').map((n) => [n.file, n.line, n.message.split(':')[0]]);
    assert.deepEqual(errors, [['a-broken.json', 2, 'invalid JSON'], ['b-latin1.json', 1, 'file is not valid UTF-8 text (byte 0xE9); save the file as UTF-8'], ['c-empty.json', undefined, 'file is empty; expected an ARM template, parameters file or Terraform plan (JSON)']]);
    assert.ok(report.findings.some((f) => f.resourceName === 'stgood' && f.status === 'fail'));
  });

  it('lists a parameters file as an input only when a template given it could be read', async () => {
    const dir = tmp();
    write(dir, 'broken.json', '{\n  "resources": [}\n');
    write(dir, 'params.json', JSON.stringify({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: { name: { value: 'x' } } }));
    const report = await scanPaths({ patterns: ['broken.json'], cwd: dir, parametersFile: 'params.json', asOf: AS_OF });
    assert.deepEqual(report.inputs.map((i) => i.file), ['broken.json']);
    assert.deepEqual(report.notes.map((n) => [n.level, n.file]), [['error', 'broken.json']]);
    assert.equal(report.complete, false);
  });

  it('gives the same finding lines whatever the encoding and line ends of the file', async () => {
    const dir = tmp();
    const text = template([storageAccount('st1', { minimumTlsVersion: 'TLS1_0' }), storageAccount('st2', { minimumTlsVersion: 'TLS1_2' })]);
    fs.writeFileSync(path.join(dir, 'lf.json'), text);
    fs.writeFileSync(path.join(dir, 'crlf.json'), text.replace(/\n/g, '\r\n'));
    fs.writeFileSync(path.join(dir, 'bom.json'), '\uFEFF' + text);
    fs.writeFileSync(path.join(dir, 'utf16.json'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    write(dir, 'comments.json', text.replace('{', '{ // a comment\n'));
    const report = await scanPaths({ patterns: ['.'], cwd: dir, asOf: AS_OF });
    const linesOf = (file: string) => report.findings.filter((f) => f.location.file === file).map((f) => `${f.controlId} ${f.resourceName} ${f.location.line}`);
    assert.ok(linesOf('lf.json').length > 0);
    for (const file of ['crlf.json', 'bom.json', 'utf16.json']) assert.deepEqual(linesOf(file), linesOf('lf.json'), file);
    assert.deepEqual(linesOf('comments.json'), linesOf('lf.json').map((l) => l.replace(/ (\d+)$/, (_, n: string) => ` ${Number(n) + 1}`)));
    const tls = report.findings.find((f) => f.location.file === 'lf.json' && f.resourceName === 'st1' && f.controlId === 'ISRM.Storage.MinTLS')!;
    assert.equal(tls.location.line, text.split('\n').findIndex((l) => l.includes('"minimumTlsVersion"')) + 1);
  });

  it('overrides the configured baseline and uses controltrace.yml from cwd', async () => {
    const dir = tmp();
    write(dir, 'controltrace.yml', 'baseline: hbi\nrequiredTags: [Owner]\n');
    write(dir, 'main.json', template([storageAccount('st1', {})]));
    const hbi = await scanPaths({ patterns: ['main.json'], cwd: dir, asOf: AS_OF });
    const standard = await scanPaths({ patterns: ['main.json'], cwd: dir, asOf: AS_OF, baseline: 'standard' });
    assert.equal(hbi.baseline, 'hbi');
    assert.equal(standard.baseline, 'standard');
    assert.ok(standard.controls.length <= hbi.controls.length);
  });

  it('does not let __proto__ / constructor keys in a template pollute prototypes', async () => {
    const dir = tmp();
    const text = template([storageAccount('stp', { minimumTlsVersion: 'TLS1_2' })]).replace(
      '"properties": {',
      '"properties": {\n "__proto__": {"polluted": "yes"},\n "constructor": {"prototype": {"polluted": "yes"}},',
    );
    write(dir, 'main.json', text.replace('"contentVersion"', '"__proto__": {"polluted": "yes"},\n  "contentVersion"'));
    const report = await scanPaths({ patterns: ['main.json'], cwd: dir, asOf: AS_OF });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
    assert.equal(report.summary.resources, 1);
    const out = writeReports(report, path.join(dir, 'out'), ['json', 'sarif', 'junit', 'md']);
    assert.deepEqual(Object.keys(out).sort(), ['json', 'junit', 'md', 'sarif']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses a malformed parameters file with its position', async () => {
    const dir = tmp();
    write(dir, 'main.json', template([]));
    write(dir, 'p.json', '{\n  "parameters": {,}\n}');
    await assert.rejects(scanPaths({ patterns: ['main.json'], cwd: dir, parametersFile: 'p.json', asOf: AS_OF }), (e) => {
      assert.ok(isInputError(e));
      assert.match(e.message, /^p\.json:2:18: parameters file: invalid JSON/);
      return true;
    });
  });

  it('refuses when no pattern matches any file', async () => {
    await assert.rejects(scanPaths({ patterns: ['*.json'], cwd: tmp(), asOf: AS_OF }), /no files matched '\*\.json'/);
  });

  it('warns about a pattern that matched nothing when others did', async () => {
    write(tmp(), 'main.json', template([]));
    const report = await scanPaths({ patterns: ['main.json', 'other/*.json'], cwd: tmp(), asOf: AS_OF });
    assert.ok(report.notes.some((n) => n.level === 'warning' && n.file === 'other/*.json'));
  });

  it('applies a custom size limit: a template over it is an error note, the others are scanned', async () => {
    write(tmp(), 'main.json', template([storageAccount('st1', {})]));
    write(tmp(), 'small.json', '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": []}');
    const report = await scanPaths({ patterns: ['main.json', 'small.json'], cwd: tmp(), asOf: AS_OF, maxFileBytes: 200 });
    const errors = report.notes.filter((n) => n.level === 'error');
    assert.deepEqual(errors.map((n) => n.file), ['main.json']);
    assert.match(errors[0]!.message, /^file is \d+(\.\d)? (bytes|KB), over the 200 bytes limit for one input; split it into smaller files$/);
    assert.equal(report.complete, false);
    assert.deepEqual(report.inputs.map((i) => i.file), ['small.json']);
  });

  it('a template over the limit beside only a parameters file: its error alone explains the empty scan', async () => {
    write(tmp(), 'main.json', template([storageAccount('st1', {})]));
    write(tmp(), 'params.json', '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {}}');
    const report = await scanPaths({ patterns: ['main.json', 'params.json'], cwd: tmp(), asOf: AS_OF, maxFileBytes: 200 });
    const errors = report.notes.filter((n) => n.level === 'error');
    assert.deepEqual(errors.map((n) => n.file), ['main.json']);
    assert.match(errors[0]!.message, /over the 200 bytes limit/);
    assert.equal(report.complete, false);
  });

  it('still refuses a parameters file over the size limit: without it the scan would mean something else', async () => {
    write(tmp(), 'main.json', '{"resources": []}');
    write(tmp(), 'params.json', JSON.stringify({ parameters: { name: { value: 'x'.repeat(200) } } }));
    await assert.rejects(scanPaths({ patterns: ['main.json'], cwd: tmp(), parametersFile: 'params.json', asOf: AS_OF, maxFileBytes: 100 }), /^InputError: params\.json: file is .* over the 100 bytes limit/);
  });
});

describe('writeReports', () => {
  const tmp = useTempDir();

  it('refuses an output folder that is a file, naming it', async () => {
    write(tmp(), 'main.json', template([]));
    const report = await scanPaths({ patterns: ['main.json'], cwd: tmp(), asOf: AS_OF });
    const blocker = write(tmp(), 'out', 'not a folder');
    assert.throws(() => writeReports(report, blocker, ['json']), (e) => isInputError(e) && e.message.includes('cannot create the output folder'));
  });

  it('writes the fixed file names', async () => {
    write(tmp(), 'main.json', template([]));
    const report = await scanPaths({ patterns: ['main.json'], cwd: tmp(), asOf: AS_OF });
    const files = writeReports(report, path.join(tmp(), 'r'), ['sarif', 'junit', 'md', 'json']);
    assert.deepEqual(
      Object.fromEntries(Object.entries(files).map(([k, v]) => [k, path.basename(v)])),
      { sarif: 'controltrace.sarif', junit: 'controltrace.junit.xml', md: 'summary.md', json: 'results.json' },
    );
  });
});

describe('scanPaths on a Terraform plan', () => {
  const tmp = useTempDir();

  it('scans `terraform show -json` output next to an ARM template and locates findings in the plan', async () => {
    const plan = buildPlan([
      {
        address: 'azurerm_storage_account.lake',
        values: {
          name: 'stlake',
          resource_group_name: 'rg-data',
          location: 'westeurope',
          account_tier: 'Standard',
          account_replication_type: 'ZRS',
          min_tls_version: 'TLS1_0',
          tags: { CostCenter: 'cc', UseCase: 'uc' },
        },
      },
    ]);
    write(tmp(), 'plan.json', JSON.stringify(plan, null, 2));
    write(tmp(), 'main.json', template([storageAccount('starm', { minimumTlsVersion: 'TLS1_2' })]));
    const report = await scanPaths({ patterns: ['plan.json', 'main.json'], cwd: tmp(), asOf: AS_OF });
    assert.deepEqual(report.inputs.map((i) => [i.file, i.kind]), [['main.json', 'arm'], ['plan.json', 'terraform']]);
    assert.ok(report.inputs[1]!.resources >= 1);
    const tls = report.findings.find((f) => f.controlId === 'ISRM.Storage.MinTLS' && f.location.file === 'plan.json')!;
    assert.equal(tls.status, 'fail');
    assert.ok(tls.location.line > 1);
    assert.ok(tls.location.pointer.startsWith('/planned_values/'), tls.location.pointer);
  });
});
