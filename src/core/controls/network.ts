// NSG rules and subnet associations. NSG rules can be inline (`properties.securityRules[]`) or child
// resources (`networkSecurityGroups/securityRules`); both are judged rule by rule, so a finding names
// the exact rule.

import type { CheckOutcome, NormalizedResource, ScanContext } from '../model';
import { isUnknown, type Unknown } from '../model';
import { findUnknown, isType, leafName, read, textEquals, textIn } from './access';
import { failed, passed, unknownOutcome, type Check } from './checks';
import { control } from './define';
import { FW } from './frameworks';
import { INTERNET_SOURCES_NOTE, isInternetSource } from './internet';

const NSG = 'Microsoft.Network/networkSecurityGroups';
const RULE = 'Microsoft.Network/networkSecurityGroups/securityRules';
const VNET = 'Microsoft.Network/virtualNetworks';
const SUBNET = 'Microsoft.Network/virtualNetworks/subnets';
const DOCS = 'https://learn.microsoft.com/azure/virtual-network';

const MANAGEMENT_PORTS = [22, 3389];

interface RuleView {
  /** Dot path of the rule's properties object from the resource root. */
  path: string;
  name: string;
  props: unknown;
}

function rulesOf(r: NormalizedResource): RuleView[] | { unknown: ReturnType<typeof findUnknown>; path: string } {
  if (isType(r, RULE)) return [{ path: 'properties', name: leafName(r.name), props: r.properties }];
  const rules = read(r, 'properties.securityRules');
  if (isUnknown(rules)) return { unknown: rules, path: 'properties.securityRules' };
  if (!Array.isArray(rules)) return [];
  return rules.map((rule, i) => {
    const name = read(rule, 'name');
    return { path: `properties.securityRules.${i}.properties`, name: typeof name === 'string' ? name : `#${i}`, props: isUnknown(rule) ? rule : read(rule, 'properties') };
  });
}

function listOf(props: unknown, single: string, plural: string): unknown[] {
  const one = read(props, single);
  const many = read(props, plural);
  const out: unknown[] = [];
  if (one !== undefined) out.push(one);
  if (isUnknown(many)) out.push(many);
  else if (Array.isArray(many)) out.push(...many);
  return out;
}

/**
 * The values a field names, in its single and plural form. Templates often leave the single form ''
 * beside the plural list; an empty value names nothing, rather than something unreadable.
 */
function namedIn(props: unknown, single: string, plural: string): unknown[] {
  return listOf(props, single, plural).filter((v) => !(typeof v === 'string' && v.trim() === ''));
}

/** Port range text ('22', '20-30', '*') → [from, to]; undefined when unparseable. */
function portRange(text: unknown): [number, number] | undefined {
  if (typeof text === 'number') return [text, text];
  if (typeof text !== 'string') return undefined;
  const t = text.trim();
  if (t === '*' || textEquals(t, 'Any')) return [0, 65535];
  const m = /^(\d+)\s*(?:-\s*(\d+))?$/.exec(t);
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2] ?? m[1])];
}

const RULE_FIELDS = ['direction', 'access', 'sourceAddressPrefix', 'sourceAddressPrefixes', 'destinationPortRange', 'destinationPortRanges'];

/** The first Unknown among the fields that decide a rule, in RULE_FIELDS order. */
function firstUnknownField(props: unknown): Unknown | undefined {
  for (const f of RULE_FIELDS) {
    const u = findUnknown(read(props, f));
    if (u) return u;
  }
  return undefined;
}

type RuleJudge = (ports: [number, number][]) => string | undefined;

