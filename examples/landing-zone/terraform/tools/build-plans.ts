// Regenerates ../compliant.plan.json and ../noncompliant.plan.json from the descriptions:
//   npx tsx examples/landing-zone/terraform/tools/build-plans.ts
// The test suite checks that the committed files equal what this writes.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compliant } from './compliant';
import { noncompliant } from './noncompliant';
import { writePlan } from './plan-writer';

export function planTexts(): Record<string, string> {
  return {
    'compliant.plan.json': `${JSON.stringify(writePlan(compliant), null, 2)}\n`,
    'noncompliant.plan.json': `${JSON.stringify(writePlan(noncompliant), null, 2)}\n`,
  };
}

if (require.main === module) {
  for (const [name, text] of Object.entries(planTexts())) writeFileSync(join(__dirname, '..', name), text);
}
