// Terraform resource addresses (`module.lz["a"].azurerm_storage_account.this[0]`) and the traversal
// strings of `configuration.*.expressions.*.references` (`azurerm_subnet.pe.id`, `var.target_id`,
// `each.value.id`, `module.net.subnet_id`). Instance keys are kept in their canonical text (`0`,
// `"raw"`) so that keys from addresses and from references compare as strings.

export type Step = { name: string } | { key: string };

export interface ModuleStep {
  name: string;
  /** Canonical key text (`0`, `"a"`), undefined for a module without count / for_each. */
  key?: string;
}

export interface ResourceAddress {
  modules: ModuleStep[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  key?: string;
}

/** Splits a traversal into name and index steps; undefined when it is not one (then it is ignored). */
export function traversalSteps(text: string): Step[] | undefined {
  const steps: Step[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '.') {
      if (i === 0 || i === n - 1) return undefined;
      i++;
      continue;
    }
    if (c === '[') {
      const close = keyEnd(text, i + 1);
      if (close < 0) return undefined;
      const raw = text.slice(i + 1, close);
      const key = canonicalKey(raw);
      if (key === undefined) return undefined;
      steps.push({ key });
      i = close + 1;
      continue;
    }
    let j = i;
    while (j < n && /[A-Za-z0-9_\-]/.test(text[j] ?? '')) j++;
    if (j === i) return undefined;
    steps.push({ name: text.slice(i, j) });
    i = j;
  }
  return steps;
}

function keyEnd(text: string, from: number): number {
  if (text[from] === '"') {
    for (let i = from + 1; i < text.length; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === '"') return text[i + 1] === ']' ? i + 1 : -1;
    }
    return -1;
  }
  return text.indexOf(']', from);
}

function canonicalKey(raw: string): string | undefined {
  if (/^\d+$/.test(raw)) return String(Number(raw));
  if (raw.startsWith('"')) {
    try {
      const s: unknown = JSON.parse(raw);
      return typeof s === 'string' ? JSON.stringify(s) : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function isName(s: Step | undefined): s is { name: string } {
  return s !== undefined && 'name' in s;
}
function isKey(s: Step | undefined): s is { key: string } {
  return s !== undefined && 'key' in s;
}

/** Consumes leading `module.x[k]` steps. */
function takeModules(steps: Step[]): { modules: ModuleStep[]; rest: Step[] } {
  const modules: ModuleStep[] = [];
  let i = 0;
  while (isName(steps[i]) && (steps[i] as { name: string }).name === 'module' && isName(steps[i + 1])) {
    const name = (steps[i + 1] as { name: string }).name;
    const next = steps[i + 2];
    if (isKey(next)) {
      modules.push({ name, key: next.key });
      i += 3;
    } else {
      modules.push({ name });
      i += 2;
    }
  }
  return { modules, rest: steps.slice(i) };
}

export function parseResourceAddress(address: string): ResourceAddress | undefined {
  const steps = traversalSteps(address);
  if (!steps) return undefined;
  const { modules, rest } = takeModules(steps);
  let i = 0;
  let mode: 'managed' | 'data' = 'managed';
  if (isName(rest[0]) && rest[0].name === 'data') {
    mode = 'data';
    i = 1;
  }
  const type = rest[i];
  const name = rest[i + 1];
  if (!isName(type) || !isName(name)) return undefined;
  const key = rest[i + 2];
  const consumed = i + 2 + (isKey(key) ? 1 : 0);
  if (consumed !== rest.length) return undefined;
  return { modules, mode, type: type.name, name: name.name, key: isKey(key) ? key.key : undefined };
}

export function formatModules(modules: readonly ModuleStep[]): string {
  return modules.map((m) => `module.${m.name}${m.key !== undefined ? `[${m.key}]` : ''}`).join('.');
}

/** The address of a resource's `resource` block inside its module, without instance keys: `azurerm_x.y` / `data.azurerm_x.y`. */
export function configAddress(a: ResourceAddress): string {
  return `${a.mode === 'data' ? 'data.' : ''}${a.type}.${a.name}`;
}

/** What a reference names, in the module where the expression is written. */
export type Reference =
  | { kind: 'resource'; mode: 'managed' | 'data'; type: string; name: string; key?: string; attribute: string[] }
  | { kind: 'module-output'; module: string; key?: string; output: string; attribute: string[] }
  | { kind: 'variable'; name: string; attribute: string[] }
  | { kind: 'each-value'; attribute: string[] }
  | { kind: 'other' };

const NON_RESOURCE_ROOTS = new Set(['local', 'path', 'terraform', 'count', 'self']);

export function parseReference(text: string): Reference {
  const steps = traversalSteps(text);
  if (!steps || !isName(steps[0])) return { kind: 'other' };
  const root = steps[0].name;
  const attrs = (from: number): string[] | undefined => {
    const out: string[] = [];
    for (const s of steps.slice(from)) out.push(isName(s) ? s.name : s.key);
    return out;
  };
  if (root === 'module') {
    const mod = steps[1];
    if (!isName(mod)) return { kind: 'other' };
    let i = 2;
    let key: string | undefined;
    if (isKey(steps[i])) {
      key = (steps[i] as { key: string }).key;
      i++;
    }
    const output = steps[i];
    if (!isName(output)) return { kind: 'other' };
    return { kind: 'module-output', module: mod.name, key, output: output.name, attribute: attrs(i + 1) ?? [] };
  }
  if (root === 'var') {
    const v = steps[1];
    return isName(v) ? { kind: 'variable', name: v.name, attribute: attrs(2) ?? [] } : { kind: 'other' };
  }
  if (root === 'each') {
    return isName(steps[1]) && steps[1].name === 'value' ? { kind: 'each-value', attribute: attrs(2) ?? [] } : { kind: 'other' };
  }
  if (NON_RESOURCE_ROOTS.has(root)) return { kind: 'other' };
  let i = 0;
  let mode: 'managed' | 'data' = 'managed';
  if (root === 'data') {
    mode = 'data';
    i = 1;
  }
  const type = steps[i];
  const name = steps[i + 1];
  if (!isName(type) || !isName(name)) return { kind: 'other' };
  let j = i + 2;
  let key: string | undefined;
  if (isKey(steps[j])) {
    key = (steps[j] as { key: string }).key;
    j++;
  }
  return { kind: 'resource', mode, type: type.name, name: name.name, key, attribute: attrs(j) ?? [] };
}
