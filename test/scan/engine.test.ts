import assert from 'node:assert/strict';
import type { ControlDefinition } from '../../src/core/model';
import { resolveConfig } from '../../src/core/scan/config';
import { exitCodeFor, failThresholdReached, runScanWith } from '../../src/core/scan/engine';
import { runScan } from '../../src/core/scan/scan';
import { config, fakeDeps, fakeTemplate, propertyControl, source } from './fakes';

const STORAGE = 'Microsoft.Storage/storageAccounts';
const tls = propertyControl('ISRM.Storage.Tls', STORAGE, 'minimumTlsVersion', 'TLS1_2');
const pna = propertyControl('ISRM.Storage.Pna', STORAGE, 'publicNetworkAccess', 'Disabled', { severity: 'medium', family: 'network' });

function scan(resources: Parameters<typeof fakeTemplate>[0], raw: unknown = {}, controls: ControlDefinition[] = [tls, pna], asOf = '2026-11-26') {
  return runScanWith(fakeDeps, { sources: [source('main.json', fakeTemplate(resources))], config: config(raw), asOf, controls, configFile: 'controltrace.json' });
}

describe('scan engine', () => {
  it('runs every applicable control on every resource and summarises', () => {
    const report = scan([
      { type: STORAGE, name: 'good', properties: { minimumTlsVersion: 'TLS1_2', publicNetworkAccess: 'Disabled' } },
      { type: 'microsoft.storage/STORAGEACCOUNTS', name: 'bad', properties: { minimumTlsVersion: 'TLS1_0' } },
    ]);
    assert.equal(report.findings.length, 4);
    assert.deepEqual(report.summary, {
      resources: 2,
      controlsEvaluated: 2,
      passed: 2,
      failed: 2,
      unknown: 0,
      suppressed: 0,
      failedBySeverity: { high: 1, medium: 1, low: 0 },
      expiredSuppressions: 0,
    });
    assert.equal(report.complete, true);
    assert.equal(report.asOf, '2026-11-26T00:00:00.000Z');
    assert.deepEqual(report.inputs, [{ file: 'main.json', kind: 'arm', sha256: 'a'.repeat(64), resources: 2 }]);
  });

  it('locates a finding at the deepest existing part of its property path', () => {
    const report = scan([{ type: STORAGE, name: 'bad', properties: { minimumTlsVersion: 'TLS1_0' } }]);
    const tlsFinding = report.findings.find((f) => f.controlId === 'ISRM.Storage.Tls')!;
    assert.deepEqual(tlsFinding.location, { file: 'main.json', line: 6, pointer: '/resources/0/properties/minimumTlsVersion' });
    const pnaFinding = report.findings.find((f) => f.controlId === 'ISRM.Storage.Pna')!;
    assert.equal(pnaFinding.location.pointer, '/resources/0/properties');
    assert.equal(pnaFinding.location.line, 5);
  });

  it('applies severity overrides to findings, summary and the control list', () => {
    const report = scan([{ type: STORAGE, name: 'bad', properties: {} }], { severityOverrides: { 'isrm.storage.TLS': 'low' } });
    assert.equal(report.findings.find((f) => f.controlId === 'ISRM.Storage.Tls')!.severity, 'low');
    assert.deepEqual(report.summary.failedBySeverity, { high: 0, medium: 1, low: 1 });
    assert.equal(report.controls.find((c) => c.id === 'ISRM.Storage.Tls')!.severity, 'low');
  });

  it('does not resolve an override named like an Object.prototype member', () => {
    const constructorControl = propertyControl('constructor', STORAGE, 'x', 1);
    const report = scan([{ type: STORAGE, name: 'a', properties: {} }], {}, [constructorControl]);
    assert.equal(report.findings[0]!.severity, 'high');
  });

  it('lists exclusions with the number of pairs they excluded and skips those pairs', () => {
    const report = scan(
      [
        { type: STORAGE, name: 'sandbox1', properties: {} },
        { type: STORAGE, name: 'prod1', properties: {} },
      ],
      { exclusions: [{ control: 'ISRM.Storage.P*', resource: 'sandbox*', reason: 'sandbox only' }, { resource: 'nothing', reason: 'unused' }] },
    );
    const sandbox1 = { controlId: 'ISRM.Storage.Pna', file: 'main.json', resourceId: '/subscriptions/0/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sandbox1', resourceName: 'sandbox1', resourceType: STORAGE };
    assert.deepEqual(report.exclusions, [
      { control: 'ISRM.Storage.P*', resource: 'sandbox*', reason: 'sandbox only', matched: 1, excluded: [sandbox1] },
      { resource: 'nothing', reason: 'unused', matched: 0, excluded: [] },
    ]);
    assert.equal(report.findings.length, 3);
    assert.ok(!report.findings.some((f) => f.controlId === 'ISRM.Storage.Pna' && f.resourceName === 'sandbox1'));
  });

  it('warns about an exclusion whose control matches no control, and one that matched nothing', () => {
    const report = scan([{ type: STORAGE, name: 'a', properties: {} }], {
      exclusions: [
        { control: 'ISRM.Storgae.*', reason: 'typo' },
        { resource: 'nothing*', reason: 'no such resource' },
        { control: 'ISRM.Storage.Tls', resource: 'a', reason: 'used' },
      ],
    });
    const warnings = report.notes.filter((n) => n.pointer?.startsWith('/exclusions/'));
    assert.deepEqual(warnings.map((n) => [n.level, n.pointer]), [['warning', '/exclusions/0'], ['warning', '/exclusions/1']]);
    assert.match(warnings[0]!.message, /ISRM\.Storgae\.\* matches no control of the hbi baseline/);
    assert.match(warnings[1]!.message, /matched no control × resource pair/);
  });

  it('suppresses matching failures until the expiry day, and an expired suppression fails the scan', () => {
    const suppression = { control: 'isrm.storage.tls', resource: 'legacy*', justification: 'CAB-123 migration', owner: 'alice@example.com', expires: '2026-11-26' };
    const resources = [
      { type: STORAGE, name: 'legacy1', properties: { publicNetworkAccess: 'Disabled' } },
      { type: STORAGE, name: 'other', properties: { minimumTlsVersion: 'TLS1_2', publicNetworkAccess: 'Disabled' } },
    ];
    const onTheDay = scan(resources, { suppressions: [suppression] }, [tls, pna], '2026-11-26T23:59:59Z');
    const suppressed = onTheDay.findings.filter((f) => f.status === 'suppressed');
    assert.equal(suppressed.length, 1);
    assert.equal(suppressed[0]!.suppression!.owner, 'alice@example.com');
    assert.deepEqual(onTheDay.suppressions, [{ ...suppression, expired: false, matched: 1 }]);
    assert.equal(onTheDay.summary.suppressed, 1);
    assert.equal(onTheDay.summary.failed, 0);
    assert.equal(exitCodeFor(onTheDay, 'low'), 0);

    const dayAfter = scan(resources, { suppressions: [suppression] }, [tls, pna], '2026-11-27T00:00:00Z');
    assert.equal(dayAfter.summary.suppressed, 0);
    assert.equal(dayAfter.summary.failed, 1);
    assert.equal(dayAfter.summary.expiredSuppressions, 1);
    assert.deepEqual(dayAfter.suppressions, [{ ...suppression, expired: true, matched: 1 }]);
    assert.equal(exitCodeFor(dayAfter, 'none'), 2);
  });

  it('reports unknown outcomes as unknown, not pass or fail', () => {
    const report = scan([{ type: STORAGE, name: 'x', properties: { minimumTlsVersion: "[parameters('tls')]", publicNetworkAccess: 'Disabled' } }]);
    assert.equal(report.summary.unknown, 1);
    assert.equal(failThresholdReached(report, 'low'), false);
  });

  it('notes each resource type no control covers', () => {
    const report = scan([
      { type: STORAGE, name: 'a', properties: {} },
      { type: 'Contoso.Custom/widgets', name: 'w1' },
      { type: 'Contoso.Custom/widgets', name: 'w2' },
    ]);
    const note = report.notes.find((n) => n.message.includes('Contoso.Custom/widgets'));
    assert.ok(note);
    assert.equal(note.level, 'info');
    assert.match(note.message, /2 resources not checked directly/);
    assert.equal(note.pointer, '/resources/1');
    assert.equal(report.complete, true);
  });

  it('counts uncovered resources per type and file whatever comes between them, and whatever the case of the type', () => {
    const report = scan([
      { type: 'Contoso.Custom/widgets', name: 'w1' },
      { type: 'Contoso.Custom/widgets', name: 'w2' },
      { type: 'Contoso.Custom/gadgets', name: 'g1' },
      { type: STORAGE, name: 'a', properties: {} },
      { type: 'contoso.custom/WIDGETS', name: 'w3' },
      { type: 'Contoso.Custom/gadgets', name: 'g2' },
    ]);
    const uncovered = report.notes.filter((n) => n.message.startsWith('no control covers')).map((n) => [n.pointer, n.message.replace(/ not checked.*/, '')]);
    assert.deepEqual(uncovered, [
      ['/resources/0', 'no control covers resource type Contoso.Custom/widgets (3 resources'],
      ['/resources/2', 'no control covers resource type Contoso.Custom/gadgets (2 resources'],
    ]);
  });

  it('keeps the other files when one cannot be expanded, but marks the scan incomplete', () => {
    const report = runScanWith(fakeDeps, {
      sources: [
        source('b.json', { ...(fakeTemplate([]) as object), explode: 'input' }),
        source('a.json', fakeTemplate([{ type: STORAGE, name: 'bad' }])),
        source('c.json', { ...(fakeTemplate([]) as object), explode: 'bug' }),
      ],
      config: config(),
      asOf: '2026-11-26',
      controls: [tls],
    });
    assert.equal(report.summary.failed, 1);
    assert.equal(report.complete, false);
    const errors = report.notes.filter((n) => n.level === 'error');
    assert.equal(errors.length, 2);
    assert.equal(errors[0]!.file, 'b.json');
    assert.equal(errors[0]!.pointer, '/resources/0/name');
    assert.equal(errors[0]!.message, "could not be expanded: unknown function 'nope'");
    assert.match(errors[1]!.message, /internal error.*x is undefined/);
    assert.equal(exitCodeFor(report, 'none'), 2);
  });

  it('turns a control that throws into an error note instead of a crash', () => {
    const broken = propertyControl('ISRM.Broken', STORAGE, 'x', 1, {
      check() {
        throw new Error('boom');
      },
    });
    const report = scan([{ type: STORAGE, name: 'a' }], {}, [broken, tls]);
    assert.equal(report.complete, false);
    assert.ok(report.notes.some((n) => n.level === 'error' && /ISRM\.Broken.*boom/.test(n.message)));
    assert.equal(report.findings.length, 1);
  });

  it('notes files that are not templates and fails when nothing at all was scannable', () => {
    const report = runScanWith(fakeDeps, {
      sources: [source('package.json', { name: 'x' }), source('params.json', { fake: 'parameters' })],
      config: config(),
      asOf: '2026-11-26',
      controls: [tls],
    });
    assert.deepEqual(
      report.inputs.map((i) => i.kind),
      ['unrecognised', 'parameters'],
    );
    assert.ok(report.notes.some((n) => n.file === 'package.json' && n.level === 'warning'));
    assert.ok(report.notes.some((n) => n.file === 'params.json' && n.level === 'info'));
    assert.equal(report.complete, false);
  });

  it('only runs controls of the configured baseline', () => {
    const hbiOnly = propertyControl('ISRM.Storage.HbiOnly', STORAGE, 'x', 1, { baselines: ['hbi'] });
    const report = scan([{ type: STORAGE, name: 'a' }], { baseline: 'standard' }, [hbiOnly, tls]);
    assert.deepEqual(report.controls.map((c) => c.id), ['ISRM.Storage.Tls']);
  });

  it('is deterministic: input order does not change the report', () => {
    const a = source('a.json', fakeTemplate([{ type: STORAGE, name: 'x' }, { type: STORAGE, name: 'y' }]));
    const b = source('b.json', fakeTemplate([{ type: STORAGE, name: 'z' }]));
    const run = (sources: typeof a[]) => JSON.stringify(runScanWith(fakeDeps, { sources, config: config(), asOf: '2026-11-26', controls: [pna, tls] }));
    assert.equal(run([a, b]), run([b, a]));
  });

  it('rejects an asOf that is not an ISO date or zoned instant', () => {
    for (const asOf of ['yesterday', '2026-11-26T10:00:00', '2026-02-30']) {
      assert.throws(() => scan([], {}, [tls], asOf), /asOf/);
    }
  });

  it('warns about overrides and suppressions naming controls outside the baseline', () => {
    const report = scan([], { severityOverrides: { 'ISRM.Nope': 'low' }, suppressions: [{ control: 'ISRM.Gone', resource: '*', justification: 'j', owner: 'o', expires: '2030-01-01' }] });
    assert.equal(report.notes.filter((n) => n.level === 'warning' && n.file === 'controltrace.json').length, 2);
  });

  it('applies failOn thresholds by severity', () => {
    const report = scan([{ type: STORAGE, name: 'a', properties: { minimumTlsVersion: 'TLS1_2' } }]);
    assert.equal(failThresholdReached(report, 'high'), false);
    assert.equal(failThresholdReached(report, 'medium'), true);
    assert.equal(failThresholdReached(report, 'none'), false);
    assert.equal(exitCodeFor(report, 'high'), 0);
    assert.equal(exitCodeFor(report, 'low'), 1);
  });

  it('passes the parameters file to ARM templates and lists it as an input once', () => {
    const seen: unknown[] = [];
    const deps = { ...fakeDeps, expandArm: (args: Parameters<typeof fakeDeps.expandArm>[0]) => (seen.push(args.parameters), fakeDeps.expandArm(args)) };
    const parameters = { ...source('params.json', { fake: 'parameters', v: 1 }) };
    const report = runScanWith(deps, {
      sources: [{ ...source('a.json', fakeTemplate([])), parameters }, { ...source('b.json', fakeTemplate([])), parameters }],
      config: config(),
      asOf: '2026-11-26',
      controls: [tls],
    });
    assert.deepEqual(seen, [{ file: 'params.json', value: { fake: 'parameters', v: 1 } }, { file: 'params.json', value: { fake: 'parameters', v: 1 } }]);
    assert.deepEqual(report.inputs.map((i) => [i.file, i.kind]), [['a.json', 'arm'], ['b.json', 'arm'], ['params.json', 'parameters']]);
    assert.ok(!report.notes.some((n) => n.file === 'params.json'));
  });

  it('locates passes at their resource declaration', () => {
    const report = scan([{ type: STORAGE, name: 'good', properties: { minimumTlsVersion: 'TLS1_2', publicNetworkAccess: 'Disabled' } }]);
    for (const f of report.findings) assert.deepEqual(f.location, { file: 'main.json', line: 4, pointer: '/resources/0' });
  });

  it('excludes by resource type glob', () => {
    const report = scan([{ type: STORAGE, name: 'a' }], { exclusions: [{ resource: 'microsoft.storage/*', reason: 'storage reviewed separately' }] });
    assert.equal(report.findings.length, 0);
    assert.equal(report.exclusions[0]!.matched, 2);
  });

  it('an unreadable file is explained by its own error, not by a second "nothing scanned" one', () => {
    const report = runScanWith(fakeDeps, {
      sources: [],
      unreadable: [{ file: 'bad.json', sha256: 'b'.repeat(64), error: { level: 'error', file: 'bad.json', line: 3, column: 2, message: 'invalid JSON: x' } }],
      config: config(),
      asOf: '2026-11-26',
      controls: [tls],
    });
    assert.deepEqual(report.notes, [{ level: 'error', file: 'bad.json', line: 3, column: 2, message: 'invalid JSON: x' }]);
    assert.deepEqual(report.inputs, [{ file: 'bad.json', kind: 'unrecognised', sha256: 'b'.repeat(64), resources: 0 }]);
    assert.equal(report.complete, false);
  });

  it('a scan with no input at all is not a passing scan', () => {
    const report = runScanWith(fakeDeps, { sources: [], config: config(), asOf: '2026-11-26', controls: [tls] });
    assert.equal(report.complete, false);
    assert.equal(exitCodeFor(report, 'none'), 2);
  });
});

