// The real ARM engine, catalogue and scan context on Microsoft's Enterprise-Scale Analytics templates:
// the scan must be complete, deterministic, and every non-pass finding must point at a line in the file.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { toJson, toSarif } from '../../src/core/report';
import { resolveConfig } from '../../src/core/scan/config';
import { runScan, type ParsedSource } from '../../src/core/scan/scan';

const ESA = '/work/shared/fixtures/esa';

function load(rel: string): ParsedSource {
  const bytes = fs.readFileSync(path.join(ESA, rel));
  const text = bytes.toString('utf8');
  return { file: `esa/${rel}`, sha256: createHash('sha256').update(bytes).digest('hex'), text, json: JSON.parse(text) };
}

describe('scan of the Enterprise-Scale Analytics templates', function () {
  this.timeout(60_000);
  const zones = ['data-management-zone', 'data-product-batch'];
  const scan = () =>
    runScan({
      sources: zones.map((z) => ({ ...load(`${z}/main.json`), parameters: load(`${z}/params.prod.json`) })),
      config: resolveConfig({}),
      asOf: '2026-11-26',
    });

  it('expands and evaluates both templates with findings located in the files', () => {
    const report = scan();
    assert.ok(report.summary.resources > 10, `resources: ${report.summary.resources}`);
    assert.ok(report.findings.length > 0);
    for (const f of report.findings.filter((x) => x.status !== 'pass')) {
      assert.ok(f.location.line >= 1);
      assert.ok(f.location.file.startsWith('esa/'));
      assert.ok(f.location.pointer.startsWith('/'), f.location.pointer);
    }
    const errors = report.notes.filter((n) => n.level === 'error');
    assert.equal(report.complete, errors.length === 0);
  });

  it('gives byte-identical JSON and schema-valid SARIF', () => {
    const a = scan();
    assert.equal(toJson(a), toJson(scan()));
    const ajv = new Ajv({ strict: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync('/work/shared/reference/sarif-schema-2.1.0.json', 'utf8')));
    assert.ok(validate(JSON.parse(toSarif(a))), JSON.stringify(validate.errors?.slice(0, 3)));
  });
});
