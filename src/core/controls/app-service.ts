import type { NormalizedResource } from '../model';
import { isType, leafName, read, textEquals } from './access';
import { always, propertyCheck, tlsAtLeast, type Check, type PropertyRule } from './checks';
import { control, flag, oneOf, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';
import { childrenOf } from './relations';

const SITE = 'Microsoft.Web/sites';
const SLOT = 'Microsoft.Web/sites/slots';
const DOCS = 'https://learn.microsoft.com/azure/app-service';

const SITE_CONFIG = 'Microsoft.Web/sites/config';
const SLOT_CONFIG = 'Microsoft.Web/sites/slots/config';

type Scope = PropertyRule['inScope'];

function isWebConfig(res: NormalizedResource): boolean {
  return textEquals(leafName(res.name), 'web');
}

/**
 * A siteConfig setting. A site or slot holds it in `properties.siteConfig`; its config 'web' child
 * (sites/config or sites/slots/config) holds it in `properties`, and is deployed after its parent, so a
 * child that sets it replaces the parent's value: the child is then judged on its own and the parent not.
 * `judge` makes the check for one path; both are made once, so their message caches are shared.
 */
function siteConfigSetting(setting: string, judge: (path: string, inScope?: Scope) => Check): Check {
  const onApp = judge(`properties.siteConfig.${setting}`);
  const onConfig = judge(`properties.${setting}`, isWebConfig);
  return (r, ctx) => {
    if (isType(r, SITE_CONFIG) || isType(r, SLOT_CONFIG)) return onConfig(r, ctx);
    const configType = isType(r, SLOT) ? SLOT_CONFIG : SITE_CONFIG;
    const setByChild = childrenOf(ctx, r, configType).some((c) => isWebConfig(c) && read(c, `properties.${setting}`) !== undefined);
    return setByChild ? [] : onApp(r, ctx);
  };
}

export const APP_SERVICE_CONTROLS = [
  control({
    id: 'ISRM.AppService.HttpsOnly',
    title: 'App Service apps redirect HTTP to HTTPS',
    rationale: 'Plain HTTP exposes session tokens and data on the wire.',
    remediation: 'Set properties.httpsOnly to true.',
    snippet: "resource app 'Microsoft.Web/sites@2023-12-01' = {\n  // ...\n  properties: {\n    httpsOnly: true\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [SITE, SLOT],
    frameworks: FW.inTransit(),
    azurePolicy: 'App Service apps should only be accessible over HTTPS',
    helpUri: `${DOCS}/configure-ssl-bindings`,
    check: flag('properties.httpsOnly', true, always('fail', 'HTTP requests are served')),
  }),
  control({
    id: 'ISRM.AppService.MinTLS',
    title: 'App Service apps require TLS 1.2 or later',
    rationale: 'TLS 1.0 and 1.1 have known weaknesses.',
    remediation: "Set siteConfig.minTlsVersion to '1.2' (or '1.3').",
    snippet: "resource app 'Microsoft.Web/sites@2023-12-01' = {\n  // ...\n  properties: {\n    siteConfig: {\n      minTlsVersion: '1.2'\n    }\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [SITE, SLOT, SITE_CONFIG, SLOT_CONFIG],
    frameworks: FW.inTransit(),
    azurePolicy: 'App Service apps should use the latest TLS version',
    helpUri: `${DOCS}/overview-tls`,
    check: siteConfigSetting('minTlsVersion', (path, inScope) =>
      propertyCheck({ path, expected: "'1.2' or later", test: tlsAtLeast(1.2), whenMissing: always('pass', 'App Service defaults to a minimum of TLS 1.2'), inScope }),
    ),
  }),
  control({
    id: 'ISRM.AppService.FtpsState',
    title: 'App Service apps disable plain FTP',
    rationale: 'Plain FTP sends deployment credentials and content unencrypted.',
    remediation: "Set siteConfig.ftpsState to 'Disabled' (or 'FtpsOnly' where FTP deployment is still needed).",
    snippet: "resource app 'Microsoft.Web/sites@2023-12-01' = {\n  // ...\n  properties: {\n    siteConfig: {\n      ftpsState: 'Disabled'\n    }\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [SITE, SLOT, SITE_CONFIG, SLOT_CONFIG],
    frameworks: FW.inTransit(),
    azurePolicy: 'App Service apps should require FTPS only',
    helpUri: `${DOCS}/deploy-ftp`,
    check: siteConfigSetting('ftpsState', (path, inScope) => oneOf(path, ['Disabled', 'FtpsOnly'], always('fail', "ftpsState defaults to 'AllAllowed', which accepts plain FTP"), inScope)),
  }),
  control({
    id: 'ISRM.AppService.PublicNetworkAccess',
    title: 'App Service apps disable public network access',
    rationale: 'Internal applications should be reachable only through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add a private endpoint (group 'sites').",
    snippet: "resource app 'Microsoft.Web/sites@2023-12-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'hbi',
    appliesTo: [SITE, SLOT],
    frameworks: FW.publicAccess(),
    azurePolicy: 'App Service apps should disable public network access',
    helpUri: `${DOCS}/overview-private-endpoint`,
    check: publicNetworkAccessDisabled(),
  }),
];
