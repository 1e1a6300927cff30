import { always } from './checks';
import { control, flag, present } from './define';
import { FW } from './frameworks';

const COMPONENT = 'Microsoft.Insights/components';
const DOCS = 'https://learn.microsoft.com/azure/azure-monitor/app';

export const APP_INSIGHTS_CONTROLS = [
  control({
    id: 'ISRM.AppInsights.LocalAuthDisabled',
    title: 'Application Insights accepts Entra ID authenticated telemetry only',
    rationale: 'With local authentication anyone who knows the instrumentation key can write fake telemetry into the audit and monitoring record.',
    remediation: 'Set properties.DisableLocalAuth to true and send telemetry with a managed identity.',
    snippet: "resource appi 'Microsoft.Insights/components@2020-02-02' = {\n  // ...\n  kind: 'web'\n  properties: {\n    Application_Type: 'web'\n    DisableLocalAuth: true\n  }\n}",
    severity: 'medium',
    family: 'identity',
    baseline: 'standard',
    appliesTo: [COMPONENT],
    frameworks: FW.centralAuth(),
    azurePolicy: 'Application Insights components should block non-Azure Active Directory based ingestion.',
    helpUri: `${DOCS}/azure-ad-authentication`,
    check: flag('properties.DisableLocalAuth', true, always('fail', 'instrumentation-key ingestion is accepted')),
  }),
  control({
    id: 'ISRM.AppInsights.WorkspaceBased',
    title: 'Application Insights is workspace-based',
    rationale: 'Workspace-based components keep telemetry in the central Log Analytics workspace with its retention, access control and export; classic components are retired.',
    remediation: 'Set properties.WorkspaceResourceId to the central Log Analytics workspace.',
    snippet: "resource appi 'Microsoft.Insights/components@2020-02-02' = {\n  // ...\n  properties: {\n    Application_Type: 'web'\n    WorkspaceResourceId: law.id\n    IngestionMode: 'LogAnalytics'\n  }\n}",
    severity: 'medium',
    family: 'logging',
    baseline: 'standard',
    appliesTo: [COMPONENT],
    frameworks: FW.logging(),
    azurePolicy: 'Azure Monitor Logs for Application Insights should be linked to a Log Analytics workspace',
    helpUri: `${DOCS}/convert-classic-resource`,
    check: present('properties.WorkspaceResourceId', 'the id of a Log Analytics workspace', always('fail', 'the component is classic (not linked to a Log Analytics workspace)')),
  }),
];
