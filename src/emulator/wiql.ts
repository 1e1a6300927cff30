// A deliberately small WIQL: what the data-access layer needs (flat queries, one-hop and recursive link
// queries, id partitioning, area filters, ASOF) and nothing more. Anything outside this subset is rejected
// with a 400, never silently misread, so code tested here cannot depend on WIQL the emulator only pretends
// to understand.

export class WiqlError extends Error {
  constructor(message: string, readonly typeKey = 'WorkItemTrackingQuerySyntaxException') {
    super(message);
  }
}

export type Operator = '=' | '<>' | '<' | '>' | '<=' | '>=' | 'IN' | 'NOT IN' | 'UNDER' | 'NOT UNDER';
export type Value = string | number | { macro: 'project' };

export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'compare'; prefix?: 'source' | 'target'; field: string; op: Operator; value: Value | Value[] };

export type LinkMode = 'MustContain' | 'MayContain' | 'DoesNotContain' | 'Recursive';

export interface WiqlQuery {
  fields: string[];
  from: 'WorkItems' | 'WorkItemLinks';
  where?: Condition;
  orderBy: Array<{ field: string; descending: boolean }>;
  asOf?: string;
  mode?: LinkMode;
}

type Token = { type: 'field' | 'string' | 'number' | 'word' | 'macro' | 'op' | 'punct'; text: string; pos: number };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '[') {
      const end = text.indexOf(']', i);
      if (end < 0) throw new WiqlError(`TF51006: The query statement is missing a closing bracket (at character ${i + 1}).`);
      tokens.push({ type: 'field', text: text.slice(i + 1, end).trim(), pos: i });
      i = end + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= text.length) throw new WiqlError(`TF51006: The query statement has an unterminated string (at character ${i + 1}).`);
        if (text[j] === c && text[j + 1] === c) { s += c; j += 2; continue; }
        if (text[j] === c) break;
        s += text[j++];
      }
      tokens.push({ type: 'string', text: s, pos: i });
      i = j + 1;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '<>') { tokens.push({ type: 'op', text: two, pos: i }); i += 2; continue; }
    if (c === '=' || c === '<' || c === '>') { tokens.push({ type: 'op', text: c, pos: i }); i++; continue; }
    if (c === '(' || c === ')' || c === ',' || c === '.') { tokens.push({ type: 'punct', text: c, pos: i }); i++; continue; }
    const num = /^-?\d+/.exec(text.slice(i));
    if (num) { tokens.push({ type: 'number', text: num[0], pos: i }); i += num[0].length; continue; }
    const word = /^@?[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i));
    if (word) {
      tokens.push({ type: word[0].startsWith('@') ? 'macro' : 'word', text: word[0], pos: i });
      i += word[0].length;
      continue;
    }
    throw new WiqlError(`TF51006: The query statement contains an unexpected character '${c}' (at character ${i + 1}).`);
  }
  return tokens;
}

