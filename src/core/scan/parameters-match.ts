// One --parameters file, several ARM templates (a folder scan): the file belongs to the templates that
// declare every parameter it sets. ARM rejects a deployment that passes an undeclared parameter, so
// applying the file to an unrelated template would only turn that template into an error.

function ownKeys(value: unknown, key: string): string[] {
  if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return [];
  const inner = (value as Record<string, unknown>)[key];
  return inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? Object.keys(inner) : [];
}

/** Parameters the file sets that the template does not declare (ARM compares names case-insensitively). */
export function undeclaredParameters(template: unknown, parametersFile: unknown): string[] {
  const declared = new Set(ownKeys(template, 'parameters').map((k) => k.toLowerCase()));
  return ownKeys(parametersFile, 'parameters').filter((k) => k !== '$schema' && !declared.has(k.toLowerCase()));
}
