// Globs for suppressions and exclusions: `*` matches any run of characters (slashes included, because
// resource names and ids are slash-separated and `*` must mean "everything"), `?` one character. Matching
// is case-insensitive like Azure resource names, ids and types.

const cache = new Map<string, RegExp>();

export function globToRegExp(glob: string): RegExp {
  let re = cache.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*+/g, '.*').replace(/\?/g, '.');
    re = new RegExp(`^${body}$`, 'is');
    cache.set(glob, re);
  }
  return re;
}

export function globMatches(glob: string, value: string): boolean {
  return globToRegExp(glob).test(value);
}

export function globMatchesAny(glob: string, values: readonly string[]): boolean {
  const re = globToRegExp(glob);
  return values.some((v) => re.test(v));
}
