// The matrix on disk: every format rendered in memory first, then written under temporary names and renamed
// into place, so a failed run leaves no new matrix file behind and a reader never sees half a file.

import fs from 'node:fs';
import path from 'node:path';
import { InputError } from '../core/errors';
import { renderCsv, renderHtml, renderMarkdown, serializeMatrix, type TraceabilityMatrix } from '../core/trace';
import { renderXlsx } from '../core/trace/render/xlsx';

export const MATRIX_FORMATS = ['json', 'csv', 'md', 'html', 'xlsx'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];
export const MATRIX_BASENAME = 'traceability';

export function parseMatrixFormats(list: string): MatrixFormat[] {
  const asked = list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = asked.filter((f) => !(MATRIX_FORMATS as readonly string[]).includes(f));
  if (unknown.length > 0 || asked.length === 0) {
    throw new InputError(`--format: unknown format ${unknown.map((f) => `'${f}'`).join(', ') || "''"} (choose from ${MATRIX_FORMATS.join(', ')})`);
  }
  // JSON is the record every other format is a view of: always written.
  return MATRIX_FORMATS.filter((f) => f === 'json' || asked.includes(f));
}

export async function renderMatrixFiles(m: TraceabilityMatrix, formats: readonly MatrixFormat[]): Promise<Map<MatrixFormat, Uint8Array | string>> {
  const out = new Map<MatrixFormat, Uint8Array | string>();
  for (const format of formats) {
    switch (format) {
      case 'json': out.set(format, serializeMatrix(m)); break;
      case 'csv': out.set(format, renderCsv(m)); break;
      case 'md': out.set(format, renderMarkdown(m)); break;
      case 'html': out.set(format, renderHtml(m)); break;
      case 'xlsx': out.set(format, await renderXlsx(m)); break;
    }
  }
  return out;
}

/** Writes the rendered files into `outDir`; returns format → absolute path. */
export function writeMatrixFiles(outDir: string, files: Map<MatrixFormat, Uint8Array | string>): Record<string, string> {
  const dir = path.resolve(outDir);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new InputError(`cannot create the output folder: ${(e as Error).message}`, { file: dir });
  }
  const staged: Array<{ format: MatrixFormat; temp: string; final: string }> = [];
  try {
    for (const [format, content] of files) {
      const final = path.join(dir, `${MATRIX_BASENAME}.${format}`);
      const temp = path.join(dir, `.${MATRIX_BASENAME}.${format}.${process.pid}.tmp`);
      fs.writeFileSync(temp, content);
      staged.push({ format, temp, final });
    }
    const written: Record<string, string> = {};
    for (const s of staged) {
      fs.renameSync(s.temp, s.final);
      written[s.format] = s.final;
    }
    return written;
  } catch (e) {
    for (const s of staged) fs.rmSync(s.temp, { force: true });
    throw new InputError(`cannot write the traceability matrix: ${(e as Error).message}`, { file: dir });
  }
}
