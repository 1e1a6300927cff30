// Command-line inputs → files: a file is taken as is, a folder means every `*.json` below it, anything else
// is a glob. node_modules is never scanned. Symbolic links to files are scanned like the files (a link to a
// file the scan already has counts once); links to folders are not followed, so a link loop cannot recurse.

import fs from 'node:fs';
import path from 'node:path';
import fg, { type Entry } from 'fast-glob';
import { compareCodeUnits } from '../core/util/stable-json';

const IGNORE = ['**/node_modules/**'];

/** A path the user's patterns named that cannot be scanned, and why. */
export interface SkippedPath {
  /** As the user typed it (a literal input), or absolute (found in a folder or by a glob). */
  path: string;
  /** `error` for an input the user named literally (the scan is incomplete without it), else `warning`. */
  level: 'error' | 'warning';
  reason: string;
}

export interface ExpandedPatterns {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** Glob patterns that matched no file. */
  unmatched: string[];
  /** Named or matched paths that are not readable files: missing, dangling or looping links, devices. */
  skipped: SkippedPath[];
}

/** `notFound`: absolute paths a folder or glob skips (the reports of an earlier run); named literally, they are scanned. */
export async function expandPatterns(patterns: readonly string[], cwd: string, notFound: readonly string[] = []): Promise<ExpandedPatterns> {
  const ignored = new Set(notFound.map((f) => path.resolve(f)));
  const files = new Set<string>();
  const links = new Map<string, string>();
  const unmatched: string[] = [];
  const skipped: SkippedPath[] = [];
  for (const pattern of patterns) {
    const found = await expandOne(pattern, cwd, skipped, ignored);
    if (found === undefined) continue;
    if (found.files.length === 0 && found.links.size === 0) unmatched.push(pattern);
    for (const f of found.files) files.add(path.normalize(f));
    for (const [link, target] of found.links) if (!links.has(path.normalize(link))) links.set(path.normalize(link), target);
  }
  // A link found next to its target (or a second link to it) would scan the same template twice.
  const targets = new Set(links.size > 0 ? [...files].map(realPath) : []);
  for (const [link, target] of [...links].sort(([a], [b]) => compareCodeUnits(a, b))) {
    if (targets.has(target)) continue;
    targets.add(target);
    files.add(link);
  }
  return { files: [...files].sort(compareCodeUnits), unmatched, skipped };
}

interface Found {
  files: string[];
  /** Symbolic links to regular files found in a folder or by a glob: link → its real path. */
  links: Map<string, string>;
}

/** Undefined when the pattern names something that is not a scannable file (recorded in `skipped`). */
async function expandOne(pattern: string, cwd: string, skipped: SkippedPath[], ignored: ReadonlySet<string>): Promise<Found | undefined> {
  const absolute = path.resolve(cwd, pattern);
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(absolute, { throwIfNoEntry: false });
  } catch (e) {
    skipped.push({ path: pattern, level: 'error', reason: `cannot be read: ${linkReason(e)}` });
    return undefined;
  }
  if (stat?.isFile()) return { files: [absolute], links: new Map() };
  if (stat?.isDirectory()) return match('**/*.json', absolute, skipped, ignored);
  if (stat) {
    skipped.push({ path: pattern, level: 'error', reason: 'is not a regular file (a pipe, socket or device); save the JSON to a file and scan that' });
    return undefined;
  }
  // Windows users type backslashes; fast-glob wants forward slashes (and treats `\` as an escape).
  const glob = path.sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
  if (!fg.isDynamicPattern(glob)) {
    // A file named without wildcards is one the user expects scanned: its absence is not a matter of taste.
    const dangling = fs.lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink();
    skipped.push({ path: pattern, level: 'error', reason: dangling ? 'is a symbolic link to a file that does not exist' : 'no such file or folder' });
    return undefined;
  }
  return match(glob, cwd, skipped, ignored);
}

async function match(glob: string, cwd: string, skipped: SkippedPath[], ignored: ReadonlySet<string>): Promise<Found> {
  const entries = await fg(glob, { cwd, absolute: true, onlyFiles: false, objectMode: true, ignore: IGNORE, followSymbolicLinks: false, suppressErrors: true });
  const found: Found = { files: [], links: new Map() };
  for (const entry of entries) if (!ignored.has(path.normalize(entry.path))) classify(entry, found, skipped);
  return found;
}

function classify(entry: Entry, found: Found, skipped: SkippedPath[]): void {
  const { dirent, path: file } = entry;
  if (dirent.isFile()) {
    found.files.push(file);
    return;
  }
  if (dirent.isDirectory()) return;
  if (!dirent.isSymbolicLink()) {
    skipped.push({ path: file, level: 'warning', reason: 'is not a regular file (a pipe, socket or device); not scanned' });
    return;
  }
  try {
    const target = fs.statSync(file);
    // A link to a folder is not followed (as no folder link is): only `*.json` files are scanned.
    if (target.isFile()) found.links.set(file, realPath(file));
  } catch (e) {
    skipped.push({ path: file, level: 'warning', reason: `is a symbolic link that cannot be followed (${linkReason(e)}); not scanned` });
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync.native(file);
  } catch {
    return file;
  }
}

function linkReason(e: unknown): string {
  const code = (e as { code?: string }).code;
  if (code === 'ELOOP') return 'a loop of symbolic links';
  if (code === 'ENOENT') return 'its target does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOTDIR') return 'a part of the path is not a folder';
  return e instanceof Error ? e.message : String(e);
}