export function parseWiql(text: string, knownFields: ReadonlySet<string>): WiqlQuery {
  if (text.length > 32_000) throw new WiqlError('The WIQL query is too long: the maximum length is 32,000 characters.', 'QueryTooLongException');
  const tokens = tokenize(text);
  let p = 0;
  const peek = () => tokens[p];
  const isWord = (w: string, t = peek()) => t !== undefined && t.type === 'word' && t.text.toUpperCase() === w;
  const fail = (what: string): never => {
    const t = peek();
    throw new WiqlError(`TF51006: Expecting ${what}${t ? ` near '${t.text}' (at character ${t.pos + 1})` : ' at the end of the query'}. The emulator supports a WIQL subset: SELECT … FROM WorkItems|WorkItemLinks [WHERE …] [ORDER BY …] [ASOF '…'] [MODE (…)].`);
  };
  const expectWord = (w: string) => { if (!isWord(w)) fail(w); p++; };
  const expectPunct = (c: string) => { const t = peek(); if (!t || t.type !== 'punct' || t.text !== c) fail(`'${c}'`); p++; };
  const checkField = (name: string) => {
    if (!knownFields.has(name)) throw new WiqlError(`TF51005: The query references a field that does not exist. The error is caused by «${name}».`);
    return name;
  };

  expectWord('SELECT');
  const fields: string[] = [];
  for (;;) {
    const t = peek();
    if (!t || t.type !== 'field') fail('a field in brackets');
    fields.push(checkField(t!.text));
    p++;
    if (peek()?.type === 'punct' && peek().text === ',') { p++; continue; }
    break;
  }
  expectWord('FROM');
  const fromTok = peek();
  const from = fromTok && fromTok.type === 'word' && /^(WorkItems|WorkItemLinks)$/i.test(fromTok.text)
    ? (fromTok.text.toLowerCase() === 'workitems' ? 'WorkItems' : 'WorkItemLinks')
    : fail('WorkItems or WorkItemLinks');
  p++;
  const query: WiqlQuery = { fields, from: from as WiqlQuery['from'], orderBy: [] };

  const parseValue = (): Value => {
    const t = peek();
    if (!t) return fail('a value');
    if (t.type === 'string') { p++; return t.text; }
    if (t.type === 'number') { p++; return Number(t.text); }
    if (t.type === 'macro') {
      if (t.text.toLowerCase() !== '@project') throw new WiqlError(`TF51006: The macro ${t.text} is not supported by the emulator; only @project is.`);
      p++;
      return { macro: 'project' };
    }
    return fail('a value');
  };
  const parseAtom = (): Condition => {
    const t = peek();
    if (t && t.type === 'punct' && t.text === '(') {
      p++;
      const inner = parseOr();
      expectPunct(')');
      return inner;
    }
    if (!t || t.type !== 'field') return fail('a field in brackets');
    p++;
    let prefix: 'source' | 'target' | undefined;
    let field = t.text;
    if (/^(source|target)$/i.test(field)) {
      if (query.from !== 'WorkItemLinks') throw new WiqlError(`TF51006: [${field}] is only valid in a query FROM WorkItemLinks.`);
      prefix = field.toLowerCase() as 'source' | 'target';
      expectPunct('.');
      const f = peek();
      if (!f || f.type !== 'field') fail('a field in brackets');
      field = f!.text;
      p++;
    }
    checkField(field);
    if (field === 'System.Links.LinkType' && query.from !== 'WorkItemLinks') throw new WiqlError('TF51006: [System.Links.LinkType] is only valid in a query FROM WorkItemLinks.');
    let op: Operator;
    const o = peek();
    if (o?.type === 'op') { op = o.text as Operator; p++; }
    else if (isWord('IN')) { op = 'IN'; p++; }
    else if (isWord('UNDER')) { op = 'UNDER'; p++; }
    else if (isWord('NOT') && (isWord('IN', tokens[p + 1]) || isWord('UNDER', tokens[p + 1]))) { op = `NOT ${tokens[p + 1].text.toUpperCase()}` as Operator; p += 2; }
    else return fail('an operator (=, <>, <, >, <=, >=, IN, NOT IN, UNDER, NOT UNDER)');
    if (op === 'IN' || op === 'NOT IN') {
      expectPunct('(');
      const values: Value[] = [parseValue()];
      while (peek()?.type === 'punct' && peek().text === ',') { p++; values.push(parseValue()); }
      expectPunct(')');
      return { kind: 'compare', prefix, field, op, value: values };
    }
    return { kind: 'compare', prefix, field, op, value: parseValue() };
  };
  const parseAnd = (): Condition => {
    let left = parseAtom();
    while (isWord('AND')) { p++; left = { kind: 'and', left, right: parseAtom() }; }
    return left;
  };
  const parseOr = (): Condition => {
    let left = parseAnd();
    while (isWord('OR')) { p++; left = { kind: 'or', left, right: parseAnd() }; }
    return left;
  };

  if (isWord('WHERE')) { p++; query.where = parseOr(); }
  while (p < tokens.length) {
    if (isWord('ORDER')) {
      p++;
      expectWord('BY');
      for (;;) {
        const t = peek();
        if (!t || t.type !== 'field') fail('a field in brackets');
        let field = t!.text;
        p++;
        if (/^(source|target)$/i.test(field)) { expectPunct('.'); field = peek()?.text ?? fail('a field'); p++; }
        checkField(field);
        let descending = false;
        if (isWord('DESC')) { descending = true; p++; } else if (isWord('ASC')) p++;
        query.orderBy.push({ field, descending });
        if (peek()?.type === 'punct' && peek().text === ',') { p++; continue; }
        break;
      }
    } else if (isWord('ASOF')) {
      p++;
      const t = peek();
      if (!t || t.type !== 'string' || Number.isNaN(Date.parse(t.text))) fail("a date in quotes after ASOF");
      query.asOf = new Date(Date.parse(t!.text)).toISOString();
      p++;
    } else if (isWord('MODE')) {
      p++;
      expectPunct('(');
      const t = peek();
      const mode = t && /^(MustContain|MayContain|DoesNotContain|Recursive)$/i.exec(t.text);
      if (!mode) fail('MustContain, MayContain, DoesNotContain or Recursive');
      query.mode = (['MustContain', 'MayContain', 'DoesNotContain', 'Recursive'] as LinkMode[]).find((m) => m.toLowerCase() === t!.text.toLowerCase());
      p++;
      expectPunct(')');
      if (query.from !== 'WorkItemLinks') throw new WiqlError('TF51006: MODE is only valid in a query FROM WorkItemLinks.');
    } else {
      fail('ORDER BY, ASOF or MODE');
    }
  }
  return query;
}

