// Which environments count as production. Each configured entry matches an environment name either as a
// case-insensitive substring or as a case-insensitive regular expression, so both `prod` and `^prd-.*$`
// work. An entry that is not a valid regular expression still works as a substring.

export type EnvironmentMatcher = (environmentName: string) => boolean;

export function productionMatcher(patterns: readonly string[]): EnvironmentMatcher {
  const tests = patterns.map((pattern) => {
    const needle = pattern.toLowerCase();
    let re: RegExp | undefined;
    try {
      re = new RegExp(pattern, 'i');
    } catch {
      re = undefined;
    }
    return (name: string) => name.toLowerCase().includes(needle) || (re !== undefined && re.test(name));
  });
  return (name) => tests.some((t) => t(name));
}