describe('scan notes', () => {
  it('every note with a pointer into a scanned file has its line (unknown condition and name)', () => {
    const text = [
      '{',
      '  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",',
      '  "contentVersion": "1.0.0.0",',
      '  "resources": [',
      '    {',
      '      "condition": "[equals(reference(\'x\').y, \'z\')]",',
      '      "type": "Microsoft.Storage/storageAccounts",',
      '      "apiVersion": "2023-01-01",',
      '      "name": "[concat(\'st\', reference(\'x\').n)]",',
      '      "location": "westeurope",',
      '      "properties": {}',
      '    }',
      '  ]',
      '}',
    ].join('\n');
    const report = runScan({ sources: [{ file: 'cond.json', sha256: 'a'.repeat(64), text, json: JSON.parse(text) }], config: resolveConfig({}), asOf: '2026-11-26' });
    const condition = report.notes.find((n) => n.message.startsWith('the condition is only known at deployment'))!;
    const name = report.notes.find((n) => n.message.startsWith('the resource name is only known at deployment'))!;
    assert.deepEqual([condition.line, name.line], [6, 9]);
    for (const n of report.notes) if (n.pointer !== undefined && n.file === 'cond.json') assert.notEqual(n.line, undefined, n.message);
  });
});

describe('scan engine: what changed a finding', () => {
  it('names the catalogue severity on an overridden finding and the expired suppression on the finding it no longer waives', () => {
    const report = runScanWith(fakeDeps, {
      sources: [source('main.json', fakeTemplate([{ type: STORAGE, name: 'legacy1', properties: { minimumTlsVersion: 'TLS1_0', publicNetworkAccess: 'Enabled' } }]))],
      config: config({
        severityOverrides: { 'ISRM.Storage.Pna': 'low' },
        suppressions: [{ control: 'ISRM.Storage.Tls', resource: 'legacy*', justification: 'old', owner: 'bob', expires: '2026-01-01' }],
      }),
      asOf: '2026-11-26',
      controls: [tls, pna],
    });
    const pnaFinding = report.findings.find((f) => f.controlId === 'ISRM.Storage.Pna')!;
    assert.deepEqual([pnaFinding.severity, pnaFinding.defaultSeverity], ['low', 'medium']);
    const tlsFinding = report.findings.find((f) => f.controlId === 'ISRM.Storage.Tls')!;
    assert.equal(tlsFinding.defaultSeverity, undefined);
    assert.equal(tlsFinding.status, 'fail');
    assert.deepEqual(tlsFinding.rejectedSuppressions, [{ control: 'ISRM.Storage.Tls', resource: 'legacy*', justification: 'old', owner: 'bob', expires: '2026-01-01' }]);
  });
});
