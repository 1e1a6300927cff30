// SARIF 2.1.0: one rule per control of the baseline, one result per finding that is not a pass.
// Suppressed findings stay in the log with an external suppression (owner, expiry), so a code scanning
// view shows what was waived, by whom and until when; an expired suppression that matches a finding is on
// that result as `rejected` (it no longer waives it). Every suppression and exclusion of the configuration,
// applied or not, and what governed the run (configuration hash, overrides, threshold, verdict) are in the
// run's properties and invocation, so the log alone shows everything that shaped its results.

import type { SourceRef } from '../model';
import { exitCodeFor } from '../scan/engine';
import type { ReportFinding, ScanReport } from '../scan/types';
import { sha256Hex } from '../util/sha256';
import { stableStringify } from '../util/stable-json';
import { displayValue } from '../util/text-escape';
import { SECURITY_SEVERITY, sarifLevelFor, sarifLevelForSeverity } from './levels';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/controltrace/controltrace';

type Control = ScanReport['controls'][number];

/**
 * Where the scanned files came from, for viewers that link a result to the file in its repository (the Azure
 * DevOps Scans tab, GitHub code scanning). Optional and additive: a log written without it is byte for byte
 * the log written before it existed.
 */
export interface SarifOptions {
  /**
   * Absolute URI of the folder the report's relative file paths start from (a `file:` URI of the working
   * directory): the run's `originalUriBaseIds.SRCROOT`, which every relative artifact location then names.
   */
  sourceRoot?: string;
  /** The checkout scanned: the run's `versionControlProvenance`. Left out when `repositoryUri` is not an absolute URI of a server. */
  versionControl?: {
    repositoryUri: string;
    revisionId?: string;
    branch?: string;
    /**
     * The repository root as a relative path below `sourceRoot` ('' when it is `sourceRoot` itself), e.g. the
     * repository's folder in a multi-repository checkout; `mappedTo` is written only when it and `sourceRoot` are given.
     */
    root?: string;
  };
}

/** The one base id of the log: the spec's and the viewers' usual name for the root of the sources. */
const SOURCE_ROOT_ID = 'SRCROOT';

/** Writes artifact locations; knows whether relative ones are based on SRCROOT. */
type Locate = (file: string) => Record<string, unknown>;

function locator(options: SarifOptions): Locate {
  if (options.sourceRoot === undefined) return (file) => ({ uri: toUri(file) });
  // An absolute path (outside the working directory: /x, C:\x) is no reference from the source root.
  return (file) => (isRelativePath(file) ? { uri: toUri(file), uriBaseId: SOURCE_ROOT_ID } : { uri: toUri(file) });
}

function isRelativePath(file: string): boolean {
  return !/^(?:[A-Za-z]:|[\\/])/.test(file);
}

export function toSarifLog(report: ScanReport, options: SarifOptions = {}): Record<string, unknown> {
  const log = sarifSkeleton(report, options);
  (log.runs as Record<string, unknown>[])[0]!.results = [...sarifResults(report, locator(options))];
  return log;
}

/** The log without its results (an empty `results` array in their place): everything but what grows with the scan. */
function sarifSkeleton(report: ScanReport, options: SarifOptions): Record<string, unknown> {
  const locate = locator(options);
  const notifications = report.notes
    .filter((n) => n.level !== 'info')
    .map((n) => ({
      level: n.level,
      message: { text: n.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: locate(n.file),
            ...(n.line !== undefined ? { region: { startLine: n.line } } : {}),
          },
        },
      ],
    }));
  const governance = report.governance;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFORMATION_URI,
            rules: report.controls.map(rule),
          },
        },
        ...sourceMembers(options),
        artifacts: report.inputs.map((input) => ({
          location: locate(input.file),
          hashes: { 'sha-256': input.sha256 },
          properties: { kind: input.kind, resources: input.resources },
        })),
        invocations: [
          {
            executionSuccessful: report.complete,
            ...(governance?.failOn !== undefined ? { exitCode: exitCodeFor(report, governance.failOn) } : {}),
            ...(notifications.length ? { toolExecutionNotifications: notifications } : {}),
            properties: {
              asOf: report.asOf,
              baseline: report.baseline,
              ...(governance?.configFile ? { configFile: governance.configFile.path, configSha256: governance.configFile.sha256 } : {}),
              ...(governance?.failOn !== undefined ? { failOn: governance.failOn } : {}),
              ...(governance?.verdict !== undefined ? { verdict: governance.verdict } : {}),
              severityOverrides: governance?.severityOverrides ?? [],
            },
          },
        ],
        results: [],
        properties: {
          baseline: report.baseline,
          asOf: report.asOf,
          complete: report.complete,
          summary: report.summary,
          ...(governance?.verdict !== undefined ? { verdict: governance.verdict } : {}),
          suppressions: report.suppressions.map((s) => ({ ...s })),
          exclusions: report.exclusions.map((e) => ({ ...e, excluded: e.excluded ?? [] })),
        },
      },
    ],
  };
}

