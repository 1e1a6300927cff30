// ARM orders strings the way .NET's invariant culture does, not by UTF-16 code units: greater('A', 'a')
// is true (the documented example) because lower case sorts before upper case of the same letter, and
// items() lists keys "alphabetically". Ties the collator leaves open fall back to ordinal order, so the
// result is total and deterministic.

const INVARIANT = new Intl.Collator('en-US', { usage: 'sort', sensitivity: 'variant', caseFirst: 'lower' });

export function compareInvariant(a: string, b: string): number {
  const c = INVARIANT.compare(a, b);
  if (c !== 0) return c < 0 ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
