import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { useTempDir, utf16, write, writeSparse } from '../node/tmp';
import { assertNoStackTrace, runCli } from './run-cli';
import { WEAK_STORAGE, storageAccount, template } from './templates';

const AS_OF = ['--as-of', '2026-11-26'];

describe('controltrace CLI', function () {
  this.timeout(120_000);
  const tmp = useTempDir();
  const results = (dir: string) => JSON.parse(fs.readFileSync(path.join(dir, 'out', 'results.json'), 'utf8'));

  it('scans, writes the four reports, prints a summary and exits 1 on failures at the threshold', () => {
    write(tmp(), 'infra/main.json', template([WEAK_STORAGE]));
    const r = runCli(['scan', 'infra', '--out', 'out', ...AS_OF], tmp());
    assertNoStackTrace(r);
    assert.equal(r.code, 1, r.stderr);
    for (const f of ['controltrace.sarif', 'controltrace.junit.xml', 'summary.md', 'results.json']) {
      assert.ok(fs.existsSync(path.join(tmp(), 'out', f)), f);
      assert.ok(r.stdout.includes(path.join('out', f)), `stdout names ${f}`);
    }
    assert.match(r.stdout, /Result: FAILED/);
    const report = results(tmp());
    assert.equal(report.inputs[0].file, 'infra/main.json');
    assert.ok(report.summary.failed > 0);
    assert.ok(report.findings.some((f: { controlId: string; status: string }) => f.controlId === 'ISRM.Storage.MinTLS' && f.status === 'fail'));
  });

  it('exits 0 with --fail-on none, and only writes the formats asked for', () => {
    write(tmp(), 'main.json', template([WEAK_STORAGE]));
    const r = runCli(['scan', 'main.json', '--out', 'out', '--fail-on', 'none', '--format', 'json,md', ...AS_OF], tmp());
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(fs.readdirSync(path.join(tmp(), 'out')).sort(), ['results.json', 'summary.md']);
  });

  it('produces byte-identical reports for the same input and --as-of', () => {
    write(tmp(), 'main.json', template([WEAK_STORAGE, storageAccount('stok', { minimumTlsVersion: 'TLS1_2' })]));
    runCli(['scan', 'main.json', '--out', 'a', ...AS_OF], tmp());
    runCli(['scan', 'main.json', '--out', 'b', ...AS_OF], tmp());
    for (const f of ['controltrace.sarif', 'controltrace.junit.xml', 'summary.md', 'results.json']) {
      assert.ok(fs.readFileSync(path.join(tmp(), 'a', f)).equals(fs.readFileSync(path.join(tmp(), 'b', f))), f);
    }
  });

  it('fails with exit 2 when a suppression has expired, and lists it', () => {
    write(tmp(), 'main.json', template([WEAK_STORAGE]));
    write(tmp(), 'controltrace.yml', 'suppressions:\n  - control: ISRM.Storage.MinTLS\n    resource: stweak\n    justification: legacy client\n    owner: alice\n    expires: 2026-11-25\n');
    const r = runCli(['scan', 'main.json', '--out', 'out', '--fail-on', 'none', ...AS_OF], tmp());
    assert.equal(r.code, 2);
    assert.match(r.stdout, /suppression\(s\) expired/);
    assert.match(r.stderr, /^error: controltrace\.yml: suppression 1 \(ISRM\.Storage\.MinTLS on stweak, owner alice\) expired on 2026-11-25; renew or remove it$/m);
    assert.deepEqual(results(tmp()).suppressions[0].expired, true);
  });

  describe('bad input', () => {
    it('malformed JSON: names file:line:column and exits 2, other files still scanned', () => {
      write(tmp(), 'infra/bad.json', '{\n  "resources": [\n    {"type": }\n  ]\n}\n');
      write(tmp(), 'infra/good.json', template([WEAK_STORAGE]));
      const r = runCli(['scan', 'infra', '--out', 'out', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: infra\/bad\.json:3:14: invalid JSON: unexpected character "}"/m);
      assert.match(r.stdout, /INCOMPLETE/);
      const report = results(tmp());
      assert.equal(report.complete, false);
      assert.ok(report.summary.failed > 0, 'good.json was still scanned');
    });

    it('UTF-16 LE and BE files with a BOM are scanned like UTF-8', () => {
      write(tmp(), 'le.json', utf16(template([WEAK_STORAGE]), 'le'));
      write(tmp(), 'be.json', utf16(template([storageAccount('stbe', { minimumTlsVersion: 'TLS1_0' })]), 'be'));
      const r = runCli(['scan', 'le.json', 'be.json', '--out', 'out', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 1, r.stderr);
      const report = results(tmp());
      assert.deepEqual(report.inputs.map((i: { kind: string; resources: number }) => [i.kind, i.resources]), [['arm', 1], ['arm', 1]]);
    });

    it('an empty file is an error note (exit 2)', () => {
      write(tmp(), 'empty.json', '');
      const r = runCli(['scan', 'empty.json', '--out', 'out', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: empty\.json: file is empty/m);
    });

    it('a JSON file that is not a template is noted and skipped', () => {
      write(tmp(), 'package.json', '{"name": "x", "version": "1.0.0"}');
      write(tmp(), 'main.json', template([storageAccount('stok', {})]));
      const r = runCli(['scan', '.', '--out', 'out', '--fail-on', 'none', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /^warning: package\.json: not an ARM template/m);
      const report = results(tmp());
      assert.deepEqual(report.inputs.map((i: { file: string; kind: string }) => [i.file, i.kind]), [['main.json', 'arm'], ['package.json', 'unrecognised']]);
    });

    it('only non-templates: exit 2, nothing was scanned', () => {
      write(tmp(), 'package.json', '{"name": "x"}');
      const r = runCli(['scan', 'package.json', '--out', 'out', ...AS_OF], tmp());
      assert.equal(r.code, 2);
      assert.match(r.stderr, /nothing was scanned/);
    });

    it('an unknown function in an expression names the file and exits 2', () => {
      write(tmp(), 'main.json', template([storageAccount("[concat('st', notAFunction('x'))]", {})]));
      const r = runCli(['scan', 'main.json', '--out', 'out', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: main\.json.*notAFunction/m);
    });

    it('a copy loop of a billion fails fast with a clear limit error', () => {
      const looped = { ...storageAccount("[concat('st', copyIndex())]", {}), copy: { name: 'many', count: 1_000_000_000 } };
      write(tmp(), 'main.json', template([looped]));
      const started = Date.now();
      const r = runCli(['scan', 'main.json', '--out', 'out', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^error: main\.json.*(limit|too many|1000000000|count)/im);
      assert.ok(Date.now() - started < 60_000);
    });

    it('__proto__ and constructor keys are data, not prototype pollution', () => {
      const hostile = JSON.parse(template([storageAccount('stp', { minimumTlsVersion: 'TLS1_2' })]));
      const text = JSON.stringify(hostile, null, 2).replace(
        '"properties": {',
        '"properties": {\n "__proto__": {"polluted": "yes", "minimumTlsVersion": "TLS1_2"},\n "constructor": {"prototype": {"polluted": "yes"}},',
      );
      write(tmp(), 'main.json', text.replace('"parameters"', '"x"').replace('{\n  "$schema"', '{\n  "__proto__": {"resources": []},\n  "$schema"'));
      const r = runCli(['scan', 'main.json', '--out', 'out', '--fail-on', 'none', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.ok(r.code === 0 || r.code === 2, r.stderr);
      assert.ok(!/polluted/.test(r.stderr));
    });

    it('a 200 MB file alone fails fast with a size error instead of being read', () => {
      writeSparse(tmp(), 'huge.json', 200 * 1024 * 1024);
      const r = runCli(['scan', 'huge.json', '--out', 'out', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^controltrace: error: huge\.json: file is 200 MB, over the 100 MB limit/m);
      // No --option raises the limit: the message must not send the user looking for one.
      assert.match(r.stderr, /split it into smaller files$/m);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one clear line');
      assert.ok(!fs.existsSync(path.join(tmp(), 'out')));
    });

    it('a 200 MB file is not read: an error naming it, exit 2 and INCOMPLETE reports, the other file still scanned', () => {
      writeSparse(tmp(), 'huge.json', 200 * 1024 * 1024);
      write(tmp(), 'main.json', template([WEAK_STORAGE]));
      const r = runCli(['scan', 'huge.json', 'main.json', '--out', 'out', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 2, r.stderr);
      // No --option raises the limit: the message must not send the user looking for one.
      assert.match(r.stdout + r.stderr, /huge\.json.*file is 200 MB, over the 100 MB limit for one input; split it into smaller files/);
      assert.match(r.stdout, /INCOMPLETE/);
      const report = results(tmp());
      assert.equal(report.complete, false);
      assert.ok(report.findings.some((f: { location: { file: string }; status: string }) => f.location.file === 'main.json' && f.status === 'fail'));
      assert.match(fs.readFileSync(path.join(tmp(), 'out', 'summary.md'), 'utf8'), /huge\.json.*over the 100 MB limit/);
    });

    it('a 200 MB parameters file is still refused outright: the scan would mean something else without it', () => {
      writeSparse(tmp(), 'huge.params.json', 200 * 1024 * 1024);
      write(tmp(), 'main.json', template([WEAK_STORAGE]));
      const r = runCli(['scan', 'main.json', '--parameters', 'huge.params.json', '--out', 'out', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^controltrace: error: huge\.params\.json: file is 200 MB, over the 100 MB limit/m);
      assert.equal(r.stderr.trim().split('\n').length, 1, 'one clear line');
      assert.ok(!fs.existsSync(path.join(tmp(), 'out')));
    });

    it('an unknown resource type is reported as a note, not silently ignored', () => {
      write(tmp(), 'main.json', template([{ type: 'Contoso.Widgets/gadgets', apiVersion: '2024-01-01', name: 'g1', properties: {} }]));
      const r = runCli(['scan', 'main.json', '--out', 'out', ...AS_OF], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 0, r.stderr);
      const notes = results(tmp()).notes as { level: string; message: string }[];
      assert.ok(notes.some((n) => n.level === 'info' && n.message.includes('Contoso.Widgets/gadgets')));
      assert.match(fs.readFileSync(path.join(tmp(), 'out', 'summary.md'), 'utf8'), /Contoso\.Widgets\/gadgets/);
    });

    it('nothing matched by the patterns: exit 2 with a clear message', () => {
      const r = runCli(['scan', 'nope/*.json', 'missing.json', '--out', 'out'], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^controltrace: error: no files matched 'nope\/\*\.json', 'missing\.json'/m);
      assert.ok(!fs.existsSync(path.join(tmp(), 'out')));
    });

    it('an invalid config names the file and line', () => {
      write(tmp(), 'main.json', template([]));
      write(tmp(), 'controltrace.json', '{\n  "baseline": "gold"\n}\n');
      const r = runCli(['scan', 'main.json', '--out', 'out'], tmp());
      assertNoStackTrace(r);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^controltrace: error: controltrace\.json:2 \(at \/baseline\): invalid configuration: must be one of hbi, standard$/m);
    });
  });

  describe('usage errors exit 2', () => {
    const cases: [string, string[], RegExp][] = [
      ['unknown option', ['scan', 'x.json', '--bogus'], /unknown option '--bogus'/],
      ['missing inputs', ['scan'], /missing required argument 'inputs'/],
      ['bad --fail-on', ['scan', 'x.json', '--fail-on', 'critical'], /--fail-on.*critical.*Allowed choices are high, medium, low, none/],
      ['bad --baseline', ['scan', 'x.json', '--baseline', 'gold'], /Allowed choices are hbi, standard/],
      ['bad --format', ['scan', 'x.json', '--format', 'sarif,pdf'], /unknown format 'pdf'/],
      ['bad --as-of', ['scan', 'x.json', '--as-of', 'tomorrow'], /--as-of 'tomorrow' is not an ISO-8601 date/],
      ['unknown command', ['scna'], /unknown command 'scna'/],
    ];
    for (const [title, args, message] of cases) {
      it(title, () => {
        const r = runCli(args, tmp());
        assertNoStackTrace(r);
        assert.equal(r.code, 2, r.stderr);
        assert.match(r.stderr, message);
        assert.match(r.stderr, /^controltrace: error: /m);
      });
    }

    it('--help and --version exit 0', () => {
      const help = runCli(['scan', '--help'], tmp());
      assert.equal(help.code, 0);
      assert.match(help.stdout, /--fail-on <severity>/);
      const version = runCli(['--version'], tmp());
      assert.equal(version.code, 0);
      assert.match(version.stdout, /^\d+\.\d+\.\d+/);
    });
  });
});