/** Reads one field for a condition: the work item's field, or for links the link type. */
export type FieldReader = (prefix: 'source' | 'target' | undefined, field: string) => string | number | undefined;

export function evaluate(cond: Condition | undefined, read: FieldReader, project: string): boolean {
  return cond === undefined ? true : evaluateCondition(cond, read, project);
}

// The comparisons are module functions rather than closures made per condition and row: evaluating a
// 20,000-item WIQL query creates none (under tsx each closure also costs a name definition).
function evaluateCondition(cond: Condition, read: FieldReader, project: string): boolean {
  if (cond.kind !== 'compare') {
    return cond.kind === 'and'
      ? evaluate(cond.left, read, project) && evaluate(cond.right, read, project)
      : evaluate(cond.left, read, project) || evaluate(cond.right, read, project);
  }
  const actual = read(cond.prefix, cond.field);
  const values = Array.isArray(cond.value) ? cond.value : [cond.value];
  switch (cond.op) {
    case '=': return compare(actual, values[0], project) === 0;
    case '<>': return actual !== undefined && compare(actual, values[0], project) !== 0;
    case '<': return compare(actual, values[0], project) < 0;
    case '>': return compare(actual, values[0], project) > 0;
    case '<=': return compare(actual, values[0], project) <= 0;
    case '>=': return compare(actual, values[0], project) >= 0;
    case 'IN':
      for (const v of values) if (compare(actual, v, project) === 0) return true;
      return false;
    case 'NOT IN':
      if (actual === undefined) return false;
      for (const v of values) if (compare(actual, v, project) === 0) return false;
      return true;
    case 'UNDER': return isUnder(actual, values[0], project);
    case 'NOT UNDER': return actual !== undefined && !isUnder(actual, values[0], project);
    default: return false;
  }
}

function resolveValue(v: Value | undefined, project: string): Value | undefined {
  return typeof v === 'object' ? project : v;
}

function compare(actual: string | number | undefined, v: Value | undefined, project: string): number {
  const want = resolveValue(v, project);
  if (actual === undefined) return NaN;
  if (typeof want === 'number' || typeof actual === 'number') return Number(actual) - Number(want);
  const a = String(actual).toLowerCase();
  const b = String(want).toLowerCase();
  if (isDate(a) && isDate(b)) return Date.parse(a) - Date.parse(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

function isUnder(actual: string | number | undefined, v: Value | undefined, project: string): boolean {
  const a = String(actual ?? '').toLowerCase();
  const b = String(resolveValue(v, project)).toLowerCase();
  return a === b || a.startsWith(b + '\\');
}

function isDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s));
}

/** Conditions that mention only one side of a link; used to split a link query into source/target/link filters. */
export function splitLinkConditions(cond: Condition | undefined): { source?: Condition; target?: Condition; link?: Condition; mixed?: Condition } {
  const parts: Condition[] = [];
  const flatten = (c: Condition) => { if (c.kind === 'and') { flatten(c.left); flatten(c.right); } else parts.push(c); };
  if (cond) flatten(cond);
  const side = (c: Condition): 'source' | 'target' | 'link' | 'mixed' => {
    if (c.kind === 'compare') return c.field === 'System.Links.LinkType' ? 'link' : c.prefix ?? 'source';
    const l = side(c.left);
    const r = side(c.right);
    return l === r ? l : 'mixed';
  };
  const out: Record<string, Condition | undefined> = {};
  for (const c of parts) {
    const s = side(c);
    out[s] = out[s] ? { kind: 'and', left: out[s]!, right: c } : c;
  }
  return out;
}
