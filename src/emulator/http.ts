// Shared pieces of the request handlers: the context each handler gets, the ADO error body, paging,
// and the reference shapes (identities, projects) that many resources embed.

import { Store } from './store';
import { EnumTable, WireFormat } from './wire';

export interface RequestContext {
  store: Store;
  /** http://127.0.0.1:PORT/{org} */
  orgUrl: string;
  method: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  format: WireFormat;
  /** Page size override from the emulator options, or undefined for the service defaults. */
  pageSize?: number;
}

export interface HandlerResult {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
  enums?: EnumTable;
}

export type Handler = (ctx: RequestContext) => HandlerResult;

export class HttpError extends Error {
  constructor(readonly status: number, message: string, readonly typeKey: string, readonly headers: Record<string, string> = {}) {
    super(message);
  }
}

/** The JSON body Azure DevOps returns for errors (WrappedException shape). */
export function errorBody(message: string, typeKey: string): Record<string, unknown> {
  return {
    $id: '1',
    innerException: null,
    message,
    typeName: `Microsoft.VisualStudio.Services.WebApi.${typeKey}, Microsoft.VisualStudio.Services.WebApi`,
    typeKey,
    errorCode: 0,
    eventId: 3000,
  };
}

export function badRequest(message: string, typeKey = 'InvalidArgumentValueException'): HttpError {
  return new HttpError(400, message, typeKey);
}

export function notFound(message: string, typeKey = 'NotFoundException'): HttpError {
  return new HttpError(404, message, typeKey);
}

export function intParam(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name];
  const n = Number(raw);
  if (!/^\d+$/.test(raw ?? '') || !Number.isSafeInteger(n)) throw badRequest(`The value '${raw}' of parameter '${name}' is not a valid integer.`);
  return n;
}

export function optionalInt(ctx: RequestContext, name: string, fallback?: number): number | undefined {
  const raw = ctx.query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^-?\d+$/.test(raw)) throw badRequest(`The value '${raw}' of query parameter '${name}' is not a valid integer.`);
  return Number(raw);
}

export function boolParam(ctx: RequestContext, name: string): boolean {
  return (ctx.query.get(name) ?? '').toLowerCase() === 'true';
}

/** Ids from a comma-separated query value (the Node client sends `1%2C2%2C3`). */
export function idList(raw: string | null, name: string): number[] {
  if (raw === null || raw.trim() === '') return [];
  return raw.split(',').map((s) => {
    const t = s.trim();
    if (!/^\d+$/.test(t)) throw badRequest(`The value '${t}' in parameter '${name}' is not a valid id.`);
    return Number(t);
  });
}

/**
 * One page of `items` after the opaque continuation token; the token is the offset of the next item, as a
 * string, which clients must treat as opaque.
 */
export function page<T>(items: T[], token: string | null, size: number): { items: T[]; next?: string } {
  const start = token ? Number(token) : 0;
  if (!Number.isSafeInteger(start) || start < 0) throw badRequest(`The continuation token '${token}' is not valid.`, 'InvalidContinuationTokenException');
  const slice = items.slice(start, start + size);
  return { items: slice, next: start + size < items.length ? String(start + size) : undefined };
}

export function continuationHeaders(next: string | undefined): Record<string, string> {
  return next ? { 'x-ms-continuationtoken': next } : {};
}

/** base64url of identity ids, encoded once each (every work item and test point embeds a few). */
const encodedIds = new Map<string, string>();
const base64url = (id: string) => {
  let e = encodedIds.get(id);
  if (e === undefined) {
    e = Buffer.from(id).toString('base64url');
    encodedIds.set(id, e);
  }
  return e;
};

export function identityRef(ctx: RequestContext, id: string): Record<string, unknown> {
  const who = ctx.store.identity(id);
  const encoded = base64url(who.id);
  const avatar = `${ctx.orgUrl}/_apis/GraphProfile/MemberAvatars/aad.${encoded}`;
  return {
    displayName: who.displayName,
    url: `${ctx.orgUrl}/_apis/Identities/${who.id}`,
    _links: { avatar: { href: avatar } },
    id: who.id,
    uniqueName: who.uniqueName,
    imageUrl: avatar,
    descriptor: `aad.${encoded}`,
  };
}

export function projectRef(ctx: RequestContext): Record<string, unknown> {
  const p = ctx.store.data.project;
  return {
    id: p.id,
    name: p.name,
    description: p.description,
    url: `${ctx.orgUrl}/_apis/projects/${p.id}`,
    state: 'wellFormed',
    revision: 412,
    visibility: 'private',
    lastUpdateTime: p.lastUpdateTime,
  };
}

export function projectUrl(ctx: RequestContext): string {
  return `${ctx.orgUrl}/${ctx.store.data.project.id}`;
}
