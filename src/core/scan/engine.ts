// The scan: sources → normalised resources → control outcomes → findings, with the configuration's
// exclusions, severity overrides and suppressions applied, and a report that says what was not scanned.
// Dependencies (source expanders, controls, scan context) are passed in; scan.ts wires the real ones.

import { InputError, isInputError } from '../errors';
import type {
  CheckOutcome,
  ControlDefinition,
  Finding,
  NormalizedResource,
  ResolvedConfig,
  ScanNote,
  ScannedInput,
  Severity,
  SourceRef,
} from '../model';
import { createPointerLocator, createTokenLocator, joinPointer, parsePointer, propertyPathTokens, type TokenLocation } from '../util/json-locate';
import { messageWithoutLocation } from '../util/located';
import { compareCodeUnits } from '../util/stable-json';
import { TOOL_VERSION } from '../util/version';
import { undeclaredParameters } from './parameters-match';
import { canonicalInstant, exclusionMatches, isExpired, severityOf, suppressionMatches } from './policy';
import type { Expansion, ParsedSource, ScanDependencies, UnreadableSource } from './source-kind';
import type { ScanReport, ScanSummary } from './types';

export interface ScanInput {
  sources: ParsedSource[];
  config: ResolvedConfig;
  /** ISO-8601 date or instant with zone; suppression expiry is judged against its UTC day. */
  asOf: string;
  /** Defaults to the catalogue's controls for `config.baseline`. */
  controls?: readonly ControlDefinition[];
  /** Files that could not be read or parsed; listed as inputs, and their errors make the scan incomplete. */
  unreadable?: UnreadableSource[];
  /** Notes the caller already has (e.g. a pattern that matched no file); they count like the scan's own. */
  notes?: ScanNote[];
  /** Where the configuration came from, for notes about it. */
  configFile?: string;
  /** Called after each source has been expanded (1-based count of sources done). */
  onProgress?: (done: number, total: number, file: string) => void;
}

const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

