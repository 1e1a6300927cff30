// The scan as the CLI and the pipeline task run it: patterns → files → parsed sources → runScan.

import path from 'node:path';
import { InputError } from '../core/errors';
import type { Baseline, ControlDefinition, ScanNote } from '../core/model';
import { controlsForBaseline } from '../core/controls/index';
import { recordGovernance, type FailOn } from '../core/report/governance';
import { REPORT_FILE_NAMES } from '../core/report';
import { runScan, type ParsedFile, type ParsedSource } from '../core/scan/scan';
import type { ScanReport } from '../core/scan/types';
import { loadConfig } from './config-file';
import { expandPatterns, patternHint, readPattern } from './expand-patterns';
import { displayPath } from './paths';
import { DEFAULT_MAX_FILE_BYTES, parseInputBytes, readInputFile, readSourceBytes, type InputBytes } from './read-input';

export interface ScanPathsOptions {
  /** Files, folders (every `*.json` below) or globs, relative to `cwd`; `!` excludes, `#` comments (see expand-patterns). */
  patterns: string[];
  cwd?: string;
  /** ARM parameters file applied to every ARM template scanned. */
  parametersFile?: string;
  /** Configuration file; when absent, `controltrace.json` / `.yml` / `.yaml` in `cwd` if there is one. */
  configFile?: string;
  /** Overrides the configuration's baseline. */
  baseline?: Baseline;
  /** ISO-8601 date or zoned instant the scan is evaluated at; defaults to now. */
  asOf?: string;
  /** Largest input file accepted, in bytes (default 100 MB). */
  maxFileBytes?: number;
  /** Replaces the catalogue (tests, custom catalogues). */
  controls?: readonly ControlDefinition[];
  onProgress?: (done: number, total: number, file: string) => void;
  /** The threshold the caller judges the scan by; recorded in the reports with the verdict it gives. */
  failOn?: FailOn;
  /**
   * The folder the reports will be written to: its report files (an earlier run's results.json) are not
   * inputs when a folder or glob reaches them, or `scan .` would scan its own last output.
   */
  reportsDir?: string;
}

