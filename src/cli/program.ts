// The `controltrace` program: global settings shared by every command, and the exit-code contract.
//   0  success (for scan: nothing at or above --fail-on failed)
//   1  the check ran and found what it is asked to fail on
//   2  usage error, input error, incomplete result, or an internal error
// Commands set `process.exitCode` for 0/1 outcomes; anything thrown is mapped to 2 by runCli.

import { Command, CommanderError } from 'commander';
import { isInputError } from '../core/errors';
import { plainText } from '../core/trace/render/escape';
import { TOOL_VERSION } from '../core/util/version';
import * as emulator from './commands/emulator';
import * as scan from './commands/scan';
import * as trace from './commands/trace';

export const EXIT_USAGE_OR_INPUT = 2;

/** Each command lives in commands/<name>.ts and exports register(program). */
const COMMANDS: { register(program: Command): void }[] = [scan, trace, emulator];

export function createProgram(): Command {
  const program = new Command('controltrace')
    .description('ISRM control validation, traceability and GxP evidence for Azure landing zones')
    .version(TOOL_VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: (text, write) => write(text.startsWith('error:') ? `controltrace: ${text}` : text) });
  for (const command of COMMANDS) command.register(program);
  return program;
}

/** Parses and runs; returns the process exit code. Never lets a user error escape with a stack trace. */
export async function runCli(argv: readonly string[], program = createProgram()): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'node' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and --version end through exitOverride too, with code 0; every other commander error is misuse.
      return e.exitCode === 0 ? 0 : EXIT_USAGE_OR_INPUT;
    }
    if (isInputError(e)) {
      process.stderr.write(`controltrace: error: ${oneLine(e.message)}\n`);
      return EXIT_USAGE_OR_INPUT;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`controltrace: internal error: ${oneLine(message)} (this is a bug; set CONTROLTRACE_DEBUG=1 for details)\n`);
    if (process.env.CONTROLTRACE_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    return EXIT_USAGE_OR_INPUT;
  }
}

/** Messages name files and quote template text: in a pipeline log a `##vso[` or an ANSI escape in them would act. */
function oneLine(text: string): string {
  return plainText(text.replace(/\s*\n\s*/g, ' '));
}
