// A local Azure DevOps REST server over one seeded project, for the demo and for tests of code that must
// also work against the real service. Plain node:http.

import * as http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { EmulatorData, loadSeed, SeedName } from './data';
import { createFaultInjector, FaultOptions } from './faults';
import { errorBody, HttpError, RequestContext } from './http';
import { locationsForArea } from './locations';
import { matchTemplate, ROUTES } from './routes';
import { createStore } from './store';
import { encodeBody, listBody, parseAccept } from './wire';

export type { FaultOptions } from './faults';
export type * from './data/types';
export type { SeedName } from './data';
export { loadSeed, SAMPLE_ORGANIZATION, SAMPLE_PROJECT } from './data';

export interface EmulatorOptions {
  /** 0 or omitted: a free port. */
  port?: number;
  host?: '127.0.0.1';
  seed: SeedName | EmulatorData;
  faults?: FaultOptions;
  /** Overrides every paged endpoint's page size. */
  pageSize?: number;
  /** Default true: requests without `Authorization: Basic|Bearer …` get 401. */
  requireAuth?: boolean;
  /** Measurement only: told about every answered request (benchmarks). */
  onServed?: (timing: ServedTiming) => void;
}

/** One answered request, in ms since it arrived (performance.now() clock). */
export interface ServedTiming {
  /** The route key (`POST wit/workitemsbatch`…), or `unknown`/`401`/… before a route matched. */
  key: string;
  status: number;
  /** The arrival instant (performance.now()). */
  arrivedAt: number;
  /** The body and headers had been read and the route matched. */
  routedMs: number;
  /** The handler's answer was encoded and serialised (the injected latency is not in it). */
  workMs: number;
  /** The response was handed to the socket. */
  sentMs: number;
  bytes: number;
}

export interface RequestStats {
  /** Requests per route key (`GET wit/workitems`, `OPTIONS location`…), faults included. */
  byRoute: Record<string, number>;
  /** Injected faults per kind (`429`, `503`, `reset`, `persistent`). */
  faults: Record<string, number>;
  total: number;
}

export interface RunningEmulator {
  url: string;
  organization: string;
  project: string;
  data: EmulatorData;
  close(): Promise<void>;
  stats(): RequestStats;
}

