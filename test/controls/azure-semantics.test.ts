// Verdicts checked against the Azure resource providers' documented semantics: what a rule, a child
// resource or an API version really means to ARM, where the catalogue once judged it otherwise.

import assert from 'node:assert/strict';
import { controlById } from '../../src/core/controls';
import { RG_ID, evaluate, res, statuses, unknown } from './helpers';

const NSG = 'Microsoft.Network/networkSecurityGroups';
const inbound = (extra: Record<string, unknown>) => ({ direction: 'Inbound', access: 'Allow', protocol: 'Tcp', priority: 100, sourcePortRange: '*', destinationAddressPrefix: '*', ...extra });
const nsg = (...rules: Record<string, unknown>[]) => res(NSG, 'nsg', { securityRules: rules.map((properties, i) => ({ name: `rule${i}`, properties })) });

describe('NSG rules: every port, however it is spelled', () => {
  const ALL = 'ISRM.Network.NSGInboundAllPorts';

  it("fails '1-65535' from the internet: port 0 is reserved, so this is every usable port", () => {
    assert.deepEqual(statuses(evaluate(ALL, nsg(inbound({ sourceAddressPrefix: '*', destinationPortRange: '1-65535' })))), ['fail']);
  });

  it('fails destinationPortRanges that together cover every port', () => {
    assert.deepEqual(statuses(evaluate(ALL, nsg(inbound({ sourceAddressPrefix: 'Internet', destinationPortRanges: ['1001-65535', '0-1000'] })))), ['fail']);
    assert.deepEqual(statuses(evaluate(ALL, nsg(inbound({ sourceAddressPrefix: 'Internet', destinationPortRange: '1-80', destinationPortRanges: ['81-65535'] })))), ['fail']);
  });

  it('still passes ranges that leave a port out', () => {
    assert.deepEqual(statuses(evaluate(ALL, nsg(inbound({ sourceAddressPrefix: 'Internet', destinationPortRanges: ['1-1000', '1002-65535'] })))), ['pass']);
    assert.deepEqual(statuses(evaluate(ALL, nsg(inbound({ sourceAddressPrefix: 'Internet', destinationPortRange: '2-65535' })))), ['pass']);
  });
});

