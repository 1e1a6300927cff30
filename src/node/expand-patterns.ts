// Command-line inputs → files: a file is taken as is, a folder means every `*.json` below it, anything else
// is a glob. node_modules is never scanned. Symbolic links to files are scanned like the files (a link to a
// file the scan already has counts once); links to folders are not followed, so a link loop cannot recurse.
//
// The list reads as Azure Pipelines file matching patterns do (the pipeline task's users write them so):
// in order, a leading `!` excludes what the patterns before it matched (each further `!` flips the meaning
// again), and a line starting with `#` is a comment. `./!name` and `./#name` name such files literally.

import fs from 'node:fs';
import path from 'node:path';
import fg, { type Entry } from 'fast-glob';
import { compareCodeUnits } from '../core/util/stable-json';

const IGNORE = ['**/node_modules/**'];

/** A path the user's patterns named that cannot be scanned, and why. */
export interface SkippedPath {
  /** As the user typed it (a literal input), or absolute (found in a folder or by a glob). */
  path: string;
  /**
   * `error` for an input the user named literally, or a folder whose files cannot be listed (the scan is
   * incomplete without them), else `warning`.
   */
  level: 'error' | 'warning';
  reason: string;
}

export interface ExpandedPatterns {
  /** Absolute paths, sorted, each once. */
  files: string[];
  /** Glob patterns that matched no file. */
  unmatched: string[];
  /** Exclusion patterns, as given (with their `!`), that took away nothing the patterns before them matched. */
  excludedNothing: string[];
  /** How many matched paths the exclusion patterns took away. */
  excluded: number;
  /** Named or matched paths that are not readable files: missing, dangling or looping links, devices, folders that cannot be listed. */
  skipped: SkippedPath[];
}

type Pattern = { kind: 'comment' } | { kind: 'include' | 'exclude'; glob: string };

/** One line of the list: every leading `!` flips include / exclude; the rest is the path or glob. */
export function readPattern(line: string): Pattern {
  if (line.startsWith('#')) return { kind: 'comment' };
  const bangs = /^!*/.exec(line)![0].length;
  return { kind: bangs % 2 === 1 ? 'exclude' : 'include', glob: line.slice(bangs) };
}

interface Matched {
  files: Set<string>;
  /** Symbolic links to regular files found in a folder or by a glob: link → its real path. */
  links: Map<string, string>;
  skipped: SkippedPath[];
}

/** `notFound`: absolute paths a folder or glob skips (the reports of an earlier run); named literally, they are scanned. */
export async function expandPatterns(patterns: readonly string[], cwd: string, notFound: readonly string[] = []): Promise<ExpandedPatterns> {
  const ignored = new Set(notFound.map((f) => path.resolve(f)));
  const matched: Matched = { files: new Set(), links: new Map(), skipped: [] };
  const unmatched: string[] = [];
  const excludedNothing: string[] = [];
  let excluded = 0;
  for (const line of patterns) {
    const pattern = readPattern(line);
    if (pattern.kind === 'comment') continue;
    if (pattern.kind === 'exclude') {
      const taken = await exclude(pattern.glob, cwd, matched);
      if (taken === 0) excludedNothing.push(line);
      excluded += taken;
      continue;
    }
    // `!!` with nothing after it names no path (not the current folder, as an empty input would).
    const found = pattern.glob === '' && line !== '' ? { files: [], links: new Map<string, string>() } : await expandOne(pattern.glob, cwd, matched.skipped, ignored);
    if (found === undefined) continue;
    if (found.files.length === 0 && found.links.size === 0) unmatched.push(line);
    for (const f of found.files) matched.files.add(path.normalize(f));
    for (const [link, target] of found.links) if (!matched.links.has(path.normalize(link))) matched.links.set(path.normalize(link), target);
  }
  const { files, links, skipped } = matched;
  // A link found next to its target (or a second link to it) would scan the same template twice.
  const targets = new Set(links.size > 0 ? [...files].map(realPath) : []);
  for (const [link, target] of [...links].sort(([a], [b]) => compareCodeUnits(a, b))) {
    if (targets.has(target)) continue;
    targets.add(target);
    files.add(link);
  }
  return { files: [...files].sort(compareCodeUnits), unmatched, excludedNothing, excluded, skipped };
}

/**
 * Takes from `matched` what `glob` names, read as an inclusion reads it (a folder: everything below it);
 * a link is matched by its own path, as the scan reports it. Returns how many paths it took away.
 */
