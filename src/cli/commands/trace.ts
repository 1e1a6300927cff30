// `controltrace trace`: read a project from Azure DevOps, build the traceability matrix, write it, print the
// coverage summary, and exit 1 when a gap named in --fail-on-gaps occurs.

import path from 'node:path';
import { Command } from 'commander';
import { createAdoTraceReader, resolveToken } from '../../ado';
import { MATRIX_FORMATS, parseMatrixFormats, renderMatrixFiles, writeMatrixFiles } from '../../ado/matrix-files';
import { InputError } from '../../core/errors';
import { canonicalInstant } from '../../core/scan/policy';
import { buildTraceabilityMatrix, DEFAULT_TRACE_OPTIONS, gapCodes, hasForbiddenGaps, renderCoverageSummary, type GapCode } from '../../core/trace';

interface TraceCommandOptions {
  orgUrl: string;
  project: string;
  tokenEnv?: string;
  asOf?: string;
  area?: string;
  requirementTypes: string;
  productionEnvironments: string;
  format: string;
  out: string;
  failOnGaps?: string;
  maxAttempts: string;
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

export function parseGapCodes(text: string | undefined): GapCode[] {
  if (text === undefined || text.trim() === '' || text.trim().toLowerCase() === 'none') return [];
  const codes = list(text);
  const unknown = codes.filter((c) => !(gapCodes as readonly string[]).includes(c));
  if (unknown.length > 0) throw new InputError(`--fail-on-gaps: unknown gap code(s) ${unknown.join(', ')}; use any of ${gapCodes.join(', ')}`);
  return codes as GapCode[];
}

export function register(program: Command): void {
  program
    .command('trace')
    .description('Build the requirements traceability matrix of an Azure DevOps project (work items → tests → builds → deployments)')
    .requiredOption('--org-url <url>', 'organization URL, e.g. https://dev.azure.com/contoso')
    .requiredOption('--project <name>', 'project name')
    .option('--token-env <variable>', 'environment variable holding the token (default: SYSTEM_ACCESSTOKEN, then AZURE_DEVOPS_EXT_PAT)')
    .option('--as-of <iso>', 'read the project as of this ISO-8601 instant; also the recorded generation time, so reruns are byte-identical')
    .option('--area <path>', 'only requirements under this area path')
    .option('--requirement-types <list>', 'comma-separated work item types that are requirements', DEFAULT_TRACE_OPTIONS.requirementTypes.join(','))
    .option('--production-environments <list>', 'comma-separated names or case-insensitive regular expressions of production environments', DEFAULT_TRACE_OPTIONS.productionEnvironments.join(','))
    .option('--format <list>', `comma-separated formats of ${MATRIX_FORMATS.join(',')}; json is always written`, MATRIX_FORMATS.join(','))
    .option('--out <dir>', 'folder for traceability.json and the other formats', 'controltrace-results')
    .option('--fail-on-gaps <codes>', `exit 1 when a requirement has one of these gaps: ${gapCodes.join(',')}`)
    .option('--max-attempts <n>', 'attempts per request before the read is given up as incomplete', '6')
    .addHelpText('after', '\nExit codes: 0 matrix written, 1 a gap named in --fail-on-gaps occurs, 2 usage error, token rejected, server unreachable or incomplete data (then no matrix is written).')
    .action(async (opts: TraceCommandOptions) => {
      const formats = parseMatrixFormats(opts.format);
      const failOn = parseGapCodes(opts.failOnGaps);
      const asOf = opts.asOf === undefined ? undefined : canonicalInstant(opts.asOf);
      if (opts.asOf !== undefined && asOf === undefined) {
        throw new InputError(`--as-of '${opts.asOf}' is not an ISO-8601 date (2026-11-20) or instant with a zone (2026-11-20T12:00:00Z)`);
      }
      if (!/^\d+$/.test(opts.maxAttempts) || Number(opts.maxAttempts) < 1) throw new InputError(`--max-attempts '${opts.maxAttempts}' must be a positive integer`);
      const requirementTypes = list(opts.requirementTypes);
      if (requirementTypes.length === 0) throw new InputError('--requirement-types is empty; name at least one work item type');
      const productionEnvironments = list(opts.productionEnvironments);
      const { token, variable } = resolveToken(opts.tokenEnv);

      const reader = createAdoTraceReader({ orgUrl: opts.orgUrl, token, policy: { maxAttempts: Number(opts.maxAttempts) } });
      const source = await reader
        .readProject({
          project: opts.project,
          ...(asOf !== undefined ? { asOf } : {}),
          ...(opts.area ? { areaPath: opts.area } : {}),
          requirementTypes,
          onNote: (message) => process.stderr.write(`warning: ${message}\n`),
        })
        .catch((e: unknown) => {
          if ((e as Error)?.name === 'AuthenticationError') throw new InputError(`${(e as Error).message} (token from ${variable})`);
          throw e;
        });
      const matrix = buildTraceabilityMatrix(source, {
        ...DEFAULT_TRACE_OPTIONS,
        requirementTypes,
        productionEnvironments,
        generatedAt: asOf ?? new Date().toISOString(),
      });
      const forbidden = hasForbiddenGaps(matrix, failOn);
      const written = writeMatrixFiles(opts.out, await renderMatrixFiles(matrix, formats));

      const lines = [renderCoverageSummary(matrix).trimEnd(), 'Files:'];
      for (const [format, file] of Object.entries(written)) lines.push(`  ${format.padEnd(5)} ${shortPath(file)}`);
      if (failOn.length === 0) lines.push('Result: matrix written (no --fail-on-gaps)');
      else if (forbidden.length > 0) lines.push(`Result: FAILED — ${forbidden.length} requirement(s) with a gap in ${failOn.join(', ')} (exit 1)`);
      else lines.push(`Result: PASSED — no requirement has a gap in ${failOn.join(', ')}`);
      process.stdout.write(`${lines.join('\n')}\n`);
      process.exitCode = forbidden.length > 0 ? 1 : 0;
    });
}

function shortPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}