describe('settings a child resource declares win over the parent property (ARM deploys the child after its parent)', () => {
  const SQL = 'Microsoft.Sql/servers';

  it('ISRM.Sql.EntraOnlyAuth: an azureADOnlyAuthentications child turning it off fails the server that turns it on', () => {
    const set = [res(SQL, 'sql', { administrators: { azureADOnlyAuthentication: true } }), res(`${SQL}/azureADOnlyAuthentications`, 'sql/Default', { azureADOnlyAuthentication: false })];
    assert.deepEqual(statuses(evaluate('ISRM.Sql.EntraOnlyAuth', set)), ['fail']);
  });

  it('ISRM.Sql.TDEProtectorCMK: an encryptionProtector with a service-managed key fails the server with a keyId', () => {
    const set = [res(SQL, 'sql', { keyId: 'https://kv.vault.azure.net/keys/tde/0123' }), res(`${SQL}/encryptionProtector`, 'sql/current', { serverKeyType: 'ServiceManaged' })];
    assert.deepEqual(statuses(evaluate('ISRM.Sql.TDEProtectorCMK', set)), ['fail']);
  });

  it('ISRM.Synapse.EntraOnlyAuth: the child decides, and an unknown child value needs review', () => {
    const SYN = 'Microsoft.Synapse/workspaces';
    const own = res(SYN, 'syn', { azureADOnlyAuthentication: true });
    assert.deepEqual(statuses(evaluate('ISRM.Synapse.EntraOnlyAuth', [own, res(`${SYN}/azureADOnlyAuthentications`, 'syn/default', { azureADOnlyAuthentication: 'false' })])), ['fail']);
    assert.deepEqual(statuses(evaluate('ISRM.Synapse.EntraOnlyAuth', [own, res(`${SYN}/azureADOnlyAuthentications`, 'syn/default', { azureADOnlyAuthentication: unknown() })])), ['unknown']);
  });

  it("needs review when the server's own setting passes but a child of a parent only known after deployment turns it off", () => {
    const maybeOurs = (value: unknown) =>
      res(`${SQL}/azureADOnlyAuthentications`, 'x/Default', { azureADOnlyAuthentication: value }, { id: `${RG_ID}/providers/Microsoft.Sql/servers/[unknown: parameters('n')]/azureADOnlyAuthentications/Default` });
    const server = res(SQL, 'sql', { administrators: { azureADOnlyAuthentication: true } });
    const [review] = evaluate('ISRM.Sql.EntraOnlyAuth', [server, maybeOurs(false)]);
    assert.equal(review?.status, 'unknown');
    assert.match(review!.message, /'x\/Default'.*false/);
    // A possible child that agrees, or sets nothing, cannot change the verdict.
    assert.deepEqual(statuses(evaluate('ISRM.Sql.EntraOnlyAuth', [server, maybeOurs(true)])), ['pass']);
    assert.deepEqual(statuses(evaluate('ISRM.Sql.EntraOnlyAuth', [server, maybeOurs(undefined)])), ['pass']);
  });

  it('the parent property still passes when the child does not set the value, and the child passes alone', () => {
    const set = [res(SQL, 'sql', { administrators: { azureADOnlyAuthentication: true } }), res(`${SQL}/azureADOnlyAuthentications`, 'sql/Default', {})];
    assert.deepEqual(statuses(evaluate('ISRM.Sql.EntraOnlyAuth', set)), ['pass']);
    const byChild = [res(SQL, 'sql', { administrators: { azureADOnlyAuthentication: false } }), res(`${SQL}/azureADOnlyAuthentications`, 'sql/Default', { azureADOnlyAuthentication: true })];
    assert.deepEqual(statuses(evaluate('ISRM.Sql.EntraOnlyAuth', byChild)), ['pass']);
  });
});

describe('service defaults that depend on an apiVersion only known after deployment', () => {
  const apiUnknown = { apiVersion: "[unknown: parameters('apiVersion') has no value]" };

  for (const [control, type] of [
    ['ISRM.Storage.BlobPublicAccess', 'Microsoft.Storage/storageAccounts'],
    ['ISRM.Storage.HttpsOnly', 'Microsoft.Storage/storageAccounts'],
    ['ISRM.KeyVault.RbacAuthorization', 'Microsoft.KeyVault/vaults'],
    ['ISRM.Databricks.NoPublicIp', 'Microsoft.Databricks/workspaces'],
    ['ISRM.ApplicationGateway.MinTLS', 'Microsoft.Network/applicationGateways'],
  ] as const) {
    it(`${control}: an absent property with an unknown apiVersion needs review, not a pass`, () => {
      const outcomes = evaluate(control, res(type, 'r1', {}, apiUnknown));
      assert.deepEqual(statuses(outcomes), ['unknown'], outcomes.map((o) => o.message).join(' | '));
      assert.match(outcomes[0]!.message, /apiVersion/);
    });
  }

  it('a known apiVersion still decides the default', () => {
    assert.deepEqual(statuses(evaluate('ISRM.Storage.BlobPublicAccess', res('Microsoft.Storage/storageAccounts', 'sa', {}, { apiVersion: '2023-05-01' }))), ['pass']);
    assert.deepEqual(statuses(evaluate('ISRM.Storage.BlobPublicAccess', res('Microsoft.Storage/storageAccounts', 'sa', {}, { apiVersion: '2022-09-01' }))), ['fail']);
  });
});

describe("ISRM.RBAC.CustomRoleNoWildcard: '*' in dataActions", () => {
  it("fails a custom role that grants every data action (every secret, blob and message at its scopes)", () => {
    const role = res('Microsoft.Authorization/roleDefinitions', 'rd', { permissions: [{ actions: ['Microsoft.Storage/storageAccounts/read'], dataActions: ['*'] }] });
    assert.deepEqual(statuses(evaluate('ISRM.RBAC.CustomRoleNoWildcard', role)), ['fail']);
  });
});

