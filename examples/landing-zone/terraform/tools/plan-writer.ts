// Writes plan JSON in the format `terraform show -json <planfile>` produces (format_version 1.2) from a
// description of the planned resources that mirrors the .tf files next to it. Terraform cannot run
// here, so the example plans are written this way: one description, and planned_values,
// resource_changes and configuration derived from it, so the three sections cannot disagree.

export type Values = Record<string, unknown>;

export interface PlannedResource {
  /** Full address: `module.data_lake["raw"].azurerm_storage_account.this`. */
  address: string;
  /** Attribute values as Terraform would plan them (known values; null for unset optionals). */
  values: Values;
  /** Attribute paths (dot-separated, list indexes as numbers) only known after apply. */
  unknown?: string[];
  /** Attribute paths set from other objects in the .tf: the expression's references. */
  refs?: Record<string, string[]>;
  /** Attribute paths set to literals in the .tf (their constant_value goes into configuration). */
  literals?: string[];
  forEach?: { references?: string[]; constant?: unknown };
  dependsOn?: string[];
  /** Attribute paths Terraform treats as sensitive (still written in plain text in plan JSON). */
  sensitive?: string[];
  action?: 'create' | 'no-op' | 'read';
}

export interface ModuleCallDescription {
  /** The module call name in the root module. */
  name: string;
  source: string;
  forEach: { references: string[] };
  /** Input variable → references, or constant. */
  inputs: Record<string, { references: string[] } | { constant: unknown }>;
  variables: string[];
}

export interface PlanDescription {
  terraformVersion: string;
  providerVersion: string;
  timestamp: string;
  resources: PlannedResource[];
  moduleCalls: ModuleCallDescription[];
  /** Root module input variables and the values the plan was made with. */
  variables?: Record<string, { value: unknown; sensitive?: boolean }>;
}

type Json = Record<string, unknown>;

const PROVIDERS: Record<string, string> = { azurerm: 'registry.terraform.io/hashicorp/azurerm', azuread: 'registry.terraform.io/hashicorp/azuread' };

