// Orderings that do not depend on the runtime's locale (localeCompare differs between Node builds and
// browsers), so Node and the dashboard widget sort the same rows the same way.

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** ISO-8601 instants by time; missing ones last. */
export function compareInstants(a: string | null, b: string | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return Date.parse(a) - Date.parse(b);
}
