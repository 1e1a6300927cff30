import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROLS } from '../../src/core/controls';
import { renderControlsMarkdown } from '../../src/core/controls/markdown';

describe('docs/controls.md', () => {
  it('is up to date with the catalogue (regenerate with `npx tsx scripts/gen-controls-doc.ts`)', () => {
    const committed = readFileSync(join(__dirname, '..', '..', 'docs', 'controls.md'), 'utf8');
    assert.ok(committed === renderControlsMarkdown(CONTROLS), 'docs/controls.md is stale: run `npx tsx scripts/gen-controls-doc.ts` and commit the result');
  });

  it('documents every control with its mappings', () => {
    const md = renderControlsMarkdown(CONTROLS);
    for (const c of CONTROLS) {
      assert.ok(md.includes(`### ${c.id}\n`), c.id);
      assert.ok(md.includes(c.helpUri));
    }
    assert.equal(md, renderControlsMarkdown(CONTROLS), 'rendering is deterministic');
  });
});
