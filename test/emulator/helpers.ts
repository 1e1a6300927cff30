// Test helpers: raw HTTP against a running emulator, and validators built from the official swagger files.

import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

export const AUTH = { Authorization: `Basic ${Buffer.from(':fakepat').toString('base64')}` };
const SPEC_ROOT = '/work/shared/reference/ado-rest-7.1';

export interface Fetched {
  status: number;
  headers: Headers;
  json: any;
}

export async function get(url: string, headers: Record<string, string> = {}): Promise<Fetched> {
  const res = await fetch(url, { headers: { Accept: 'application/json;api-version=7.1', ...AUTH, ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Fetched> {
  const res = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { Accept: 'application/json;api-version=7.1', 'Content-Type': 'application/json', ...AUTH, ...headers } });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of ['int32', 'int64', 'double', 'float', 'byte', 'binary']) ajv.addFormat(f, true);
const definitionsCache = new Map<string, unknown>();
const validators = new Map<string, ValidateFunction>();

function definitions(specFile: string): Record<string, unknown> {
  let defs = definitionsCache.get(specFile) as Record<string, unknown> | undefined;
  if (!defs) {
    const text = readFileSync(path.join(SPEC_ROOT, specFile), 'utf8').replace(/^\uFEFF/, '');
    defs = anyForDotNetObject((JSON.parse(text) as { definitions: Record<string, unknown> }).definitions) as Record<string, unknown>;
    definitionsCache.set(specFile, defs);
  }
  return defs;
}

/**
 * The specs are generated from .NET contracts: a `System.Object` value (work item field values, relation
 * attributes) is written as `{"type": "object"}` with no properties, though it holds any JSON value.
 */
function anyForDotNetObject(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(anyForDotNetObject);
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const structural = ['properties', 'additionalProperties', 'allOf', '$ref', 'items'];
  if (o.type === 'object' && !structural.some((k) => k in o)) return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = k === 'properties' ? mapValues(v as Record<string, unknown>) : anyForDotNetObject(v);
  return out;
}

function mapValues(props: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, anyForDotNetObject(v)]));
}

/** A validator for `definition` of `specFile`; `list` wraps it in the `{count, value}` envelope. */
export function validator(specFile: string, definition: string, list: boolean): ValidateFunction {
  const key = `${specFile}#${definition}#${list}`;
  let v = validators.get(key);
  if (!v) {
    const defs = definitions(specFile);
    if (!defs[definition]) throw new Error(`${specFile} has no definition ${definition}`);
    const ref = { $ref: `#/definitions/${definition}` };
    const schema = list
      ? { definitions: defs, type: 'object', required: ['count', 'value'], properties: { count: { type: 'integer' }, value: { type: 'array', items: ref } } }
      : { definitions: defs, ...ref };
    v = ajv.compile(schema);
    validators.set(key, v);
  }
  return v;
}

export function assertValid(specFile: string, definition: string, list: boolean, body: unknown): void {
  const v = validator(specFile, definition, list);
  if (!v(body)) throw new Error(`${definition} (${specFile}) invalid: ${ajv.errorsText(v.errors, { separator: '\n' })}`);
}