/** What both internet-inbound controls need of a rule, worked out once per rule. */
type RuleFacts =
  /** Known to be outbound or Deny, or an inbound Allow rule from a source that is not the internet: no outcome. */
  | { kind: 'ignored' }
  | { kind: 'unknown'; rule: RuleView; unknown: Unknown }
  /**
   * An inbound Allow rule from the internet, with its destination ports as the judge sees them: the
   * ports it names less those a Deny rule of higher priority (lower number) blocks for every internet
   * source (`shadowed` says whether any were taken away).
   */
  | { kind: 'internet'; rule: RuleView; ports: [number, number][]; shadowed?: boolean };

const IGNORED: RuleFacts = { kind: 'ignored' };

function ruleFacts(rule: RuleView): RuleFacts {
  const unknown = isUnknown(rule.props) ? rule.props : firstUnknownField(rule.props);
  const direction = read(rule.props, 'direction');
  const access = read(rule.props, 'access');
  if (unknown) {
    // A rule that is known to be outbound or Deny cannot open inbound access whatever else is unknown.
    if ((direction !== undefined && !isUnknown(direction) && !textEquals(direction, 'Inbound')) || (access !== undefined && !isUnknown(access) && !textEquals(access, 'Allow'))) return IGNORED;
    return { kind: 'unknown', rule, unknown };
  }
  if (!textEquals(direction, 'Inbound') || !textEquals(access, 'Allow')) return IGNORED;
  const sources = listOf(rule.props, 'sourceAddressPrefix', 'sourceAddressPrefixes');
  if (!sources.some(isInternetSource)) return IGNORED;
  // A rule with no port, or one that cannot be read, is taken as every port.
  const ports = namedIn(rule.props, 'destinationPortRange', 'destinationPortRanges').map(portRange);
  const parsed = ports.filter((p): p is [number, number] => p !== undefined);
  return { kind: 'internet', rule, ports: parsed.length === ports.length && parsed.length > 0 ? parsed : [[0, 65535]] };
}

type NsgFacts = RuleFacts[] | { unknown: ReturnType<typeof findUnknown>; path: string };

// The two internet-inbound controls check an NSG one after the other: the rules are worked out for the first
// and kept for the second. Kept per scan context (made once the resources are final, and holding nothing
// after its scan), for the last NSG asked about.
const LAST_NSG = new WeakMap<ScanContext, { resource: NormalizedResource; facts: NsgFacts }>();

/** Appended to the rationale of the internet-inbound controls. */
const PRIORITY_NOTE = " Rules apply in priority order: ports of an Allow rule that a Deny rule of higher priority (lower number) in the same NSG blocks for every internet source ('*', 'Any' or 'Internet', any source port and destination, the same or any protocol) do not count.";

/**
 * Sources a Deny rule must name to stop every internet source of an Allow rule below it, IPv4 and IPv6
 * alike (so 0.0.0.0/0, which leaves ::/0 open, does not count).
 */
const DENY_ALL_SOURCES = ['*', 'Any', 'Internet'];
const ANY = ['*', 'Any'];
const DENY_FIELDS = [...RULE_FIELDS, 'priority', 'protocol', 'sourcePortRange', 'sourcePortRanges', 'destinationAddressPrefix', 'destinationAddressPrefixes'];

/** A known inbound Deny rule that matches every internet source, source port and destination: its priority, protocol and ports. */
function blanketDeny(props: unknown): { priority: number; protocol: string; ports: [number, number][]; anySource: boolean } | undefined {
  if (isUnknown(props) || DENY_FIELDS.some((f) => findUnknown(read(props, f)))) return undefined;
  const priority = read(props, 'priority');
  const protocol = read(props, 'protocol');
  if (!textEquals(read(props, 'direction'), 'Inbound') || !textEquals(read(props, 'access'), 'Deny')) return undefined;
  if (typeof priority !== 'number' || typeof protocol !== 'string') return undefined;
  const only = (single: string, plural: string, allowed: readonly string[]) => {
    return namedIn(props, single, plural).some((v) => textIn(v, allowed));
  };
  if (!only('sourceAddressPrefix', 'sourceAddressPrefixes', DENY_ALL_SOURCES) || !only('sourcePortRange', 'sourcePortRanges', ANY) || !only('destinationAddressPrefix', 'destinationAddressPrefixes', ANY)) return undefined;
  const ports = listOf(props, 'destinationPortRange', 'destinationPortRanges').map(portRange).filter((p): p is [number, number] => p !== undefined);
  return { priority, protocol, ports, anySource: only('sourceAddressPrefix', 'sourceAddressPrefixes', ANY) };
}

