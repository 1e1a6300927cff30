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
 * Expands a template into the resources ARM would deploy in `context`. Throws InputError (naming the
 * file and JSON pointer) for what would make ARM reject the deployment; reports what it could not
 * know or read as notes.
 */
export function expandArmTemplate(input: ArmExpandInput): ArmExpandResult {
  return expand(input);
}
