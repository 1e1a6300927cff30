// Exclusions scope a scan; they are not a waiver. A catch-all one is a configuration error, and the pairs
// an exclusion removes are listed in every report.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useTempDir, write } from '../node/tmp';
import { assertNoStackTrace, runCli } from './run-cli';
import { WEAK_STORAGE, template } from './templates';

describe('controltrace scan: exclusions', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('refuses an exclusion with only a reason: exit 2 naming the config file and the entry, no reports', () => {
    write(tmp(), 'main.json', template([WEAK_STORAGE]));
    write(tmp(), 'controltrace.yml', 'exclusions:\n  - reason: temporary\n');
    const r = runCli(['scan', 'main.json', '--out', 'out', '--as-of', '2026-11-26'], tmp());
    assertNoStackTrace(r);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /controltrace\.yml.*(line 2|:2).*exclusions\/0|controltrace\.yml.*exclusions\/0/);
    assert.match(r.stderr, /an exclusion must name a control or a resource/);
    assert.ok(!fs.existsSync(path.join(tmp(), 'out', 'controltrace.sarif')));
  });

  it('lists the excluded pairs in SARIF, JUnit, JSON and Markdown, and warns for one that matches nothing', () => {
    write(tmp(), 'main.json', template([WEAK_STORAGE]));
    write(tmp(), 'controltrace.json', JSON.stringify({ exclusions: [{ control: 'ISRM.Storage.MinTLS', reason: 'reviewed by CAB-7' }, { control: 'ISRM.Storgae.*', reason: 'typo' }] }));
    const r = runCli(['scan', 'main.json', '--out', 'out', '--as-of', '2026-11-26', '--fail-on', 'none'], tmp());
    assert.equal(r.code, 0, r.stderr);
    // The note is located in the configuration file (line of the entry), like a note about a template.
    assert.match(r.stderr, /warning: controltrace\.json:1: exclusion for ISRM\.Storgae\.\* matches no control/);
    assert.match(r.stdout, /configuration controltrace\.json \(SHA-256 [0-9a-f]{64}\)/);
    const out = (f: string) => fs.readFileSync(path.join(tmp(), 'out', f), 'utf8');
    const json = JSON.parse(out('results.json'));
    assert.deepEqual(json.exclusions[0].excluded.map((p: { controlId: string; resourceName: string }) => [p.controlId, p.resourceName]), [['ISRM.Storage.MinTLS', 'stweak']]);
    const sarif = JSON.parse(out('controltrace.sarif')).runs[0];
    assert.equal(sarif.properties.exclusions[0].excluded[0].resourceName, 'stweak');
    assert.match(out('controltrace.junit.xml'), /classname="ControlTrace.Exclusion" name="ISRM.Storage.MinTLS \*"/);
    assert.match(out('summary.md'), /- `ISRM\.Storage\.MinTLS` on stweak/);
  });
});
