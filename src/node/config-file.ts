// Finding and reading controltrace.json / .yml / .yaml. Problems name the file and the line of the offending
// value, for JSON and YAML alike.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isNode, type Node as YamlNode } from 'yaml';
import { InputError, isInputError } from '../core/errors';
import type { ResolvedConfig } from '../core/model';
import { CONFIG_FILE_NAMES, resolveConfig } from '../core/scan/config';
import { createPointerLocator, parsePointer } from '../core/util/json-locate';
import { parseJsonText } from '../core/util/json-parse';
import { messageWithoutLocation } from '../core/util/located';
import { decodeText } from './decode';
import { displayPath } from './paths';
import { readBytes } from './read-input';

const MAX_CONFIG_BYTES = 1024 * 1024;

export interface LoadedConfig {
  config: ResolvedConfig;
  /** The file it came from (display path), or undefined when the defaults were used. */
  file?: string;
  /** SHA-256 (hex) of the file's bytes, so the reports pin exactly which configuration governed the run. */
  sha256?: string;
  /** The line of a JSON pointer in the file (for notes about the configuration), when there is a file. */
  lineOf?: (pointer: string) => number;
}

/** `configFile` when given (must exist), else the one config file in `cwd`, else the defaults. */
export async function loadConfig(cwd: string, configFile?: string): Promise<LoadedConfig> {
  let absolute: string | undefined;
  if (configFile !== undefined) absolute = path.resolve(cwd, configFile);
  else {
    const present = CONFIG_FILE_NAMES.filter((name) => fs.existsSync(path.join(cwd, name)));
    if (present.length > 1) throw new InputError(`found ${present.join(' and ')}: keep one configuration file`, { file: cwd });
    if (present.length === 1) absolute = path.join(cwd, present[0]!);
  }
  if (absolute === undefined) return { config: resolveConfig(undefined) };
  const shown = displayPath(absolute, cwd);
  const bytes = await readBytes(absolute, shown, MAX_CONFIG_BYTES);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const decoded = decodeText(bytes);
  if (!decoded.ok) throw new InputError(`configuration file ${decoded.reason}`, { file: shown, ...(decoded.line !== undefined ? { line: decoded.line, column: decoded.column } : {}) });
  const isYaml = /\.ya?ml$/i.test(absolute);
  const { raw, lineOf } = isYaml ? parseYaml(decoded.text, shown) : parseJson(decoded.text, shown);
  try {
    return { config: resolveConfig(raw, shown), file: shown, sha256, lineOf };
  } catch (e) {
    if (!isInputError(e) || e.location.pointer === undefined) throw e;
    throw new InputError(messageWithoutLocation(e), { ...e.location, line: lineOf(e.location.pointer) });
  }
}

function parseJson(text: string, file: string): { raw: unknown; lineOf: (pointer: string) => number } {
  const raw = parseJsonText(text, file);
  refuseDuplicateKeys(text, file);
  const locate = createPointerLocator(text);
  return { raw, lineOf: (pointer) => locate(pointer).line };
}

/**
 * JSON.parse keeps the last of two equal keys without a word: a second `suppressions` or `exclusions` would
 * silently drop the first list. The YAML form refuses duplicates, so the JSON form does too. JSON is YAML,
 * and the YAML parser gives the position; its other complaints about valid JSON are not ours to raise.
 */
function refuseDuplicateKeys(text: string, file: string): void {
  const lineCounter = new LineCounter();
  let duplicate: { pos: [number, number] } | undefined;
  try {
    duplicate = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false }).errors.find((e) => e.code === 'DUPLICATE_KEY');
  } catch {
    return; // nesting too deep for the YAML parser: the schema refuses such a document anyway
  }
  if (!duplicate) return;
  const at = lineCounter.linePos(duplicate.pos[0]);
  throw new InputError('invalid configuration: a key appears twice in the same object (JSON would silently keep only the last)', { file, line: at.line, column: at.col });
}

function parseYaml(text: string, file: string): { raw: unknown; lineOf: (pointer: string) => number } {
  const lineCounter = new LineCounter();
  // Aliases are capped so a "billion laughs" document cannot blow up into gigabytes.
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    const at = lineCounter.linePos(problem.pos[0]);
    throw new InputError(`invalid YAML: ${problem.message.split('\n')[0]}`, { file, line: at.line, column: at.col });
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    throw new InputError(`invalid YAML: ${e instanceof Error ? e.message : String(e)}`, { file });
  }
  const lineOf = (pointer: string): number => {
    const tokens = parsePointer(pointer);
    for (let n = tokens.length; n >= 0; n--) {
      const keys = tokens.slice(0, n).map((t) => (/^\d+$/.test(t) ? Number(t) : t));
      const node = n === 0 ? doc.contents : doc.getIn(keys, true);
      if (isNode(node) && (node as YamlNode).range) return lineCounter.linePos((node as YamlNode).range![0]).line;
    }
    return 1;
  };
  return { raw, lineOf };
}
