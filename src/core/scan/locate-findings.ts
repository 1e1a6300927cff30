// Where a finding is in its file. Lines are looked up lazily per file (see util/json-locate), so a scan
// only pays for line tracking in files that have findings.

import type { NormalizedResource, SourceRef } from '../model';
import { createTokenLocator, joinPointer, parsePointer, propertyPathTokens, type TokenLocation } from '../util/json-locate';

export interface FindingLocator {
  /**
   * `exact`: the deepest existing part of the resource's pointer + property path (what someone must fix);
   * otherwise the resource's own declaration (enough for a pass, and resolved once per resource).
   */
  locate(resource: NormalizedResource, propertyPath: string, exact: boolean): SourceRef;
  /** The line of a pointer in a file, when the file's text is known. */
  lineOf(file: string, pointer: string): number | undefined;
}

export function createFindingLocator(texts: ReadonlyMap<string, string>): FindingLocator {
  const locators = new Map<string, ((tokens: readonly string[], more?: readonly string[]) => TokenLocation) | null>();
  // Thousands of findings share the same few resource pointers and property paths: split each once.
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
  const tokensOf = (cache: Map<string, string[]>, key: string, split: (k: string) => string[]) => {
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
    const base = tokensOf(resourceTokens, pointer, parsePointer);
    if (!exact) {
      let line = resourceLines.get(resource);
      if (line === undefined) {
        const found = locator(base);
        if (found.matched !== base.length) return locate(resource, '', true);
        line = found.line;
        resourceLines.set(resource, line);
      }
      return { file, line, pointer };
    }
    const rest = tokensOf(pathTokens, propertyPath, propertyPathTokens);
    const found = locator(base, rest);
    const extra = found.matched - base.length;
    return {
      file,
      line: found.line,
      pointer: extra === 0 ? pointer : extra > 0 ? pointer + joinPointer(rest.slice(0, extra)) : joinPointer(base.slice(0, found.matched)),
    };
  };

  return { locate, lineOf: (file, pointer) => locatorFor(file)?.(parsePointer(pointer)).line };
}
