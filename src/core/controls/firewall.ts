import { isUnknown } from '../model';
import { read, textEquals } from './access';
import { always, evaluateProperty, needsReview, unknownOutcome, withRelated, type Check, type PropertyRule } from './checks';
import { control, oneOf } from './define';
import { FW } from './frameworks';

const FIREWALL = 'Microsoft.Network/azureFirewalls';
const POLICY = 'Microsoft.Network/firewallPolicies';
const DOCS = 'https://learn.microsoft.com/azure/firewall';

const threatIntelRule: PropertyRule = {
  path: 'properties.threatIntelMode',
  expected: "'Deny'",
  test: (v) => textEquals(v, 'Deny'),
  whenMissing: always('fail', "threat intelligence runs in 'Alert' mode, which logs but does not block known malicious traffic"),
};

/**
 * A firewall governed by a firewall policy takes its threat intelligence mode from the policy, which
 * is evaluated on its own; a classic-rules firewall carries the setting itself.
 */
const threatIntelDeny: Check = (r, ctx) => {
  if (textEquals(r.type, POLICY)) return evaluateProperty(threatIntelRule, r, ctx);
  const policyId = read(r, 'properties.firewallPolicy.id');
  if (isUnknown(policyId)) return [unknownOutcome(r, 'properties.firewallPolicy.id', policyId, "'Deny' (from the firewall policy)")];
  if (typeof policyId === 'string' && policyId !== '') {
    if (ctx.byId(policyId)) return [];
    return [withRelated(needsReview(r, 'properties.firewallPolicy.id', policyId, "'Deny' (from the firewall policy)", `the firewall policy ${policyId} that sets threatIntelMode is not in the scanned set; review its threat intelligence mode.`), policyId)];
  }
  return evaluateProperty(threatIntelRule, r, ctx);
};

export const FIREWALL_CONTROLS = [
  control({
    id: 'ISRM.Firewall.ThreatIntelDeny',
    title: 'Azure Firewall blocks traffic to and from known malicious addresses',
    rationale: "Threat intelligence in 'Alert' mode only logs connections to known command-and-control and malicious hosts; 'Deny' blocks them.",
    remediation: "Set properties.threatIntelMode to 'Deny' on the firewall policy (or on a classic-rules firewall).",
    snippet: "resource fwPolicy 'Microsoft.Network/firewallPolicies@2023-11-01' = {\n  // ...\n  properties: {\n    threatIntelMode: 'Deny'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [FIREWALL, POLICY],
    frameworks: FW.threatProtection(),
    azurePolicy: 'Azure Firewall Policy should enable Threat Intelligence',
    helpUri: `${DOCS}/threat-intel`,
    check: threatIntelDeny,
  }),
  control({
    id: 'ISRM.Firewall.IdpsDeny',
    title: 'Azure Firewall policies run intrusion detection and prevention in Deny mode',
    rationale: 'IDPS in Deny mode blocks exploit and malware signatures in allowed traffic, which plain L4/L7 rules cannot see.',
    remediation: "Use the Premium tier and set properties.intrusionDetection.mode to 'Deny'.",
    snippet: "resource fwPolicy 'Microsoft.Network/firewallPolicies@2023-11-01' = {\n  // ...\n  properties: {\n    sku: { tier: 'Premium' }\n    intrusionDetection: { mode: 'Deny' }\n  }\n}",
    severity: 'medium',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [POLICY],
    frameworks: FW.threatProtection(),
    helpUri: `${DOCS}/premium-features`,
    check: oneOf('properties.intrusionDetection.mode', ['Deny'], always('fail', 'intrusion detection and prevention is off')),
  }),
];
