// Declaring a control: metadata plus a check. Baselines are nested (`hbi` includes every `standard`
// control), so a control names the smallest baseline it belongs to.

import type { ControlDefinition, NormalizedResource } from '../model';
import { asBoolean, findUnknown, isNonEmptyString, isUnknown, read, show, textEquals, textIn } from './access';
import { always, failed, passed, propertyCheck, unknownOutcome, type Check, type MissingDefault, type PropertyRule } from './checks';
import { isInternetSource } from './internet';

export interface ControlSpec extends Omit<ControlDefinition, 'check' | 'baselines'> {
  baseline: 'standard' | 'hbi';
  check: Check;
}

export function control(spec: ControlSpec): ControlDefinition {
  const { baseline, ...rest } = spec;
  return { ...rest, baselines: baseline === 'standard' ? ['hbi', 'standard'] : ['hbi'] };
}

type Default = (r: NormalizedResource) => MissingDefault;
type Scope = PropertyRule['inScope'];

/** `publicNetworkAccess` must be `Disabled`; every service that has it defaults to `Enabled`. */
export function publicNetworkAccessDisabled(path = 'properties.publicNetworkAccess', inScope?: Scope): Check {
  return propertyCheck({
    path,
    expected: "'Disabled'",
    test: (v) => textEquals(v, 'Disabled'),
    whenMissing: always('fail', 'public network access is enabled'),
    inScope,
  });
}

/** A boolean property that must be `expected`. */
export function flag(path: string, expected: boolean, whenMissing: Default, inScope?: Scope): Check {
  return propertyCheck({ path, expected: String(expected), test: (v) => asBoolean(v) === expected, whenMissing, inScope });
}

/** A string property that must be one of `allowed` (case-insensitive, like ARM enums). */
export function oneOf(path: string, allowed: readonly string[], whenMissing: Default, inScope?: Scope): Check {
  const expected = allowed.map((a) => `'${a}'`).join(' or ');
  return propertyCheck({ path, expected, test: (v) => textIn(v, allowed), whenMissing, inScope });
}

/** A property that must be present and non-empty (a key URI, a subnet id, a workspace id). */
export function present(path: string, expected: string, whenMissing: Default, inScope?: Scope): Check {
  return propertyCheck({ path, expected, test: isPresent, whenMissing, inScope });
}

/** Set to something meaningful: a non-empty string, a number, or a non-empty object / array. */
function isPresent(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  if (typeof v === 'object' && v !== null) return Object.keys(v).length > 0;
  return isNonEmptyString(v);
}

const IP_RULES = 'properties.networkAcls.ipRules';

const PUBLIC_NETWORK_ACCESS = 'properties.publicNetworkAccess';

/**
 * A service firewall (storage account, key vault) whose networkAcls.defaultAction is 'Deny' and whose IP
 * rules do not let the whole internet back in: an allowed range such as 0.0.0.0/0 or 0.0.0.0/1 makes the
 * default deny meaningless. With publicNetworkAccess 'Disabled' the firewall admits no public traffic at
 * all, whatever it says (as in the built-in policy 'Azure Key Vault should have firewall enabled or public
 * network access disabled').
 */
export function firewallDeniesByDefault(): Check {
  const defaultAction = oneOf('properties.networkAcls.defaultAction', ['Deny'], always('fail', "the network default action is 'Allow'"));
  const expected = "'Deny', with no IP rule for an internet-wide range (or publicNetworkAccess 'Disabled')";
  return (r, ctx) => {
    const access = read(r, PUBLIC_NETWORK_ACCESS);
    if (textEquals(access, 'Disabled')) return [passed(r, PUBLIC_NETWORK_ACCESS, access, expected, `publicNetworkAccess is 'Disabled', so the firewall admits no public traffic whatever its default action.`)];
    const outcomes = defaultAction(r, ctx);
    if (outcomes[0]?.status === 'fail' && isUnknown(access)) return [unknownOutcome(r, PUBLIC_NETWORK_ACCESS, access, expected, `the firewall does not deny by default, and publicNetworkAccess, which could turn public access off, is only known after deployment (${access.reason}); review it.`)];
    if (outcomes[0]?.status !== 'pass') return outcomes;
    const rules = read(r, IP_RULES);
    const unknown = findUnknown(rules);
    if (unknown) return [unknownOutcome(r, IP_RULES, unknown, expected, `networkAcls.defaultAction is 'Deny', but the IP rules are only known after deployment (${unknown.reason}); review that none allows the whole internet.`)];
    if (!Array.isArray(rules)) return outcomes;
    for (let i = 0; i < rules.length; i++) {
      const value = read(rules[i], 'value');
      if (isInternetSource(value)) return [failed(r, `${IP_RULES}.${i}.value`, value, expected, `networkAcls.defaultAction is 'Deny', but IP rule ${show(value)} lets the whole internet back in.`)];
    }
    return outcomes;
  };
}