/** The run's `originalUriBaseIds` and `versionControlProvenance`, when the options give them. */
function sourceMembers(options: SarifOptions): Record<string, unknown> {
  const root = options.sourceRoot !== undefined ? folderUri(options.sourceRoot) : undefined;
  const vc = options.versionControl;
  const repositoryUri = vc ? publicRepositoryUri(vc.repositoryUri) : undefined;
  const details: Record<string, unknown> | undefined = vc && repositoryUri !== undefined
    ? {
        repositoryUri,
        ...(vc.revisionId?.trim() ? { revisionId: vc.revisionId.trim() } : {}),
        ...(vc.branch?.trim() ? { branch: vc.branch.trim() } : {}),
        ...(root !== undefined && vc.root !== undefined && isRelativePath(vc.root) ? { mappedTo: mappedTo(vc.root) } : {}),
      }
    : undefined;
  return {
    ...(root !== undefined ? { originalUriBaseIds: { [SOURCE_ROOT_ID]: { uri: root } } } : {}),
    ...(details ? { versionControlProvenance: [details] } : {}),
  };
}

function mappedTo(root: string): Record<string, unknown> {
  const rel = root.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/\/+$/, '');
  return rel === '' || rel === '.' ? { uriBaseId: SOURCE_ROOT_ID } : { uri: `${toUri(rel)}/`, uriBaseId: SOURCE_ROOT_ID };
}

/** A base URI must be absolute and end with a slash, or the last folder of it is dropped when a path is resolved against it. */
function folderUri(uri: string): string {
  const url = new URL(uri);
  const href = withoutCredentials(url).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * The repository's URI as anyone may read it, or undefined when it names no repository server (a local path,
 * an scp-like `git@host:path`). A checkout's URI can carry credentials (`https://user:token@host/...`, or the
 * organisation as user name in Azure Repos URIs); the log is an artifact many people read, and a URI with
 * user information also breaks the Scans tab's links. Query and fragment are no part of a repository's identity
 * and are where a token would otherwise sit.
 */
function publicRepositoryUri(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return undefined;
  }
  if (url.host === '') return undefined;
  url.search = '';
  url.hash = '';
  return withoutCredentials(url).href;
}

function withoutCredentials(url: URL): URL {
  url.username = '';
  url.password = '';
  return url;
}

/** One result per finding that is not a pass, made one at a time. */
function* sarifResults(report: ScanReport, locate: Locate): Generator<Record<string, unknown>> {
  const ruleIndex = new Map(report.controls.map((c, i) => [c.id, i]));
  const artifactIndex = new Map(report.inputs.map((input, i) => [input.file, i]));
  for (const f of report.findings) if (f.status !== 'pass') yield result(f, ruleIndex, artifactIndex, locate);
}

export function toSarif(report: ScanReport, options: SarifOptions = {}): string {
  const pieces: string[] = [];
  writeSarif(report, (chunk) => pieces.push(chunk), options);
  return pieces.join('');
}

/** Where the run's members are indented in the log's text (the log's object, `runs`, the run's object). */
const RUN_MEMBER_INDENT = '      ';
const EMPTY_RESULTS = `\n${RUN_MEMBER_INDENT}"results": []`;
const RESULT_BREAK = `\n${RUN_MEMBER_INDENT}  `;

