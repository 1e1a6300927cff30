// The scan: sources → normalised resources → control outcomes → findings, with the configuration's
// exclusions, severity overrides and suppressions applied, and a report that says what was not scanned.
// Dependencies (source expanders, controls, scan context) are passed in; scan.ts wires the real ones.

import { InputError } from '../errors';
import type { CheckOutcome, ControlDefinition, Finding, NormalizedResource, ResolvedConfig, ScanNote, Severity, SourceRef } from '../model';
import { sourcePropertyOf } from '../terraform/source-pointers';
import { globMatches } from '../util/glob';
import type { JsonSource } from '../util/json-locate';
import { compareCodeUnits } from '../util/stable-json';
import { TOOL_VERSION } from '../util/version';
import { expandSources } from './expand-sources';
import { createFindingLocator } from './locate-findings';
import { compareNotes, sortFindings } from './order';
import { canonicalInstant, exclusionMatches, isExpired, severityOf, suppressionMatches } from './policy';
import type { ParsedSource, ScanDependencies, UnreadableSource } from './sources';
import type { ExcludedPair, ReportFinding, ScanReport, ScanSummary } from './types';

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
  /**
   * The sources belong to the scan alone (scanPaths read them for it): each one's parsed JSON may be let
   * go once it is expanded, so a large scan does not hold every file's tree through the controls.
   */
  releaseParsedSources?: boolean;
}

const SEVERITY_RANK: Record<Severity, number> = { high: 3, medium: 2, low: 1 };

