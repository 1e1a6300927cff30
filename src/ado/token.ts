// Where the access token comes from: an environment variable, never an argument (arguments show up in
// process lists and shell history). The value is only ever handed to the HTTP client.

import { InputError } from '../core/errors';

export const DEFAULT_TOKEN_VARIABLES = ['SYSTEM_ACCESSTOKEN', 'AZURE_DEVOPS_EXT_PAT'] as const;

export function resolveToken(variable: string | undefined, env: NodeJS.ProcessEnv = process.env): { token: string; variable: string } {
  const candidates = variable !== undefined ? [variable] : [...DEFAULT_TOKEN_VARIABLES];
  for (const name of candidates) {
    const value = env[name]?.trim();
    if (value) return { token: value, variable: name };
  }
  if (variable !== undefined) throw new InputError(`environment variable ${variable} (--token-env) is not set or empty; put the Azure DevOps token in it`);
  throw new InputError(`no Azure DevOps token: set ${DEFAULT_TOKEN_VARIABLES.join(' or ')}, or name another variable with --token-env`);
}
