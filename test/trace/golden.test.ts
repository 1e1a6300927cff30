// The fixture's JSON and CSV, reviewed once and kept byte for byte: a change to the output format, an
// ordering or a gap rule shows up here as a diff an engineer has to accept on purpose. To accept one,
// regenerate the files with TRACE_UPDATE_GOLDEN=1 and review the diff before committing.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTraceabilityMatrix, renderCsv, serializeMatrix } from '../../src/core/trace';
import { everyGapOptions, everyGapSource } from './fixtures/every-gap';

const FIXTURES = join(__dirname, 'fixtures');

function golden(name: string, actual: string): void {
  const file = join(FIXTURES, name);
  if (process.env.TRACE_UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs from the reviewed output`);
}

describe('trace: golden outputs of the every-gap fixture', () => {
  const m = buildTraceabilityMatrix(everyGapSource, everyGapOptions);

  it('serializeMatrix', () => golden('every-gap.matrix.json', serializeMatrix(m)));
  it('renderCsv', () => golden('every-gap.matrix.csv', renderCsv(m)));
});