/**
 * toSarif's text handed to `write` in pieces, for logs too large for one string (hundreds of thousands of
 * results): the log without its results, split where they go, and one piece per result, each made and
 * written before the next. The pieces joined are exactly the stable JSON of toSarifLog(report) and a newline.
 */
export function writeSarif(report: ScanReport, write: (chunk: string) => void, options: SarifOptions = {}): void {
  const skeleton = stableStringify(sarifSkeleton(report, options), 2);
  // Run members are the only keys at this indentation (runs is the log's one array), and a JSON string
  // cannot hold a raw line break or quote, so this is the run's own `results` member and nothing else.
  const at = skeleton.indexOf(EMPTY_RESULTS);
  if (at < 0 || skeleton.indexOf(EMPTY_RESULTS, at + 1) >= 0) throw new Error('SARIF: the results member of the run was not found once');
  const open = at + EMPTY_RESULTS.length - 1;
  write(skeleton.slice(0, open));
  let count = 0;
  for (const r of sarifResults(report, locator(options))) {
    write(`${count++ === 0 ? '' : ','}${RESULT_BREAK}${stableStringify(r, 2).replace(/\n/g, RESULT_BREAK)}`);
  }
  if (count > 0) write(`\n${RUN_MEMBER_INDENT}`);
  write(skeleton.slice(open) + '\n');
}

function rule(c: Control): Record<string, unknown> {
  const f = c.frameworks;
  const tags = [
    'security',
    c.family,
    ...f.nist80053.map((id) => `NIST-800-53:${id}`),
    ...f.iso27001.map((id) => `ISO-27001:${id}`),
    ...(f.cfr21Part11 ?? []).map((id) => `21-CFR-11:${id}`),
    ...(f.euAnnex11 ?? []).map((id) => `EU-GMP-Annex-11:${id}`),
  ];
  const policy = c.azurePolicy ? `\n\nEquivalent Azure Policy: ${c.azurePolicy}` : '';
  return {
    id: c.id,
    name: ruleName(c.id),
    shortDescription: { text: c.title },
    fullDescription: { text: c.rationale },
    help: {
      text: `${c.remediation}\n\nExample:\n${c.snippet}${policy}`,
      markdown: `${c.remediation}\n\n**Example**\n\n${fenced(c.snippet)}${policy}`,
    },
    helpUri: c.helpUri,
    defaultConfiguration: { level: sarifLevelForSeverity(c.severity) },
    properties: {
      tags,
      precision: 'high',
      'problem.severity': sarifLevelForSeverity(c.severity) === 'error' ? 'error' : 'warning',
      'security-severity': SECURITY_SEVERITY[c.severity],
      severity: c.severity,
      family: c.family,
      appliesTo: c.appliesTo,
      frameworks: c.frameworks,
      ...(c.azurePolicy ? { azurePolicy: c.azurePolicy } : {}),
    },
  };
}

