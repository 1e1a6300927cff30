// Writes every input below `root` (emptied first) and returns the cases, in a fixed order. The repository's
// inputs come first: later generators build on the sample landing zones, and config cases on ARM files.
import fs from 'node:fs';
import { CaseSet } from './kit.mjs';
import { repoCases } from './repo.mjs';
import { armCases } from './arm.mjs';
import { fileCases } from './files.mjs';
import { configCases } from './config.mjs';
import { hostileCases } from './hostile.mjs';
import { expressionCases } from './expressions.mjs';
import { randomCases } from './random.mjs';

export function generateCases({ root, repoRoot, random = 0, seed = 1, extraInputs }) {
  fs.rmSync(root, { recursive: true, force: true });
  const set = new CaseSet(root);
  repoCases(set, { repoRoot, extraInputs });
  armCases(set);
  fileCases(set);
  configCases(set);
  hostileCases(set);
  expressionCases(set, { count: random, seed });
  randomCases(set, { count: random, seed });
  return set.cases;
}