export function runScanWith(deps: ScanDependencies, input: ScanInput): ScanReport {
  const { config } = input;
  const asOf = canonicalInstant(input.asOf);
  if (asOf === undefined) {
    throw new InputError(`asOf '${input.asOf}' is not an ISO-8601 date (YYYY-MM-DD) or instant with a zone (2026-11-26T10:00:00Z)`);
  }
  const asOfDay = asOf.slice(0, 10);
  const controls = selectControls(input.controls ?? deps.controlsForBaseline(config.baseline), config);
  const notes: ScanNote[] = [...(input.notes ?? [])];
  const inputs: ScannedInput[] = [];
  const texts = new Map<string, string>();

  const sources = [...input.sources].sort((a, b) => compareCodeUnits(a.file, b.file));
  assertDistinctFiles([...sources.map((s) => s.file), ...(input.unreadable ?? []).map((u) => u.file)]);
  for (const u of input.unreadable ?? []) {
    inputs.push({ file: u.file, kind: 'unrecognised', sha256: u.sha256, resources: 0 });
    notes.push(u.error);
  }

  const resources: NormalizedResource[] = [];
  const parameterFilesUsed = new Map<string, string>();
  const parameterFilesSeen = new Map<string, { sha256: string; file: string }>();
  let templatesFound = 0;
  const kinds = sources.map((source) => classifySafely(deps, source.json));
  const templatesPerParameters = new Map<string, number>();
  sources.forEach((s, i) => {
    if (kinds[i] === 'arm' && s.parameters) templatesPerParameters.set(s.parameters.file, (templatesPerParameters.get(s.parameters.file) ?? 0) + 1);
  });
  sources.forEach((given, i) => {
    texts.set(given.file, given.text);
    const kind = kinds[i]!;
    let source = given;
    if (kind === 'arm' && given.parameters && templatesPerParameters.get(given.parameters.file)! > 1) {
      const missing = undeclaredParameters(given.json, given.parameters.json);
      if (missing.length > 0) {
        const { parameters, ...rest } = given;
        source = rest;
        notes.push({
          level: 'info',
          file: given.file,
          message: `parameters file ${parameters.file} not applied: this template does not declare ${missing.map((m) => `'${m}'`).join(', ')}`,
        });
      }
    }
    let expansion: Expansion | undefined;
    if (kind === 'arm' || kind === 'terraform') {
      templatesFound++;
      expansion = expandSafely(deps, kind, source, config, notes, texts);
      if (source.parameters && kind === 'arm') {
        parameterFilesUsed.set(source.parameters.file, source.parameters.sha256);
        texts.set(source.parameters.file, source.parameters.text);
      }
    } else if (kind === 'parameters') {
      parameterFilesSeen.set(source.file, { sha256: source.sha256, file: source.file });
    } else {
      notes.push({
        level: 'warning',
        file: source.file,
        message: 'not an ARM template, ARM parameters file or Terraform plan (terraform show -json); skipped',
      });
    }
    if (expansion) {
      resources.push(...expansion.resources);
      notes.push(...expansion.notes);
    }
    inputs.push({ file: source.file, kind, sha256: source.sha256, resources: expansion?.resources.length ?? 0 });
    input.onProgress?.(i + 1, sources.length, source.file);
  });
  // A parameters file given for the templates is an input of the scan whether or not a template used it.
  for (const p of sources.map((x) => x.parameters).filter((x) => x !== undefined)) {
    if (!parameterFilesSeen.has(p.file) && !inputs.some((x) => x.file === p.file)) parameterFilesSeen.set(p.file, { sha256: p.sha256, file: p.file });
  }
  for (const [file, sha256] of parameterFilesUsed) {
    if (!inputs.some((x) => x.file === file)) inputs.push({ file, kind: 'parameters', sha256, resources: 0 });
  }
  for (const { file, sha256 } of parameterFilesSeen.values()) {
    if (parameterFilesUsed.has(file)) continue;
    if (!inputs.some((x) => x.file === file)) inputs.push({ file, kind: 'parameters', sha256, resources: 0 });
    notes.push({ level: 'info', file, message: 'ARM parameters file not applied to any template (pass it as the parameters file of the template it belongs to)' });
  }
  if (templatesFound === 0 && inputs.length > 0) {
    notes.push({
      level: 'error',
      file: inputs.map((x) => x.file).sort(compareCodeUnits)[0]!,
      message: `none of the ${inputs.length} input file(s) is an ARM template or Terraform plan: nothing was scanned`,
    });
  }
  notes.push(...configNotes(config, controls, input.configFile));

  const ctx = deps.createContext(resources, config);
  const { locate, lineOf } = createFindingLocator(texts);
  const byType = new Map<string, ControlDefinition[]>();
  for (const control of controls) {
    for (const type of control.appliesTo) {
      const key = type.toLowerCase();
      const list = byType.get(key) ?? [];
      list.push(control);
      byType.set(key, list);
    }
  }

  const exclusionCounts = config.exclusions.map(() => 0);
  const suppressionCounts = config.suppressions.map(() => 0);
  const expired = config.suppressions.map((s) => isExpired(s, asOfDay));
  const uncovered = new Map<string, { file: string; type: string; pointer: string; count: number }>();
  const findings: Finding[] = [];
  const evaluatedControls = new Set<string>();

  for (const resource of resources) {
    const applicable = byType.get(resource.type.toLowerCase());
    if (!applicable) {
      const key = `${resource.source.file}\u0000${resource.type.toLowerCase()}`;
      const entry = uncovered.get(key);
      if (entry) entry.count++;
      else uncovered.set(key, { file: resource.source.file, type: resource.type, pointer: resource.source.pointer, count: 1 });
      continue;
    }
    for (const control of applicable) {
      const exclusion = config.exclusions.findIndex((e) => exclusionMatches(e, control.id, resource));
      if (exclusion >= 0) {
        exclusionCounts[exclusion]!++;
        continue;
      }
      let outcomes: CheckOutcome[];
      try {
        outcomes = control.check(resource, ctx);
      } catch (e) {
        notes.push({
          level: 'error',
          file: resource.source.file,
          pointer: resource.source.pointer,
          message: `control ${control.id} could not evaluate ${resource.type} '${resource.name}': ${errorText(e)}`,
        });
        continue;
      }
      if (outcomes.length > 0) evaluatedControls.add(control.id);
      const severity = severityOf(control, config);
      for (const outcome of outcomes) {
        const finding: Finding = {
          controlId: control.id,
          title: control.title,
          severity,
          family: control.family,
          status: outcome.status,
          resourceType: resource.type,
          resourceName: resource.name,
          resourceId: resource.id,
          propertyPath: outcome.propertyPath,
          actual: outcome.actual,
          expected: outcome.expected,
          message: outcome.message,
          location: locate(resource, outcome.propertyPath, outcome.status !== 'pass'),
          ...(outcome.relatedResourceId !== undefined ? { relatedResourceId: outcome.relatedResourceId } : {}),
        };
        if (outcome.status !== 'pass') applySuppressions(finding, config, expired, suppressionCounts);
        findings.push(finding);
      }
    }
  }

  for (const u of uncovered.values()) {
    notes.push({
      level: 'info',
      file: u.file,
      pointer: u.pointer,
      line: lineOf(u.file, u.pointer),
      message: `no control covers resource type ${u.type} (${u.count} resource${u.count === 1 ? '' : 's'} not checked directly; controls of other resources may still use ${u.count === 1 ? 'it' : 'them'})`,
    });
  }

  findings.sort(compareFindings);
  const sortedNotes = notes.map(stripUndefinedLine).sort(compareNotes);
  const summary = summarise(findings, resources.length, evaluatedControls.size, expired.filter(Boolean).length);

  return {
    schema: 'controltrace/scan@1',
    tool: { name: 'ControlTrace', version: TOOL_VERSION },
    asOf,
    baseline: config.baseline,
    inputs: inputs.sort((a, b) => compareCodeUnits(a.file, b.file)),
    controls: controls.map((c) => ({
      id: c.id,
      title: c.title,
      rationale: c.rationale,
      remediation: c.remediation,
      snippet: c.snippet,
      severity: severityOf(c, config),
      family: c.family,
      frameworks: c.frameworks,
      ...(c.azurePolicy !== undefined ? { azurePolicy: c.azurePolicy } : {}),
      helpUri: c.helpUri,
      appliesTo: [...c.appliesTo],
    })),
    findings,
    suppressions: config.suppressions.map((s, i) => ({ ...s, expired: expired[i]!, matched: suppressionCounts[i]! })),
    exclusions: config.exclusions.map((e, i) => ({ ...e, matched: exclusionCounts[i]! })),
    notes: sortedNotes,
    summary,
    complete: !sortedNotes.some((n) => n.level === 'error'),
  };
}

