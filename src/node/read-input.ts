// One input file from disk: size checked before a byte is read, decoded, parsed, hashed. A template that
// cannot be read at all (over the size limit, refused by the OS, gone since it was listed) or whose content
// is not usable becomes an error note on it: the scan is incomplete, and the other files are still scanned
// and reported. The parameters and configuration files are read with the InputError kept, because without
// them the scan would mean something else.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { InputError, isInputError } from '../core/errors';
import type { ScanNote } from '../core/model';
import type { ParsedFile, UnreadableSource } from '../core/scan/sources';
import { parseJsonText } from '../core/util/json-parse';
import { messageWithoutLocation } from '../core/util/located';
import { isArmParametersFile, isArmTemplate } from '../core/arm/index';
import { decodeText } from './decode';
import { blankJsonComments } from './json-comments';

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;

export type ReadResult = { ok: true; file: ParsedFile } | { ok: false; unreadable: UnreadableSource };

/** Reads a whole file, refusing (before reading) anything that is not a regular file or is over `maxBytes`. */
export async function readBytes(absolutePath: string, displayPath: string, maxBytes: number): Promise<Uint8Array> {
  return readBytesSync(absolutePath, displayPath, maxBytes);
}

// Non-blocking: opening a named pipe with no writer (a FIFO given as --config or --parameters) would block
// the process forever before fstat could refuse it. Regular files read the same either way.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * The synchronous read behind readBytes. A scan reads its files one after the other anyway, and the
 * promise-based file handle API costs several event-loop round trips per file (open, stat, read, close):
 * on a folder of many small templates that was slower than reading and parsing the bytes.
 */
