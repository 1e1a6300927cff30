// Inputs users really pass: ARM JSON with comments (ARM deploys it), Bicep source, and a template passed
// only as its own parameters file. Each must be scanned or refused with a message that says what to do.
import assert from 'node:assert/strict';
import path from 'node:path';
import { isInputError } from '../../src/core/errors';
import { scanPaths } from '../../src/node';
import { blankJsonComments } from '../../src/node/json-comments';
import { readInputFile } from '../../src/node/read-input';
import { useTempDir, write } from './tmp';

const COMMENTED = [
  '// Storage for the landing zone',
  '{',
  '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", /* the ARM schema */',
  '  "contentVersion": "1.0.0.0",',
  '  /* a block comment',
  '     over two lines */',
  '  "resources": [',
  '    {',
  '      "type": "Microsoft.Storage/storageAccounts", // trailing comment',
  '      "apiVersion": "2023-01-01",',
  '      "name": "stlz", "tags": { "Note": "http://x//not-a-comment/*either*/" },',
  '      "location": "westeurope",',
  '      "properties": { "minimumTlsVersion": "TLS1_0" }',
  '    }',
  '  ]',
  '}',
  '',
].join('\n');

describe('JSON comments in ARM files', () => {
  const tmp = useTempDir();

  it('blanks comments outside strings, keeping every position', () => {
    const blanked = blankJsonComments(COMMENTED)!;
    assert.equal(blanked.length, COMMENTED.length);
    assert.deepEqual(blanked.split('\n').map((l) => l.length), COMMENTED.split('\n').map((l) => l.length));
    assert.equal(JSON.parse(blanked).resources[0].tags.Note, 'http://x//not-a-comment/*either*/');
    assert.equal(blankJsonComments('{"a": "// no comment", "b": "\\"/*"}'), undefined);
    assert.equal(blankJsonComments('{"a": 1}'), undefined);
  });

  it('reads an ARM template and a parameters file with comments, and locates findings on the right line', async () => {
    write(tmp(), 'main.json', COMMENTED);
    const read = await readInputFile(path.join(tmp(), 'main.json'), 'main.json');
    assert.ok(read.ok, read.ok ? '' : read.unreadable.error.message);
    const params = await readInputFile(
      write(tmp(), 'p.json', '{\n  // prod\n  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",\n  "contentVersion": "1.0.0.0",\n  "parameters": {}\n}\n'),
      'p.json',
    );
    assert.ok(params.ok);
    const report = await scanPaths({ patterns: ['main.json'], cwd: tmp(), asOf: '2026-11-26' });
    assert.equal(report.complete, true, JSON.stringify(report.notes));
    const tls = report.findings.find((f) => f.controlId === 'ISRM.Storage.MinTLS')!;
    assert.equal(tls.status, 'fail');
    assert.equal(tls.location.line, 13);
  });

  it('reads the --parameters file with comments though it has no $schema (az CLI does not require one), and applies it', async () => {
    const template = COMMENTED.replace('"minimumTlsVersion": "TLS1_0"', `"minimumTlsVersion": "[parameters('tls')]"`).replace('"contentVersion": "1.0.0.0",', '"contentVersion": "1.0.0.0", "parameters": { "tls": { "type": "string" } },');
    write(tmp(), 'main.json', template);
    write(tmp(), 'p.json', '{\n  // production values\n  "parameters": { "tls": { "value": "TLS1_0" } }\n}\n');
    const report = await scanPaths({ patterns: ['main.json'], parametersFile: 'p.json', cwd: tmp(), asOf: '2026-11-26' });
    assert.equal(report.complete, true, JSON.stringify(report.notes));
    const tls = report.findings.find((f) => f.controlId === 'ISRM.Storage.MinTLS')!;
    assert.equal(tls.status, 'fail');
    assert.equal(tls.actual, 'TLS1_0');
    // The same file given as a template input is not a template: comments make it unreadable there, as before.
    const asInput = await readInputFile(path.join(tmp(), 'p.json'), 'p.json');
    assert.ok(!asInput.ok);
  });

  it('still refuses broken JSON with comments at the exact position, and comments in non-ARM JSON', async () => {
    const broken = await readInputFile(write(tmp(), 'b.json', '{\n  // c\n  "resources": [,]\n}\n'), 'b.json');
    assert.ok(!broken.ok);
    assert.equal(broken.unreadable.error.line, 3);
    const plan = await readInputFile(write(tmp(), 'plan.json', '{\n  // c\n  "format_version": "1.2"\n}\n'), 'plan.json');
    assert.ok(!plan.ok);
    assert.equal(plan.unreadable.error.line, 2);
  });
});

describe('inputs that are not templates', () => {
  const tmp = useTempDir();

  it('a .bicep input says to compile it with az bicep build', async () => {
    write(tmp(), 'main.bicep', "resource st 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: 'st'\n}\n");
    const report = await scanPaths({ patterns: ['main.bicep'], cwd: tmp(), asOf: '2026-11-26' });
    assert.equal(report.complete, false);
    const error = report.notes.find((n) => n.level === 'error' && n.file === 'main.bicep')!;
    assert.match(error.message, /Bicep file: compile it .*\(az bicep build --file main\.bicep\)/);
  });

  it('a template passed only as its own parameters file says so, not "none of the 0 input files"', async () => {
    write(tmp(), 'med.json', '{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []}');
    await assert.rejects(
      scanPaths({ patterns: ['med.json'], parametersFile: 'med.json', cwd: tmp(), asOf: '2026-11-26' }),
      (e) => isInputError(e) && /med\.json is the parameters file \(--parameters\), so it is not scanned as a template/.test(e.message) && !/none of the 0/.test(e.message),
    );
  });
});
