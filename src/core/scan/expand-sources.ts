// Step one of a scan: every parsed file → what kind it is → normalised resources, with a note for each
// file that is skipped or could not be expanded. One bad file never stops the others.

import { isInputError } from '../errors';
import type { NormalizedResource, ResolvedConfig, ScanNote, ScannedInput } from '../model';
import { createPointerLocator, type JsonSource } from '../util/json-locate';
import { messageWithoutLocation } from '../util/located';
import { compareCodeUnits } from '../util/stable-json';
import { undeclaredParameters } from './parameters-match';
import type { Expansion, InputKind, LoadedSource, ParsedSource, ScanDependencies, UnreadableSource } from './sources';

export interface ExpandedSources {
  resources: NormalizedResource[];
  inputs: ScannedInput[];
  notes: ScanNote[];
  /** Text (or its UTF-8 bytes) of every file read, for locating findings and notes. */
  texts: Map<string, JsonSource>;
}

export function expandSources(
  deps: ScanDependencies,
  given: readonly ParsedSource[],
  unreadable: readonly UnreadableSource[],
  config: ResolvedConfig,
  onProgress?: (done: number, total: number, file: string) => void,
  releaseParsed = false,
  /** The caller already has an error about the inputs (a file too large to read, a folder it could not list). */
  inputErrorsGiven = false,
): ExpandedSources {
  const sources = [...given].sort((a, b) => compareCodeUnits(a.file, b.file));
  assertDistinctFiles([...sources.map((s) => s.file), ...unreadable.map((u) => u.file)]);
  const out: ExpandedSources = { resources: [], inputs: [], notes: [], texts: new Map() };
  const addUnreadable = (u: UnreadableSource): void => {
    out.inputs.push({ file: u.file, kind: 'unrecognised', sha256: u.sha256, resources: 0 });
    out.notes.push(u.error);
  };
  for (const u of unreadable) addUnreadable(u);

  // Every parameters file given with a readable source is an input, whatever the source turns out to be; a
  // source that is a parameters file itself is listed with its own hash.
  const parameterFiles = new Map<string, { sha256: string; used: boolean }>();
  const addParametersFile = (file: string, sha256: string, own: boolean): void => {
    const entry = parameterFiles.get(file);
    if (entry === undefined) parameterFiles.set(file, { sha256, used: false });
    else if (own) entry.sha256 = sha256;
  };
  // Sources given each parameters file, and how many of those are known to be ARM templates so far.
  const sharing = new Map<string, number>();
  const templatesSharing = new Map<string, number>();

  // A source's kind is known once it is classified: at once for a parsed source, when its turn to be
  // expanded comes for a deferred one, or earlier when a template asks whether it shares its parameters file.
  const kinds: (InputKind | undefined)[] = [];
  const early: (LoadedSource | undefined)[] = [];
  const classified = (i: number, kind: InputKind): InputKind => {
    const s = sources[i]!;
    kinds[i] = kind;
    if (kind === 'parameters') addParametersFile(s.file, s.sha256, true);
    if (kind === 'arm' && s.parameters) templatesSharing.set(s.parameters.file, (templatesSharing.get(s.parameters.file) ?? 0) + 1);
    return kind;
  };
  sources.forEach((s, i) => {
    if (!s.deferred) classified(i, classifySafely(deps, s.json));
  });
  sources.forEach((s) => {
    if (s.parameters) sharing.set(s.parameters.file, (sharing.get(s.parameters.file) ?? 0) + 1);
  });
  /**
   * Whether more than one template shares the parameters file `file` (they then get it only if they declare
   * every parameter it sets). Sources not classified yet are parsed ahead of their turn, in order, until a
   * second template is found, and their trees let go: a folder of templates with one parameters file
   * parses one file twice, not all of them.
   */
  const sharedByTemplates = (file: string): boolean => {
    for (let j = 0; (templatesSharing.get(file) ?? 0) < 2 && j < sources.length; j++) {
      const s = sources[j]!;
      if (s.parameters?.file !== file || kinds[j] !== undefined || early[j] !== undefined) continue;
      const loaded = s.deferred!.load();
      early[j] = loaded.ok ? { ok: true, file: { ...loaded.file, json: undefined } } : loaded;
      if (loaded.ok) classified(j, classifySafely(deps, loaded.file.json));
    }
    return (templatesSharing.get(file) ?? 0) > 1;
  };

  let templates = 0;
  sources.forEach((source, i) => {
    let kind = kinds[i];
    let { json } = source;
    let text: JsonSource = source.bytes ?? source.text;
    let loaded = early[i];
    // Parsed now when the kind is still unknown or the expansion needs the tree.
    if (source.deferred && loaded?.ok !== false && (kind === undefined || kind === 'arm' || kind === 'terraform')) loaded = source.deferred.load();
    if (loaded !== undefined) {
      if (!loaded.ok) {
        addUnreadable(loaded.unreadable);
        onProgress?.(i + 1, sources.length, source.file);
        return;
      }
      json = loaded.file.json;
      text = loaded.file.bytes ?? loaded.file.text;
      kind ??= classified(i, classifySafely(deps, json));
    }
    // A parameters file is an input through the sources that could be read: one given only with files that
    // turn out unreadable was never used for anything, and those files' errors already say why.
    if (source.parameters) addParametersFile(source.parameters.file, source.parameters.sha256, false);
    out.texts.set(source.file, text);
    let expansion: Expansion | undefined;
    if (kind === 'arm' || kind === 'terraform') {
      templates++;
      const given = kind === 'arm' ? source.parameters : undefined;
      const parameters = given ? parametersFor(source.file, json, given, sharing.get(given.file)! > 1 && sharedByTemplates(given.file), out.notes) : undefined;
      if (parameters) {
        parameterFiles.get(parameters.file)!.used = true;
        out.texts.set(parameters.file, parameters.bytes ?? parameters.text);
      }
      expansion = expandSafely(deps, kind, source.file, json, parameters, config, out);
      // Resources keep what they need of the tree (literal sub-objects are shared, not copied).
      if (releaseParsed) source.json = undefined;
    } else if (kind === 'unrecognised') {
      out.notes.push({ level: 'warning', file: source.file, message: 'not an ARM template, ARM parameters file or Terraform plan (terraform show -json); skipped' });
    }
    if (expansion) {
      // A loop, not push(...spread): a template of a hundred thousand resources would overflow the stack.
      for (const r of expansion.resources) out.resources.push(r);
      for (const n of expansion.notes) out.notes.push(n);
    }
    out.inputs.push({ file: source.file, kind: kind!, sha256: source.sha256, resources: expansion?.resources.length ?? 0 });
    onProgress?.(i + 1, sources.length, source.file);
  });

  // A parameters file is an input of the scan whether or not a template used it, and an unused one is said.
  const listed = new Set(out.inputs.map((x) => x.file));
  for (const [file, p] of parameterFiles) {
    if (!listed.has(file)) out.inputs.push({ file, kind: 'parameters', sha256: p.sha256, resources: 0 });
    if (!p.used) out.notes.push({ level: 'info', file, message: 'ARM parameters file not applied to any template (pass it as the parameters file of the template it belongs to)' });
  }
  // Said only when nothing else already explains it: an unreadable file has its own error, here or the caller's.
  if (templates === 0 && !inputErrorsGiven && !out.notes.some((n) => n.level === 'error')) {
    out.notes.push({
      level: 'error',
      file: out.inputs.map((x) => x.file).sort(compareCodeUnits)[0] ?? '(no input files)',
      message: `none of the ${out.inputs.length} input file(s) is an ARM template or Terraform plan: nothing was scanned`,
    });
  }
  out.inputs.sort((a, b) => compareCodeUnits(a.file, b.file));
  return out;
}

