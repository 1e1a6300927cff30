// What every ControlTrace task shares around its own logic: inputs read the same way (a blank value is as
// missing as an absent one) and one ending, so a user's mistake is one clear line while a defect keeps
// its stack in the debug log only.

import * as tl from 'azure-pipelines-task-lib/task';
import { isInputError } from '../../src/core/errors';

/** A mistake in the task's inputs or the job's variables: reported as is, without a stack. */
export class UserError extends Error {}

/** A required input, trimmed. Needs the `InputRequired` message in task.json. */
export function requiredInput(name: string): string {
  const value = tl.getInput(name, false)?.trim();
  if (!value) throw new UserError(tl.loc('InputRequired', name));
  return value;
}

/**
 * Runs the task's body and sets the result for anything it throws. `unexpectedKey` names the task.json
 * message for defects (one %s for the error message).
 */
export function runTask(body: () => Promise<void>, unexpectedKey: string): void {
  body().catch((e: unknown) => {
    if (isInputError(e) || e instanceof UserError) {
      tl.setResult(tl.TaskResult.Failed, e.message);
    } else {
      tl.debug(e instanceof Error ? (e.stack ?? e.message) : String(e));
      tl.setResult(tl.TaskResult.Failed, tl.loc(unexpectedKey, e instanceof Error ? e.message : String(e)));
    }
  });
}