/** `ranges` less every port in `blocked`. */
function subtractPorts(ranges: [number, number][], blocked: [number, number][]): [number, number][] {
  let out = ranges;
  for (const [a, b] of blocked) {
    out = out.flatMap(([x, y]): [number, number][] => {
      if (b < x || a > y) return [[x, y]];
      const left: [number, number][] = x < a ? [[x, a - 1]] : [];
      return y > b ? [...left, [b + 1, y]] : left;
    });
  }
  return out;
}

/**
 * NSG rules are applied in priority order and the first match decides: ports of an internet Allow rule
 * that a Deny rule of higher priority blocks for every internet source (same or any protocol, any
 * source port, any destination) never reach it. Only rules declared in the same list are weighed.
 */
function withoutShadowedPorts(rules: RuleView[], facts: RuleFacts[]): RuleFacts[] {
  const denies = rules.map((rule) => blanketDeny(rule.props)).filter((d) => d !== undefined);
  if (denies.length === 0) return facts;
  return facts.map((f) => {
    if (f.kind !== 'internet') return f;
    const priority = read(f.rule.props, 'priority');
    const protocol = read(f.rule.props, 'protocol');
    if (typeof priority !== 'number' || typeof protocol !== 'string') return f;
    // Only '*' / 'Any' is sure to take in IPv6 sources as well as IPv4 ones.
    const v6 = listOf(f.rule.props, 'sourceAddressPrefix', 'sourceAddressPrefixes').some((s) => typeof s === 'string' && s.includes(':'));
    const blocked = denies.filter((d) => d.priority < priority && (d.anySource || !v6) && (textIn(d.protocol, ANY) || textEquals(d.protocol, protocol))).flatMap((d) => d.ports);
    if (blocked.length === 0) return f;
    const ports = subtractPorts(f.ports, blocked);
    return ports.length === f.ports.length && ports.every((p, i) => p[0] === f.ports[i]![0] && p[1] === f.ports[i]![1]) ? f : { ...f, ports, shadowed: true };
  });
}

function nsgFacts(r: NormalizedResource, ctx: ScanContext): NsgFacts {
  const last = LAST_NSG.get(ctx);
  if (last !== undefined && last.resource === r) return last.facts;
  const rules = rulesOf(r);
  const facts = Array.isArray(rules) ? withoutShadowedPorts(rules, rules.map(ruleFacts)) : rules;
  if (last !== undefined) {
    last.resource = r;
    last.facts = facts;
  } else LAST_NSG.set(ctx, { resource: r, facts });
  return facts;
}

/**
 * Evaluates every inbound Allow rule whose source is the internet; `judge` returns the reason a
 * rule's destination ports are not acceptable, or undefined when they are.
 */
