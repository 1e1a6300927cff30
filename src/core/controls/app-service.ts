import type { NormalizedResource, ScanContext } from '../model';
import { isType, leafName, read, textEquals } from './access';
import { always, propertyCheck, tlsAtLeast, type Check } from './checks';
import { control, flag, oneOf, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';
import { childrenOf } from './relations';

const SITE = 'Microsoft.Web/sites';
const SLOT = 'Microsoft.Web/sites/slots';
const DOCS = 'https://learn.microsoft.com/azure/app-service';

/** The same setting lives in `properties.siteConfig` on a site and directly in `properties` on sites/config 'web'. */
function siteConfigPath(setting: string) {
  return (type: string) => (type.toLowerCase() === 'microsoft.web/sites/config' ? `properties.${setting}` : `properties.siteConfig.${setting}`);
}

const tlsPath = siteConfigPath('minTlsVersion');
const ftpsPath = siteConfigPath('ftpsState');
const CONFIG = 'Microsoft.Web/sites/config';

/**
 * A sites/config 'web' child that sets the setting is deployed after the site and replaces its
 * siteConfig value: that child is judged on its own, and the site's own value no longer counts.
 */
function setByWebConfig(r: NormalizedResource, ctx: ScanContext, setting: string): boolean {
  if (!isType(r, SITE)) return false;
  return childrenOf(ctx, r, CONFIG).some((c) => textEquals(leafName(c.name), 'web') && read(c, `properties.${setting}`) !== undefined);
}

function unlessSetByWebConfig(setting: string, check: Check): Check {
  return (r, ctx) => (setByWebConfig(r, ctx, setting) ? [] : check(r, ctx));
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
    appliesTo: [SITE, SLOT, 'Microsoft.Web/sites/config'],
    frameworks: FW.inTransit(),
    azurePolicy: 'App Service apps should use the latest TLS version',
    helpUri: `${DOCS}/overview-tls`,
    check: unlessSetByWebConfig('minTlsVersion', (r, ctx) =>
      propertyCheck({
        path: tlsPath(r.type),
        expected: "'1.2' or later",
        test: tlsAtLeast(1.2),
        whenMissing: always('pass', 'App Service defaults to a minimum of TLS 1.2'),
        inScope: (res) => res.type.toLowerCase() !== 'microsoft.web/sites/config' || res.name.toLowerCase().endsWith('/web'),
      })(r, ctx),
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
    appliesTo: [SITE, SLOT, 'Microsoft.Web/sites/config'],
    frameworks: FW.inTransit(),
    azurePolicy: 'App Service apps should require FTPS only',
    helpUri: `${DOCS}/deploy-ftp`,
    check: unlessSetByWebConfig('ftpsState', (r, ctx) =>
      oneOf(ftpsPath(r.type), ['Disabled', 'FtpsOnly'], always('fail', "ftpsState defaults to 'AllAllowed', which accepts plain FTP"), (res) =>
        res.type.toLowerCase() !== 'microsoft.web/sites/config' || res.name.toLowerCase().endsWith('/web'),
      )(r, ctx),
    ),
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
