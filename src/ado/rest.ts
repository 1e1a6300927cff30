// Raw GETs through a typed client's location-resolved URLs, for the list endpoints whose typed methods drop
// the `x-ms-continuationtoken` response header, and the paging loop that follows it.

import { IncompleteDataError } from './errors';
import { internals } from './connection';
import { withPriority } from './http-policy';

export interface Route {
  area: string;
  locationId: string;
  apiVersion: string;
}

/** Resource locations (GUIDs as the service registers them). */
export const ROUTES = {
  testPlans: { area: 'testplan', locationId: '0e292477-a0c2-47f3-a9b6-34f153d627f4', apiVersion: '7.1' },
  testSuites: { area: 'testplan', locationId: '1046d5d3-ab61-4ca7-a65a-36118a978256', apiVersion: '7.1' },
  testPoints: { area: 'testplan', locationId: '52df686e-bae4-4334-b0ee-b6cf4e6f6b73', apiVersion: '7.1' },
  builds: { area: 'build', locationId: '0cd358e1-9217-4d94-8269-1c1ee6f93dcf', apiVersion: '7.1' },
  buildWorkItems: { area: 'build', locationId: '5a21f5d2-5642-47e4-a0bd-1356e6731bee', apiVersion: '7.1' },
  environments: { area: 'distributedtask', locationId: '8572b1fc-2482-47fa-8f74-7e3ed53ee54b', apiVersion: '7.1' },
  deploymentRecords: { area: 'distributedtask', locationId: '51bb5d21-4305-4ea6-9dbb-b7488af73334', apiVersion: '7.1' },
} as const satisfies Record<string, Route>;

/** An HTTP error status from a raw call, shaped like typed-rest-client's errors. */
export class HttpStatusError extends Error {
  constructor(readonly statusCode: number, url: string, detail: string) {
    super(`HTTP ${statusCode} from ${url}${detail ? `: ${detail}` : ''}`);
  }
}

export interface RawPage<T> {
  items: T[];
  continuationToken?: string;
}

function listItems<T>(body: unknown): T[] {
  if (Array.isArray(body)) return body as T[];
  const value = (body as { value?: unknown } | null)?.value;
  if (Array.isArray(value)) return value as T[];
  throw new Error('the response is not a list');
}

function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s;
}

export async function getJson<T>(client: unknown, route: Route, routeValues: Record<string, unknown>, query: Record<string, unknown>): Promise<{ body: T; headers: Record<string, string | string[] | undefined> }> {
  const c = internals(client);
  const ver = await c.vsoClient.getVersioningData(route.apiVersion, route.area, route.locationId, routeValues, query);
  const url = ver.requestUrl ?? '';
  const res = await c.rest.get<T>(url, { acceptHeader: `application/json;api-version=${ver.apiVersion ?? route.apiVersion}` });
  // typed-rest-client answers 404 with a null result instead of an error.
  if (res.statusCode === 404 || res.result === null) throw new HttpStatusError(res.statusCode, url, 'not found');
  return { body: res.result, headers: res.headers };
}

export async function getPage<T>(client: unknown, route: Route, routeValues: Record<string, unknown>, query: Record<string, unknown>): Promise<RawPage<T>> {
  const { body, headers } = await getJson<unknown>(client, route, routeValues, query);
  return { items: listItems<T>(body), continuationToken: headerValue(headers, 'x-ms-continuationtoken') };
}

/**
 * Every page of a list, following `x-ms-continuationtoken`. Pages are requested one after the other (each
 * needs the previous token) at raised priority. `what` names the list in errors.
 */
export async function getAllPages<T>(what: string, fetch: (token: string | undefined) => Promise<RawPage<T>>): Promise<T[]> {
  const out: T[] = [];
  const seen = new Set<string>();
  let token: string | undefined;
  for (let page = 1; ; page++) {
    const result = await withPriority(1, () => fetch(token)).catch((e: unknown) => {
      throw annotate(e, `${what}, page ${page}${token ? ` (continuation token ${token})` : ''}`);
    });
    out.push(...result.items);
    if (!result.continuationToken) return out;
    if (seen.has(result.continuationToken)) {
      throw new IncompleteDataError(`${what}, page ${page + 1}`, `the service repeated continuation token ${result.continuationToken}`);
    }
    seen.add(result.continuationToken);
    token = result.continuationToken;
  }
}

/** Wraps a failure with what was being read; errors that already say so pass through. */
export function annotate(e: unknown, what: string): unknown {
  if (e instanceof ReadStepError || (e as Error)?.name === 'AuthenticationError' || (e as Error)?.name === 'UnreachableError' || e instanceof IncompleteDataError) return e;
  return new ReadStepError(what, e);
}

/** A failure while reading `what`; read-project turns it into an IncompleteDataError or reports a bug. */
export class ReadStepError extends Error {
  constructor(readonly what: string, override readonly cause: unknown) {
    super(`${what}: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = 'ReadStepError';
  }
}

/** Runs `fn` and labels any failure with `what`. */
export async function step<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw annotate(e, what);
  }
}