function internetInboundCheck(judge: RuleJudge, expected: string): Check {
  const unknownDetail = expected.replace(/^no /, '');
  return (r, ctx) => {
    const facts = nsgFacts(r, ctx);
    if (!Array.isArray(facts)) return [unknownOutcome(r, facts.path, facts.unknown!, expected)];
    const out: CheckOutcome[] = [];
    for (const f of facts) {
      if (f.kind === 'ignored') continue;
      const rule = f.rule;
      if (f.kind === 'unknown') {
        out.push(unknownOutcome(r, rule.path, f.unknown, expected, `rule '${rule.name}' depends on values only known after deployment (${f.unknown.reason}); review that it does not allow ${unknownDetail}.`));
        continue;
      }
      const problem = judge(f.ports);
      const actual = { name: rule.name, source: listOf(rule.props, 'sourceAddressPrefix', 'sourceAddressPrefixes'), destinationPorts: listOf(rule.props, 'destinationPortRange', 'destinationPortRanges') };
      if (problem) out.push(failed(r, rule.path, actual, expected, `rule '${rule.name}' allows inbound traffic from the internet ${problem}.`));
      else if (f.shadowed) out.push(passed(r, rule.path, actual, expected, `rule '${rule.name}' names ports ${JSON.stringify(actual.destinationPorts)}, but Deny rules of higher priority block the internet on ${f.ports.length === 0 ? 'all of them' : `some of them (ports still open to it: ${showPorts(f.ports)})`}, which complies (${expected}).`));
      else out.push(passed(r, rule.path, actual, expected, `rule '${rule.name}' allows inbound internet traffic to ports ${JSON.stringify(actual.destinationPorts)} only, which complies (${expected}).`));
    }
    if (out.length === 0) return [passed(r, 'properties.securityRules', undefined, expected, `no rule allows inbound traffic from the internet (${expected}).`)];
    return out;
  };
}

/**
 * Port ranges as an auditor reads them ('0-21, 23-65535'): a pass for a partly shadowed rule must say what
 * it still opens, since that can be nearly every port.
 */
function showPorts(ports: [number, number][]): string {
  return ports.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(', ');
}

const managementPorts: RuleJudge = (ports) => {
  const hit = MANAGEMENT_PORTS.filter((p) => ports.some(([a, b]) => p >= a && p <= b));
  return hit.length > 0 ? `to management port${hit.length > 1 ? 's' : ''} ${hit.join(', ')}` : undefined;
};

/**
 * Port 0 is reserved and carries no TCP or UDP service, so ranges that together cover 1-65535
 * ('1-65535', or '0-1000' with '1001-65535') open every port as surely as '*'.
 */
function coversEveryPort(ports: [number, number][]): boolean {
  let next = 1;
  for (const [a, b] of [...ports].sort((x, y) => x[0] - y[0])) {
    if (a > next) return false;
    if (b >= next) next = b + 1;
    if (next > 65535) return true;
  }
  return false;
}

const allPorts: RuleJudge = (ports) => (coversEveryPort(ports) ? 'to every port' : undefined);

/** Platform subnets that do not support or do not need an NSG. */
const NSG_EXEMPT_SUBNETS = ['GatewaySubnet', 'AzureFirewallSubnet', 'AzureFirewallManagementSubnet', 'RouteServerSubnet'];

const subnetHasNsg: Check = (r) => {
  const expected = 'a network security group';
  const subnets: { path: string; name: string; value: unknown }[] = [];
  if (isType(r, SUBNET)) subnets.push({ path: 'properties', name: leafName(r.name), value: r.properties });
  else {
    const list = read(r, 'properties.subnets');
    if (isUnknown(list)) return [unknownOutcome(r, 'properties.subnets', list, expected, `its subnets are only known after deployment (${list.reason}); review that each has a network security group.`)];
    if (Array.isArray(list)) {
      list.forEach((s, i) => {
        const name = read(s, 'name');
        subnets.push({ path: `properties.subnets.${i}.properties`, name: typeof name === 'string' ? name : `#${i}`, value: isUnknown(s) ? s : read(s, 'properties') });
      });
    }
  }
  const out: CheckOutcome[] = [];
  for (const s of subnets) {
    if (NSG_EXEMPT_SUBNETS.some((n) => textEquals(s.name, n))) continue;
    const path = `${s.path}.networkSecurityGroup.id`;
    const id = isUnknown(s.value) ? s.value : read(s.value, 'networkSecurityGroup.id');
    if (isUnknown(id)) out.push(unknownOutcome(r, path, id, expected, `subnet '${s.name}' has an NSG association only known after deployment (${id.reason}).`));
    else if (typeof id === 'string' && id.trim() !== '') out.push(passed(r, path, id, expected, `subnet '${s.name}' is associated with NSG ${leafName(id)}.`));
    else out.push(failed(r, path, id, expected, `subnet '${s.name}' has no network security group.`));
  }
  return out;
};