describe('App Service settings declared on the sites/config web child', () => {
  const WEB = 'Microsoft.Web/sites';

  it('ISRM.AppService.FtpsState: the site defers to its config/web child, which is judged on its own', () => {
    const set = [res(WEB, 'app', {}), res(`${WEB}/config`, 'app/web', { ftpsState: 'Disabled' })];
    assert.deepEqual(evaluate('ISRM.AppService.FtpsState', set), []);
    assert.deepEqual(statuses(evaluate('ISRM.AppService.FtpsState', set, undefined, set[1])), ['pass']);
  });

  it('ISRM.AppService.MinTLS: the child that ARM applies last decides', () => {
    const set = [res(WEB, 'app', { siteConfig: { minTlsVersion: '1.0' } }), res(`${WEB}/config`, 'app/web', { minTlsVersion: '1.2' })];
    assert.deepEqual(evaluate('ISRM.AppService.MinTLS', set), []);
    assert.deepEqual(statuses(evaluate('ISRM.AppService.MinTLS', set, undefined, set[1])), ['pass']);
    // And the other way round: the site's TLS 1.2 does not cover a child that lowers it.
    const lowered = [res(WEB, 'app', { siteConfig: { minTlsVersion: '1.2' } }), res(`${WEB}/config`, 'app/web', { minTlsVersion: '1.0' })];
    assert.deepEqual(evaluate('ISRM.AppService.MinTLS', lowered), []);
    assert.deepEqual(statuses(evaluate('ISRM.AppService.MinTLS', lowered, undefined, lowered[1])), ['fail']);
  });

  it("a child that does not set the property leaves the site's own value judged", () => {
    const set = [res(WEB, 'app', { siteConfig: { ftpsState: 'AllAllowed' } }), res(`${WEB}/config`, 'app/web', { alwaysOn: true })];
    assert.deepEqual(statuses(evaluate('ISRM.AppService.FtpsState', set)), ['fail']);
  });

  it('a deployment slot defers to its slots/config web child the same way, and that child is judged', () => {
    const SLOT = `${WEB}/slots`;
    const set = [res(SLOT, 'app/staging', {}), res(`${SLOT}/config`, 'app/staging/web', { minTlsVersion: '1.0', ftpsState: 'AllAllowed' })];
    for (const control of ['ISRM.AppService.MinTLS', 'ISRM.AppService.FtpsState']) {
      assert.deepEqual(evaluate(control, set), [], control);
      assert.deepEqual(statuses(evaluate(control, set, undefined, set[1])), ['fail'], control);
    }
    const other = [res(SLOT, 'app/staging', {}), res(`${SLOT}/config`, 'app/staging/appsettings', { ftpsState: 'AllAllowed' })];
    assert.deepEqual(evaluate('ISRM.AppService.FtpsState', other, undefined, other[1]), []);
  });

  it('a config child of another name (appsettings) does not count', () => {
    const set = [res(WEB, 'app', {}), res(`${WEB}/config`, 'app/appsettings', { ftpsState: 'Disabled' })];
    assert.deepEqual(statuses(evaluate('ISRM.AppService.FtpsState', set)), ['fail']);
  });
});

describe('ISRM.ApplicationGateway.MinTLS: the legacy sslPolicy form', () => {
  const AGW = 'Microsoft.Network/applicationGateways';

  it('passes disabledSslProtocols that turn off TLS 1.0 and 1.1', () => {
    assert.deepEqual(statuses(evaluate('ISRM.ApplicationGateway.MinTLS', res(AGW, 'agw', { sslPolicy: { disabledSslProtocols: ['TLSv1_0', 'tlsv1_1'] } }))), ['pass']);
  });

  it('fails disabledSslProtocols that leave TLS 1.1 on', () => {
    assert.deepEqual(statuses(evaluate('ISRM.ApplicationGateway.MinTLS', res(AGW, 'agw', { sslPolicy: { disabledSslProtocols: ['TLSv1_0'] } }))), ['fail']);
  });
});