export function runScanWith(deps: ScanDependencies, input: ScanInput): ScanReport {
  const { config } = input;
  const asOf = canonicalInstant(input.asOf);
  if (asOf === undefined) {
    throw new InputError(`asOf '${input.asOf}' is not an ISO-8601 date (YYYY-MM-DD) or instant with a zone (2026-11-26T10:00:00Z)`);
  }
  const controls = selectControls(input.controls ?? deps.controlsForBaseline(config.baseline), config);
  const inputErrorsGiven = (input.notes ?? []).some((n) => n.level === 'error');
  const expanded = expandSources(deps, input.sources, input.unreadable ?? [], config, input.onProgress, input.releaseParsedSources === true, inputErrorsGiven);
  const notes: ScanNote[] = [...(input.notes ?? []), ...expanded.notes, ...configNotes(config, controls, input.configFile)];
  const evaluation = evaluateControls(deps, controls, expanded.resources, config, expanded.texts, asOf.slice(0, 10));
  notes.push(...evaluation.notes, ...unusedExclusionNotes(config, controls, evaluation.exclusionCounts, input.configFile));

  const findings = sortFindings(evaluation.findings);
  // Expanders note a pointer (an unknown condition, name or copy count) but not its line; every note with a
  // pointer into a scanned file gets the line the same locator gives findings, so no report shows it lineless.
  const noteLocator = createFindingLocator(expanded.texts);
  for (const n of notes) if (n.line === undefined && n.pointer !== undefined) n.line = noteLocator.lineOf(n.file, n.pointer);
  const sortedNotes = notes.map(withoutUndefined).sort(compareNotes);
  return {
    schema: 'controltrace/scan@1',
    tool: { name: 'ControlTrace', version: TOOL_VERSION },
    asOf,
    baseline: config.baseline,
    inputs: expanded.inputs,
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
    suppressions: config.suppressions.map((s, i) => ({ ...s, expired: evaluation.expired[i]!, matched: evaluation.suppressionCounts[i]! })),
    exclusions: config.exclusions.map((e, i) => ({ ...e, matched: evaluation.exclusionCounts[i]!, excluded: evaluation.excludedPairs[i]! })),
    notes: sortedNotes,
    summary: summarise(findings, expanded.resources.length, evaluation.controlsEvaluated, evaluation.expired.filter(Boolean).length),
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

interface Evaluation {
  findings: Finding[];
  notes: ScanNote[];
  controlsEvaluated: number;
  expired: boolean[];
  suppressionCounts: number[];
  exclusionCounts: number[];
  excludedPairs: ExcludedPair[][];
}

/** A control with what the engine needs of it per resource, worked out once per scan. */
interface ControlEntry {
  control: ControlDefinition;
  severity: Severity;
  /** Set once the control has produced an outcome: counted in the summary. */
  evaluated: boolean;
}

function evaluateControls(
  deps: ScanDependencies,
  controls: readonly ControlDefinition[],
  resources: readonly NormalizedResource[],
  config: ResolvedConfig,
  texts: ReadonlyMap<string, JsonSource>,
  asOfDay: string,
): Evaluation {
  const ctx = deps.createContext(resources, config);
  const locator = createFindingLocator(texts);
  // Controls bucketed by lower-case type once, so each resource finds its controls with one lookup.
  const byType = new Map<string, ControlEntry[]>();
  const entries: ControlEntry[] = [];
  for (const control of controls) {
    const entry: ControlEntry = { control, severity: severityOf(control, config), evaluated: false };
    entries.push(entry);
    for (const type of control.appliesTo) {
      const key = type.toLowerCase();
      const list = byType.get(key);
      if (list === undefined) byType.set(key, [entry]);
      else list.push(entry);
    }
  }

  const result: Evaluation = {
    findings: [],
    notes: [],
    controlsEvaluated: 0,
    expired: config.suppressions.map((s) => isExpired(s, asOfDay)),
    suppressionCounts: config.suppressions.map(() => 0),
    exclusionCounts: config.exclusions.map(() => 0),
    excludedPairs: config.exclusions.map(() => []),
  };
  const { findings } = result;
  const exclusions = config.exclusions;
  const suppressions = config.suppressions.length > 0;
  const uncovered = new Map<string, { file: string; type: string; pointer: string; line: number | undefined; count: number }>();
  // Resources arrive in runs of the same type (copy loops, templates of one kind): the lower-casing of the
  // type and the bucket lookup are repeated only when the type changes.
  let lastType: string | undefined;
  let lastKey = '';
  let applicable: ControlEntry[] | undefined;
  let lastUncovered: { count: number } | undefined;
  let lastUncoveredFile = '';
  let lastUncoveredKey = '';

  for (const resource of resources) {
    if (resource.type !== lastType) {
      lastType = resource.type;
      lastKey = lastType.toLowerCase();
      applicable = byType.get(lastKey);
    }
    if (!applicable) {
      const file = resource.source.file;
      // A run of one uncovered type in one file (a copy loop) counts into the entry at hand.
      if (lastUncovered !== undefined && file === lastUncoveredFile && lastKey === lastUncoveredKey) {
        lastUncovered.count++;
        continue;
      }
      const key = `${file}\u0000${lastKey}`;
      let entry = uncovered.get(key);
      if (entry) entry.count++;
      else {
        const pointer = resource.source.pointer;
        // Located now, while the file's index is at hand, rather than after every file has been seen.
        uncovered.set(key, (entry = { file, type: resource.type, pointer, line: locator.lineOf(file, pointer), count: 1 }));
      }
      lastUncovered = entry;
      lastUncoveredFile = file;
      lastUncoveredKey = lastKey;
      continue;
    }
    // Every passing outcome of this resource points at its declaration: located once, shared.
    let declared: SourceRef | undefined;
    for (let c = 0; c < applicable.length; c++) {
      const entry = applicable[c]!;
      const control = entry.control;
      if (exclusions.length > 0) {
        const exclusion = exclusions.findIndex((e) => exclusionMatches(e, control.id, resource));
        if (exclusion >= 0) {
          result.exclusionCounts[exclusion]!++;
          // Every pair is recorded: an exclusion must be auditable, not just a count.
          result.excludedPairs[exclusion]!.push({ controlId: control.id, resourceType: resource.type, resourceName: resource.name, resourceId: resource.id, file: resource.source.file });
          continue;
        }
      }
      let outcomes: CheckOutcome[];
      try {
        outcomes = control.check(resource, ctx);
      } catch (e) {
        result.notes.push({
          level: 'error',
          file: resource.source.file,
          pointer: resource.source.pointer,
          message: `control ${control.id} could not evaluate ${resource.type} '${resource.name}': ${e instanceof Error ? e.message : String(e)}`,
        });
        continue;
      }
      if (outcomes.length > 0) entry.evaluated = true;
      for (let o = 0; o < outcomes.length; o++) {
        const outcome = outcomes[o]!;
        const pass = outcome.status === 'pass';
        const finding: Finding = {
          controlId: control.id,
          title: control.title,
          severity: entry.severity,
          family: control.family,
          status: outcome.status,
          resourceType: resource.type,
          resourceName: resource.name,
          resourceId: resource.id,
          propertyPath: outcome.propertyPath,
          actual: outcome.actual,
          expected: outcome.expected,
          message: outcome.message,
          location: pass ? (declared ??= locator.declaration(resource)) : locator.locate(resource, outcome.propertyPath, true),
        };
        // An overridden severity says so on the finding: an auditor sees both the catalogue's and the effective one.
        if (entry.severity !== control.severity) (finding as ReportFinding).defaultSeverity = control.severity;
        if (outcome.relatedResourceId !== undefined) {
          finding.relatedResourceId = outcome.relatedResourceId;
          const related = ctx.byId(outcome.relatedResourceId);
          if (related !== undefined && related !== resource) {
            // The path may name the related resource's property (a diagnostic setting's properties.workspaceId,
            // or `blobServices(default).properties.x` for a child): then that is where it is located, and the
            // finding itself points at the evaluated resource, where the path does not exist.
            const relatedPath = pathInRelated(resource, related, outcome.propertyPath);
            if (relatedPath !== undefined) {
              (finding as ReportFinding).relatedLocation = locator.locate(related, relatedPath, true);
              if (!pass) finding.location = locator.declaration(resource);
            } else (finding as ReportFinding).relatedLocation = locator.declaration(related);
          }
        }
        if (resource.sourcePointers !== undefined) {
          const sourceProperty = sourcePropertyOf(resource, outcome.propertyPath);
          if (sourceProperty !== undefined) finding.sourceProperty = sourceProperty;
        }
        if (!pass && suppressions) applySuppressions(finding, config, result);
        findings.push(finding);
      }
    }
  }

  for (const u of uncovered.values()) {
    const them = u.count === 1 ? 'it' : 'them';
    result.notes.push({
      level: 'info',
      file: u.file,
      pointer: u.pointer,
      line: u.line,
      message: `no control covers resource type ${u.type} (${u.count} resource${u.count === 1 ? '' : 's'} not checked directly; controls of other resources may still use ${them})`,
    });
  }
  // Counted per distinct id, as before: a catalogue may (wrongly) list an id twice in custom tests.
  const evaluated = new Set<string>();
  for (const entry of entries) if (entry.evaluated) evaluated.add(entry.control.id);
  result.controlsEvaluated = evaluated.size;
  return result;
}

function selectControls(all: readonly ControlDefinition[], config: ResolvedConfig): ControlDefinition[] {
  const seen = new Set<string>();
  for (const c of all) {
    if (seen.has(c.id)) throw new Error(`control catalogue lists ${c.id} twice`);
    seen.add(c.id);
  }
  return all.filter((c) => c.baselines.includes(config.baseline)).sort((a, b) => compareCodeUnits(a.id, b.id));
}

/** The first active suppression that matches waives the finding; expired ones only count what they would cover. */
function applySuppressions(finding: Finding, config: ResolvedConfig, result: Evaluation): void {
  let applied = false;
  config.suppressions.forEach((s, i) => {
    if (!suppressionMatches(s, finding.controlId, finding.resourceName, finding.resourceId)) return;
    if (result.expired[i]) {
      result.suppressionCounts[i]!++;
      // Named on the finding, so the reports show the waiver that lapsed rather than nothing at all.
      ((finding as ReportFinding).rejectedSuppressions ??= []).push({ ...s });
      return;
    }
    if (applied) return;
    applied = true;
    result.suppressionCounts[i]!++;
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

/**
 * The property path as it reads in the related resource, when it is that resource's property rather than the
 * evaluated one's: `Type(name).rest` (child-setting controls) gives `rest`; a plain path counts when it exists
 * in the related resource but not in the evaluated one. Undefined: the path is the evaluated resource's own.
 */
function pathInRelated(resource: NormalizedResource, related: NormalizedResource, propertyPath: string): string | undefined {
  const parsed = parsedPath(propertyPath);
  if (parsed.child !== undefined) return parsed.child;
  return valueAt(resource, parsed.keys) === undefined && valueAt(related, parsed.keys) !== undefined ? propertyPath : undefined;
}

// Property paths come from the controls' code, a few dozen texts asked about thousands of times: each is
// matched and split once. Bounded, as a control may build paths from names in the input.
const PARSED_PATHS_KEPT = 4_096;
const parsedPaths = new Map<string, { child: string | undefined; keys: readonly string[] }>();

function parsedPath(propertyPath: string): { child: string | undefined; keys: readonly string[] } {
  let parsed = parsedPaths.get(propertyPath);
  if (parsed === undefined) {
    const child = /^[A-Za-z0-9]+\([^)]*\)\.(.+)$/.exec(propertyPath);
    parsed = { child: child ? child[1]! : undefined, keys: propertyPath.split('.') };
    if (parsedPaths.size >= PARSED_PATHS_KEPT) parsedPaths.clear();
    parsedPaths.set(propertyPath, parsed);
  }
  return parsed;
}

function valueAt(root: unknown, keys: readonly string[]): unknown {
  let v: unknown = root;
  for (const key of keys) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/**
 * Warnings for exclusions that took nothing out of the scan, like those for suppressions and overrides of
 * unknown controls: a typo in an exclusion must be visible, not silently inert.
 */
function unusedExclusionNotes(config: ResolvedConfig, controls: readonly ControlDefinition[], counts: readonly number[], configFile?: string): ScanNote[] {
  const file = configFile ?? '(configuration)';
  const notes: ScanNote[] = [];
  config.exclusions.forEach((e, i) => {
    if (counts[i]! > 0) return;
    const pointer = `/exclusions/${i}`;
    if (e.control !== undefined && !controls.some((c) => globMatches(e.control!, c.id))) {
      notes.push({ level: 'warning', file, pointer, message: `exclusion for ${e.control} matches no control of the ${config.baseline} baseline` });
    } else {
      notes.push({ level: 'warning', file, pointer, message: `exclusion ${e.control ?? '*'} × ${e.resource ?? '*'} matched no control × resource pair of this scan` });
    }
  });
  return notes;
}

function summarise(findings: readonly Finding[], resources: number, controlsEvaluated: number, expiredSuppressions: number): ScanSummary {
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

/** Optional note members that ended up undefined are dropped, so the JSON has no `"line": undefined` holes. */
function withoutUndefined(n: ScanNote): ScanNote {
  return Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)) as unknown as ScanNote;
}
