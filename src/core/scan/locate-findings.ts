// Where a finding is in its file. Lines are looked up lazily per file (see util/json-locate), so a scan
// only pays for line tracking in files that have findings.

import type { NormalizedResource, SourceRef } from '../model';
import { createLineLocator, joinPointer, parsePointer, propertyPathTokens, type JsonSource, type TokenLine } from '../util/json-locate';
import { sourcePointerOf } from '../terraform/source-pointers';

export interface FindingLocator {
  /**
   * `exact`: the deepest existing part of the resource's pointer + property path (what someone must fix);
   * otherwise the resource's own declaration (enough for a pass, and resolved once per resource).
   */
  locate(resource: NormalizedResource, propertyPath: string, exact: boolean): SourceRef;
  /**
   * The resource's own declaration, as `locate(resource, path, false)` gives it. The same object is returned
   * for every call on one resource, so the many passing findings of a resource share one location.
   */
  declaration(resource: NormalizedResource): SourceRef;
  /** The line of a pointer in a file, when the file's text is known. */
  lineOf(file: string, pointer: string): number | undefined;
}

type LineLocator = (tokens: readonly string[], more?: readonly string[]) => TokenLine;

/**
 * Files whose positions are kept at once. A scan locates its findings file after file (resources come
 * in file order), so a few are enough; keeping every file's index would hold memory in proportion to the
 * whole input until the scan ends.
 */
const LOCATORS_KEPT = 8;

export function createFindingLocator(texts: ReadonlyMap<string, JsonSource>): FindingLocator {
  const locators = new Map<string, LineLocator | null>();
  // Thousands of findings share the same few resource pointers and property paths: split each once.
  const resourceTokens = new Map<string, string[]>();
  const pathTokens = new Map<string, string[]>();
  // Located references by file, pointer and property path: every finding at one place, of one resource or
  // of the many a copy loop declares at one pointer, shares one object (a report holds tens of thousands).
  // Exact places are kept by pointer, then by property path: both are strings the scan holds anyway (a
  // resource's pointer, a control's path), so no key is joined and hashed per finding.
  const places = new Map<string, { declarations: Map<string, SourceRef>; exact: Map<string, Map<string, SourceRef>> }>();
  let lastPointer: string | undefined;
  let lastFile: string | undefined;
  let lastExact: Map<string, SourceRef> | undefined;
  // A translated source (Terraform) locates through its own pointers: its declarations are kept per resource.
  const translated = new Map<NormalizedResource, SourceRef>();

  const locatorFor = (file: string): LineLocator | null => {
    let locator = locators.get(file);
    if (locator === undefined) {
      const text = texts.get(file);
      locator = text === undefined ? null : createLineLocator(text);
      if (locators.size >= LOCATORS_KEPT) locators.delete(locators.keys().next().value!);
      locators.set(file, locator);
    }
    return locator;
  };
  const tokensOf = (cache: Map<string, string[]>, key: string, split: (k: string) => string[]) => {
    let tokens = cache.get(key);
    if (!tokens) {
      tokens = split(key);
      cache.set(key, tokens);
    }
    return tokens;
  };
  const placesIn = (file: string) => {
    let at = places.get(file);
    if (at === undefined) places.set(file, (at = { declarations: new Map(), exact: new Map() }));
    return at;
  };

  const exactly = (resource: NormalizedResource, propertyPath: string): SourceRef => {
    const { file, pointer } = resource.source;
    const locator = locatorFor(file);
    if (!locator) return { file, line: 1, pointer };
    // A translated source (a Terraform plan) does not hold the ARM path; it recorded where the value came from.
    const source = resource.sourcePointers !== undefined ? sourcePointerOf(resource.sourcePointers, propertyPath) : undefined;
    if (source !== undefined) {
      const tokens = tokensOf(resourceTokens, source.pointer, parsePointer);
      const at = locator(tokens);
      return { file, line: at.line, pointer: at.matched === tokens.length ? source.pointer : joinPointer(tokens.slice(0, at.matched)) };
    }
    const base = tokensOf(resourceTokens, pointer, parsePointer);
    const rest = tokensOf(pathTokens, propertyPath, propertyPathTokens);
    const found = locator(base, rest);
    const extra = found.matched - base.length;
    return {
      file,
      line: found.line,
      pointer: extra === 0 ? pointer : extra > 0 ? pointer + joinPointer(rest.slice(0, extra)) : joinPointer(base.slice(0, found.matched)),
    };
  };

  const locate = (resource: NormalizedResource, propertyPath: string): SourceRef => {
    if (resource.sourcePointers !== undefined) return exactly(resource, propertyPath);
    const { file, pointer } = resource.source;
    let exact = lastExact;
    if (pointer !== lastPointer || file !== lastFile || exact === undefined) {
      const byPointer = placesIn(file).exact;
      exact = byPointer.get(pointer);
      if (exact === undefined) byPointer.set(pointer, (exact = new Map()));
      lastExact = exact;
      lastPointer = pointer;
      lastFile = file;
    }
    let ref = exact.get(propertyPath);
    if (ref === undefined) exact.set(propertyPath, (ref = exactly(resource, propertyPath)));
    return ref;
  };

  const declaration = (resource: NormalizedResource): SourceRef => {
    if (resource.sourcePointers !== undefined) {
      let ref = translated.get(resource);
      if (ref === undefined) translated.set(resource, (ref = declared(resource)));
      return ref;
    }
    const { file, pointer } = resource.source;
    const declarations = placesIn(file).declarations;
    let ref = declarations.get(pointer);
    if (ref === undefined) declarations.set(pointer, (ref = declared(resource)));
    return ref;
  };

  const declared = (resource: NormalizedResource): SourceRef => {
    const { file, pointer } = resource.source;
    const locator = locatorFor(file);
    if (!locator) return { file, line: 1, pointer };
    const base = tokensOf(resourceTokens, pointer, parsePointer);
    const found = locator(base);
    return found.matched !== base.length ? exactly(resource, '') : { file, line: found.line, pointer };
  };

  return {
    locate: (resource, propertyPath, exact) => (exact ? locate(resource, propertyPath) : declaration(resource)),
    declaration,
    lineOf: (file, pointer) => locatorFor(file)?.(parsePointer(pointer)).line,
  };
}

