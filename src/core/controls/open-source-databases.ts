import { always, propertyCheck, tlsAtLeast } from './checks';
import { control, oneOf, publicNetworkAccessDisabled } from './define';
import { FW } from './frameworks';

/** Single-server MySQL, PostgreSQL and MariaDB share the same connection security properties. */
const SERVERS = ['Microsoft.DBforMariaDB/servers', 'Microsoft.DBforMySQL/servers', 'Microsoft.DBforPostgreSQL/servers'];

export const OPEN_SOURCE_DATABASE_CONTROLS = [
  control({
    id: 'ISRM.OpenSourceDb.SslEnforcement',
    title: 'MySQL, PostgreSQL and MariaDB servers enforce SSL connections',
    rationale: 'Without SSL enforcement clients can connect in clear text and expose credentials and data.',
    remediation: "Set properties.sslEnforcement to 'Enabled' (the default) together with minimalTlsVersion 'TLS1_2'.",
    snippet: "resource pg 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {\n  // ...\n  properties: {\n    sslEnforcement: 'Enabled'\n    minimalTlsVersion: 'TLS1_2'\n  }\n}",
    severity: 'high',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: SERVERS,
    frameworks: FW.inTransit(),
    azurePolicy: 'Enforce SSL connection should be enabled for PostgreSQL database servers',
    helpUri: 'https://learn.microsoft.com/azure/postgresql/single-server/concepts-ssl-connection-security',
    check: oneOf('properties.sslEnforcement', ['Enabled'], always('pass', 'SSL enforcement is enabled by default')),
  }),
  control({
    id: 'ISRM.OpenSourceDb.MinTLS',
    title: 'MySQL, PostgreSQL and MariaDB servers require TLS 1.2',
    rationale: 'TLS 1.0 and 1.1 have known weaknesses.',
    remediation: "Set properties.minimalTlsVersion to 'TLS1_2'.",
    snippet: "resource mysql 'Microsoft.DBforMySQL/servers@2017-12-01' = {\n  // ...\n  properties: {\n    sslEnforcement: 'Enabled'\n    minimalTlsVersion: 'TLS1_2'\n  }\n}",
    severity: 'medium',
    family: 'encryption',
    baseline: 'standard',
    appliesTo: SERVERS,
    frameworks: FW.inTransit(),
    helpUri: 'https://learn.microsoft.com/azure/mysql/single-server/how-to-tls-configurations',
    check: propertyCheck({
      path: 'properties.minimalTlsVersion',
      expected: "'TLS1_2'",
      test: tlsAtLeast(1.2),
      whenMissing: always('fail', "minimalTlsVersion defaults to 'TLSEnforcementDisabled', which accepts any TLS version"),
    }),
  }),
  control({
    id: 'ISRM.OpenSourceDb.PublicNetworkAccess',
    title: 'MySQL, PostgreSQL and MariaDB servers disable public network access',
    rationale: 'Databases should be reachable only through private endpoints, never from the internet.',
    remediation: "Set properties.publicNetworkAccess to 'Disabled' and add a private endpoint.",
    snippet: "resource pg 'Microsoft.DBforPostgreSQL/servers@2017-12-01' = {\n  // ...\n  properties: {\n    publicNetworkAccess: 'Disabled'\n  }\n}",
    severity: 'high',
    family: 'network',
    baseline: 'standard',
    appliesTo: SERVERS,
    frameworks: FW.publicAccess(),
    helpUri: 'https://learn.microsoft.com/azure/postgresql/single-server/concepts-data-access-and-security-private-link',
    check: publicNetworkAccessDisabled(),
  }),
];