async function exclude(glob: string, cwd: string, matched: Matched): Promise<number> {
  const excludes = await exclusionTest(glob, cwd);
  if (excludes === undefined) return 0;
  let taken = 0;
  for (const file of [...matched.files]) if (excludes(file) && matched.files.delete(file)) taken++;
  for (const link of [...matched.links.keys()]) if (excludes(link) && matched.links.delete(link)) taken++;
  // A path that could not be scanned and is excluded is no longer one the scan misses.
  // A folder that could not be listed is excluded by excluding the folder (`!infra/locked` takes what is below it).
  const kept = matched.skipped.filter((s) => !excludes(path.resolve(cwd, s.path)) && !excludes(path.resolve(cwd, s.path) + path.sep));
  taken += matched.skipped.length - kept.length;
  matched.skipped.splice(0, matched.skipped.length, ...kept);
  return taken;
}

async function exclusionTest(glob: string, cwd: string): Promise<((file: string) => boolean) | undefined> {
  if (glob === '') return undefined;
  const absolute = path.resolve(cwd, glob);
  let stat: fs.Stats | undefined;
  let unreadable = false;
  try {
    stat = fs.statSync(absolute, { throwIfNoEntry: false });
  } catch {
    unreadable = true;
  }
  if (stat?.isDirectory()) {
    const below = absolute.endsWith(path.sep) ? absolute : absolute + path.sep;
    return (file) => file.startsWith(below);
  }
  const pattern = globOf(glob);
  if (stat !== undefined || unreadable || !fg.isDynamicPattern(pattern)) return (file) => file === absolute;
  // `dot` as Azure Pipelines matches: `!**/*.json` also takes a `.ci/x.json` that was named literally.
  const entries = await fg(pattern, { cwd, absolute: true, onlyFiles: false, dot: true, ignore: IGNORE, followSymbolicLinks: false, suppressErrors: true });
  const names = new Set(entries.map((e) => path.normalize(e)));
  return (file) => names.has(file);
}

/** Windows users type backslashes; fast-glob wants forward slashes (and treats `\` as an escape). */
function globOf(pattern: string): string {
  return path.sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
}

/**
 * Why a pattern may have matched nothing when the reason is its spelling: a Windows path on another
 * platform, where `\` escapes the next character instead of separating folders.
 */
export function patternHint(line: string): string | undefined {
  if (path.sep === '\\' || !line.includes('\\') || line.includes('/')) return undefined;
  return `patterns use '/' between folders ('\\' escapes the next character): did you mean '${line.replace(/\\/g, '/')}'?`;
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
  const glob = globOf(pattern);
  if (!fg.isDynamicPattern(glob)) {
    // A file named without wildcards is one the user expects scanned: its absence is not a matter of taste.
    const dangling = fs.lstatSync(absolute, { throwIfNoEntry: false })?.isSymbolicLink();
    skipped.push({ path: pattern, level: 'error', reason: dangling ? 'is a symbolic link to a file that does not exist' : 'no such file or folder' });
    return undefined;
  }
  return match(glob, cwd, skipped, ignored);
}

async function match(glob: string, cwd: string, skipped: SkippedPath[], ignored: ReadonlySet<string>): Promise<Found> {
  const unlistable = new Map<string, NodeJS.ErrnoException>();
  const entries = await fg(glob, { cwd, absolute: true, onlyFiles: false, objectMode: true, ignore: IGNORE, followSymbolicLinks: false, suppressErrors: true, fs: recordingReaddir(unlistable) });
  // Its files are inputs the scan misses, as much as a file that cannot be read: the scan is incomplete.
  // Sorted: the walk lists folders concurrently, and the same inputs must give the same error and reports.
  for (const [folder, e] of [...unlistable].sort(([a], [b]) => compareCodeUnits(a, b))) {
    const unread: SkippedPath = { path: path.resolve(cwd, folder), level: 'error', reason: `is a folder that cannot be read (${linkReason(e)}): the files in it were not scanned` };
    // Two patterns reaching the same folder (`infra` and `infra/**/*.json`) miss it once.
    if (!skipped.some((s) => s.path === unread.path && s.reason === unread.reason)) skipped.push(unread);
  }
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

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: unknown) => void;

/**
 * fast-glob with suppressErrors (so one bad folder does not stop the walk) drops a folder it cannot list
 * without a word: this readdir records it. A folder gone since its parent was listed held nothing to miss.
 */
function recordingReaddir(unlistable: Map<string, NodeJS.ErrnoException>): fg.Options['fs'] {
  const readdir = (folder: string, options: unknown, callback?: ReaddirCallback): void => {
    const done = (typeof options === 'function' ? options : callback) as ReaddirCallback;
    const record: ReaddirCallback = (error, entries) => {
      if (error !== null && error.code !== 'ENOENT') unlistable.set(folder, error);
      done(error, entries);
    };
    if (typeof options === 'function') fs.readdir(folder, record as (e: NodeJS.ErrnoException | null, names: string[]) => void);
    else fs.readdir(folder, options as { withFileTypes: true }, record as (e: NodeJS.ErrnoException | null, d: fs.Dirent[]) => void);
  };
  return { readdir: readdir as NonNullable<fg.Options['fs']>['readdir'] };
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
