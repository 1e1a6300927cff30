// The one HTTP policy every Azure DevOps request goes through: bounded concurrency, Retry-After (also on a
// success: pause before the next request), pacing while X-RateLimit-Remaining is low, exponential back-off
// with jitter for 429 / 5xx / dropped connections, a maximum number of attempts and a time bound.
// It sits below azure-devops-node-api (at requestRaw), so typed calls, raw calls and the location lookups the
// client makes on its own are all governed by the same rules.

import { AsyncLocalStorage } from 'node:async_hooks';
import { StringDecoder } from 'node:string_decoder';
import { AuthenticationError } from './errors';
import { createLimiter } from './limiter';

/** Priority of the requests made inside `withPriority(n, fn)`; the default is 0. */
const priorityStore = new AsyncLocalStorage<number>();

/** Runs `fn` so that its requests are served before lower-priority ones waiting for a slot. */
export function withPriority<T>(priority: number, fn: () => Promise<T>): Promise<T> {
  return priorityStore.run(priority, fn);
}

export interface HttpPolicyOptions {
  /** Requests in flight at once; Azure DevOps guidance is at most 4. */
  concurrency?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  /** First back-off delay; doubles per attempt, with jitter. */
  baseDelayMs?: number;
  /** Cap of one back-off or Retry-After pause. */
  maxDelayMs?: number;
  /** Total time one request may take, retries and pauses included. */
  requestBudgetMs?: number;
  /** Absolute time (ms since epoch) after which no new attempt starts. */
  deadline?: number;
  /** Measurement only: told about every attempt once its body is read (or it failed). */
  onAttempt?: (attempt: AttemptTiming) => void;
}

/** One attempt as the policy saw it, in ms of the policy clock. */
export interface AttemptTiming {
  method: string;
  url: string;
  /** HTTP status, or the network error code. */
  outcome: string;
  /** When the slot was granted and the request handed to the client. */
  sentAt: number;
  /** Until the response headers (time to first byte, connection set-up included). */
  headersMs: number;
  /** Until the last byte of the body. */
  totalMs: number;
  /** Body length in UTF-16 code units. */
  bodyChars: number;
}

export interface PolicyClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const systemClock: PolicyClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
  random: () => Math.random(),
};

/** The part of typed-rest-client's response the client reads. */
export interface RawResponse {
  message: { statusCode?: number; headers: Record<string, string | string[] | undefined> };
  readBody(): Promise<string>;
}

export interface PolicyStats {
  requests: number;
  attempts: number;
  retries: number;
  /** Attempts that ended with this status or network error code. */
  outcomes: Record<string, number>;
  /** Time spent waiting for Retry-After or rate-limit pacing before requests. */
  pausedMs: number;
  /** Sum over attempts of the time from sending to the last byte of the body (slot time). */
  busyMs: number;
}

/** A request the policy gave up on; `reason` is the last status or network error. */
export class RequestFailedError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly reason: string,
    readonly attempts: number,
    /** A network error code (ECONNREFUSED…) when no HTTP answer ever came. */
    readonly networkCode?: string,
  ) {
    super(`${method} ${url}: ${reason} after ${attempts} attempt(s)`);
    this.name = 'RequestFailedError';
  }
}

const RETRY_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRY_NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ESOCKETHANGUP', 'EREQUESTTIMEOUT']);
/** Fraction of X-RateLimit-Limit below which requests are spread out until X-RateLimit-Reset. */
const LOW_REMAINING = 0.1;

export interface HttpPolicy {
  execute(method: string, url: string, send: () => Promise<RawResponse>): Promise<RawResponse>;
  stats(): PolicyStats;
  /** Makes every waiting and later request fail at once (after another part of a read failed). */
  cancel(reason: string): void;
}

