// Deterministic fault injection. Each decision hashes (fault seed, route key, per-route request number),
// so a given sequence of requests to a route meets the same faults on every run, whatever the interleaving
// across routes.

export interface FaultOptions {
  /** Delay added to every faultable request, in ms. */
  latencyMs?: number;
  /** Fractions in [0, 1] of requests answered with 429, 503, or a dropped connection. */
  rate429?: number;
  rate503?: number;
  resetRate?: number;
  /** Fraction of successful responses that carry `Retry-After` (the service's "slow down" warning). */
  retryAfterOn200Rate?: number;
  /** Seconds sent in Retry-After. */
  retryAfterSeconds?: number;
  /** Requests whose path matches always fail with 503 (for the "incomplete read" paths). */
  persistent?: Array<{ pathPattern: string | RegExp }>;
  seed?: number;
}

export type FaultDecision =
  | { kind: 'none'; retryAfterOn200: boolean }
  | { kind: '429' | '503' | 'reset' | 'persistent' };

export function createFaultInjector(opts: FaultOptions | undefined) {
  const counters = new Map<string, number>();
  const seed = opts?.seed ?? 1;
  const patterns = (opts?.persistent ?? []).map((p) => (typeof p.pathPattern === 'string' ? new RegExp(p.pathPattern, 'i') : p.pathPattern));
  return {
    latencyMs: opts?.latencyMs ?? 0,
    retryAfterSeconds: opts?.retryAfterSeconds ?? 1,
    decide(routeKey: string, path: string): FaultDecision {
      if (patterns.some((p) => p.test(path))) return { kind: 'persistent' };
      const n = (counters.get(routeKey) ?? 0) + 1;
      counters.set(routeKey, n);
      const u = unitHash(seed, routeKey, n);
      let edge = opts?.rate429 ?? 0;
      if (u < edge) return { kind: '429' };
      edge += opts?.rate503 ?? 0;
      if (u < edge) return { kind: '503' };
      edge += opts?.resetRate ?? 0;
      if (u < edge) return { kind: 'reset' };
      return { kind: 'none', retryAfterOn200: unitHash(seed ^ 0x5bd1e995, routeKey, n) < (opts?.retryAfterOn200Rate ?? 0) };
    },
  };
}

/** FNV-1a over the inputs, then a murmur finaliser, mapped to [0, 1). */
function unitHash(seed: number, key: string, n: number): number {
  let h = 0x811c9dc5 ^ seed;
  const text = `${key}#${n}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}
