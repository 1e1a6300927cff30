// IsrmControlScan@1: read the inputs, scan, write the reports, hand them to the agent, set the result.
// Runs on require(): the agent (and MockTestRunner) load this file and expect it to do its work.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tl from 'azure-pipelines-task-lib/task';
import { isFolderSafeId, outputDirectory, requiredInput, runTask, UserError } from '../common/task-runtime';
import { failThresholdReached } from '../../src/core/scan/scan';
import { sarifSource, scanPaths, writeReports, type Checkout, type ReportFormat } from '../../src/node';
import { decide, FAIL_ON, noteLocation, outputVariables, type FailOn } from './outcome';

const BASELINES = ['hbi', 'standard'] as const;
const FORMATS: ReportFormat[] = ['sarif', 'junit', 'md', 'json'];
const SUMMARY_TITLE = 'ISRM control scan';
/** The artifact the SARIF SAST Scans Tab reads every `*.sarif` of, in any folder. */
const SARIF_ARTIFACT = 'CodeAnalysisLogs';
/** Notes beyond this many are in the reports; the log shows the first ones. */
const MAX_LOGGED_NOTES = 20;


function pickInput<T extends string>(name: string, allowed: readonly T[]): T {
  const value = requiredInput(name);
  if (!(allowed as readonly string[]).includes(value)) throw new UserError(tl.loc('InputInvalid', name, allowed.join(', '), value));
  return value as T;
}

/** An optional file input; the agent fills an empty filePath input with the repository root, which means "not set". */
function optionalFile(name: string, cwd: string): string | undefined {
  if (!tl.filePathSupplied(name)) return undefined;
  const value = tl.getPathInput(name, false, false)?.trim();
  return value ? path.resolve(cwd, value) : undefined;
}


/**
 * Uploads the SARIF log into the `CodeAnalysisLogs` artifact under a folder of its own. The artifact is one
 * file container for the whole run: every scan step (a second landing zone, a matrix leg, the CLI job of the
 * example pipeline) would otherwise write `CodeAnalysisLogs/controltrace.sarif`, and the last one replaces
 * the others in the Scans tab. The folder is named by the job and step ids (System.JobId,
 * System.TaskInstanceId), which no two steps of a run share; an attempt that keeps them replaces only its own
 * log. The agent uploads a folder's contents below `containerfolder`, so the container folder and artifact
 * name stay `CodeAnalysisLogs` for every upload (one artifact, associated the same way each time).
 */
function uploadSarif(sarifFile: string): void {
  const ids = [tl.getVariable('System.JobId'), tl.getVariable('System.TaskInstanceId')].map((v) => v?.trim()).filter(isFolderSafeId);
  if (ids.length === 0) {
    tl.uploadArtifact(SARIF_ARTIFACT, sarifFile, SARIF_ARTIFACT);
    return;
  }
  const temp = tl.getVariable('Agent.TempDirectory') || os.tmpdir();
  fs.mkdirSync(temp, { recursive: true });
  const staging = fs.mkdtempSync(path.join(temp, 'controltrace-sarif-'));
  const folder = path.join(staging, ids.join('.'));
  fs.mkdirSync(folder);
  fs.copyFileSync(sarifFile, path.join(folder, path.basename(sarifFile)));
  tl.uploadArtifact(SARIF_ARTIFACT, staging, SARIF_ARTIFACT);
}


/** The checkout the scanned files come from, as the agent describes it, for the SARIF log. */
function checkout(): Checkout {
  const variable = (name: string) => tl.getVariable(name)?.trim() || undefined;
  return {
    repositoryUri: variable('Build.Repository.Uri'),
    revisionId: variable('Build.SourceVersion'),
    branch: variable('Build.SourceBranch'),
    localPath: variable('Build.Repository.LocalPath'),
    repositoryName: variable('Build.Repository.Name'),
  };
}


async function run(): Promise<void> {
  tl.setResourcePath(path.join(__dirname, 'task.json'));
  // Until a report says otherwise the scan is not complete: a step that stops on its inputs (no file matched,
  // an invalid configuration) must not leave `scanComplete` unset for the conditions that read it.
  tl.setVariable('scanComplete', 'false', false, true);
  const cwd = tl.getVariable('System.DefaultWorkingDirectory') || tl.getVariable('Build.SourcesDirectory') || process.cwd();
  const patterns = requiredInput('templates').split(/\r?\n/).map((p) => p.trim()).filter((p) => p !== '');
  const baseline = pickInput('baseline', BASELINES);
  const failOn = pickInput<FailOn>('failOn', FAIL_ON);
  const outDir = outputDirectory(cwd, 'controltrace');
  const parametersFile = optionalFile('parameters', cwd);
  const configFile = optionalFile('config', cwd);

  console.log(tl.loc('ScanStarting', patterns.join(', '), baseline, failOn));
  // The output folder may sit where the patterns reach (infra/reports under infra/**): its reports are no input.
  const report = await scanPaths({ patterns, cwd, parametersFile, configFile, baseline, failOn, reportsDir: outDir, onProgress: (done, total, file) => tl.debug(`scanned ${done}/${total}: ${file}`) });
  const files: Partial<Record<ReportFormat, string>> = writeReports(report, outDir, FORMATS, { sarif: sarifSource(cwd, checkout()) });
  for (const format of FORMATS) if (files[format]) console.log(tl.loc('ReportWritten', format, files[format]));

  const notes = report.notes.filter((n) => n.level !== 'info');
  for (const note of notes.slice(0, MAX_LOGGED_NOTES)) {
    const log = note.level === 'error' ? tl.error : tl.warning;
    log(`${noteLocation(note)}: ${note.message}`);
  }
  if (notes.length > MAX_LOGGED_NOTES) console.log(tl.loc('MoreNotes', notes.length - MAX_LOGGED_NOTES, files.json ?? outDir));

  if (files.sarif && tl.getBoolInput('publishSarif', false)) uploadSarif(files.sarif);
  if (files.junit && tl.getBoolInput('publishTestResults', false)) {
    new tl.TestPublisher('JUnit').publish([files.junit], 'false', '', '', `ISRM control scan (${baseline})`, 'true');
  }
  // uploadsummary would title the run's summary section after the file name; a named attachment reads better.
  if (files.md) tl.addAttachment('Distributedtask.Core.Summary', SUMMARY_TITLE, files.md);
  for (const [name, value] of Object.entries(outputVariables(report, files))) tl.setVariable(name, value, false, true);

  const decision = decide(report, failOn, failThresholdReached(report, failOn), tl.loc, files.md ?? outDir);
  console.log(decision.summary);
  // The first reason becomes the result's own issue; the others must not vanish into the log.
  for (const reason of decision.reasons.slice(1)) tl.warning(reason);
  tl.setResult(tl.TaskResult[decision.result], decision.message);
}

runTask(run, 'ScanFailedUnexpectedly');
