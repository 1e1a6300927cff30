// Hand-built sources, controls and scan context for engine tests: the engine's behaviour is tested
// without depending on the real ARM expander or the real catalogue.

import { InputError } from '../../src/core/errors';
import type { ControlDefinition, NormalizedResource, ResolvedConfig, ScanContext } from '../../src/core/model';
import { resolveConfig } from '../../src/core/scan/config';
import type { ParsedSource, ScanDependencies } from '../../src/core/scan/sources';

/** A "template" for the fake expander: `{ fake: 'arm', resources: [{ type, name, properties }] }`. */
export function source(file: string, json: unknown, text = JSON.stringify(json, null, 2)): ParsedSource {
  return { file, sha256: 'a'.repeat(64), text, json };
}

export function fakeTemplate(resources: { type: string; name: string; properties?: Record<string, unknown> }[]): unknown {
  return { fake: 'arm', resources: resources.map((r) => ({ properties: {}, ...r })) };
}

export const fakeDeps: ScanDependencies = {
  classify(json) {
    const kind = (json as { fake?: string } | null)?.fake;
    return kind === 'arm' || kind === 'terraform' || kind === 'parameters' ? kind : 'unrecognised';
  },
  expandArm({ file, template }) {
    const t = template as { resources: { type: string; name: string; properties: Record<string, unknown> }[]; explode?: string };
    if (t.explode === 'input') throw new InputError("unknown function 'nope'", { file, pointer: '/resources/0/name' });
    if (t.explode === 'bug') throw new TypeError('x is undefined');
    return {
      resources: t.resources.map((r, i) => resource(file, i, r.type, r.name, r.properties)),
      notes: [],
    };
  },
  normalizeTerraform({ file }) {
    return { resources: [], notes: [{ level: 'info', file, message: 'terraform plan with no resources' }] };
  },
  createContext: fakeContext,
  controlsForBaseline: () => [],
};

export function resource(file: string, i: number, type: string, name: string, properties: Record<string, unknown> = {}): NormalizedResource {
  return {
    type,
    name,
    id: `/subscriptions/0/resourceGroups/rg/providers/${type}/${name}`,
    properties,
    source: { kind: 'arm', file, pointer: `/resources/${i}` },
  };
}

export function fakeContext(resources: readonly NormalizedResource[], config: ResolvedConfig): ScanContext {
  return {
    resources,
    config,
    ofType: (type) => resources.filter((r) => r.type.toLowerCase() === type.toLowerCase()),
    byId: (id) => resources.find((r) => r.id.toLowerCase() === id.toLowerCase()),
    extensionsOf: () => [],
    privateEndpointsFor: () => [],
  };
}

/** A control that fails when `properties[prop]` is not `expected`, is unknown when it is a string starting with `[`. */
export function propertyControl(id: string, type: string, prop: string, expected: unknown, over: Partial<ControlDefinition> = {}): ControlDefinition {
  return {
    id,
    title: `${prop} is ${String(expected)}`,
    rationale: `Because ${prop} matters.`,
    remediation: `Set ${prop} to ${String(expected)}.`,
    snippet: `{ "${prop}": ${JSON.stringify(expected)} }`,
    severity: 'high',
    family: 'network',
    baselines: ['hbi', 'standard'],
    appliesTo: [type],
    frameworks: { nist80053: ['SC-7'], iso27001: ['A.8.20'] },
    helpUri: 'https://learn.microsoft.com/azure/',
    check(r) {
      const actual = r.properties[prop];
      const status = typeof actual === 'string' && actual.startsWith('[') ? 'unknown' : actual === expected ? 'pass' : 'fail';
      return [{ status, propertyPath: `properties.${prop}`, actual, expected: String(expected), message: `${r.name}: ${prop} is ${String(actual)}` }];
    },
    ...over,
  };
}

export function config(raw: unknown = {}): ResolvedConfig {
  return resolveConfig(raw, 'controltrace.json');
}