function readBytesSync(absolutePath: string, displayPath: string, maxBytes: number): Uint8Array {
  let fd: number;
  try {
    fd = fs.openSync(absolutePath, OPEN_FLAGS);
  } catch (e) {
    throw new InputError(`cannot open the file: ${osReason(e)}`, { file: displayPath });
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new InputError('is not a regular file', { file: displayPath });
    if (stat.size > maxBytes) {
      throw new InputError(`file is ${formatBytes(stat.size)}, over the ${formatBytes(maxBytes)} limit for one input; split it into smaller files`, { file: displayPath });
    }
    const bytes = new Uint8Array(stat.size);
    let offset = 0;
    // Read exactly the size that was checked: a file that grows while being read cannot slip past the limit.
    while (offset < bytes.length) {
      const bytesRead = fs.readSync(fd, bytes, offset, bytes.length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return offset === bytes.length ? bytes : bytes.subarray(0, offset);
  } catch (e) {
    if (isInputError(e)) throw e;
    throw new InputError(`cannot read the file: ${osReason(e)}`, { file: displayPath });
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * What the caller knows a file to be. `parameters`: named as the ARM parameters file (--parameters), so
 * comments are accepted whether or not it declares the parameters `$schema`, which az CLI does not require.
 */
export type InputRole = 'any' | 'parameters';

export async function readInputFile(absolutePath: string, displayPath: string, maxBytes = DEFAULT_MAX_FILE_BYTES, role: InputRole = 'any'): Promise<ReadResult> {
  return parseInputBytes(readInputBytes(absolutePath, displayPath, maxBytes), role);
}

/** A file's bytes as read, and their hash: what parseInputBytes needs. */
export interface InputBytes {
  file: string;
  sha256: string;
  bytes: Uint8Array;
}

/**
 * readInputFile up to its content: the size limit (an InputError, as for a file that cannot be read; a
 * template of the scan goes through readSourceBytes, which makes it a note) and the hash. A scan reads
 * every file this way first and decodes and parses each one when it is expanded, so a file's text and tree
 * live while it is used, and it keeps the bytes (outside the JS heap) to locate findings in: the text of
 * every file held for the whole scan was copied by each young-generation GC.
 */
export function readInputBytes(absolutePath: string, displayPath: string, maxBytes = DEFAULT_MAX_FILE_BYTES): InputBytes {
  const bytes = readBytesSync(absolutePath, displayPath, maxBytes);
  return { file: displayPath, sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

/**
 * readInputBytes for a template of the scan, where a file that cannot be read at all (over the size limit,
 * refused by the OS, gone since it was listed) is one input the scan lacks, not a reason to lose every
 * other file's results: its error is a note on it. It has no hash, since its bytes were never read.
 */
export function readSourceBytes(absolutePath: string, displayPath: string, maxBytes = DEFAULT_MAX_FILE_BYTES): { ok: true; read: InputBytes } | { ok: false; note: ScanNote } {
  try {
    return { ok: true, read: readInputBytes(absolutePath, displayPath, maxBytes) };
  } catch (e) {
    if (!isInputError(e)) throw e;
    return { ok: false, note: { level: 'error', file: displayPath, message: messageWithoutLocation(e) } };
  }
}

/**
 * The rest of readInputFile: the checks on the content (empty, encoding, whitespace only, Bicep source) and
 * the parse (ARM files may have comments), or the error that makes the file unreadable. `bytes` is set
 * when the text is exactly their UTF-8 decoding, so findings can be located in the bytes.
 */
export function parseInputBytes(read: InputBytes, role: InputRole = 'any'): ReadResult {
  const { file, sha256, bytes } = read;
  const fail = (message: string) => failure(file, sha256, message);
  if (bytes.length === 0) return fail('file is empty; expected an ARM template, parameters file or Terraform plan (JSON)');
  const decoded = decodeText(bytes);
  if (!decoded.ok) return failure(file, sha256, `file ${decoded.reason}`, decoded.line, decoded.column);
  const text = decoded.text;
  if (text.trim() === '') return fail('file contains only whitespace; expected JSON');
  // Bicep source is not JSON: without this the user would get a JSON syntax error at line 1.
  if (/\.bicep$/i.test(file)) {
    return fail(`is a Bicep file: compile it to an ARM template first (az bicep build --file ${file}) and scan the .json it writes`);
  }
  if (/\.bicepparam$/i.test(file)) {
    return fail(`is a Bicep parameters file: compile it first (az bicep build-params --file ${file}) and pass the .json it writes`);
  }
  try {
    const json = parseJsonText(text, file);
    const utf8 = decoded.encoding === 'utf-8' || decoded.encoding === 'utf-8-bom';
    return { ok: true, file: { file, sha256, text, json, ...(utf8 ? { bytes } : {}) } };
  } catch (e) {
    if (!isInputError(e)) throw e;
    const withComments = parseArmWithComments(text, file, role);
    if (withComments?.ok) return { ok: true, file: { file, sha256, text: withComments.text, json: withComments.json } };
    const reported = withComments?.error ?? e;
    return failure(file, sha256, messageWithoutLocation(reported), reported.location.line, reported.location.column);
  }
}

function failure(file: string, sha256: string, message: string, line?: number, column?: number): { ok: false; unreadable: UnreadableSource } {
  return {
    ok: false,
    unreadable: {
      file,
      sha256,
      error: { level: 'error', file, ...(line !== undefined ? { line } : {}), ...(column !== undefined ? { column } : {}), message },
    },
  };
}

/**
 * JSON with comments, accepted for ARM templates and parameter files only (ARM deploys them; a Terraform plan
 * never has comments): files that say so by their `$schema`, or the one named as the parameters file. The
 * text kept is the blanked one, with the same positions, for locating findings. Undefined when the text has
 * no comment; otherwise the parse, or the error of parsing it without comments.
 */
function parseArmWithComments(
  text: string,
  displayPath: string,
  role: InputRole,
): { ok: true; text: string; json: unknown } | { ok: false; error: InputError } | undefined {
  if (!text.includes('/')) return undefined;
  const blanked = blankJsonComments(text);
  if (blanked === undefined) return undefined;
  let json: unknown;
  try {
    json = parseJsonText(blanked, displayPath);
  } catch (e) {
    if (!isInputError(e)) throw e;
    return { ok: false, error: e };
  }
  return role === 'parameters' || isArmTemplate(json) || isArmParametersFile(json) ? { ok: true, text: blanked, json } : undefined;
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KB`;
  return `${n} bytes`;
}

function osReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'is a directory';
  return e instanceof Error ? e.message : String(e);
}
