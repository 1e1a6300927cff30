import { always, propertyCheck, tlsAtLeast } from './checks';
import { control, flag, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';

const CACHE = 'Microsoft.Cache/redis';
const DOCS = 'https://learn.microsoft.com/azure/azure-cache-for-redis';

export const REDIS_CONTROLS = [
  control({
    id: 'ISRM.Redis.MinTLS',
    title: 'Azure Cache for Redis requires TLS 1.2 or later',
    rationale: 'Cached data often holds session and query results from regulated stores; TLS 1.0 and 1.1 have known weaknesses.',
    remediation: "Set properties.minimumTlsVersion to '1.2'.",
    snippet: "resource redis 'Microsoft.Cache/redis@2024-03-01' = {\n  // ...\n  properties: {\n    minimumTlsVersion: '1.2'\n    enableNonSslPort: false\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [CACHE],
    frameworks: FW.inTransit(),
    helpUri: `${DOCS}/cache-remove-tls-10-11`,
    check: propertyCheck({
      path: 'properties.minimumTlsVersion',
      expected: "'1.2' or later",
      test: tlsAtLeast(1.2),
      whenMissing: always('fail', 'a cache without minimumTlsVersion was created accepting TLS 1.0 and 1.1'),
    }),
  }),
  control({
    id: 'ISRM.Redis.NonSslPortDisabled',
    title: 'Azure Cache for Redis has the non-TLS port disabled',
    rationale: 'Port 6379 carries commands and data, including the access key, in clear text.',
    remediation: 'Set properties.enableNonSslPort to false (or remove it; it is off by default).',
    snippet: "resource redis 'Microsoft.Cache/redis@2024-03-01' = {\n  // ...\n  properties: {\n    enableNonSslPort: false\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: [CACHE],
    frameworks: FW.inTransit(),
    azurePolicy: 'Only secure connections to your Azure Cache for Redis should be enabled',
    helpUri: `${DOCS}/cache-configure`,
    check: flag('properties.enableNonSslPort', false, always('pass', 'the non-TLS port is disabled by default')),
  }),
  control({
    id: 'ISRM.Redis.PublicNetworkAccess',
    title: 'Azure Cache for Redis disables public network access',
    rationale: 'The cache should be reachable only through private endpoints.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add a private endpoint (group 'redisCache').",
    snippet: "resource redis 'Microsoft.Cache/redis@2024-03-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: [CACHE],
    frameworks: FW.publicAccess(),
    azurePolicy: 'Azure Cache for Redis should disable public network access',
    helpUri: `${DOCS}/cache-private-link`,
    check: publicNetworkAccessDisabled(),
  }),
];