/**
 * The parameters file to deploy `source` with. Given to several templates (a folder scan with one
 * --parameters), it only goes to those that declare every parameter it sets; ARM would reject the others.
 */
function parametersFor(file: string, template: unknown, parameters: ParsedSource['parameters'], shared: boolean, notes: ScanNote[]): ParsedSource['parameters'] {
  if (!parameters || !shared) return parameters;
  const missing = undeclaredParameters(template, parameters.json);
  if (missing.length === 0) return parameters;
  notes.push({
    level: 'info',
    file,
    message: `parameters file ${parameters.file} not applied: this template does not declare ${missing.map((m) => `'${m}'`).join(', ')}`,
  });
  return undefined;
}

function assertDistinctFiles(files: string[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f)) throw new Error(`scan input ${f} is listed twice`);
    seen.add(f);
  }
}

/** The kind of a parsed file; a classifier that throws makes it unrecognised. */
export function classifySafely(deps: ScanDependencies, json: unknown): ScannedInput['kind'] {
  try {
    return deps.classify(json);
  } catch {
    return 'unrecognised';
  }
}

function expandSafely(
  deps: ScanDependencies,
  kind: 'arm' | 'terraform',
  file: string,
  json: unknown,
  parameters: ParsedSource['parameters'],
  config: ResolvedConfig,
  out: ExpandedSources,
): Expansion | undefined {
  try {
    if (kind === 'terraform') return deps.normalizeTerraform({ file, plan: json, context: config.deployment });
    return deps.expandArm({
      file,
      template: json,
      ...(parameters ? { parameters: { file: parameters.file, value: parameters.json } } : {}),
      context: config.deployment,
    });
  } catch (e) {
    out.notes.push(expansionErrorNote(e, file, out.texts));
    return undefined;
  }
}

function expansionErrorNote(e: unknown, file: string, texts: Map<string, JsonSource>): ScanNote {
  if (isInputError(e)) {
    const loc = e.location;
    const noteFile = loc.file ?? file;
    let line = loc.line;
    const text = texts.get(noteFile);
    if (line === undefined && loc.pointer !== undefined && text !== undefined) line = createPointerLocator(text)(loc.pointer).line;
    return {
      level: 'error',
      file: noteFile,
      ...(loc.pointer !== undefined ? { pointer: loc.pointer } : {}),
      ...(line !== undefined ? { line } : {}),
      ...(line !== undefined && loc.column !== undefined ? { column: loc.column } : {}),
      message: `could not be expanded: ${messageWithoutLocation(e)}`,
    };
  }
  // The expression engine's own errors and a stack overflow on absurd nesting are input problems too.
  if (e instanceof Error && (e.name === 'ExpressionError' || e.name === 'LimitError' || e.name === 'RangeError')) {
    return { level: 'error', file, message: `could not be expanded: ${e.message}` };
  }
  return { level: 'error', file, message: `could not be expanded (internal error, please report it): ${e instanceof Error ? e.message : String(e)}` };
}
