// WAF on Application Gateway is configured either inline (`webApplicationFirewallConfiguration`, the
// legacy form) or by an associated WAF policy resource. When a policy is associated, the policy's own
// settings win and the policy resource is judged on its own; the gateway only reports when the policy
// is outside the scanned set.

import type { CheckOutcome, NormalizedResource, ScanContext } from '../model';
import { isUnknown } from '../model';
import { findUnknown, read, show, textEquals, textIn } from './access';
import { always, byApiVersion, evaluateProperty, failed, needsReview, passed, tlsVersion, unknownOutcome, withRelated, type Check } from './checks';
import { control } from './define';
import { FW } from './frameworks';

const GATEWAY = 'Microsoft.Network/applicationGateways';
const WAF_POLICY = 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies';
const DOCS = 'https://learn.microsoft.com/azure/web-application-firewall/ag';

const isPolicy = (r: NormalizedResource) => textEquals(r.type, WAF_POLICY);

/** undefined: the gateway has no policy and carries the setting inline. */
function policyDecides(r: NormalizedResource, ctx: ScanContext, expected: string): CheckOutcome[] | undefined {
  const policyId = read(r, 'properties.firewallPolicy.id');
  if (isUnknown(policyId)) return [unknownOutcome(r, 'properties.firewallPolicy.id', policyId, expected)];
  if (typeof policyId !== 'string' || policyId === '') return undefined;
  if (ctx.byId(policyId)) return [];
  return [withRelated(needsReview(r, 'properties.firewallPolicy.id', policyId, expected, `the WAF policy ${policyId} is not in the scanned set; review that it is ${expected}.`), policyId)];
}

const wafEnabled: Check = (r, ctx) => {
  const expected = "a WAF SKU with the WAF enabled (inline or through a WAF policy)";
  if (isPolicy(r)) {
    return evaluateProperty({ path: 'properties.policySettings.state', expected: "'Enabled'", test: (v) => textEquals(v, 'Enabled'), whenMissing: always('pass', 'a WAF policy is enabled by default') }, r, ctx);
  }
  const tier = read(r, 'properties.sku.tier');
  if (isUnknown(tier)) return [unknownOutcome(r, 'properties.sku.tier', tier, expected)];
  if (!textIn(tier, ['WAF', 'WAF_v2'])) return [failed(r, 'properties.sku.tier', tier, "'WAF_v2'", `SKU tier ${tier === undefined ? 'is not set' : show(tier)} has no web application firewall; use 'WAF_v2'.`)];
  const policyId = read(r, 'properties.firewallPolicy.id');
  if (isUnknown(policyId)) return [unknownOutcome(r, 'properties.firewallPolicy.id', policyId, expected)];
  if (typeof policyId === 'string' && policyId !== '') return [withRelated(passed(r, 'properties.firewallPolicy.id', policyId, expected, `WAF policy ${policyId} is associated.`), policyId)];
  return evaluateProperty({ path: 'properties.webApplicationFirewallConfiguration.enabled', expected: 'true', test: (v) => v === true || textEquals(v, 'true'), whenMissing: always('fail', 'no WAF policy is associated and the inline WAF configuration is absent') }, r, ctx);
};

const wafPrevention: Check = (r, ctx) => {
  const expected = "'Prevention'";
  if (isPolicy(r)) {
    return evaluateProperty({ path: 'properties.policySettings.mode', expected, test: (v) => textEquals(v, 'Prevention'), whenMissing: always('fail', "a WAF policy without a mode runs in 'Detection', which only logs attacks") }, r, ctx);
  }
  const decided = policyDecides(r, ctx, expected);
  if (decided) return decided;
  if (read(r, 'properties.webApplicationFirewallConfiguration') === undefined) return [];
  return evaluateProperty({ path: 'properties.webApplicationFirewallConfiguration.firewallMode', expected, test: (v) => textEquals(v, 'Prevention'), whenMissing: always('fail', "firewallMode is required; without it the WAF is not in 'Prevention' mode") }, r, ctx);
};

const OWASP_SETS = ['OWASP', 'Microsoft_DefaultRuleSet'];

