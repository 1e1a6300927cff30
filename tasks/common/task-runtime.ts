// What every ControlTrace task shares around its own logic: inputs read the same way (a blank value is as
// missing as an absent one) and one ending, so a user's mistake is one clear line while a defect keeps
// its stack in the debug log only.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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
 * The `outputDirectory` input resolved against `cwd`, or, when it is left empty, a folder of this step's own:
 * `<Agent.TempDirectory>/<parent>/<System.TaskInstanceId>`. One fixed default folder was shared by every step of
 * the task in a job, so a second step replaced the first one's files while the first step's output variables
 * and its summary attachment, which the agent uploads after the job, still named them. The default is computed
 * here, not declared in task.json: the agent expands a `$(...)` default, so the task could not tell it from a
 * path the user chose.
 */
export function outputDirectory(cwd: string, parent: string): string {
  const given = tl.getInput('outputDirectory', false)?.trim();
  return given ? path.resolve(cwd, given) : stepFolder(path.join(tl.getVariable('Agent.TempDirectory') || os.tmpdir(), parent));
}

/**
 * Whether an agent id (System.JobId, System.TaskInstanceId: GUIDs) can name a folder: no dots, no separators,
 * so it cannot climb out of the folder it is joined to.
 */
export function isFolderSafeId(id: string | undefined): id is string {
  return id !== undefined && /^[\w-]+$/.test(id);
}

function stepFolder(parent: string): string {
  const step = tl.getVariable('System.TaskInstanceId')?.trim();
  if (isFolderSafeId(step)) return path.join(parent, step);
  // Without a usable step id, a fresh folder: still no other step's.
  fs.mkdirSync(parent, { recursive: true });
  return fs.mkdtempSync(path.join(parent, 'step-'));
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