const EXPOSED_HEADERS = 'x-ms-continuationtoken, Retry-After, X-RateLimit-Resource, X-RateLimit-Delay, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, ActivityId';

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const data = typeof opts.seed === 'string' ? loadSeed(opts.seed) : opts.seed;
  const store = createStore(data);
  const faults = createFaultInjector(opts.faults);
  const requireAuth = opts.requireAuth ?? true;
  const host = opts.host ?? '127.0.0.1';
  const stats: RequestStats = { byRoute: {}, faults: {}, total: 0 };
  const sockets = new Set<Socket>();
  let baseUrl = '';

  /** Per response: what onServed reports. */
  const served = new WeakMap<http.ServerResponse, { arrivedAt: number; key: string; routedMs: number }>();

  const server = http.createServer((req, res) => {
    const arrivedAt = performance.now();
    // The latency timer starts now, so reading the body, routing and answering all run inside it.
    const due = faults.latencyMs > 0 ? latencyFrom(arrivedAt) : undefined;
    served.set(res, { arrivedAt, key: 'unknown', routedMs: 0 });
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8'), arrivedAt, due).catch((e: unknown) => {
        send(res, 500, errorBody(`Emulator failure: ${(e as Error).message}`, 'InternalServerErrorException'), {});
      });
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  const count = (key: string) => {
    stats.total++;
    stats.byRoute[key] = (stats.byRoute[key] ?? 0) + 1;
  };
  const countFault = (kind: string) => { stats.faults[kind] = (stats.faults[kind] ?? 0) + 1; };

  function cors(req: http.IncomingMessage): Record<string, string> {
    const origin = req.headers.origin;
    return origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', 'Access-Control-Expose-Headers': EXPOSED_HEADERS, Vary: 'Origin' } : {};
  }

  /**
   * Resolves once `faults.latencyMs` have passed since `arrivedAt` (performance.now()), never earlier. A timer
   * counts from the event loop's cached millisecond clock and can fire a fraction of a millisecond short; then
   * one more short timer covers the rest. (Waiting out the fraction with setImmediate is closer to exact but
   * spins: measured, +0.3 s of emulator CPU on the trace bench for 0.4 ms less per request.)
   */
  function latencyFrom(arrivedAt: number): Promise<void> {
    const dueAt = arrivedAt + faults.latencyMs;
    return new Promise((resolve) => {
      const check = () => {
        const wait = dueAt - performance.now();
        if (wait <= 0) resolve();
        else setTimeout(check, Math.ceil(wait));
      };
      check();
    });
  }

  /** A response ready to send: the body serialised and UTF-8 encoded once, ahead of the send. */
  interface Prepared {
    status: number;
    bytes: Buffer | undefined;
    headers: Record<string, string>;
  }

  function prepare(status: number, body: unknown, headers: Record<string, string>): Prepared {
    return { status, bytes: body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8'), headers };
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string>) {
    sendPrepared(res, prepare(status, body, headers));
  }

  function sendPrepared(res: http.ServerResponse, prepared: Prepared, workMs?: number) {
    if (res.headersSent || res.destroyed) return;
    const { status, headers, bytes } = prepared;
    res.writeHead(status, {
      ...(bytes === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8; api-version=7.1' }),
      'Content-Length': bytes?.length ?? 0,
      'X-TFS-ProcessId': '7c1f0a3e-0d5b-4d62-9a0b-0f7c7e5d2a11',
      ActivityId: '00000000-0000-0000-0000-000000000000',
      ...headers,
    });
    if (bytes === undefined) res.end();
    else res.end(bytes);
    const timing = served.get(res);
    if (timing && opts.onServed) {
      const sentMs = performance.now() - timing.arrivedAt;
      opts.onServed({ key: timing.key, status, arrivedAt: timing.arrivedAt, routedMs: timing.routedMs, workMs: workMs ?? sentMs, sentMs, bytes: bytes?.length ?? 0 });
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string, arrivedAt: number, due: Promise<void> | undefined) {
    const url = new URL(req.url ?? '/', 'http://emulator');
    const method = (req.method ?? 'GET').toUpperCase();
    const corsHeaders = cors(req);
    let segments: string[];
    try {
      segments = url.pathname.split('/').filter(Boolean).map((s) => decodeURIComponent(s));
    } catch {
      count('unknown');
      send(res, 400, errorBody(`The path '${url.pathname}' is not validly percent-encoded.`, 'InvalidArgumentValueException'), corsHeaders);
      return;
    }

    // CORS preflight: browsers send it without credentials, so it is answered before authentication.
    if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
      count('OPTIONS preflight');
      send(res, 204, undefined, {
        ...corsHeaders,
        'Access-Control-Allow-Methods': 'GET, POST, PATCH, PUT, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? 'authorization, content-type, accept'),
        'Access-Control-Max-Age': '3600',
      });
      return;
    }

    const fail = (err: HttpError, key: string) => {
      count(key);
      send(res, err.status, errorBody(err.message, err.typeKey), { ...corsHeaders, ...err.headers });
    };
    if (segments.length === 0 || segments[0].toLowerCase() !== data.organization.toLowerCase()) {
      fail(new HttpError(404, `The organization '${segments[0] ?? ''}' could not be found on this server (the emulator serves '${data.organization}').`, 'HostNotFoundException'), 'unknown');
      return;
    }
    if (requireAuth && !/^(Basic|Bearer)\s+\S+/i.test(String(req.headers.authorization ?? ''))) {
      count('401');
      send(res, 401, errorBody("TF400813: The user '' is not authorized to access this resource.", 'UnauthorizedRequestException'), {
        ...corsHeaders,
        'WWW-Authenticate': 'Bearer authorization_uri=https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000, Basic realm="https://tfsprodweu2.app.visualstudio.com/", TFS-Federated',
        'X-TFS-FedAuthRealm': 'https://tfsprodweu2.app.visualstudio.com/',
        'X-TFS-FedAuthIssuer': `${baseUrl}/`,
        'X-VSS-ResourceTenant': '00000000-0000-0000-0000-000000000000',
      });
      return;
    }
    const rest = segments.slice(1);
    const format = parseAccept(req.headers.accept, url.searchParams.get('api-version'));

    // Location discovery, as azure-devops-node-api performs it before each area's first call.
    if (method === 'OPTIONS' && rest.length === 2 && rest[0].toLowerCase() === '_apis') {
      count(`OPTIONS location ${rest[1]}`);
      const value = locationsForArea(rest[1]);
      send(res, 200, { count: value.length, value }, corsHeaders);
      return;
    }
    if (method === 'GET' && rest.length === 2 && rest[0].toLowerCase() === '_apis' && rest[1].toLowerCase() === 'resourceareas') {
      count('GET ResourceAreas');
      // The on-premises answer: no other hosts, so clients keep the server URL as the base of every area.
      send(res, 200, listBody([], format), corsHeaders);
      return;
    }

    let matched: { key: string; handler: (typeof ROUTES)[number]['handler']; params: Record<string, string> } | undefined;
    let methodMismatch = false;
    for (const route of ROUTES) {
      const params = matchTemplate(route.template, rest);
      if (!params) continue;
      if (params.project !== undefined && !isProject(params.project)) continue;
      if (route.method !== method) { methodMismatch = true; continue; }
      matched = { key: `${route.method} ${route.template.replace('{project}/{team?}/_apis/', '').replace('{project}/_apis/', '')}`, handler: route.handler, params };
      break;
    }
    if (!matched) {
      if (methodMismatch) fail(new HttpError(405, `The requested resource does not support http method '${method}'.`, 'MethodNotAllowedException'), 'unknown');
      else fail(new HttpError(404, `The controller for path '${url.pathname}' was not found or does not implement IController.`, 'HttpException'), 'unknown');
      return;
    }

    // "API version must be specified with every request" (REST API versioning guidelines); being strict here
    // keeps code that passes against the emulator from relying on a default the service does not promise.
    if (!format.apiVersion || !/^\d+\.\d+(-preview(\.\d+)?)?$/.test(format.apiVersion)) {
      const message = format.apiVersion
        ? `The api-version '${format.apiVersion}' is not valid: use {major}.{minor}[-preview[.{n}]], for example 7.1.`
        : `No api-version was supplied for the "${method}" request. An api-version must be supplied in the Accept header or the query string, for example api-version=7.1.`;
      fail(new HttpError(400, message, format.apiVersion ? 'VssInvalidApiVersionException' : 'VssVersionNotSpecifiedException'), matched.key);
      return;
    }

    const decision = faults.decide(matched.key, url.pathname);
    const timing = served.get(res);
    if (timing) {
      timing.key = matched.key;
      timing.routedMs = performance.now() - arrivedAt;
    }
    if (decision.kind !== 'none') {
      if (due) await due;
      count(matched.key);
      countFault(decision.kind);
      if (decision.kind === 'reset') { req.socket.destroy(); return; }
      if (decision.kind === '429') {
        const reset = Math.floor(Date.parse(data.asOf) / 1000) + 300;
        send(res, 429, errorBody('TF400733: The request has been canceled: Request was blocked due to exceeding usage of resource \'Concurrency\' in namespace \'User.\'', 'RequestBlockedException'), {
          ...corsHeaders,
          'Retry-After': String(faults.retryAfterSeconds),
          'X-RateLimit-Resource': 'Core',
          'X-RateLimit-Delay': '0.5',
          'X-RateLimit-Limit': '200',
          'X-RateLimit-Remaining': '0',
          'X-RateLimit-Reset': String(reset),
        });
        return;
      }
      send(res, 503, errorBody('The service is temporarily unavailable. Try again later.', 'ServiceUnavailableException'), { ...corsHeaders, 'Retry-After': String(faults.retryAfterSeconds) });
      return;
    }

    // Every route reads the immutable store, so the answer is prepared while the latency runs and sent
    // when it is over: the injected latency is the least time an answer takes, not extra time after the work.
    let prepared: Prepared;
    let body: unknown;
    let badBody = false;
    if (rawBody.trim() !== '') {
      try { body = JSON.parse(rawBody); } catch { badBody = true; }
    }
    if (badBody) {
      const err = new HttpError(400, 'The request body is not valid JSON.', 'InvalidRequestContentException');
      prepared = prepare(err.status, errorBody(err.message, err.typeKey), { ...corsHeaders, ...err.headers });
    } else {
      const ctx: RequestContext = { store, orgUrl: baseUrl, method, params: matched.params, query: url.searchParams, body, format, pageSize: opts.pageSize };
      try {
        const result = matched.handler(ctx);
        const extra: Record<string, string> = decision.retryAfterOn200 ? { 'Retry-After': String(faults.retryAfterSeconds), 'X-RateLimit-Resource': 'Core', 'X-RateLimit-Delay': '0.2' } : {};
        prepared = prepare(result.status ?? 200, encodeBody(result.body, format, result.enums), { ...corsHeaders, ...extra, ...(result.headers ?? {}) });
      } catch (e) {
        if (!(e instanceof HttpError)) throw e;
        prepared = prepare(e.status, errorBody(e.message, e.typeKey), { ...corsHeaders, ...e.headers });
      }
    }
    const workMs = performance.now() - arrivedAt;
    if (due) await due;
    count(matched.key);
    sendPrepared(res, prepared, workMs);
  }

  function isProject(value: string): boolean {
    const v = value.toLowerCase();
    return v === data.project.name.toLowerCase() || v === data.project.id;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}/${data.organization}`;

  return {
    url: baseUrl,
    organization: data.organization,
    project: data.project.name,
    data,
    stats: () => ({ byRoute: { ...stats.byRoute }, faults: { ...stats.faults }, total: stats.total }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
