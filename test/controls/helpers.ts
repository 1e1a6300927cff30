import type { CheckOutcome, NormalizedResource, ResolvedConfig } from '../../src/core/model';
import { Unknown } from '../../src/core/model';
import { controlById, controlAppliesTo } from '../../src/core/controls';
import { createScanContext } from '../../src/core/scan/context';

export const SUB = '00000000-0000-0000-0000-000000000001';
export const RG = 'rg-test';
export const RG_ID = `/subscriptions/${SUB}/resourceGroups/${RG}`;

export function idFor(type: string, name: string): string {
  const [ns, ...types] = type.split('/');
  const names = name.split('/');
  return `${RG_ID}/providers/${ns}/${types.map((t, i) => `${t}/${names[i]}`).join('/')}`;
}

export function res(type: string, name: string, properties: Record<string, unknown> = {}, extra: Partial<NormalizedResource> = {}): NormalizedResource {
  return {
    type,
    name,
    id: idFor(type, name),
    apiVersion: '2023-05-01',
    tags: { CostCenter: 'CC-1', UseCase: 'uc', Environment: 'prod' },
    properties,
    source: { kind: 'arm', file: 'main.json', pointer: '/resources/0' },
    ...extra,
  };
}

export function config(overrides: Partial<ResolvedConfig> = {}): ResolvedConfig {
  return {
    baseline: 'hbi',
    requiredTags: ['CostCenter', 'UseCase'],
    severityOverrides: {},
    exclusions: [],
    suppressions: [],
    deployment: { subscriptionId: SUB, resourceGroup: RG, location: 'westeurope', tenantId: '00000000-0000-0000-0000-0000000000aa', deploymentName: 'test' },
    environments: { production: ['prod', 'production'], nonProduction: ['dev', 'test', 'qa'] },
    ...overrides,
  };
}

export const unknown = (reason = "reference('x')") => new Unknown(reason);

/** Evaluates one control for `target` (default: the first resource) in a context over all `resources`. */
export function evaluate(controlId: string, resources: NormalizedResource | NormalizedResource[], cfg: ResolvedConfig = config(), target?: NormalizedResource): CheckOutcome[] {
  const list = Array.isArray(resources) ? resources : [resources];
  const control = controlById(controlId);
  if (!control) throw new Error(`no control ${controlId}`);
  const subject = target ?? list[0]!;
  if (!controlAppliesTo(control, subject.type)) throw new Error(`${controlId} does not apply to ${subject.type}`);
  return control.check(subject, createScanContext(list, cfg));
}

export function statuses(outcomes: CheckOutcome[]): string[] {
  return outcomes.map((o) => o.status);
}
