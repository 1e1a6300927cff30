// Writes the chosen report formats into one folder under fixed names, so pipelines can find them.

import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors';
import { REPORT_FILE_NAMES, REPORT_FORMATS, renderReport, writeJUnit, writeJson, writeSarif, type ReportFormat } from '../core/report';
import { withVerdict, type FailOn } from '../core/report/governance';
import type { SarifOptions } from '../core/report/sarif';
import type { ScanReport } from '../core/scan/types';

export type { ReportFormat } from '../core/report';

export interface WriteReportsOptions {
  /** The threshold the caller judges the scan by: recorded with its verdict in every report written. */
  failOn?: FailOn;
  /** Source root and repository revision for the SARIF log (the pipeline task knows them; the CLI does not). */
  sarif?: SarifOptions;
}

/**
 * Writes each format to `outDir` and returns format → absolute path of the file written. `options.failOn`
 * (optional, so existing callers keep working) records the threshold and verdict when scanPaths was not given it.
 */
export function writeReports(report: ScanReport, outDir: string, formats: ReportFormat[], options: WriteReportsOptions = {}): Record<string, string> {
  if (options.failOn !== undefined) report = withVerdict(report, options.failOn);
  const dir = path.resolve(outDir);
  try {
    makeFolder(dir);
  } catch (e) {
    throw new InputError(`cannot create the output folder: ${(e as Error).message}`, { file: dir });
  }
  // Each report is written to a temporary file beside its final name, and all are renamed only once every
  // one is complete: a failure part-way (disk full, a renderer error) leaves no truncated report, and no mix
  // of this run's reports with an earlier run's under the fixed names a pipeline publishes.
  const pending: { format: ReportFormat; file: string; temporary: string }[] = [];
  try {
    for (const format of REPORT_FORMATS.filter((f) => formats.includes(f))) {
      const file = path.join(dir, REPORT_FILE_NAMES[format]);
      const temporary = path.join(dir, `.${REPORT_FILE_NAMES[format]}.${process.pid}.tmp`);
      pending.push({ format, file, temporary });
      // Refused before anything is written: renaming onto it would fail after the others were replaced.
      if (fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) throw new InputError(`cannot write the ${format} report: a folder has its name`, { file });
      try {
        writeOne(report, format, temporary, options.sarif);
      } catch (e) {
        throw new InputError(`cannot write the ${format} report: ${(e as Error).message}`, { file });
      }
    }
    const written: Record<string, string> = {};
    for (const { format, file, temporary } of pending) {
      try {
        fs.renameSync(temporary, file);
      } catch (e) {
        throw new InputError(`cannot write the ${format} report: ${(e as Error).message}`, { file });
      }
      written[format] = file;
    }
    return written;
  } finally {
    for (const { temporary } of pending) fs.rmSync(temporary, { force: true });
  }
}

/**
 * mkdir -p, one level at a time. Node's recursive mkdirSync retries forever when mkdir answers ENOENT under
 * a parent that exists (/proc, /sys, some network mounts): `--out /proc/x` hung the scan at 100% CPU.
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    missing.push(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d);
    } catch (e) {
      // Another process (a parallel job) may have made it meanwhile.
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(d).isDirectory()) throw e;
    }
  }
  if (!fs.statSync(dir).isDirectory()) throw new Error(`not a directory: ${dir}`);
}

function writeOne(report: ScanReport, format: ReportFormat, file: string, sarif: SarifOptions = {}): void {
  if (format === 'json') writeInPieces(file, (write) => writeJson(report, write));
  else if (format === 'sarif') writeInPieces(file, (write) => writeSarif(report, write, sarif));
  else if (format === 'junit') writeInPieces(file, (write) => writeJUnit(report, write));
  else fs.writeFileSync(file, renderReport(report, format), 'utf8');
}

/** Bytes gathered before each write of a report written in pieces. */
const WRITE_BUFFER_CHARS = 1 << 20;

/**
 * Writes the text `produce` hands over piece by piece, as writeFileSync would write it joined (created or
 * truncated, UTF-8), without ever holding the whole text: the JSON, SARIF and JUnit reports of a large scan
 * are longer than a JavaScript string may be.
 */
function writeInPieces(file: string, produce: (write: (chunk: string) => void) => void): void {
  const fd = fs.openSync(file, 'w');
  try {
    let pending: string[] = [];
    let size = 0;
    const flush = (): void => {
      if (pending.length === 0) return;
      const bytes = Buffer.from(pending.join(''), 'utf8');
      pending = [];
      size = 0;
      let offset = 0;
      while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
    };
    produce((chunk) => {
      pending.push(chunk);
      size += chunk.length;
      if (size >= WRITE_BUFFER_CHARS) flush();
    });
    flush();
  } finally {
    fs.closeSync(fd);
  }
}