const wafOwasp: Check = (r, ctx) => {
  const expected = "an 'OWASP' (or its successor 'Microsoft_DefaultRuleSet') managed rule set";
  if (isPolicy(r)) {
    const path = 'properties.managedRules.managedRuleSets';
    const sets = read(r, path);
    const unknown = findUnknown(sets);
    if (unknown) return [unknownOutcome(r, path, unknown, expected)];
    const types = Array.isArray(sets) ? sets.map((s) => read(s, 'ruleSetType')) : [];
    return types.some((t) => textIn(t, OWASP_SETS)) ? [passed(r, path, types, expected)] : [failed(r, path, types, expected, `managed rule sets ${JSON.stringify(types)} include no OWASP / Default Rule Set.`)];
  }
  const decided = policyDecides(r, ctx, expected);
  if (decided) return decided;
  if (read(r, 'properties.webApplicationFirewallConfiguration') === undefined) return [];
  return evaluateProperty({ path: 'properties.webApplicationFirewallConfiguration.ruleSetType', expected, test: (v) => textIn(v, OWASP_SETS), whenMissing: always('fail', 'no rule set type is declared') }, r, ctx);
};

// The default policy depends on the API version the gateway is created with (TLS policy overview).
const DEFAULT_TLS_POLICY = byApiVersion('2023-02-01', { status: 'pass', reason: 'from API version 2023-02-01 the default policy is AppGwSslPolicy20220101 (TLS 1.2)' }, (v) => ({ status: 'fail', reason: `with API version ${v} (before 2023-02-01) the default policy AppGwSslPolicy20150501 accepts TLS 1.0` }));

const TLS12_PREDEFINED = ['AppGwSslPolicy20170401S', 'AppGwSslPolicy20220101', 'AppGwSslPolicy20220101S'];

const TLS_EXPECTED = "TLS 1.2 or later (AppGwSslPolicy20220101 / 20170401S, or minProtocolVersion 'TLSv1_2')";

/** Judges a declared, fully known sslPolicy object found at `at` (a dot path). */
function judgeSslPolicy(r: NormalizedResource, policy: unknown, at: string, label = ''): CheckOutcome {
  const expected = TLS_EXPECTED;
  const name = read(policy, 'policyName');
  const min = read(policy, 'minProtocolVersion');
  if (typeof name === 'string' && name !== '') {
    return textIn(name, TLS12_PREDEFINED) ? passed(r, `${at}.policyName`, name, expected) : failed(r, `${at}.policyName`, name, expected, label ? `${label} uses ${at}.policyName ${show(name)}, which accepts TLS versions before 1.2; expected ${expected}.` : undefined);
  }
  const v = tlsVersion(min);
  if (v !== undefined && v >= 1.2) return passed(r, `${at}.minProtocolVersion`, min, expected);
  // The original form of a custom policy lists the protocols to turn off instead of a minimum.
  const disabled = read(policy, 'disabledSslProtocols');
  if (min === undefined && Array.isArray(disabled) && ['TLSv1_0', 'TLSv1_1'].every((p) => disabled.some((d) => textEquals(d, p)))) {
    return passed(r, `${at}.disabledSslProtocols`, disabled, expected, `${at}.disabledSslProtocols turns off TLS 1.0 and 1.1, so TLS 1.2 or later is required.`);
  }
  return failed(r, `${at}.minProtocolVersion`, min, expected, label ? `${label} has ${at}.minProtocolVersion ${show(min)}; expected ${expected}.` : undefined);
}

/** The gateway-wide policy (or the default of its API version). */
function gatewayPolicy(r: NormalizedResource, ctx: ScanContext): CheckOutcome[] {
  const policy = read(r, 'properties.sslPolicy');
  const unknown = findUnknown(policy);
  if (unknown) return [unknownOutcome(r, 'properties.sslPolicy', unknown, TLS_EXPECTED)];
  if (policy === undefined) return evaluateProperty({ path: 'properties.sslPolicy', expected: TLS_EXPECTED, test: () => true, whenMissing: DEFAULT_TLS_POLICY }, r, ctx);
  return [judgeSslPolicy(r, policy, 'properties.sslPolicy')];
}

/**
 * The gateway-wide policy, and the policy of every SSL profile that sets its own: a listener with such a
 * profile negotiates by the profile's policy, so one profile on AppGwSslPolicy20150501 reopens TLS 1.0.
 */