/** The response stream, when the message is one (typed-rest-client hands over the IncomingMessage). */
interface BodyStream {
  on(event: 'data', listener: (chunk: Buffer | string) => void): unknown;
  on(event: 'end', listener: () => void): unknown;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

const NODE_CHARSETS = ['ascii', 'utf8', 'utf16le', 'ucs2', 'base64', 'binary', 'hex'];

/**
 * The body as text, decoded chunk by chunk as it arrives. typed-rest-client's readBody concatenates the
 * chunks and decodes the whole buffer at the end, which for a large page with any non-ASCII character is
 * about three times slower, all in one block on the event loop. Anything this does not decode exactly as
 * readBody would (a compressed body, a charset other than UTF-8) is left to readBody.
 */
export function readBodyText(res: RawResponse): Promise<string> {
  const message = res.message as RawResponse['message'] & Partial<BodyStream>;
  const headers = message.headers;
  const charset = /charset=([^;,\r\n]+)/i.exec(String(headers['content-type'] ?? ''))?.[1];
  const utf8 = charset === undefined || charset === 'utf8' || !NODE_CHARSETS.includes(charset);
  if (typeof message.on !== 'function' || !utf8 || (headers['content-encoding'] ?? '') !== '') return res.readBody();
  const stream = message as BodyStream;
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder('utf8');
    let text = '';
    stream.on('data', (chunk) => {
      text += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    });
    stream.on('end', () => resolve(text + decoder.end()));
    stream.on('error', reject);
  });
}

function header(res: RawResponse, name: string): string | undefined {
  const v = res.message.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Seconds (integer or decimal) or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | undefined, now: number): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

export function networkCodeOf(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown };
  if (typeof err?.code === 'string' && err.code !== '') return err.code;
  const message = typeof err?.message === 'string' ? err.message : String(e);
  if (/socket hang up/i.test(message)) return 'ESOCKETHANGUP';
  // typed-rest-client's own socket timeout error carries no code.
  if (/^Request timeout/i.test(message)) return 'EREQUESTTIMEOUT';
  return 'ENETWORK';
}