describe('NSG rules: IPv6 sources that are the internet', () => {
  const MGMT = 'ISRM.Network.NSGManagementPorts';
  for (const source of ['2000::/3', '::/1', '0::/0', '2001::/8']) {
    it(`fails SSH from ${source}`, () => {
      assert.deepEqual(statuses(evaluate(MGMT, nsg(inbound({ sourceAddressPrefix: source, destinationPortRange: '22' })))), ['fail']);
    });
  }
  for (const source of ['fd00::/8', 'fe80::/10', '2001:db8::/32', 'fc00::/7']) {
    it(`passes SSH from ${source} (not internet-wide)`, () => {
      assert.deepEqual(statuses(evaluate(MGMT, nsg(inbound({ sourceAddressPrefixes: [source], destinationPortRange: '22' })))), ['pass']);
    });
  }
});

describe('Azure Policy names are built-in definitions', () => {
  it('ISRM.Redis.MinTLS names none: no built-in policy audits the Azure Cache for Redis minimum TLS version', () => {
    assert.equal(controlById('ISRM.Redis.MinTLS')!.azurePolicy, undefined);
  });
});

describe('NSG rules: an empty single value beside the plural list', () => {
  it("judges destinationPortRanges ['443'] with destinationPortRange '' as port 443, not every port", () => {
    const set = nsg(inbound({ sourceAddressPrefix: 'Internet', destinationPortRange: '', destinationPortRanges: ['443'] }));
    assert.deepEqual(statuses(evaluate('ISRM.Network.NSGInboundAllPorts', set)), ['pass']);
    assert.deepEqual(statuses(evaluate('ISRM.Network.NSGManagementPorts', set)), ['pass']);
  });

  it("still fails an internet rule whose only port value is empty (ARM would not accept it; nothing narrows it)", () => {
    assert.deepEqual(statuses(evaluate('ISRM.Network.NSGInboundAllPorts', nsg(inbound({ sourceAddressPrefix: 'Internet', destinationPortRange: '' })))), ['fail']);
    assert.deepEqual(statuses(evaluate('ISRM.Network.NSGInboundAllPorts', nsg(inbound({ sourceAddressPrefix: 'Internet' })))), ['fail']);
  });
});

describe('service firewalls: default deny with an IP rule for the whole internet', () => {
  for (const [control, type, rule] of [
    ['ISRM.Storage.NetworkDefaultDeny', 'Microsoft.Storage/storageAccounts', { value: '0.0.0.0/0', action: 'Allow' }],
    ['ISRM.KeyVault.NetworkDefaultDeny', 'Microsoft.KeyVault/vaults', { value: '128.0.0.0/1' }],
  ] as const) {
    it(`${control} fails defaultAction 'Deny' with ipRules ${rule.value}`, () => {
      const r = res(type, 'r1', { networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '203.0.113.7' }, rule] } });
      const outcomes = evaluate(control, r);
      assert.deepEqual(statuses(outcomes), ['fail']);
      assert.equal(outcomes[0]!.propertyPath, 'properties.networkAcls.ipRules.1.value');
    });

    it(`${control} passes narrow IP rules and needs review for unknown ones`, () => {
      assert.deepEqual(statuses(evaluate(control, res(type, 'r1', { networkAcls: { defaultAction: 'Deny', ipRules: [{ value: '203.0.113.0/24' }] } }))), ['pass']);
      assert.deepEqual(statuses(evaluate(control, res(type, 'r1', { networkAcls: { defaultAction: 'Deny', ipRules: [{ value: unknown() }] } }))), ['unknown']);
    });
  }
});

