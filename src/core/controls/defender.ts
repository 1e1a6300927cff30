import { asBoolean, findUnknown, isNonEmptyString, read, textEquals } from './access';
import { always, failed, passed, unknownOutcome, type Check } from './checks';
import { control, oneOf } from './define';
import { FW } from './frameworks';

const DOCS = 'https://learn.microsoft.com/azure/defender-for-cloud';

/**
 * Security contacts changed shape across API versions: `alertNotifications: 'On'` (2017-08-01-preview),
 * `alertNotifications.state: 'On'` (2020-01-01-preview), and `isEnabled` with an `Alert`
 * notification source (2023-12-01-preview). Any of them counts.
 */
const contactNotified: Check = (r) => {
  const expected = 'an e-mail address and alert notifications on';
  const emails = read(r, 'properties.emails') ?? read(r, 'properties.email');
  const shapes = [read(r, 'properties.alertNotifications'), read(r, 'properties.alertNotifications.state'), read(r, 'properties.isEnabled'), read(r, 'properties.notificationsSources')];
  const unknown = findUnknown([emails, ...shapes]);
  if (unknown) return [unknownOutcome(r, 'properties', unknown, expected)];
  if (!isNonEmptyString(emails)) return [failed(r, 'properties.emails', emails, expected, 'no e-mail address receives security alerts.')];
  const legacyOn = textEquals(shapes[0], 'On') || textEquals(shapes[1], 'On');
  const sources = Array.isArray(shapes[3]) ? shapes[3] : [];
  const modernOn = asBoolean(shapes[2]) !== false && sources.some((s) => textEquals(read(s, 'sourceType'), 'Alert'));
  if (legacyOn || modernOn) return [passed(r, 'properties', emails, expected, `security alerts are sent to ${emails}.`)];
  return [failed(r, 'properties.alertNotifications', shapes[1] ?? shapes[0] ?? shapes[3], expected, 'alert notifications are off.')];
};

export const DEFENDER_CONTROLS = [
  control({
    id: 'ISRM.Defender.PlanStandard',
    title: 'Microsoft Defender for Cloud plans are enabled',
    rationale: "The Free tier only assesses configuration; the Standard tier (Defender plans) detects threats against the workloads and raises security alerts.",
    remediation: "Set properties.pricingTier to 'Standard' on each Microsoft.Security/pricings plan used by the landing zone (StorageAccounts, KeyVaults, SqlServers, Containers, Arm …).",
    snippet: "resource defenderStorage 'Microsoft.Security/pricings@2024-01-01' = {\n  name: 'StorageAccounts'\n  properties: {\n    pricingTier: 'Standard'\n    subPlan: 'DefenderForStorageV2'\n  }\n}",
    severity: 'high',
    family: 'logging',
    baseline: 'standard',
    appliesTo: ['Microsoft.Security/pricings'],
    frameworks: FW.detection(),
    helpUri: `${DOCS}/enable-enhanced-security`,
    check: oneOf('properties.pricingTier', ['Standard'], always('fail', "pricingTier is required; a plan without it is not enabled ('Free')")),
  }),
  control({
    id: 'ISRM.Defender.SecurityContact',
    title: 'Defender for Cloud sends security alerts to a contact',
    rationale: 'Alerts that nobody receives are not acted on; incident response starts with a notified contact.',
    remediation: 'Declare Microsoft.Security/securityContacts/default with the security team e-mail and alert notifications on.',
    snippet: "resource contact 'Microsoft.Security/securityContacts@2023-12-01-preview' = {\n  name: 'default'\n  properties: {\n    emails: 'secops@contoso.com'\n    isEnabled: true\n    notificationsByRole: { state: 'On', roles: [ 'Owner' ] }\n    notificationsSources: [ { sourceType: 'Alert', minimalSeverity: 'Medium' } ]\n  }\n}",
    severity: 'medium',
    family: 'logging',
    baseline: 'standard',
    appliesTo: ['Microsoft.Security/securityContacts'],
    frameworks: FW.detection(),
    azurePolicy: 'Subscriptions should have a contact email address for security issues',
    helpUri: `${DOCS}/configure-email-notifications`,
    check: contactNotified,
  }),
];

