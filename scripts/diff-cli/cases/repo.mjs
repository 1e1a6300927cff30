// The repository's own scan inputs: the sample landing zones (ARM with its parameters files, Terraform plans
// with their config), the ESA templates the ARM tests use, and JSON fixtures that are not templates. An
// optional folder of further real templates (e.g. /work/shared/fixtures/esa) is added the same way.
import fs from 'node:fs';
import path from 'node:path';

export function repoCases(set, { repoRoot, extraInputs }) {
  set.copy(path.join(repoRoot, 'examples/landing-zone'), 'lz');
  for (const c of ['compliant', 'noncompliant']) {
    const main = `lz/arm/${c}/main.json`;
    set.add(`lz-arm-${c}-noparams`, [main]);
    for (const p of ['dev', 'prod']) set.add(`lz-arm-${c}-${p}`, [main, '--parameters', `lz/arm/${c}/params.${p}.json`]);
    for (const f of ['high', 'none']) set.add(`lz-arm-${c}-prod-fail-on-${f}`, [main, '--parameters', `lz/arm/${c}/params.prod.json`, '--fail-on', f]);
    set.add(`lz-tf-${c}`, [`lz/terraform/${c}.plan.json`]);
    set.add(`lz-tf-${c}-config`, [`lz/terraform/${c}.plan.json`, '--config', 'lz/terraform/controltrace.json', '--baseline', 'standard']);
  }
  set.add('lz-folder-prod-params', ['lz', '--parameters', 'lz/arm/compliant/params.prod.json']);
  set.add('lz-format-md', ['lz/arm/noncompliant/main.json', '--format', 'md']);
  set.add('lz-format-sarif-json', ['lz/arm/noncompliant/main.json', '--format', 'sarif,json']);
  set.add('lz-exclude-pattern', ['lz/**/*.json', '!lz/**/params.*.json', '!lz/terraform/controltrace.json']);

  templateFolderCases(set, path.join(repoRoot, 'test/arm/fixtures/esa'), 'esa');

  // Fixtures of other tests: JSON that is not a template (a matrix, a schema) among real templates.
  for (const f of ['test/trace/fixtures/every-gap.matrix.json', 'test/packaging/reference/tasks.schema.json']) {
    if (fs.existsSync(path.join(repoRoot, f))) set.copy(path.join(repoRoot, f), `not-templates/${path.basename(f)}`);
  }
  set.add('not-templates', ['not-templates']);
  set.add('not-templates-with-lz', ['not-templates', 'lz/arm/compliant/main.json', '--parameters', 'lz/arm/compliant/params.dev.json']);

  if (extraInputs) templateFolderCases(set, extraInputs, 'extra');
}

/**
 * A folder of templates, each in a subfolder with `main.json` and `params.<env>.json`: the folder as one
 * scan, and each template without parameters, with each parameters file, and with the standard baseline.
 */
function templateFolderCases(set, from, as) {
  set.copy(from, as);
  set.add(`${as}-folder`, [as]);
  for (const dir of fs.readdirSync(path.join(set.root, as)).sort()) {
    const main = `${as}/${dir}/main.json`;
    if (!fs.existsSync(path.join(set.root, main))) continue;
    set.add(`${as}-${dir}-noparams`, [main]);
    for (const p of fs.readdirSync(path.join(set.root, as, dir)).filter((f) => /^params\..*\.json$/.test(f)).sort()) {
      const env = p.slice('params.'.length, -'.json'.length);
      set.add(`${as}-${dir}-${env}`, [main, '--parameters', `${as}/${dir}/${p}`]);
      set.add(`${as}-${dir}-${env}-standard`, [main, '--parameters', `${as}/${dir}/${p}`, '--baseline', 'standard']);
    }
  }
}