const gatewayTls: Check = (r, ctx) => {
  const own = gatewayPolicy(r, ctx);
  if (own[0]?.status !== 'pass') return own;
  const profiles = read(r, 'properties.sslProfiles');
  if (isUnknown(profiles)) return [unknownOutcome(r, 'properties.sslProfiles', profiles, TLS_EXPECTED)];
  if (!Array.isArray(profiles)) return own;
  let pending: CheckOutcome | undefined;
  for (let i = 0; i < profiles.length; i++) {
    const at = `properties.sslProfiles.${i}.properties.sslPolicy`;
    const policy = read(profiles[i], 'properties.sslPolicy');
    if (policy === undefined) continue;
    const name = read(profiles[i], 'name');
    const label = `SSL profile ${typeof name === 'string' ? `'${name}'` : `#${i}`}`;
    const unknown = findUnknown(policy);
    if (unknown) {
      pending ??= unknownOutcome(r, at, unknown, TLS_EXPECTED, `${label} has an SSL policy only known after deployment (${unknown.reason}), so it needs review; expected ${TLS_EXPECTED}.`);
      continue;
    }
    const outcome = judgeSslPolicy(r, policy, at, label);
    if (outcome.status === 'fail') return [outcome];
  }
  return pending ? [pending] : own;
};

export const APPLICATION_GATEWAY_CONTROLS = [
  control({
    id: 'ISRM.ApplicationGateway.WafEnabled',
    title: 'Application Gateways have a web application firewall enabled',
    rationale: 'Published web applications need protection against injection, cross-site scripting and other OWASP Top 10 attacks.',
    remediation: "Use the 'WAF_v2' SKU and associate an enabled WAF policy (properties.firewallPolicy.id).",
    snippet: "resource agw 'Microsoft.Network/applicationGateways@2023-11-01' = {\n  // ...\n  properties: {\n    sku: { name: 'WAF_v2', tier: 'WAF_v2' }\n    firewallPolicy: { id: wafPolicy.id }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [GATEWAY, WAF_POLICY],
    frameworks: FW.waf(),
    azurePolicy: 'Web Application Firewall (WAF) should be enabled for Application Gateway',
    helpUri: `${DOCS}/ag-overview`,
    check: wafEnabled,
  }),
  control({
    id: 'ISRM.ApplicationGateway.WafPrevention',
    title: 'Application Gateway WAF runs in Prevention mode',
    rationale: "In 'Detection' mode the WAF only logs attacks and lets them through.",
    remediation: "Set policySettings.mode to 'Prevention' on the WAF policy (or firewallMode on the inline configuration).",
    snippet: "resource wafPolicy 'Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies@2023-11-01' = {\n  // ...\n  properties: {\n    policySettings: { state: 'Enabled', mode: 'Prevention', requestBodyCheck: true }\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [GATEWAY, WAF_POLICY],
    frameworks: FW.waf(),
    azurePolicy: 'Web Application Firewall (WAF) should use the specified mode for Application Gateway',
    helpUri: `${DOCS}/policy-overview`,
    check: wafPrevention,
  }),
  control({
    id: 'ISRM.ApplicationGateway.WafOwaspRuleSet',
    title: 'Application Gateway WAF uses the OWASP (Default) managed rule set',
    rationale: 'The OWASP Core Rule Set / Microsoft Default Rule Set is what actually detects OWASP Top 10 attacks; a WAF without it only applies custom rules.',
    remediation: "Add a managed rule set of type 'Microsoft_DefaultRuleSet' (2.1) or 'OWASP' (3.2) to the WAF policy.",
    snippet: "properties: {\n  managedRules: {\n    managedRuleSets: [ { ruleSetType: 'Microsoft_DefaultRuleSet', ruleSetVersion: '2.1' } ]\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [GATEWAY, WAF_POLICY],
    frameworks: FW.waf(),
    helpUri: `${DOCS}/application-gateway-crs-rulegroups-rules`,
    check: wafOwasp,
  }),
  control({
    id: 'ISRM.ApplicationGateway.MinTLS',
    title: 'Application Gateways require TLS 1.2 or later',
    rationale: 'TLS 1.0 and 1.1 have known weaknesses. Listeners with an SSL profile negotiate by the profile\'s own policy, so every profile that sets one is judged as well.',
    remediation: "Set properties.sslPolicy to { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' }.",
    snippet: "resource agw 'Microsoft.Network/applicationGateways@2023-11-01' = {\n  // ...\n  properties: {\n    sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' }\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [GATEWAY],
    frameworks: FW.inTransit(),
    helpUri: 'https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview',
    check: gatewayTls,
  }),
];
