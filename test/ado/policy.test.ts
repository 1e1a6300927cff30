// The HTTP policy with a fake clock and fake responses: what it waits for, what it retries, when it stops.
import assert from 'node:assert/strict';
import { AuthenticationError } from '../../src/ado/errors';
import { createHttpPolicy, RequestFailedError, retryAfterMs, withPriority, type PolicyClock, type RawResponse } from '../../src/ado/http-policy';
import { createLimiter } from '../../src/ado/limiter';

function fakeClock(random = 0.5): PolicyClock & { t: number; sleeps: number[] } {
  const c = {
    t: 1_000_000,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
    random: () => random,
  };
  return c;
}

function response(status: number, headers: Record<string, string> = {}, body = '{}'): RawResponse {
  return { message: { statusCode: status, headers }, readBody: async () => body };
}

/** A send function answering from a script, one entry per attempt (an Error is thrown). */
function scripted(...answers: Array<RawResponse | Error>) {
  let i = 0;
  const send = async () => {
    const a = answers[Math.min(i++, answers.length - 1)]!;
    if (a instanceof Error) throw a;
    return a;
  };
  return { send, calls: () => i };
}

const netError = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('HTTP policy', () => {
  it('honours Retry-After on a 429, then returns the success and its body', async () => {
    const clock = fakeClock();
    const policy = createHttpPolicy({ baseDelayMs: 100 }, clock);
    const s = scripted(response(429, { 'retry-after': '3' }), response(200, {}, '{"ok":1}'));
    const res = await policy.execute('GET', 'http://x/a', s.send);
    assert.equal(await res.readBody(), '{"ok":1}');
    assert.deepEqual(clock.sleeps, [3000]);
    assert.equal(policy.stats().retries, 1);
    assert.deepEqual(policy.stats().outcomes, { '200': 1, '429': 1 });
  });

  it('pauses before the next request when a success carries Retry-After', async () => {
    const clock = fakeClock();
    const policy = createHttpPolicy({}, clock);
    await policy.execute('GET', 'http://x/a', scripted(response(200, { 'retry-after': '2' })).send);
    assert.deepEqual(clock.sleeps, []);
    await policy.execute('GET', 'http://x/b', scripted(response(200)).send);
    assert.deepEqual(clock.sleeps, [2000]);
    assert.equal(policy.stats().pausedMs, 2000);
  });

  it('spreads requests while X-RateLimit-Remaining is under a tenth of the limit', async () => {
    const clock = fakeClock();
    const policy = createHttpPolicy({}, clock);
    const reset = String(Math.floor(clock.t / 1000) + 10);
    await policy.execute('GET', 'http://x/a', scripted(response(200, { 'x-ratelimit-limit': '200', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': reset })).send);
    await policy.execute('GET', 'http://x/b', scripted(response(200)).send);
    assert.equal(clock.sleeps.length, 1);
    assert.ok(clock.sleeps[0]! > 1500 && clock.sleeps[0]! <= 2500, `paced ${clock.sleeps[0]} ms`);
    // Plenty remaining: no pacing.
    const relaxed = fakeClock();
    const p2 = createHttpPolicy({}, relaxed);
    await p2.execute('GET', 'http://x/a', scripted(response(200, { 'x-ratelimit-limit': '200', 'x-ratelimit-remaining': '150', 'x-ratelimit-reset': reset })).send);
    await p2.execute('GET', 'http://x/b', scripted(response(200)).send);
    assert.deepEqual(relaxed.sleeps, []);
  });

  it('backs off exponentially with jitter on 503 and dropped connections', async () => {
    const clock = fakeClock(0.5);
    const policy = createHttpPolicy({ baseDelayMs: 100, maxAttempts: 5 }, clock);
    const s = scripted(response(503), netError('ECONNRESET'), new Error('socket hang up'), response(502), response(200));
    await policy.execute('GET', 'http://x/a', s.send);
    // ceiling 100·2^(n-1); with random 0.5 the delay is 3/4 of it.
    assert.deepEqual(clock.sleeps, [75, 150, 300, 600]);
    const low = fakeClock(0);
    await createHttpPolicy({ baseDelayMs: 100 }, low).execute('GET', 'http://x', scripted(response(503), response(200)).send);
    const high = fakeClock(0.999);
    await createHttpPolicy({ baseDelayMs: 100 }, high).execute('GET', 'http://x', scripted(response(503), response(200)).send);
    assert.ok(low.sleeps[0]! >= 50 && high.sleeps[0]! < 100 && high.sleeps[0]! > low.sleeps[0]!);
  });

  it('gives up after the maximum number of attempts, naming the request and the last status', async () => {
    const clock = fakeClock();
    const policy = createHttpPolicy({ baseDelayMs: 10, maxAttempts: 3 }, clock);
    const s = scripted(response(503));
    await assert.rejects(policy.execute('GET', 'http://x/_apis/wit/wiql', s.send), (e: unknown) => {
      assert.ok(e instanceof RequestFailedError);
      assert.equal(e.reason, 'HTTP 503');
      assert.equal(e.attempts, 3);
      assert.match(e.message, /GET http:\/\/x\/_apis\/wit\/wiql: HTTP 503 after 3 attempt/);
      return true;
    });
    assert.equal(s.calls(), 3);
  });

  it('stops when the time bound would be passed, even with attempts left', async () => {
    const clock = fakeClock();
    const policy = createHttpPolicy({ maxAttempts: 50, requestBudgetMs: 10_000 }, clock);
    const s = scripted(response(429, { 'retry-after': '4' }));
    await assert.rejects(policy.execute('GET', 'http://x/a', s.send), /time bound reached/);
    assert.equal(s.calls(), 3);
  });

  it('does not retry a 401 or a 203 sign-in page: the token was rejected', async () => {
    for (const status of [401, 203]) {
      const s = scripted(response(status));
      await assert.rejects(createHttpPolicy({}, fakeClock()).execute('GET', 'http://x/a', s.send), AuthenticationError);
      assert.equal(s.calls(), 1);
    }
  });

  it('does not retry an unknown host, and says no HTTP answer came', async () => {
    const s = scripted(netError('ENOTFOUND'));
    await assert.rejects(createHttpPolicy({}, fakeClock()).execute('GET', 'http://nohost/a', s.send), (e: unknown) => e instanceof RequestFailedError && e.networkCode === 'ENOTFOUND');
    assert.equal(s.calls(), 1);
  });

  it('passes other client errors through untouched, for the caller to report', async () => {
    const res = await createHttpPolicy({}, fakeClock()).execute('GET', 'http://x/a', scripted(response(404, {}, 'nf')).send);
    assert.equal(res.message.statusCode, 404);
    assert.equal(await res.readBody(), 'nf');
  });

  it('parses Retry-After as seconds (decimals too) or as an HTTP date', () => {
    assert.equal(retryAfterMs('2', 0), 2000);
    assert.equal(retryAfterMs('0.01', 0), 10);
    assert.equal(retryAfterMs(new Date(5000).toUTCString(), 2000), 3000);
    assert.equal(retryAfterMs(undefined, 0), undefined);
    assert.equal(retryAfterMs('soon', 0), undefined);
  });

  it('keeps at most four requests in flight, whatever is asked', async () => {
    const policy = createHttpPolicy({ concurrency: 16 });
    let inFlight = 0;
    let peak = 0;
    const send = async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return response(200);
    };
    await Promise.all(Array.from({ length: 20 }, (_, i) => policy.execute('GET', `http://x/${i}`, send)));
    assert.equal(peak, 4);
  });

  it('after cancel, waiting requests fail at once without being sent', async () => {
    const policy = createHttpPolicy({ concurrency: 1 });
    let sent = 0;
    const slow = async () => {
      sent++;
      await new Promise((r) => setTimeout(r, 20));
      return response(200);
    };
    const first = policy.execute('GET', 'http://x/1', slow);
    const second = policy.execute('GET', 'http://x/2', slow);
    await new Promise((r) => setTimeout(r, 5));
    policy.cancel('cancelled after another read failed: test');
    await first;
    await assert.rejects(second, /cancelled after another read failed/);
    assert.equal(sent, 1);
  });
});

describe('limiter', () => {
  it('serves a higher priority first, then arrival order', async () => {
    const limiter = createLimiter(1);
    const release = await limiter.acquire();
    const order: string[] = [];
    const wait = (name: string, priority: number) => limiter.acquire(priority).then((r) => { order.push(name); r(); });
    const all = Promise.all([wait('low-1', 0), wait('high', 1), wait('low-2', 0)]);
    release();
    await all;
    assert.deepEqual(order, ['high', 'low-1', 'low-2']);
    assert.equal(limiter.active, 0);
  });

  it('carries the priority of withPriority to the requests made inside it', async () => {
    const policy = createHttpPolicy({ concurrency: 1 });
    const order: string[] = [];
    let unblock!: () => void;
    const gate = new Promise<void>((r) => (unblock = r));
    const blocker = policy.execute('GET', 'http://x/0', async () => { await gate; return response(200); });
    const low = policy.execute('GET', 'http://x/low', async () => { order.push('low'); return response(200); });
    const high = withPriority(1, () => policy.execute('GET', 'http://x/high', async () => { order.push('high'); return response(200); }));
    unblock();
    await Promise.all([blocker, low, high]);
    assert.deepEqual(order, ['high', 'low']);
  });
});
