// ARM template expansion: the one entry point the scanner, the CLI and the widgets use.

import type { DeploymentContext, NormalizedResource, ScanNote } from '../model';
import { expand, type ArmLimits } from './expand';
import { DEFAULT_LIMITS } from './types';

export { isArmTemplate, isArmParametersFile, targetScopeOfTemplate } from './detect';
export { DEFAULT_LIMITS };
export type { ArmLimits };

export interface ArmExpandInput {
  file: string;
  /** Already parsed JSON. */
  template: unknown;
  parameters?: { file: string; value: unknown };
  context: DeploymentContext;
  /** Overrides of DEFAULT_LIMITS (numbers, not the literal types of the constant). */
  limits?: Partial<ArmLimits>;
}

export interface ArmExpandResult {
  resources: NormalizedResource[];
  notes: ScanNote[];
}

/**
 * Expands a template into the resources ARM would deploy in `context`.
 *
 * Throws InputError (naming the file and JSON pointer) for what would make ARM reject the deployment:
 * a required parameter without a value, a value of the wrong type or outside allowedValues, an
 * expression that cannot be evaluated, a copy count over the limit, nesting too deep, a cycle.
 *
 * Notes say what could not be known or read: `error` = part of the template was not scanned (a
 * templateLink, a copy count only known at deployment); `warning` = scanned under an assumption (a
 * condition or name only known at deployment); `info` = a default was assumed (an undeclared resource
 * group's location). Values only known after deployment (reference(), list*(), Key Vault references,
 * secure parameters) are Unknown inside the resources.
 */
export function expandArmTemplate(input: ArmExpandInput): ArmExpandResult {
  return expand(input);
}
