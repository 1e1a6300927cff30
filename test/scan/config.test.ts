import assert from 'node:assert/strict';
import { isInputError } from '../../src/core/errors';
import { DEFAULT_CONFIG, resolveConfig } from '../../src/core/scan/config';

function problem(raw: unknown): { message: string; pointer?: string; file?: string } {
  try {
    resolveConfig(raw, 'controltrace.yml');
  } catch (e) {
    assert.ok(isInputError(e), `expected an InputError, got ${String(e)}`);
    return { message: e.message, pointer: e.location.pointer, file: e.location.file };
  }
  assert.fail('configuration was accepted');
}

describe('resolveConfig', () => {
  it('fills every default for an empty or missing configuration', () => {
    for (const raw of [undefined, null, {}]) {
      const c = resolveConfig(raw);
      assert.equal(c.baseline, 'hbi');
      assert.deepEqual(c.requiredTags, ['CostCenter', 'UseCase']);
      assert.deepEqual(c.deployment, {
        subscriptionId: '00000000-0000-0000-0000-000000000000',
        resourceGroup: 'controltrace-rg',
        location: 'westeurope',
        tenantId: '00000000-0000-0000-0000-000000000000',
        deploymentName: 'controltrace',
      });
      assert.deepEqual(c.environments, { production: ['prod', 'prd', 'production'], nonProduction: ['dev', 'tst', 'test', 'qa', 'uat', 'quality'] });
      assert.deepEqual([c.exclusions, c.suppressions, c.severityOverrides], [[], [], {}]);
    }
  });

  it('merges a partial deployment context with the defaults', () => {
    const c = resolveConfig({ baseline: 'standard', deployment: { location: 'switzerlandnorth' }, centralWorkspace: 'law-central' });
    assert.equal(c.baseline, 'standard');
    assert.equal(c.deployment.location, 'switzerlandnorth');
    assert.equal(c.deployment.resourceGroup, 'controltrace-rg');
    assert.equal(c.centralWorkspace, 'law-central');
  });

  it('does not share arrays with the defaults or the input', () => {
    const c = resolveConfig({});
    c.requiredTags.push('X');
    assert.deepEqual(DEFAULT_CONFIG.requiredTags, ['CostCenter', 'UseCase']);
    assert.throws(() => (DEFAULT_CONFIG.environments.production as string[]).push('x'));
  });

  it('requires justification, owner and expiry on a suppression', () => {
    const p = problem({ suppressions: [{ control: 'ISRM.A', resource: '*', justification: 'why' }] });
    assert.equal(p.file, 'controltrace.yml');
    assert.equal(p.pointer, '/suppressions/0');
    assert.match(p.message, /^controltrace\.yml \(at \/suppressions\/0\): invalid configuration: missing required property 'owner'; also .*'expires'/);
  });

  it('refuses a catch-all exclusion (only a reason) naming the file and the entry', () => {
    const p = problem({ exclusions: [{ control: 'ISRM.A', reason: 'ok' }, { reason: 'temporary' }] });
    assert.equal(p.file, 'controltrace.yml');
    assert.equal(p.pointer, '/exclusions/1');
    assert.match(p.message, /^controltrace\.yml \(at \/exclusions\/1\): invalid configuration: an exclusion must name a control or a resource/);
    // The anyOf branches' own "missing required property" must not make either one look mandatory.
    assert.doesNotMatch(p.message, /missing required property/);
    assert.equal(resolveConfig({ exclusions: [{ resource: 'sandbox*', reason: 'r' }] }).exclusions.length, 1);
    assert.equal(resolveConfig({ exclusions: [{ control: 'ISRM.A', reason: 'r' }] }).exclusions.length, 1);
  });

  it('rejects an expiry that is not a real YYYY-MM-DD date', () => {
    const base = { control: 'ISRM.A', resource: '*', justification: 'why', owner: 'me' };
    assert.match(problem({ suppressions: [{ ...base, expires: '31/12/2026' }] }).message, /expires\): .*YYYY-MM-DD/);
    assert.match(problem({ suppressions: [{ ...base, expires: '2026-02-30' }] }).message, /not a valid calendar date/);
    assert.match(problem({ suppressions: [{ ...base, justification: '   ', expires: '2026-12-31' }] }).message, /justification\): .*must not be empty/);
  });

  it('names unknown properties with their path', () => {
    const p = problem({ deployment: { subscription: 'x' } });
    assert.equal(p.pointer, '/deployment/subscription');
    assert.match(p.message, /unknown property 'subscription'/);
  });

  it('rejects bad enums and types with their path', () => {
    assert.match(problem({ baseline: 'gold' }).message, /\(at \/baseline\).*must be one of hbi, standard/);
    assert.match(problem({ severityOverrides: { 'ISRM.A': 'critical' } }).message, /severityOverrides\/ISRM\.A.*high, medium, low/);
    assert.match(problem({ requiredTags: 'CostCenter' }).message, /requiredTags.*must be array/);
    assert.match(problem([]).message, /must be object/);
  });

  it('refuses __proto__ and constructor keys without polluting prototypes', () => {
    const raw = JSON.parse('{"severityOverrides": {"__proto__": "low"}, "__proto__": {"polluted": true}}');
    assert.throws(() => resolveConfig(raw, 'c.json'), /unknown property '__proto__'|not a valid control id/);
    const c = resolveConfig(JSON.parse('{"severityOverrides": {"constructor": "low", "toString": "high"}}'));
    assert.equal(Object.hasOwn(c.severityOverrides, 'constructor'), true);
    assert.equal(typeof Object.prototype.toString, 'function');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('refuses an environment listed as both production and non-production', () => {
    const p = problem({ environments: { nonProduction: ['dev', 'Prod'] } });
    assert.equal(p.pointer, '/environments/nonProduction/1');
  });
});