function split(address: string) {
  const m = /^(?:module\.([a-z_]+)\[("[^"]+")\]\.)?(data\.)?([a-z_]+)\.([a-z_0-9]+)(?:\[(.+)\])?$/.exec(address);
  if (!m) throw new Error(`unsupported address ${address}`);
  const [, moduleName, moduleKey, data, type, name, index] = m;
  return {
    moduleName,
    moduleAddress: moduleName ? `module.${moduleName}[${moduleKey}]` : undefined,
    mode: data ? 'data' : 'managed',
    type: type as string,
    name: name as string,
    index: index === undefined ? undefined : /^\d+$/.test(index) ? Number(index) : (JSON.parse(index) as string),
    local: `${data ?? ''}${type}.${name}`,
  };
}

function pathOf(p: string): (string | number)[] {
  return p.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function getPath(o: unknown, path: (string | number)[]): unknown {
  let cur = o;
  for (const k of path) cur = (cur as Record<string | number, unknown> | undefined)?.[k];
  return cur;
}

function setPath(o: Json, path: (string | number)[], value: unknown): void {
  let cur: Record<string | number, unknown> = o;
  path.forEach((k, i) => {
    if (i === path.length - 1) {
      cur[k] = value;
      return;
    }
    if (cur[k] === undefined) cur[k] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[k] as Record<string | number, unknown>;
  });
}

function removePath(o: Json, path: (string | number)[]): void {
  const parent = getPath(o, path.slice(0, -1)) as Record<string | number, unknown> | undefined;
  if (parent && typeof parent === 'object') delete parent[path[path.length - 1] as string];
}

/** Keys sorted, as Terraform's JSON encoder writes object attributes. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const k of Object.keys(v).sort()) out[k] = sorted((v as Json)[k]);
    return out;
  }
  return v;
}

/** A mirror of `values` with `false` for every known leaf, as Terraform writes sensitive_values. */
function sensitiveMirror(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (x && typeof x === 'object' ? sensitiveMirror(x) : false));
  if (v && typeof v === 'object') {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) if (x && typeof x === 'object') out[k] = sensitiveMirror(x);
    return out;
  }
  return false;
}

export function writePlan(d: PlanDescription): Json {
  const root: { resources: Json[]; children: Map<string, Json[]> } = { resources: [], children: new Map() };
  // What already exists: the state the plan was made against (resources kept as they are, data sources read).
  const prior: Json[] = [];
  const changes: Json[] = [];
  const configResources = new Map<string, Json[]>([['', []]]);

  for (const r of d.resources) {
    const a = split(r.address);
    const provider = PROVIDERS[a.type.split('_')[0] as string] as string;
    const planned: Json = structuredClone(r.values);
    const afterUnknown: Json = {};
    for (const u of r.unknown ?? []) {
      removePath(planned, pathOf(u));
      setPath(afterUnknown, pathOf(u), true);
    }
    const entry: Json = { address: r.address, mode: a.mode, type: a.type, name: a.name };
    if (a.index !== undefined) entry.index = a.index;
    const sensitive = sensitiveMirror(planned) as Json;
    for (const p of r.sensitive ?? []) setPath(sensitive, pathOf(p), true);
    Object.assign(entry, { provider_name: provider, schema_version: 0, values: sorted(planned), sensitive_values: sorted(sensitive) });
    if ((r.action === 'no-op' || r.action === 'read') && !a.moduleAddress) prior.push(entry);
    if (a.moduleAddress) {
      const list = root.children.get(a.moduleAddress) ?? [];
      list.push(entry);
      root.children.set(a.moduleAddress, list);
    } else root.resources.push(entry);

    if (a.mode === 'managed') {
      const change: Json = { address: r.address };
      if (a.moduleAddress) change.module_address = a.moduleAddress;
      Object.assign(change, { mode: a.mode, type: a.type, name: a.name });
      if (a.index !== undefined) change.index = a.index;
      const noop = r.action === 'no-op';
      Object.assign(change, {
        provider_name: provider,
        change: {
          actions: [noop ? 'no-op' : 'create'],
          before: noop ? sorted(planned) : null,
          after: sorted(planned),
          after_unknown: sorted(afterUnknown),
          before_sensitive: noop ? sorted(sensitive) : false,
          after_sensitive: sorted(sensitive),
        },
      });
      changes.push(change);
    }

    const key = a.moduleName ?? '';
    const list = configResources.get(key) ?? [];
    configResources.set(key, list);
    if (!list.some((c) => c.address === a.local)) {
      const expressions: Json = {};
      for (const lit of r.literals ?? []) setPath(expressions, [...pathOf(lit), 'constant_value'], getPath(r.values, pathOf(lit)));
      for (const [p, refs] of Object.entries(r.refs ?? {})) setPath(expressions, [...pathOf(p), 'references'], refs);
      const cfg: Json = { address: a.local, mode: a.mode, type: a.type, name: a.name, provider_config_key: a.moduleName ? `module.${a.moduleName}:azurerm` : 'azurerm', expressions: sorted(expressions), schema_version: 0 };
      if (r.forEach) cfg.for_each_expression = r.forEach.references ? { references: r.forEach.references } : { constant_value: r.forEach.constant };
      if (r.dependsOn) cfg.depends_on = r.dependsOn;
      list.push(cfg);
    }
  }

  const moduleCalls: Json = {};
  for (const call of d.moduleCalls) {
    const expressions: Json = {};
    for (const [k, v] of Object.entries(call.inputs)) expressions[k] = 'references' in v ? { references: v.references } : { constant_value: v.constant };
    const variables: Json = {};
    for (const v of call.variables) variables[v] = {};
    moduleCalls[call.name] = {
      source: call.source,
      expressions: sorted(expressions),
      for_each_expression: call.forEach,
      module: { resources: configResources.get(call.name) ?? [], variables: sorted(variables) },
    };
  }

  const rootVariables: Json = {};
  const configVariables: Json = {};
  for (const [name, v] of Object.entries(d.variables ?? {})) {
    rootVariables[name] = { value: v.value };
    configVariables[name] = v.sensitive ? { sensitive: true } : {};
  }
  return {
    format_version: '1.2',
    terraform_version: d.terraformVersion,
    ...(d.variables ? { variables: rootVariables } : {}),
    planned_values: {
      root_module: {
        resources: root.resources,
        child_modules: [...root.children].map(([address, resources]) => ({ resources, address })),
      },
    },
    resource_changes: changes,
    prior_state: { format_version: '1.0', terraform_version: d.terraformVersion, values: { root_module: { resources: prior } } },
    configuration: {
      provider_config: { azurerm: { name: 'azurerm', full_name: PROVIDERS.azurerm, version_constraint: d.providerVersion, expressions: { features: [{}] } } },
      root_module: { resources: configResources.get('') ?? [], module_calls: moduleCalls, ...(d.variables ? { variables: configVariables } : {}) },
    },
    timestamp: d.timestamp,
    applyable: true,
    complete: true,
    errored: false,
  };
}