describe("service firewalls: publicNetworkAccess 'Disabled' leaves nothing for the firewall to admit", () => {
  for (const [control, type] of [
    ['ISRM.Storage.NetworkDefaultDeny', 'Microsoft.Storage/storageAccounts'],
    ['ISRM.KeyVault.NetworkDefaultDeny', 'Microsoft.KeyVault/vaults'],
  ] as const) {
    it(`${control} passes publicNetworkAccess 'Disabled' without networkAcls`, () => {
      assert.deepEqual(statuses(evaluate(control, res(type, 'r1', { publicNetworkAccess: 'disabled' }))), ['pass']);
    });

    it(`${control} needs review when the default allows and publicNetworkAccess is unknown`, () => {
      assert.deepEqual(statuses(evaluate(control, res(type, 'r1', { publicNetworkAccess: unknown(), networkAcls: { defaultAction: 'Allow' } }))), ['unknown']);
      assert.deepEqual(statuses(evaluate(control, res(type, 'r1', { publicNetworkAccess: 'Enabled' }))), ['fail']);
    });
  }
});

describe('ISRM.ApplicationGateway.MinTLS: SSL profiles with their own policy', () => {
  const AGW = 'Microsoft.Network/applicationGateways';
  const gw = (profiles: unknown) => res(AGW, 'agw', { sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20220101' }, sslProfiles: profiles }, { apiVersion: '2023-09-01' });

  it('fails a gateway whose listener profile uses a policy that accepts TLS 1.0', () => {
    const outcomes = evaluate('ISRM.ApplicationGateway.MinTLS', gw([{ name: 'legacy', properties: { sslPolicy: { policyType: 'Predefined', policyName: 'AppGwSslPolicy20150501' } } }]));
    assert.deepEqual(statuses(outcomes), ['fail']);
    assert.equal(outcomes[0]!.propertyPath, 'properties.sslProfiles.0.properties.sslPolicy.policyName');
    assert.match(outcomes[0]!.message, /SSL profile 'legacy'/);
  });

  it('passes profiles that inherit the gateway policy or set a TLS 1.2 one, and reviews unknown ones', () => {
    assert.deepEqual(statuses(evaluate('ISRM.ApplicationGateway.MinTLS', gw([{ name: 'a', properties: { clientAuthConfiguration: {} } }, { name: 'b', properties: { sslPolicy: { policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' } } }]))), ['pass']);
    assert.deepEqual(statuses(evaluate('ISRM.ApplicationGateway.MinTLS', gw([{ name: 'u', properties: { sslPolicy: { policyName: unknown() } } }]))), ['unknown']);
  });
});

describe('TLS 1.3, in every spelling the services use, passes every TLS 1.2+ control', () => {
  const cases: [string, string, Record<string, unknown>][] = [
    ['ISRM.Storage.MinTLS', 'Microsoft.Storage/storageAccounts', { minimumTlsVersion: 'TLS1_3' }],
    ['ISRM.Sql.MinTLS', 'Microsoft.Sql/servers', { minimalTlsVersion: '1.3' }],
    ['ISRM.Cosmos.MinTLS', 'Microsoft.DocumentDB/databaseAccounts', { minimalTlsVersion: 'Tls13' }],
    ['ISRM.AppService.MinTLS', 'Microsoft.Web/sites', { siteConfig: { minTlsVersion: '1.3' } }],
    ['ISRM.Redis.MinTLS', 'Microsoft.Cache/redis', { minimumTlsVersion: '1.3' }],
    ['ISRM.EventHub.MinTLS', 'Microsoft.EventHub/namespaces', { minimumTlsVersion: '1.3' }],
    ['ISRM.ServiceBus.MinTLS', 'Microsoft.ServiceBus/namespaces', { minimumTlsVersion: '1.3' }],
    ['ISRM.OpenSourceDb.MinTLS', 'Microsoft.DBforPostgreSQL/servers', { minimalTlsVersion: 'TLS1_3' }],
    ['ISRM.ApplicationGateway.MinTLS', 'Microsoft.Network/applicationGateways', { sslPolicy: { policyType: 'CustomV2', minProtocolVersion: 'TLSv1_3' } }],
  ];
  for (const [control, type, properties] of cases) {
    it(control, () => assert.deepEqual(statuses(evaluate(control, res(type, 'r1', properties))), ['pass']));
  }
});

describe('NSG rules: priorities (the first matching rule decides)', () => {
  const MGMT = 'ISRM.Network.NSGManagementPorts';
  const ALL = 'ISRM.Network.NSGInboundAllPorts';
  const deny = (extra: Record<string, unknown>) => ({ direction: 'Inbound', access: 'Deny', protocol: '*', sourcePortRange: '*', destinationAddressPrefix: '*', sourceAddressPrefix: 'Internet', ...extra });

  it('passes an internet Allow for SSH that a higher-priority Deny from the internet blocks', () => {
    const set = nsg(deny({ priority: 100, destinationPortRanges: ['22', '3389'] }), inbound({ priority: 200, sourceAddressPrefix: '*', destinationPortRange: '22' }));
    assert.deepEqual(statuses(evaluate(MGMT, set)), ['pass']);
  });

  it('passes an internet Allow to every port when a higher-priority Deny blocks all but 443', () => {
    const set = nsg(inbound({ priority: 300, sourceAddressPrefix: 'Internet', destinationPortRange: '*' }), deny({ priority: 200, destinationPortRanges: ['0-442', '444-65535'] }));
    assert.deepEqual(statuses(evaluate(ALL, set)), ['pass']);
    assert.deepEqual(statuses(evaluate(MGMT, set)), ['pass']);
  });

  it('names the ports a partly shadowed rule still leaves open, instead of saying the Deny rules block the rest', () => {
    const set = nsg(deny({ priority: 100, destinationPortRange: '22' }), inbound({ priority: 200, sourceAddressPrefix: '*', destinationPortRange: '*' }));
    const [all] = evaluate(ALL, set);
    assert.equal(all?.status, 'pass');
    assert.match(all!.message, /still open to it: 0-21, 23-65535/);
    assert.doesNotMatch(all!.message, /the rest/);
    const [mgmt] = evaluate(MGMT, nsg(deny({ priority: 100, destinationPortRange: '22' }), inbound({ priority: 200, sourceAddressPrefix: '*', destinationPortRanges: ['22', '443'] })));
    assert.equal(mgmt?.status, 'pass');
    assert.match(mgmt!.message, /still open to it: 443\b/);
    const [none] = evaluate(MGMT, nsg(deny({ priority: 100, destinationPortRange: '*' }), inbound({ priority: 200, sourceAddressPrefix: '*', destinationPortRange: '22' })));
    assert.match(none!.message, /block the internet on all of them/);
  });

  it('still fails when the Deny comes later, covers another protocol, leaves IPv6 open, or names a narrower destination', () => {
    const allow = inbound({ priority: 200, protocol: '*', sourceAddressPrefix: '*', destinationPortRange: '22' });
    for (const d of [
      deny({ priority: 300, destinationPortRange: '22' }),
      deny({ priority: 100, protocol: 'Udp', destinationPortRange: '22' }),
      deny({ priority: 100, sourceAddressPrefix: '0.0.0.0/0', destinationPortRange: '22' }),
      deny({ priority: 100, destinationAddressPrefix: '10.0.0.4', destinationPortRange: '22' }),
      deny({ priority: 100, sourcePortRange: '1024-65535', destinationPortRange: '22' }),
      deny({ priority: unknown(), destinationPortRange: '22' }),
    ]) {
      assert.deepEqual(statuses(evaluate(MGMT, nsg(d, allow))), ['fail'], JSON.stringify(d));
    }
    const fromV6 = inbound({ priority: 200, sourceAddressPrefix: '::/0', destinationPortRange: '22' });
    assert.deepEqual(statuses(evaluate(MGMT, nsg(deny({ priority: 100, destinationPortRange: '22' }), fromV6))), ['fail']);
    assert.deepEqual(statuses(evaluate(MGMT, nsg(deny({ priority: 100, sourceAddressPrefix: '*', destinationPortRange: '22' }), fromV6))), ['pass']);
  });
});