/** True when a finding failed at or above `failOn`. */
export function failThresholdReached(report: ScanReport, failOn: Severity | 'none'): boolean {
  if (failOn === 'none') return false;
  const floor = SEVERITY_RANK[failOn];
  return report.findings.some((f) => f.status === 'fail' && SEVERITY_RANK[f.severity] >= floor);
}

/** 2 when the scan cannot be trusted (incomplete input, expired suppression), 1 when the threshold is reached, else 0. */
export function exitCodeFor(report: ScanReport, failOn: Severity | 'none'): 0 | 1 | 2 {
  if (!report.complete || report.summary.expiredSuppressions > 0) return 2;
  return failThresholdReached(report, failOn) ? 1 : 0;
}

function selectControls(all: readonly ControlDefinition[], config: ResolvedConfig): ControlDefinition[] {
  const seen = new Set<string>();
  for (const c of all) {
    if (seen.has(c.id)) throw new Error(`control catalogue lists ${c.id} twice`);
    seen.add(c.id);
  }
  return all.filter((c) => c.baselines.includes(config.baseline)).sort((a, b) => compareCodeUnits(a.id, b.id));
}

function assertDistinctFiles(files: string[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f)) throw new InputError('the same file is listed twice as a scan input', { file: f });
    seen.add(f);
  }
}

