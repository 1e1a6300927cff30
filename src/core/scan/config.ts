// The scan configuration (controltrace.json / .yml): validated against config.schema.json, then completed
// with defaults. Every problem is reported with the file and the JSON pointer of the offending value, and
// the result never shares objects with the input (so nothing a config contains can reach a prototype).

import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { InputError } from '../errors';
import type { Baseline, DeploymentContext, Exclusion, ResolvedConfig, Severity, Suppression } from '../model';
import configSchema from './config.schema.json';

export const DEFAULT_CONFIG: Readonly<ResolvedConfig> = deepFreeze({
  baseline: 'hbi',
  requiredTags: ['CostCenter', 'UseCase'],
  severityOverrides: {},
  exclusions: [],
  suppressions: [],
  deployment: {
    subscriptionId: '00000000-0000-0000-0000-000000000000',
    resourceGroup: 'controltrace-rg',
    location: 'westeurope',
    tenantId: '00000000-0000-0000-0000-000000000000',
    deploymentName: 'controltrace',
  },
  environments: {
    production: ['prod', 'prd', 'production'],
    nonProduction: ['dev', 'tst', 'test', 'qa', 'uat', 'quality'],
  },
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

export const CONFIG_FILE_NAMES: readonly string[] = ['controltrace.json', 'controltrace.yml', 'controltrace.yaml'];

let validator: ValidateFunction | undefined;

function validate(raw: unknown): ErrorObject[] {
  if (!validator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv, ['date']);
    validator = ajv.compile(configSchema);
  }
  return validator(raw) ? [] : [...(validator.errors ?? [])];
}

interface RawConfig {
  baseline?: Baseline;
  requiredTags?: string[];
  centralWorkspace?: string;
  severityOverrides?: Record<string, Severity>;
  exclusions?: Exclusion[];
  suppressions?: Suppression[];
  deployment?: Partial<DeploymentContext>;
  environments?: { production?: string[]; nonProduction?: string[] };
}

/**
 * Validates a parsed configuration (undefined or null → all defaults) and fills in defaults.
 * Throws InputError naming `file` and the JSON pointer of the first problem, listing the others.
 */
export function resolveConfig(raw: unknown, file?: string): ResolvedConfig {
  const where = file ?? 'configuration';
  if (raw === undefined || raw === null) raw = {};
  const errors = describeErrors(validate(raw));
  if (errors.length === 0) errors.push(...semanticProblems(raw as RawConfig));
  if (errors.length > 0) {
    const [first, ...rest] = errors;
    const more = rest.length ? `; also ${rest.slice(0, 5).map((e) => `${e.pointer || '/'}: ${e.message}`).join('; ')}${rest.length > 5 ? `; and ${rest.length - 5} more` : ''}` : '';
    throw new InputError(`invalid configuration: ${first!.message}${more}`, { file: where, pointer: first!.pointer || '/' });
  }
  const c = raw as RawConfig;
  return {
    baseline: c.baseline ?? DEFAULT_CONFIG.baseline,
    requiredTags: [...(c.requiredTags ?? DEFAULT_CONFIG.requiredTags)],
    ...(c.centralWorkspace !== undefined ? { centralWorkspace: c.centralWorkspace } : {}),
    severityOverrides: Object.fromEntries(Object.entries(c.severityOverrides ?? {})),
    exclusions: (c.exclusions ?? []).map((e) => ({
      ...(e.control !== undefined ? { control: e.control } : {}),
      ...(e.resource !== undefined ? { resource: e.resource } : {}),
      reason: e.reason,
    })),
    suppressions: (c.suppressions ?? []).map((s) => ({
      control: s.control,
      resource: s.resource,
      justification: s.justification,
      owner: s.owner,
      expires: s.expires,
    })),
    deployment: { ...DEFAULT_CONFIG.deployment, ...pickDefined(c.deployment ?? {}) },
    environments: {
      production: [...(c.environments?.production ?? DEFAULT_CONFIG.environments.production)],
      nonProduction: [...(c.environments?.nonProduction ?? DEFAULT_CONFIG.environments.nonProduction)],
    },
  };
}

function pickDefined(d: Partial<DeploymentContext>): Partial<DeploymentContext> {
  const out: Partial<DeploymentContext> = {};
  for (const key of ['subscriptionId', 'resourceGroup', 'location', 'tenantId', 'deploymentName'] as const) {
    if (d[key] !== undefined) out[key] = d[key];
  }
  return out;
}

interface Problem {
  pointer: string;
  message: string;
}

function semanticProblems(c: RawConfig): Problem[] {
  const problems: Problem[] = [];
  const prod = new Set((c.environments?.production ?? DEFAULT_CONFIG.environments.production).map((e) => e.toLowerCase()));
  (c.environments?.nonProduction ?? []).forEach((name, i) => {
    if (prod.has(name.toLowerCase())) {
      problems.push({ pointer: `/environments/nonProduction/${i}`, message: `'${name}' is listed as both production and non-production` });
    }
  });
  return problems;
}

/**
 * Ajv reports an unmet anyOf as one error per branch plus the anyOf itself; the branches' "missing
 * required property" would read as if either property alone were mandatory, so only the anyOf is kept.
 */
function describeErrors(errors: ErrorObject[]): Problem[] {
  const problems: Problem[] = [];
  for (const e of errors) {
    if (e.schemaPath.includes('/anyOf/')) continue;
    problems.push(describeError(e));
  }
  return problems;
}

function describeError(e: ErrorObject): Problem {
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'anyOf':
      if (/^\/exclusions\/\d+$/.test(e.instancePath)) {
        return {
          pointer: e.instancePath,
          message:
            'an exclusion must name a control or a resource (or both): one with only a reason would switch off every control for every resource. Exclusions scope the scan; to accept a finding, use a suppression with justification, owner and expiry',
        };
      }
      return { pointer: e.instancePath, message: e.message ?? 'fails anyOf' };
    case 'required':
      return { pointer: e.instancePath, message: `missing required property '${String(params.missingProperty)}'` };
    case 'additionalProperties':
      return {
        pointer: `${e.instancePath}/${escapeToken(String(params.additionalProperty))}`,
        message: `unknown property '${String(params.additionalProperty)}'`,
      };
    case 'propertyNames':
      return {
        pointer: `${e.instancePath}/${escapeToken(String(params.propertyName))}`,
        message: `'${String(params.propertyName)}' is not a valid control id`,
      };
    case 'enum':
      return { pointer: e.instancePath, message: `must be one of ${(params.allowedValues as unknown[]).map(String).join(', ')}` };
    case 'pattern':
      if (e.instancePath.endsWith('/expires')) return { pointer: e.instancePath, message: 'must be a date written YYYY-MM-DD' };
      if (e.schemaPath.includes('controlId')) return { pointer: e.instancePath, message: 'is not a valid control id' };
      return { pointer: e.instancePath, message: 'must not be empty' };
    case 'format':
      return { pointer: e.instancePath, message: 'is not a valid calendar date' };
    case 'uniqueItems':
      return { pointer: e.instancePath, message: 'must not list the same value twice' };
    default:
      return { pointer: e.instancePath, message: e.message ?? `fails ${e.keyword}` };
  }
}

function escapeToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