export async function scanPaths(opts: ScanPathsOptions): Promise<ScanReport> {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  const maxBytes = opts.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const asOf = opts.asOf ?? new Date().toISOString();
  const { config, file: configFile, sha256: configSha256, lineOf: configLineOf } = await loadConfig(cwd, opts.configFile);
  if (opts.baseline) config.baseline = opts.baseline;

  const reports = opts.reportsDir !== undefined ? Object.values(REPORT_FILE_NAMES).map((name) => path.resolve(cwd, opts.reportsDir!, name)) : [];
  const { files, unmatched, excludedNothing, excluded, skipped } = await expandPatterns(opts.patterns, cwd, reports);
  const shownSkipped = skipped.map((s) => ({ ...s, path: path.isAbsolute(s.path) ? displayPath(s.path, cwd) : s.path }));
  if (files.length === 0) {
    const why = [...whyNothingMatched(opts.patterns, unmatched, excluded), ...shownSkipped.map((s) => `${s.path} ${s.reason}`)].join('; ');
    throw new InputError(`no files matched ${opts.patterns.map((p) => `'${p}'`).join(', ') || '(no patterns given)'} in ${cwd}${why ? ` (${why})` : ''}`);
  }
  const notes: ScanNote[] = unmatched.map((p) => ({ level: 'warning', file: p, message: withHint('this pattern matched no file', p) }));
  for (const p of excludedNothing) notes.push({ level: 'warning', file: p, message: withHint('this exclusion excluded no file that the patterns before it matched', p) });
  for (const s of shownSkipped) notes.push({ level: s.level, file: s.path, message: s.reason });

  let parameters: ParsedFile | undefined;
  const parametersAbsolute = opts.parametersFile !== undefined ? path.resolve(cwd, opts.parametersFile) : undefined;
  if (parametersAbsolute !== undefined) {
    const read = await readInputFile(parametersAbsolute, displayPath(parametersAbsolute, cwd), maxBytes, 'parameters');
    if (!read.ok) {
      const e = read.unreadable.error;
      throw new InputError(`parameters file: ${e.message}`, { file: e.file, ...(e.line !== undefined ? { line: e.line } : {}), ...(e.column !== undefined ? { column: e.column } : {}) });
    }
    parameters = read.file;
  }

  if (parametersAbsolute !== undefined && files.every((f) => f === parametersAbsolute)) {
    const shown = displayPath(parametersAbsolute, cwd);
    throw new InputError(
      `${shown} is the parameters file (--parameters), so it is not scanned as a template, and no other file was given: pass the template to scan as the input, e.g. controltrace scan main.json --parameters ${shown}`,
    );
  }

  const sources: ParsedSource[] = [];
  const unread: ScanNote[] = [];
  for (const absolute of files) {
    if (absolute === parametersAbsolute) continue;
    const read = readSourceBytes(absolute, displayPath(absolute, cwd), maxBytes);
    // Never read, so not an input the reports can list with its hash: its error note names it instead.
    if (read.ok) sources.push(deferredSource(read.read, parameters));
    else unread.push(read.note);
  }
  if (sources.length === 0) throw nothingRead(unread);
  notes.push(...unread);

  const report = runScan({
    sources,
    notes,
    config,
    asOf,
    ...(opts.controls ? { controls: opts.controls } : {}),
    ...(configFile !== undefined ? { configFile } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    releaseParsedSources: true,
  });
  // Notes about the configuration (unknown control ids, exclusions that match nothing) point into the
  // config file, whose text the scan never sees: their lines come from the loader, JSON or YAML alike.
  if (configFile !== undefined && configLineOf !== undefined) {
    for (const n of report.notes) if (n.file === configFile && n.pointer !== undefined && n.line === undefined) n.line = configLineOf(n.pointer);
  }
  return recordGovernance(report, {
    catalogue: opts.controls ?? controlsForBaseline(config.baseline),
    ...(configFile !== undefined && configSha256 !== undefined ? { configFile: { path: configFile, sha256: configSha256 } } : {}),
    ...(opts.failOn !== undefined ? { failOn: opts.failOn } : {}),
  });
}

/**
 * Every file given was refused before a byte of it was read: reports would hold no result, only these
 * reasons, so they are the error, as when no file matched at all.
 */
function nothingRead(unread: readonly ScanNote[]): InputError {
  if (unread.length === 1) return new InputError(unread[0]!.message, { file: unread[0]!.file });
  return new InputError(`none of the ${unread.length} files given could be read: ${unread.map((n) => `${n.file}: ${n.message}`).join('; ')}`);
}

function withHint(message: string, pattern: string): string {
  const hint = patternHint(pattern);
  return hint === undefined ? message : `${message}; ${hint}`;
}

/** What in the patterns themselves left the scan without a file. */
function whyNothingMatched(patterns: readonly string[], unmatched: readonly string[], excluded: number): string[] {
  return [
    ...(excluded > 0 ? ["every file they matched was excluded by a '!' pattern"] : []),
    ...(allOf(patterns, 'comment') ? ["every pattern starts with '#', which makes it a comment (write './#name' for a file whose name starts with '#')"] : []),
    ...(allOf(patterns, 'exclude') ? ["a '!' pattern only excludes what the patterns before it matched: name the files to scan first"] : []),
    ...unmatched.filter((p) => patternHint(p) !== undefined).map((p) => `${p}: ${withHint('this pattern matched no file', p)}`),
  ];
}

/** Every pattern is a comment, or every one that is not a comment is an exclusion. */
function allOf(patterns: readonly string[], kind: 'comment' | 'exclude'): boolean {
  const kinds = patterns.map((p) => readPattern(p).kind).filter((k) => kind === 'comment' || k !== 'comment');
  return kinds.length > 0 && kinds.every((k) => k === kind);
}

/**
 * A file as the scan is given it: read, and decoded and parsed only when its turn to be expanded comes.
 * Holding every file's text and tree from reading to expansion made each of them survive (and be copied
 * by) the collections of the whole read, and parsing each file at reading to classify it, then again to
 * expand it, cost a second parse of every byte. Its bytes stay, outside the JS heap, to locate findings in.
 */
function deferredSource(read: InputBytes, parameters: ParsedFile | undefined): ParsedSource {
  const { file, sha256 } = read;
  return { file, sha256, text: '', json: undefined, ...(parameters ? { parameters } : {}), deferred: { load: () => parseInputBytes(read) } };
}
