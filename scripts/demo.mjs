// `npm run demo`: the main job on the embedded sample data, through the same CLI a user runs.
// 1. Scan the compliant and the non-compliant sample landing zones (ARM and Terraform plan variants).
// 2. Build the traceability matrix of the sample Azure DevOps project served by the local emulator
//    (when the emulator and trace command are present in this build).
// The exit code is 0 when every step behaved as expected (the non-compliant scan is expected to fail).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const cli = path.join(root, 'bin', 'controltrace.js');
const outRoot = path.join(root, 'out', 'demo');
const asOf = '2026-11-26T00:00:00Z';

function run(title, args, expectedCodes) {
  process.stdout.write(`\n=== ${title}\n$ controltrace ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  const code = r.status ?? 1;
  if (!expectedCodes.includes(code)) {
    process.stderr.write(`demo: "${title}" exited ${code}, expected ${expectedCodes.join(' or ')}\n`);
    process.exitCode = 1;
  }
  return code;
}

const lz = path.join('examples', 'landing-zone');
const scans = [
  { title: 'Compliant landing zone (ARM, compiled from Bicep)', dir: 'arm-compliant', args: [path.join(lz, 'arm', 'compliant', 'main.json'), '--parameters', path.join(lz, 'arm', 'compliant', 'params.prod.json')], expect: [0] },
  { title: 'Non-compliant landing zone (ARM, compiled from Bicep)', dir: 'arm-noncompliant', args: [path.join(lz, 'arm', 'noncompliant', 'main.json'), '--parameters', path.join(lz, 'arm', 'noncompliant', 'params.prod.json')], expect: [1] },
  { title: 'Compliant landing zone (Terraform plan)', dir: 'tf-compliant', args: [path.join(lz, 'terraform', 'compliant.plan.json'), '--config', path.join(lz, 'terraform', 'controltrace.json')], expect: [0] },
  { title: 'Non-compliant landing zone (Terraform plan)', dir: 'tf-noncompliant', args: [path.join(lz, 'terraform', 'noncompliant.plan.json'), '--config', path.join(lz, 'terraform', 'controltrace.json')], expect: [1] },
];

for (const s of scans) {
  const first = s.args[0];
  if (!fs.existsSync(path.join(root, first))) {
    process.stdout.write(`\n=== ${s.title}\n(skipped: ${first} is not in this checkout)\n`);
    continue;
  }
  const out = path.join(outRoot, s.dir);
  run(s.title, ['scan', ...s.args, '--out', out, '--fail-on', 'high', '--as-of', asOf], s.expect);
}

process.stdout.write(`\nScan reports are in ${path.relative(process.cwd(), outRoot) || outRoot}/<scan>/ (controltrace.sarif, controltrace.junit.xml, summary.md, results.json)\n`);

// 2. The traceability matrix of the emulator's sample project (a clinical AI platform), read over the
//    Azure DevOps REST API exactly as it would be read from dev.azure.com.
function startEmulator() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--seed', 'sample'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let buffered = '';
    const timer = setTimeout(() => reject(new Error('the emulator did not start within 30 s')), 30_000);
    child.stdout.on('data', (chunk) => {
      buffered += chunk;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/[^\s]+)/.exec(buffered);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.once('exit', (code) => reject(new Error(`the emulator exited early (${code})`)));
  });
}

const traceOut = path.join(outRoot, 'traceability');
const { child, url } = await startEmulator();
try {
  process.stdout.write(`\n=== Azure DevOps emulator with the sample project at ${url}\n`);
  // The emulator accepts any token; a real run uses System.AccessToken or a PAT in this variable.
  process.env.CONTROLTRACE_DEMO_TOKEN = 'demo-token-not-a-secret';
  run('Traceability matrix of the sample project (every gap code occurs in it)', ['trace', '--org-url', url, '--project', 'ClinicalAI', '--token-env', 'CONTROLTRACE_DEMO_TOKEN', '--as-of', asOf, '--out', traceOut], [0]);
  process.stdout.write(`\nMatrix: ${path.relative(process.cwd(), traceOut)}/traceability.{json,csv,md,html,xlsx}\n`);
} finally {
  child.kill('SIGTERM');
}