function result(f: ReportFinding, ruleIndex: Map<string, number>, artifactIndex: Map<string, number>, locate: Locate): Record<string, unknown> {
  const index = artifactIndex.get(f.location.file);
  const suppressions: Record<string, unknown>[] = [];
  if (f.status === 'suppressed' && f.suppression) {
    suppressions.push({
      kind: 'external',
      status: 'accepted',
      justification: f.suppression.justification,
      properties: { owner: f.suppression.owner, expires: f.suppression.expires },
    });
  }
  // A viewer counts a result as suppressed only when none of its suppressions is rejected: a lapsed waiver is a
  // rejected suppression on a finding it no longer covers, but on one that a current waiver covers (renewed by a
  // new entry, the old one left in place) it would un-suppress what the scan counted as suppressed.
  const lapsed = f.rejectedSuppressions ?? [];
  const waived = f.status === 'suppressed';
  if (!waived) {
    for (const s of lapsed) {
      suppressions.push({ kind: 'external', status: 'rejected', justification: s.justification, properties: { owner: s.owner, expires: s.expires, expired: true } });
    }
  }
  const related = f.relatedLocation ? [relatedLocation(f.relatedLocation, f.relatedResourceId ?? '', artifactIndex, locate)] : [];
  return {
    ruleId: f.controlId,
    ...(ruleIndex.has(f.controlId) ? { ruleIndex: ruleIndex.get(f.controlId) } : {}),
    level: sarifLevelFor(f.status, f.severity),
    message: { text: f.status === 'unknown' ? `Needs review: ${f.message}` : f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { ...locate(f.location.file), ...(index !== undefined ? { index } : {}) },
          region: { startLine: Math.max(1, f.location.line) },
        },
        logicalLocations: [{ fullyQualifiedName: f.resourceId, name: f.resourceName, kind: 'resource' }],
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
    ...(suppressions.length > 0 ? { suppressions } : {}),
    ...(related.length > 0 ? { relatedLocations: related } : {}),
    properties: {
      status: f.status,
      severity: f.severity,
      resourceType: f.resourceType,
      resourceName: f.resourceName,
      resourceId: f.resourceId,
      family: f.family,
      propertyPath: f.propertyPath,
      // The source's own name for it (a Terraform attribute), so a Terraform user can find what to change.
      ...(f.sourceProperty !== undefined ? { sourceProperty: f.sourceProperty } : {}),
      // The value as JSON text: it may be undefined ("not set") or an Unknown, which JSON cannot carry as-is.
      actual: displayValue(f.actual, 2000),
      expected: f.expected,
      pointer: f.location.pointer,
      ...(f.relatedResourceId !== undefined ? { relatedResourceId: f.relatedResourceId } : {}),
      ...(f.defaultSeverity !== undefined ? { defaultSeverity: f.defaultSeverity, severityOverridden: true } : {}),
      ...(waived && lapsed.length > 0 ? { expiredSuppressions: lapsed.map(({ justification, owner, expires }) => ({ justification, owner, expires })) } : {}),
    },
  };
}

function relatedLocation(ref: SourceRef, resourceId: string, artifactIndex: Map<string, number>, locate: Locate): Record<string, unknown> {
  const index = artifactIndex.get(ref.file);
  return {
    id: 1,
    physicalLocation: {
      artifactLocation: { ...locate(ref.file), ...(index !== undefined ? { index } : {}) },
      region: { startLine: Math.max(1, ref.line) },
    },
    logicalLocations: [{ fullyQualifiedName: resourceId, kind: 'resource' }],
    message: { text: `Related resource ${resourceId}` },
  };
}

/**
 * v2 adds the file: v1 gave the same value to the same resource id declared in two templates (dev/ and prod/
 * copies, or one deployed to the same resource group), so a code scanning view merged two findings into one.
 */
const FINGERPRINT_KEY = 'controltrace/v2';

/** Stable across runs and line moves: what failed and in which file, not where in the file it currently is. */
function fingerprint(f: ReportFinding): string {
  return sha256Hex([f.controlId, f.resourceType.toLowerCase(), f.resourceId.toLowerCase(), f.propertyPath, f.relatedResourceId ?? '', f.location.file].join('\u0000'));
}

/** `ISRM.Storage.MinimumTls` → `IsrmStorageMinimumTls`: SARIF names are identifier-like. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => (p === p.toUpperCase() ? p.charAt(0) + p.slice(1).toLowerCase() : p.charAt(0).toUpperCase() + p.slice(1)))
    .join('');
}

function fenced(code: string): string {
  const longest = Math.max(2, ...Array.from(code.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const lang = code.trimStart().startsWith('{') ? 'json' : 'bicep';
  return `${fence}${lang}\n${code}\n${fence}`;
}

/**
 * A URI reference with forward slashes, each segment percent-encoded (a `:` would read as a scheme). A path
 * with a drive letter (a file on another drive than the working directory of a Windows agent) has no
 * relative form: it is a `file:` URI, as `D%3A/...` would name a folder below the source root.
 */
export function toUri(file: string): string {
  const slashed = file.replace(/\\/g, '/');
  const drive = /^[A-Za-z]:(?=\/|$)/.exec(slashed);
  const rest = drive ? slashed.slice(drive[0].length) : slashed;
  const encoded = rest
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  return drive ? `file:///${drive[0]}${encoded}` : encoded;
}
