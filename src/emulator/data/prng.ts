// A seeded PRNG (mulberry32): the seeds and the fault injector must give the same sequence every run.

export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** A deterministic UUID-shaped string from a counter and a namespace; not random, only stable. */
export function stableUuid(namespace: number, n: number): string {
  const hex = (v: number, len: number) => (v >>> 0).toString(16).padStart(len, '0').slice(-len);
  const mix = Math.imul(n ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return `${hex(namespace, 8)}-${hex(n >>> 16, 4)}-4${hex(n, 3)}-8${hex(mix, 3)}-${hex(mix, 4)}${hex(n, 8)}`;
}
