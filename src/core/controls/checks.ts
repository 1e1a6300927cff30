// The common shapes of a check, so that most controls are a property path, an expectation and the
// documented service default. Every outcome message starts with the resource label and says what was
// found and what is expected.

import type { CheckOutcome, ControlDefinition, NormalizedResource, ScanContext } from '../model';
import { apiVersionOnOrAfter, findUnknown, isUnknown, messageLead, read, readSegments, show, Unknown } from './access';

export type Check = ControlDefinition['check'];
export type Verdict = 'pass' | 'fail';

// The default messages depend only on the path, the expectation and the value, and thousands of resources
// pass (or fail) a control with the same value: for a value that is not an object the text is made once.
// Keyed expectation → path → value, so a lookup builds no key string; bounded so values from the input
// cannot grow it without limit.
type MessageCache = Map<string, Map<string, Map<unknown, string>>>;
const PASS_MESSAGES: MessageCache = new Map();
const FAIL_MESSAGES: MessageCache = new Map();
const MESSAGES_KEPT = 20_000;
let messagesKept = 0;

function cachedMessage(cache: MessageCache, pass: boolean, propertyPath: string, actual: unknown, expected: string): string {
  if (typeof actual === 'object' && actual !== null) return defaultMessage(pass, propertyPath, actual, expected);
  const hit = cache.get(expected)?.get(propertyPath)?.get(actual);
  if (hit !== undefined) return hit;
  const message = defaultMessage(pass, propertyPath, actual, expected);
  // Every entry (and every map made for one) counts towards the bound.
  if (messagesKept < MESSAGES_KEPT) {
    let byPath = cache.get(expected);
    if (byPath === undefined) {
      cache.set(expected, (byPath = new Map()));
      messagesKept++;
    }
    let byValue = byPath.get(propertyPath);
    if (byValue === undefined) {
      byPath.set(propertyPath, (byValue = new Map()));
      messagesKept++;
    }
    byValue.set(actual, message);
    messagesKept++;
  }
  return message;
}

function defaultMessage(pass: boolean, propertyPath: string, actual: unknown, expected: string): string {
  return pass ? `${propertyPath} is ${show(actual)}, as required (${expected}).` : `${propertyPath} is ${show(actual)}; expected ${expected}.`;
}

export function passed(r: NormalizedResource, propertyPath: string, actual: unknown, expected: string, detail?: string): CheckOutcome {
  const message = detail ?? cachedMessage(PASS_MESSAGES, true, propertyPath, actual, expected);
  return { status: 'pass', propertyPath, actual, expected, message: messageLead(r) + message };
}

export function failed(r: NormalizedResource, propertyPath: string, actual: unknown, expected: string, detail?: string): CheckOutcome {
  const message = detail ?? cachedMessage(FAIL_MESSAGES, false, propertyPath, actual, expected);
  return { status: 'fail', propertyPath, actual, expected, message: messageLead(r) + message };
}

export function unknownOutcome(r: NormalizedResource, propertyPath: string, actual: Unknown, expected: string, detail?: string): CheckOutcome {
  const message = detail ?? `${propertyPath} is only known after deployment (${actual.reason}), so it needs review; expected ${expected}.`;
  return { status: 'unknown', propertyPath, actual, expected, message: messageLead(r) + message };
}

/** An outcome that needs human review for a reason other than an Unknown value (e.g. a referenced resource outside the scan). */
export function needsReview(r: NormalizedResource, propertyPath: string, actual: unknown, expected: string, detail: string): CheckOutcome {
  return { status: 'unknown', propertyPath, actual, expected, message: messageLead(r) + detail };
}

/**
 * The outcome with the related resource's id. Every caller passes an outcome it has just made (with
 * passed(), failed(), …) and keeps no other reference to it, so the id is added in place rather than
 * to a copy; the keys end in the same order either way.
 */
export function withRelated(outcome: CheckOutcome, relatedResourceId: string | undefined): CheckOutcome {
  if (relatedResourceId !== undefined) outcome.relatedResourceId = relatedResourceId;
  return outcome;
}

export interface MissingDefault {
  /** 'unknown': the default cannot be told from the template (it changed at an apiVersion only known after deployment). */
  status: Verdict | 'unknown';
  /** What the service does when the property is absent, e.g. `the service accepts TLS 1.0 and 1.1`. */
  reason: string;
}

export interface PropertyRule {
  path: string;
  expected: string;
  /** Decides a present, fully known value. */
  test(value: unknown): boolean;
  /** The verdict when the property is absent: the documented service default for the apiVersion era. */
  whenMissing(r: NormalizedResource): MissingDefault;
  /** Resources outside the rule's scope give no outcome; an Unknown scope gives `unknown`. */
  inScope?(r: NormalizedResource, ctx: ScanContext): boolean | { unknown: Unknown; path: string };
}

