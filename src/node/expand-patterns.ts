// Command-line inputs → files: a file is taken as is, a folder means every `*.json` below it, anything else
// is a glob. node_modules is never scanned.

import fs from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { compareCodeUnits } from '../core/util/stable-json';

const IGNORE = ['**/node_modules/**'];

export interface ExpandedPatterns {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** Patterns that matched no file. */
  unmatched: string[];
}

export async function expandPatterns(patterns: readonly string[], cwd: string): Promise<ExpandedPatterns> {
  const files = new Set<string>();
  const unmatched: string[] = [];
  for (const pattern of patterns) {
    const matched = await expandOne(pattern, cwd);
    if (matched.length === 0) unmatched.push(pattern);
    for (const f of matched) files.add(path.normalize(f));
  }
  return { files: [...files].sort(compareCodeUnits), unmatched };
}

async function expandOne(pattern: string, cwd: string): Promise<string[]> {
  const absolute = path.resolve(cwd, pattern);
  const stat = fs.statSync(absolute, { throwIfNoEntry: false });
  if (stat?.isFile()) return [absolute];
  if (stat?.isDirectory()) {
    return fg('**/*.json', { cwd: absolute, absolute: true, onlyFiles: true, ignore: IGNORE, followSymbolicLinks: false, suppressErrors: true });
  }
  // Windows users type backslashes; fast-glob wants forward slashes (and treats `\` as an escape).
  const glob = path.sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
  return fg(glob, { cwd, absolute: true, onlyFiles: true, ignore: IGNORE, followSymbolicLinks: false, suppressErrors: true });
}