export const NETWORK_CONTROLS = [
  control({
    id: 'ISRM.Network.NSGManagementPorts',
    title: 'NSGs do not allow management ports (SSH, RDP) from the internet',
    rationale: 'SSH and RDP exposed to the internet are brute-forced within minutes; administration goes through Bastion or a jump host on the private network.' + INTERNET_SOURCES_NOTE + PRIORITY_NOTE,
    remediation: "Remove inbound Allow rules from '*', 'Internet', 0.0.0.0/0 or other internet-wide prefixes (such as 0.0.0.0/1 and 128.0.0.0/1) to ports 22 and 3389; use Azure Bastion or just-in-time access.",
    snippet: "resource nsg 'Microsoft.Network/networkSecurityGroups@2023-11-01' = {\n  // ...\n  properties: {\n    securityRules: [\n      {\n        name: 'AllowBastionSsh'\n        properties: {\n          priority: 100, direction: 'Inbound', access: 'Allow', protocol: 'Tcp'\n          sourceAddressPrefix: bastionSubnetPrefix, sourcePortRange: '*'\n          destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '22'\n        }\n      }\n    ]\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [NSG, RULE],
    frameworks: FW.filtering(),
    azurePolicy: 'Management ports should be closed on your virtual machines',
    helpUri: `${DOCS}/network-security-groups-overview`,
    check: internetInboundCheck(managementPorts, 'no inbound access from the internet to ports 22 or 3389'),
  }),
  control({
    id: 'ISRM.Network.NSGInboundAllPorts',
    title: 'NSGs do not allow inbound traffic from the internet to all ports',
    rationale: 'A rule that opens every port to the internet removes the network boundary for everything in the subnet.' + INTERNET_SOURCES_NOTE + PRIORITY_NOTE,
    remediation: 'Replace inbound Allow rules from the internet with destinationPortRange \'*\' (or port ranges that together cover 1-65535) by rules for the specific ports the workload publishes (normally 443 behind a WAF).',
    snippet: "{\n  name: 'AllowHttpsFromAppGateway'\n  properties: {\n    priority: 110, direction: 'Inbound', access: 'Allow', protocol: 'Tcp'\n    sourceAddressPrefix: appGatewaySubnetPrefix, sourcePortRange: '*'\n    destinationAddressPrefix: 'VirtualNetwork', destinationPortRange: '443'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [NSG, RULE],
    frameworks: FW.filtering(),
    helpUri: `${DOCS}/network-security-groups-overview`,
    check: internetInboundCheck(allPorts, 'no inbound access from the internet to all ports'),
  }),
  control({
    id: 'ISRM.Network.SubnetNSG',
    title: 'Subnets are associated with a network security group',
    rationale: 'A subnet without an NSG has no layer-4 filtering between workloads or from peered networks.',
    remediation: 'Set properties.networkSecurityGroup.id on every subnet except GatewaySubnet, AzureFirewallSubnet, AzureFirewallManagementSubnet and RouteServerSubnet.',
    snippet: "subnets: [\n  {\n    name: 'snet-data'\n    properties: {\n      addressPrefix: '10.1.2.0/24'\n      networkSecurityGroup: { id: nsg.id }\n    }\n  }\n]",
    severity: 'medium',
    family: 'network',
    baseline: 'standard',
    appliesTo: [VNET, SUBNET],
    frameworks: FW.filtering(),
    azurePolicy: 'Subnets should be associated with a Network Security Group',
    helpUri: `${DOCS}/network-security-groups-overview`,
    check: subnetHasNsg,
  }),
];