export function createHttpPolicy(options: HttpPolicyOptions = {}, clock: PolicyClock = systemClock): HttpPolicy {
  const concurrency = Math.min(4, Math.max(1, options.concurrency ?? 4));
  const maxAttempts = Math.max(1, options.maxAttempts ?? 6);
  const baseDelay = options.baseDelayMs ?? 500;
  const maxDelay = options.maxDelayMs ?? 60_000;
  const budget = options.requestBudgetMs ?? 300_000;
  const limiter = createLimiter(concurrency);
  const stats: PolicyStats = { requests: 0, attempts: 0, retries: 0, outcomes: {}, pausedMs: 0, busyMs: 0 };
  /** No request starts before this instant (Retry-After on a success, or rate-limit pacing). */
  let pauseUntil = 0;
  let cancelled: string | undefined;

  const note = (key: string) => {
    stats.outcomes[key] = (stats.outcomes[key] ?? 0) + 1;
  };

  function observe(res: RawResponse, now: number): void {
    const status = res.message.statusCode ?? 0;
    if (status < 400) {
      const pause = retryAfterMs(header(res, 'retry-after'), now);
      if (pause !== undefined && pause > 0) pauseUntil = Math.max(pauseUntil, now + Math.min(pause, maxDelay));
    }
    const limit = Number(header(res, 'x-ratelimit-limit'));
    const remaining = Number(header(res, 'x-ratelimit-remaining'));
    const reset = Number(header(res, 'x-ratelimit-reset')) * 1000;
    if (limit > 0 && Number.isFinite(remaining) && remaining < limit * LOW_REMAINING && reset > now) {
      // Spread what is left of the budget over the time until it resets.
      const spacing = Math.min(maxDelay, (reset - now) / Math.max(1, remaining));
      pauseUntil = Math.max(pauseUntil, now + spacing);
    }
  }

  async function waitForPause(): Promise<void> {
    for (;;) {
      const wait = pauseUntil - clock.now();
      if (wait <= 0) return;
      stats.pausedMs += wait;
      await clock.sleep(wait);
    }
  }

  function backoff(attempt: number): number {
    const ceiling = Math.min(maxDelay, baseDelay * 2 ** (attempt - 1));
    return ceiling / 2 + (clock.random() * ceiling) / 2;
  }

  async function execute(method: string, url: string, send: () => Promise<RawResponse>): Promise<RawResponse> {
    stats.requests++;
    const started = clock.now();
    let lastReason = '';
    let networkOnly = true;
    let lastCode: string | undefined;
    const priority = priorityStore.getStore() ?? 0;
    for (let attempt = 1; ; attempt++) {
      await waitForPause();
      const release = await limiter.acquire(priority);
      if (cancelled !== undefined) {
        release();
        throw new RequestFailedError(method, url, cancelled, attempt - 1);
      }
      let res: RawResponse | undefined;
      let body = '';
      let failure: unknown;
      stats.attempts++;
      const sentAt = clock.now();
      let headersAt = sentAt;
      try {
        res = await send();
        headersAt = clock.now();
        // Read the body inside the slot: a reset half-way through the body is retried like any other.
        body = await readBodyText(res);
      } catch (e) {
        failure = e;
      } finally {
        release();
        stats.busyMs += clock.now() - sentAt;
      }
      if (options.onAttempt) {
        const outcome = failure !== undefined || !res ? networkCodeOf(failure) : String(res.message.statusCode ?? 0);
        options.onAttempt({ method, url, outcome, sentAt, headersMs: headersAt - sentAt, totalMs: clock.now() - sentAt, bodyChars: body.length });
      }
      const now = clock.now();
      let delay: number;
      if (failure !== undefined || !res) {
        const code = networkCodeOf(failure);
        note(code);
        lastReason = `network error ${code}`;
        lastCode = code;
        if (!RETRY_NETWORK.has(code)) throw new RequestFailedError(method, url, lastReason, attempt, networkOnly ? code : undefined);
        delay = backoff(attempt);
      } else {
        const status = res.message.statusCode ?? 0;
        note(String(status));
        // 203 is the sign-in page Azure DevOps serves for a bad token on some routes.
        if (status === 401 || status === 203) throw new AuthenticationError(url, status);
        networkOnly = false;
        lastCode = undefined;
        observe(res, now);
        if (!RETRY_STATUS.has(status)) {
          const text = body;
          // Handed back a turn later, as a socket would: typed-rest-client resolves a 404 as a null result
          // and only then reads the body, and an immediate body would land in that result first.
          return { message: res.message, readBody: () => new Promise((resolve) => setImmediate(() => resolve(text))) };
        }
        lastReason = `HTTP ${status}`;
        const hinted = retryAfterMs(header(res, 'retry-after'), now);
        delay = hinted !== undefined ? Math.min(maxDelay, hinted) : backoff(attempt);
      }
      const outOfTime = now + delay - started > budget || (options.deadline !== undefined && now + delay > options.deadline);
      if (attempt >= maxAttempts || outOfTime) {
        throw new RequestFailedError(method, url, `${lastReason}${outOfTime && attempt < maxAttempts ? ' (time bound reached)' : ''}`, attempt, networkOnly ? lastCode : undefined);
      }
      stats.retries++;
      await clock.sleep(delay);
    }
  }

  return {
    execute,
    stats: () => ({ ...stats, outcomes: { ...stats.outcomes } }),
    cancel(reason) {
      cancelled ??= reason;
    },
  };
}

interface RequestRawOwner {
  requestRaw(info: { options: { method?: string; path?: string }; parsedUrl: URL }, data: unknown): Promise<RawResponse>;
}

/**
 * Routes an azure-devops-node-api / typed-rest-client HttpClient through the policy. The client has no
 * pipeline hook, so its requestRaw is wrapped on the instance; its own retries stay off (allowRetries false).
 */
export function governHttpClient(client: RequestRawOwner, policy: HttpPolicy): void {
  const original = client.requestRaw.bind(client);
  client.requestRaw = (info, data) => policy.execute(info.options.method ?? 'GET', info.parsedUrl.href, () => original(info, data));
}