function classifySafely(deps: ScanDependencies, json: unknown): ScannedInput['kind'] {
  try {
    return deps.classify(json);
  } catch {
    return 'unrecognised';
  }
}

function expandSafely(
  deps: ScanDependencies,
  kind: 'arm' | 'terraform',
  source: ParsedSource,
  config: ResolvedConfig,
  notes: ScanNote[],
  texts: Map<string, string>,
): Expansion | undefined {
  try {
    if (kind === 'terraform') return deps.normalizeTerraform({ file: source.file, plan: source.json, context: config.deployment });
    return deps.expandArm({
      file: source.file,
      template: source.json,
      ...(source.parameters ? { parameters: { file: source.parameters.file, value: source.parameters.json } } : {}),
      context: config.deployment,
    });
  } catch (e) {
    notes.push(expansionErrorNote(e, source.file, texts));
    return undefined;
  }
}

function expansionErrorNote(e: unknown, file: string, texts: Map<string, string>): ScanNote {
  if (isInputError(e)) {
    const loc = e.location;
    const message = messageWithoutLocation(e);
    const noteFile = loc.file ?? file;
    let line = loc.line;
    if (line === undefined && loc.pointer !== undefined && texts.has(noteFile)) line = createPointerLocator(texts.get(noteFile)!)(loc.pointer).line;
    return {
      level: 'error',
      file: noteFile,
      ...(loc.pointer !== undefined ? { pointer: loc.pointer } : {}),
      ...(line !== undefined ? { line } : {}),
      ...(line !== undefined && loc.column !== undefined ? { column: loc.column } : {}),
      message: `could not be expanded: ${message}`,
    };
  }
  if (e instanceof Error && (e.name === 'ExpressionError' || e.name === 'LimitError' || e.name === 'RangeError')) {
    return { level: 'error', file, message: `could not be expanded: ${e.message}` };
  }
  return { level: 'error', file, message: `could not be expanded (internal error, please report it): ${errorText(e)}` };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * Finding locations, resolved lazily per file. Pointer tokens of each resource and of each property path
 * are split once and shared, because thousands of findings repeat the same few of each. A pass is located
 * at its resource (resolved once per resource); only findings someone must act on get the exact property.
 */
function createFindingLocator(texts: Map<string, string>) {
  const locators = new Map<string, ((tokens: readonly string[], more?: readonly string[]) => TokenLocation) | null>();
  const resourceTokens = new Map<string, string[]>();
  const pathTokens = new Map<string, string[]>();
  const resourceLines = new WeakMap<NormalizedResource, number>();
  const locatorFor = (file: string) => {
    let locator = locators.get(file);
    if (locator === undefined) {
      const text = texts.get(file);
      locator = text === undefined ? null : createTokenLocator(text);
      locators.set(file, locator);
    }
    return locator;
  };
  const cached = (cache: Map<string, string[]>, key: string, split: (k: string) => string[]) => {
    let tokens = cache.get(key);
    if (!tokens) {
      tokens = split(key);
      cache.set(key, tokens);
    }
    return tokens;
  };
  const locate = (resource: NormalizedResource, propertyPath: string, exact: boolean): SourceRef => {
    const { file, pointer } = resource.source;
    const locator = locatorFor(file);
    if (!locator) return { file, line: 1, pointer };
    const base = cached(resourceTokens, pointer, parsePointer);
    if (!exact) {
      let line = resourceLines.get(resource);
      if (line === undefined) {
        const found = locator(base);
        // A resource pointer that does not resolve fully is reported at the exact prefix below.
        if (found.matched !== base.length) return locate(resource, '', true);
        line = found.line;
        resourceLines.set(resource, line);
      }
      return { file, line, pointer };
    }
    const rest = cached(pathTokens, propertyPath, propertyPathTokens);
    const found = locator(base, rest);
    const extra = found.matched - base.length;
    return {
      file,
      line: found.line,
      pointer: extra === 0 ? pointer : extra > 0 ? pointer + joinPointer(rest.slice(0, extra)) : joinPointer(base.slice(0, found.matched)),
    };
  };
  const lineOf = (file: string, pointer: string): number | undefined => locatorFor(file)?.(parsePointer(pointer)).line;
  return { locate, lineOf };
}

function applySuppressions(finding: Finding, config: ResolvedConfig, expired: boolean[], counts: number[]): void {
  let applied = false;
  config.suppressions.forEach((s, i) => {
    if (!suppressionMatches(s, finding.controlId, finding.resourceName, finding.resourceId)) return;
    if (expired[i]) {
      // Counted so the report shows what an expired waiver would have covered; it waives nothing.
      counts[i]!++;
      return;
    }
    if (applied) return;
    applied = true;
    counts[i]!++;
    finding.status = 'suppressed';
    finding.suppression = { ...s };
  });
}

function configNotes(config: ResolvedConfig, controls: readonly ControlDefinition[], configFile?: string): ScanNote[] {
  const ids = new Set(controls.map((c) => c.id.toLowerCase()));
  const file = configFile ?? '(configuration)';
  const notes: ScanNote[] = [];
  for (const id of Object.keys(config.severityOverrides)) {
    if (!ids.has(id.toLowerCase())) {
      notes.push({ level: 'warning', file, pointer: `/severityOverrides/${id}`, message: `severity override for ${id}, which is not a control of the ${config.baseline} baseline` });
    }
  }
  config.suppressions.forEach((s, i) => {
    if (!ids.has(s.control.toLowerCase())) {
      notes.push({ level: 'warning', file, pointer: `/suppressions/${i}`, message: `suppression for ${s.control}, which is not a control of the ${config.baseline} baseline` });
    }
  });
  return notes;
}

function summarise(findings: Finding[], resources: number, controlsEvaluated: number, expiredSuppressions: number): ScanSummary {
  const summary: ScanSummary = {
    resources,
    controlsEvaluated,
    passed: 0,
    failed: 0,
    unknown: 0,
    suppressed: 0,
    failedBySeverity: { high: 0, medium: 0, low: 0 },
    expiredSuppressions,
  };
  for (const f of findings) {
    if (f.status === 'pass') summary.passed++;
    else if (f.status === 'unknown') summary.unknown++;
    else if (f.status === 'suppressed') summary.suppressed++;
    else {
      summary.failed++;
      summary.failedBySeverity[f.severity]++;
    }
  }
  return summary;
}

const STATUS_ORDER = { fail: 0, unknown: 1, suppressed: 2, pass: 3 } as const;

function compareFindings(a: Finding, b: Finding): number {
  return (
    compareCodeUnits(a.location.file, b.location.file) ||
    a.location.line - b.location.line ||
    compareCodeUnits(a.controlId, b.controlId) ||
    compareCodeUnits(a.resourceId, b.resourceId) ||
    compareCodeUnits(a.propertyPath, b.propertyPath) ||
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    compareCodeUnits(a.message, b.message) ||
    compareCodeUnits(a.location.pointer, b.location.pointer)
  );
}

const LEVEL_ORDER = { error: 0, warning: 1, info: 2 } as const;

function compareNotes(a: ScanNote, b: ScanNote): number {
  return (
    compareCodeUnits(a.file, b.file) ||
    (a.line ?? 0) - (b.line ?? 0) ||
    LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] ||
    compareCodeUnits(a.pointer ?? '', b.pointer ?? '') ||
    compareCodeUnits(a.message, b.message)
  );
}

function stripUndefinedLine(n: ScanNote): ScanNote {
  if (n.line !== undefined || !('line' in n)) return n;
  const { line: _line, ...rest } = n;
  return rest;
}
