// Builds plan JSON in the shape `terraform show -json` writes (format 1.2): planned_values with nested
// child_modules, resource_changes with after / after_unknown, and configuration with the expression
// references. Tests describe resources compactly; the builder keeps the three sections consistent.

export interface TestResource {
  address: string;
  type?: string;
  mode?: 'managed' | 'data';
  provider?: string;
  values: Record<string, unknown>;
  /** Attributes (dot paths) only known after apply: removed from values, `true` in after_unknown. */
  unknown?: string[];
  /** Expression references per attribute path in the configuration (`a.0.b` for nested blocks). */
  refs?: Record<string, string[]>;
  forEachRefs?: string[];
  actions?: string[];
}

export interface ModuleCall {
  /** Dot-joined call path, e.g. `lz` or `lz.net`. */
  path: string;
  /** Module input expressions: variable → references. */
  inputs?: Record<string, string[]>;
  /** Output → references. */
  outputs?: Record<string, string[]>;
  forEachRefs?: string[];
}

type Json = Record<string, unknown>;

function parseAddress(address: string): { modulePath: string; moduleAddress: string; local: string; type: string; name: string; index?: string | number } {
  const parts: string[] = [];
  let rest = address;
  const modRe = /^module\.([A-Za-z0-9_-]+)(\[[^\]]+\])?\./;
  let moduleAddress = '';
  for (let m = modRe.exec(rest); m; m = modRe.exec(rest)) {
    parts.push(m[1] as string);
    moduleAddress += (moduleAddress ? '.' : '') + `module.${m[1]}${m[2] ?? ''}`;
    rest = rest.slice(m[0].length);
  }
  const rm = /^(data\.)?([A-Za-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\[(.+)\])?$/.exec(rest);
  if (!rm) throw new Error(`bad test address ${address}`);
  const rawIndex = rm[4];
  const index = rawIndex === undefined ? undefined : /^\d+$/.test(rawIndex) ? Number(rawIndex) : (JSON.parse(rawIndex) as string);
  return { modulePath: parts.join('.'), moduleAddress, local: `${rm[1] ?? ''}${rm[2]}.${rm[3]}`, type: rm[2] as string, name: rm[3] as string, index };
}

function setDeep(target: Json, path: string, value: unknown): void {
  const keys = path.split('.');
  let cur: Json | unknown[] = target;
  keys.forEach((k, i) => {
    const last = i === keys.length - 1;
    const key: string | number = /^\d+$/.test(k) ? Number(k) : k;
    const container = cur as Record<string | number, unknown>;
    if (last) {
      container[key] = value;
      return;
    }
    if (container[key] === undefined) container[key] = /^\d+$/.test(keys[i + 1] as string) ? [] : {};
    cur = container[key] as Json;
  });
}

function deleteDeep(target: Json, path: string): void {
  const keys = path.split('.');
  let cur: unknown = target;
  for (const k of keys.slice(0, -1)) cur = (cur as Record<string, unknown>)?.[k];
  if (cur && typeof cur === 'object') delete (cur as Record<string, unknown>)[keys[keys.length - 1] as string];
}

