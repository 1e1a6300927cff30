// The configuration's say over findings: which control × resource pairs are excluded, which severity a
// control has, and which suppression (if any) waives a finding. Pure lookups, shared by the engine and tests.

import type { ControlDefinition, Exclusion, NormalizedResource, ResolvedConfig, Severity, Suppression } from '../model';
import { globMatches, globMatchesAny } from '../util/glob';

const overridesByConfig = new WeakMap<ResolvedConfig, Map<string, Severity>>();

/** The control's severity after the configuration's override, matching ids case-insensitively like suppressions. */
export function severityOf(control: Pick<ControlDefinition, 'id' | 'severity'>, config: ResolvedConfig): Severity {
  let overrides = overridesByConfig.get(config);
  if (!overrides) {
    // A Map, not property lookup: a control id must never resolve to something inherited from Object.prototype.
    overrides = new Map(Object.entries(config.severityOverrides).map(([id, severity]) => [id.toLowerCase(), severity]));
    overridesByConfig.set(config, overrides);
  }
  return overrides.get(control.id.toLowerCase()) ?? control.severity;
}

export function exclusionMatches(exclusion: Exclusion, controlId: string, resource: NormalizedResource): boolean {
  if (exclusion.control !== undefined && !globMatches(exclusion.control, controlId)) return false;
  if (exclusion.resource !== undefined && !globMatchesAny(exclusion.resource, [resource.name, resource.type, resource.id])) return false;
  return true;
}

export function suppressionMatches(s: Suppression, controlId: string, resourceName: string, resourceId: string): boolean {
  return s.control.toLowerCase() === controlId.toLowerCase() && globMatchesAny(s.resource, [resourceName, resourceId]);
}

/**
 * An ISO-8601 date (`2026-11-26`, taken as midnight UTC) or instant with an explicit zone
 * (`2026-11-26T10:00:00Z`, `…+01:00`) in canonical form; undefined when it is neither. A time without a zone
 * is refused: it would mean a different instant on every agent's clock.
 */
export function canonicalInstant(text: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2}))?$/.test(text)) return undefined;
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) return undefined;
  const canonical = new Date(ms).toISOString();
  // Date.parse rolls 2026-02-30 over to March; a date that does not exist is an error, not another date.
  if (text.length === 10 && canonical.slice(0, 10) !== text) return undefined;
  return canonical;
}

/** A suppression applies through its `expires` day and is expired from the next day on. */
export function isExpired(s: Suppression, asOfDay: string): boolean {
  return s.expires < asOfDay;
}
