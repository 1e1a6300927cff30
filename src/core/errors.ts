// User-facing errors: they name the file and the place in it, and say what to do. The CLI and the task
// print `message` without a stack trace and exit 2; anything else that escapes is a bug.

export interface ErrorLocation {
  file?: string;
  /** 1-based line, when known. */
  line?: number;
  /** 1-based column, when known. */
  column?: number;
  /** JSON pointer inside the file, when known. */
  pointer?: string;
}

export class InputError extends Error {
  readonly location: ErrorLocation;
  constructor(message: string, location: ErrorLocation = {}) {
    super(formatLocated(message, location));
    this.name = 'InputError';
    this.location = location;
  }
}

/** `file:line:column (pointer): message`, leaving out what is unknown. */
export function formatLocated(message: string, loc: ErrorLocation): string {
  let where = loc.file ?? '';
  if (loc.line !== undefined) where += `${where ? ':' : 'line '}${loc.line}`;
  if (loc.line !== undefined && loc.column !== undefined) where += `:${loc.column}`;
  if (loc.pointer !== undefined && loc.pointer !== '') where += `${where ? ' ' : ''}(at ${loc.pointer})`;
  return where ? `${where}: ${message}` : message;
}

export function isInputError(e: unknown): e is InputError {
  return e instanceof InputError;
}