export function buildPlan(resources: TestResource[], calls: ModuleCall[] = []): Json {
  const moduleTree = new Map<string, { address: string; resources: Json[]; children: string[] }>();
  const ensureModule = (modulePath: string, moduleAddress: string): { resources: Json[] } => {
    if (!moduleTree.has(moduleAddress)) {
      moduleTree.set(moduleAddress, { address: moduleAddress, resources: [], children: [] });
      if (moduleAddress !== '') {
        const parentAddress = moduleAddress.replace(/\.?module\.[A-Za-z0-9_-]+(\[[^\]]+\])?$/, '');
        const parentPath = modulePath.split('.').slice(0, -1).join('.');
        ensureModule(parentPath, parentAddress);
        moduleTree.get(parentAddress)?.children.push(moduleAddress);
      }
    }
    return moduleTree.get(moduleAddress) as { resources: Json[] };
  };
  ensureModule('', '');
  const changes: Json[] = [];
  const config = new Map<string, { resources: Json[]; calls: Map<string, ModuleCall> }>();
  const configModule = (path: string) => {
    if (!config.has(path)) config.set(path, { resources: [], calls: new Map() });
    return config.get(path) as { resources: Json[]; calls: Map<string, ModuleCall> };
  };
  configModule('');
  for (const c of calls) {
    const names = c.path.split('.');
    configModule(names.slice(0, -1).join('.')).calls.set(names[names.length - 1] as string, c);
    configModule(c.path);
  }
  for (const r of resources) {
    const a = parseAddress(r.address);
    const mode = r.mode ?? (a.local.startsWith('data.') ? 'data' : 'managed');
    const type = r.type ?? a.type;
    const provider = r.provider ?? `registry.terraform.io/hashicorp/${type.split('_')[0]}`;
    const values = structuredClone(r.values);
    const afterUnknown: Json = {};
    for (const u of r.unknown ?? []) {
      deleteDeep(values, u);
      setDeep(afterUnknown, u, true);
    }
    const entry: Json = { address: r.address, mode, type, name: a.name, provider_name: provider, schema_version: 0, values, sensitive_values: {} };
    if (a.index !== undefined) entry.index = a.index;
    ensureModule(a.modulePath, a.moduleAddress).resources.push(entry);
    if (mode === 'managed') {
      const change: Json = { address: r.address, mode, type, name: a.name, provider_name: provider, change: { actions: r.actions ?? ['create'], before: null, after: values, after_unknown: afterUnknown, before_sensitive: false, after_sensitive: {} } };
      if (a.moduleAddress) change.module_address = a.moduleAddress;
      if (a.index !== undefined) change.index = a.index;
      changes.push(change);
    }
    const names = a.modulePath ? a.modulePath.split('.') : [];
    names.forEach((name, i) => {
      const parent = configModule(names.slice(0, i).join('.'));
      if (!parent.calls.has(name)) parent.calls.set(name, { path: names.slice(0, i + 1).join('.') });
    });
    const cm = configModule(a.modulePath);
    if (!cm.resources.some((x) => x.address === a.local)) {
      const expressions: Json = {};
      for (const [path, refs] of Object.entries(r.refs ?? {})) setDeep(expressions, `${path}.references`, refs);
      const cfg: Json = { address: a.local, mode, type, name: a.name, provider_config_key: type.split('_')[0], expressions, schema_version: 0 };
      if (r.forEachRefs) cfg.for_each_expression = { references: r.forEachRefs };
      cm.resources.push(cfg);
    }
  }
  const plannedModule = (address: string): Json => {
    const m = moduleTree.get(address) as { address: string; resources: Json[]; children: string[] };
    const out: Json = {};
    if (m.resources.length) out.resources = m.resources;
    if (address) out.address = address;
    if (m.children.length) out.child_modules = m.children.map(plannedModule);
    return out;
  };
  const configOf = (path: string): Json => {
    const m = configModule(path);
    const out: Json = { resources: m.resources };
    if (m.calls.size) {
      const calls: Json = {};
      for (const [name, c] of m.calls) {
        const exprs: Json = {};
        for (const [k, refs] of Object.entries(c.inputs ?? {})) exprs[k] = { references: refs };
        const outputs: Json = {};
        const full = path ? `${path}.${name}` : name;
        for (const [k, refs] of Object.entries(c.outputs ?? {})) outputs[k] = { expression: { references: refs } };
        const child = configOf(full);
        if (Object.keys(outputs).length) child.outputs = outputs;
        calls[name] = { source: `./modules/${name}`, expressions: exprs, module: child, ...(c.forEachRefs ? { for_each_expression: { references: c.forEachRefs } } : {}) };
      }
      out.module_calls = calls;
    }
    return out;
  };
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    planned_values: { root_module: plannedModule('') },
    resource_changes: changes,
    configuration: { provider_config: { azurerm: { name: 'azurerm', full_name: 'registry.terraform.io/hashicorp/azurerm' } }, root_module: configOf('') },
    timestamp: '2026-11-26T07:00:00Z',
    errored: false,
  };
}

export const CONTEXT = {
  subscriptionId: '00000000-0000-0000-0000-000000000001',
  resourceGroup: 'rg-default',
  location: 'westeurope',
  tenantId: '11111111-1111-1111-1111-111111111111',
  deploymentName: 'tf',
};

export const SUB = `/subscriptions/${CONTEXT.subscriptionId}`;
export const RG = (name: string): string => `${SUB}/resourceGroups/${name}`;