/**
 * Texts a property check made, kept with the check: the missing-property text with the default it was
 * made from, and the default pass and fail messages by (non-object) value, so an outcome costs one lookup
 * rather than one per expectation, path and value.
 */
interface MissingText {
  made?: MissingDefault;
  text: string;
  passes: Map<unknown, string>;
  failures: Map<unknown, string>;
}

function ruleMessage(texts: Map<unknown, string>, pass: boolean, propertyPath: string, actual: unknown, expected: string): string {
  if (typeof actual === 'object' && actual !== null) return defaultMessage(pass, propertyPath, actual, expected);
  let message = texts.get(actual);
  if (message === undefined) {
    message = defaultMessage(pass, propertyPath, actual, expected);
    // Counted with the shared cache: values from the input cannot grow either without limit.
    if (messagesKept < MESSAGES_KEPT) {
      texts.set(actual, message);
      messagesKept++;
    }
  }
  return message;
}

export function evaluateProperty(rule: PropertyRule, r: NormalizedResource, ctx: ScanContext, segments?: readonly string[], missingText?: MissingText): CheckOutcome[] {
  if (rule.inScope) {
    const scope = rule.inScope(r, ctx);
    if (scope === false) return [];
    if (scope !== true) return [unknownOutcome(r, scope.path, scope.unknown, rule.expected, `${scope.path} is only known after deployment (${scope.unknown.reason}), so whether this control applies needs review.`)];
  }
  const value = segments ? readSegments(r, segments) : read(r, rule.path);
  const unknown = findUnknown(value);
  if (unknown) return [unknownOutcome(r, rule.path, isUnknown(value) ? value : unknown, rule.expected)];
  if (value === undefined) {
    const d = rule.whenMissing(r);
    // A constant default (always()) is the same object every time: its text is made once per rule.
    let text: string;
    if (missingText !== undefined && missingText.made === d) text = missingText.text;
    else {
      const message = d.status === 'unknown' ? `${rule.path} is not set, and ${d.reason}, so it needs review.` : `${rule.path} is not set, so the service default applies: ${d.reason}.`;
      text = d.status === 'pass' ? message : `${message} Set it explicitly to ${rule.expected}.`;
      if (missingText !== undefined) {
        missingText.made = d;
        missingText.text = text;
      }
    }
    if (d.status === 'unknown') return [needsReview(r, rule.path, undefined, rule.expected, text)];
    return [d.status === 'pass' ? passed(r, rule.path, undefined, rule.expected, text) : failed(r, rule.path, undefined, rule.expected, text)];
  }
  if (missingText !== undefined) {
    return [rule.test(value) ? passed(r, rule.path, value, rule.expected, ruleMessage(missingText.passes, true, rule.path, value, rule.expected)) : failed(r, rule.path, value, rule.expected, ruleMessage(missingText.failures, false, rule.path, value, rule.expected))];
  }
  return [rule.test(value) ? passed(r, rule.path, value, rule.expected) : failed(r, rule.path, value, rule.expected)];
}

export function propertyCheck(rule: PropertyRule): Check {
  const segments = rule.path.split('.');
  const missingText: MissingText = { made: undefined, text: '', passes: new Map(), failures: new Map() };
  return (r, ctx) => evaluateProperty(rule, r, ctx, segments, missingText);
}

/**
 * A default that changed at API version `date`: `newer` from it on, `older` before it. An apiVersion that
 * is not a date (only known after deployment) leaves the default, and so the verdict, to review.
 */
export function byApiVersion(date: string, newer: MissingDefault, older: (apiVersion: string) => MissingDefault): (r: NormalizedResource) => MissingDefault {
  const frozen = Object.freeze({ ...newer });
  return (r) => {
    const era = apiVersionOnOrAfter(r, date);
    if (era === true) return frozen;
    if (era === false) return older(String(r.apiVersion));
    return { status: 'unknown', reason: `its default changed at API version ${date} and the apiVersion is ${show(r.apiVersion)}` };
  };
}

/** A constant default, for services whose default did not change across API versions. */
export function always(status: Verdict, reason: string): (r: NormalizedResource) => MissingDefault {
  // One object for every resource: nothing changes it, and a check knows its text by it.
  const d: MissingDefault = Object.freeze({ status, reason });
  return () => d;
}

/** Parses TLS version spellings used across Azure (`TLS1_2`, `1.2`, `Tls12`, `TLSv1_2`, `TLSv1.3`) to a number. */
export function tlsVersion(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(?:tls)?v?\s*(\d)[._]?(\d)$/i.exec(value.trim());
  return m ? Number(`${m[1]}.${m[2]}`) : undefined;
}

export function tlsAtLeast(min: number): (value: unknown) => boolean {
  return (value) => {
    const v = tlsVersion(value);
    return v !== undefined && v >= min;
  };
}
