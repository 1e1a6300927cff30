// Regenerates docs/controls.md from the control catalogue. Run: npx tsx scripts/gen-controls-doc.ts
// (test/controls/doc.test.ts fails when the committed file is out of date).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONTROLS } from '../src/core/controls';
import { renderControlsMarkdown } from '../src/core/controls/markdown';

export const CONTROLS_DOC_PATH = join(__dirname, '..', 'docs', 'controls.md');

function main(): void {
  mkdirSync(dirname(CONTROLS_DOC_PATH), { recursive: true });
  writeFileSync(CONTROLS_DOC_PATH, renderControlsMarkdown(CONTROLS), 'utf8');
  process.stdout.write(`wrote ${CONTROLS_DOC_PATH} (${CONTROLS.length} controls)\n`);
}

if (require.main === module) main();
