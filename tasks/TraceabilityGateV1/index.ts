// TraceabilityGate@1: the requirements of this run, their traceability matrix rows, and a verdict.
// Runs on require(): the agent (and MockTestRunner) load this file and expect it to do its work.

import path from 'node:path';
import * as tl from 'azure-pipelines-task-lib/task';
import { outputDirectory, requiredInput, runTask, UserError } from '../common/task-runtime';
import { createAdoTraceReader, removedAmong, renderMatrixFiles, requirementsInScope, scopeMatrix, writeMatrixFiles } from '../../src/ado';
import { buildTraceabilityMatrix, DEFAULT_TRACE_OPTIONS, gapCodes, hasForbiddenGaps, type GapCode } from '../../src/core/trace';
import { decideGate, outputVariables } from './outcome';

const SUMMARY_TITLE = 'Traceability gate';



function requiredVariable(name: string): string {
  const value = tl.getVariable(name)?.trim();
  if (!value) throw new UserError(tl.loc('VariableMissing', name));
  return value;
}

const list = (text: string) => text.split(',').map((s) => s.trim()).filter(Boolean);

function forbiddenGaps(): GapCode[] {
  const text = requiredInput('forbiddenGaps');
  if (text.toLowerCase() === 'none') return [];
  const codes = list(text);
  const unknown = codes.filter((c) => !(gapCodes as readonly string[]).includes(c));
  if (unknown.length > 0) throw new UserError(tl.loc('UnknownGapCodes', unknown.join(', '), gapCodes.join(', ')));
  return codes as GapCode[];
}

async function run(): Promise<void> {
  tl.setResourcePath(path.join(__dirname, 'task.json'));
  const forbidden = forbiddenGaps();
  const requirementTypes = list(requiredInput('requirementTypes'));
  const productionEnvironments = list(requiredInput('productionEnvironments'));
  const outDir = outputDirectory(process.cwd(), 'controltrace-traceability');
  const orgUrl = requiredVariable('System.TeamFoundationCollectionUri');
  const project = requiredVariable('System.TeamProject');
  const buildId = requiredVariable('Build.BuildId');
  const token = process.env.SYSTEM_ACCESSTOKEN?.trim();
  if (!token) throw new UserError(tl.loc('TokenMissing'));
  tl.setSecret(token);

  console.log(tl.loc('Reading', orgUrl.replace(/\/+$/, ''), project, buildId));
  const reader = createAdoTraceReader({ orgUrl, token });
  const associated = await reader.readRunWorkItemIds(project, Number(buildId));
  const source = await reader.readProject({ project, requirementTypes, onNote: (m) => tl.warning(tl.loc('ReadNote', m)) });
  const scope = requirementsInScope(source, associated, requirementTypes);
  console.log(tl.loc('Scope', associated.length, scope.length));

  const full = buildTraceabilityMatrix(source, { ...DEFAULT_TRACE_OPTIONS, requirementTypes, productionEnvironments, generatedAt: new Date().toISOString() });
  const matrix = scopeMatrix(full, scope, removedAmong(scope, full));
  const offending = hasForbiddenGaps(matrix, forbidden);
  const files = writeMatrixFiles(outDir, await renderMatrixFiles(matrix, ['json', 'csv', 'md', 'html', 'xlsx']));
  for (const [format, file] of Object.entries(files)) console.log(tl.loc('FileWritten', format, file));

  if (tl.getBoolInput('publishArtifact', false)) {
    const name = tl.getInput('artifactName', false)?.trim() || 'traceability';
    tl.uploadArtifact(name, outDir, name);
  }
  tl.addAttachment('Distributedtask.Core.Summary', SUMMARY_TITLE, files.md!);
  for (const [name, value] of Object.entries(outputVariables(matrix, offending.length, { json: files.json!, md: files.md! }))) tl.setVariable(name, value, false, true);

  const decision = decideGate(matrix, forbidden, offending, buildId, tl.loc);
  tl.setResult(tl.TaskResult[decision.result], decision.message);
}

runTask(run, 'GateFailedUnexpectedly');
