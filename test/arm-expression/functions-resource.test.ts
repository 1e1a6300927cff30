// Resource, scope and deployment functions: ids built exactly as Azure builds them for each scope.
import assert from 'node:assert/strict';
import { isUnknown } from '../../src/core/model';
import { SUBSCRIPTION, TENANT, ev, makeCtx } from './helpers';

const RG_ID = `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-data`;

describe('arm-expression resource id functions', () => {
  it('resourceId in a resource group deployment', () => {
    assert.equal(ev("resourceId('Microsoft.Storage/storageAccounts', 'stdata')"), `${RG_ID}/providers/Microsoft.Storage/storageAccounts/stdata`);
    assert.equal(
      ev("resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet-hub', 'snet-pe')"),
      `${RG_ID}/providers/Microsoft.Network/virtualNetworks/vnet-hub/subnets/snet-pe`,
    );
    assert.equal(
      ev("resourceId('otherRG', 'Microsoft.Storage/storageAccounts', 'st')"),
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/otherRG/providers/Microsoft.Storage/storageAccounts/st`,
    );
    assert.equal(
      ev("resourceId('11111111-1111-1111-1111-111111111111', 'otherRG', 'Microsoft.Storage/storageAccounts', 'st')"),
      '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/otherRG/providers/Microsoft.Storage/storageAccounts/st',
    );
  });

  it('resourceId checks the number of names against the type', () => {
    assert.throws(() => ev("resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')"), /'resourceId'.*needs 2 name segment\(s\), got 1/);
    assert.throws(() => ev("resourceId('a', 'b', 'c', 'Microsoft.Storage/storageAccounts', 'x')"), /at most 2 argument\(s\) before the resource type/);
    assert.throws(() => ev("resourceId('rg', 'name')"), /none of the arguments is a resource type/);
  });

  it('resourceId at subscription, management group and tenant scope', () => {
    const sub = makeCtx({ scope: { targetScope: 'subscription', resourceGroup: undefined } });
    assert.equal(
      ev("resourceId('Microsoft.Authorization/policyAssignments', 'pa')", sub),
      `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/policyAssignments/pa`,
    );
    assert.equal(
      ev("resourceId('rg-x', 'Microsoft.Storage/storageAccounts', 'st')", sub),
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/st`,
    );
    const mg = makeCtx({ scope: { targetScope: 'managementGroup', subscriptionId: undefined, resourceGroup: undefined, managementGroup: 'mg-lz' } });
    assert.equal(
      ev("resourceId('Microsoft.Authorization/policyDefinitions', 'pd')", mg),
      '/providers/Microsoft.Management/managementGroups/mg-lz/providers/Microsoft.Authorization/policyDefinitions/pd',
    );
    assert.equal(
      ev("resourceId('33333333-3333-3333-3333-333333333333', 'rg', 'Microsoft.Storage/storageAccounts', 'st')", mg),
      '/subscriptions/33333333-3333-3333-3333-333333333333/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st',
    );
    assert.throws(() => ev("resourceId('rg', 'Microsoft.Storage/storageAccounts', 'st')", mg), /'resourceId'.*no subscription/);
    const tenant = makeCtx({ scope: { targetScope: 'tenant', subscriptionId: undefined, resourceGroup: undefined } });
    assert.equal(ev("resourceId('Microsoft.Management/managementGroups', 'mg1')", tenant), '/providers/Microsoft.Management/managementGroups/mg1');
  });

  it('subscriptionResourceId, tenantResourceId, managementGroupResourceId, extensionResourceId', () => {
    assert.equal(
      ev("subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')"),
      `/subscriptions/${SUBSCRIPTION}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c`,
    );
    assert.equal(
      ev("subscriptionResourceId('22222222-2222-2222-2222-222222222222', 'Microsoft.Resources/resourceGroups', 'rg')"),
      '/subscriptions/22222222-2222-2222-2222-222222222222/providers/Microsoft.Resources/resourceGroups/rg',
    );
    assert.equal(ev("tenantResourceId('Microsoft.Authorization/policyDefinitions', 'p1')"), '/providers/Microsoft.Authorization/policyDefinitions/p1');
    assert.equal(
      ev("managementGroupResourceId('mg-a', 'Microsoft.Authorization/policySetDefinitions', 'ps')"),
      '/providers/Microsoft.Management/managementGroups/mg-a/providers/Microsoft.Authorization/policySetDefinitions/ps',
    );
    assert.equal(
      ev("extensionResourceId(resourceId('Microsoft.KeyVault/vaults', 'kv'), 'Microsoft.Insights/diagnosticSettings', 'toLaw')"),
      `${RG_ID}/providers/Microsoft.KeyVault/vaults/kv/providers/Microsoft.Insights/diagnosticSettings/toLaw`,
    );
    assert.equal(
      ev("extensionResourceId(resourceGroup().id, 'Microsoft.Authorization/locks', 'lock')"),
      `${RG_ID}/providers/Microsoft.Authorization/locks/lock`,
    );
  });

  it('reference and list* go to ctx.reference, otherwise they are Unknown', () => {
    assert.ok(isUnknown(ev("reference(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01').primaryEndpoints.blob")));
    assert.ok(isUnknown(ev("listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), '2023-01-01').keys[0].value")));
    assert.ok(isUnknown(ev("listAccountSas('id', '2023-01-01', createObject())")));
    assert.ok(isUnknown(ev("pickZones('Microsoft.Compute', 'virtualMachines', 'westeurope')")));
    const seen: unknown[] = [];
    const ctx = makeCtx({
      reference: (target, apiVersion, full) => {
        seen.push(target, apiVersion, full);
        return { properties: { state: 'Enabled' } };
      },
    });
    assert.equal(ev("reference('kv', '2023-01-01', 'Full').properties.state", ctx), 'Enabled');
    assert.deepEqual(seen, ['kv', '2023-01-01', 'Full']);
  });
});

describe('arm-expression scope and deployment functions', () => {
  it('resourceGroup(), subscription(), tenant()', () => {
    assert.equal(ev('resourceGroup().id'), RG_ID);
    assert.equal(ev('resourceGroup().name'), 'rg-data');
    assert.equal(ev('resourceGroup().location'), 'westeurope');
    assert.equal(ev('resourceGroup().type'), 'Microsoft.Resources/resourceGroups');
    assert.equal(ev('subscription().id'), `/subscriptions/${SUBSCRIPTION}`);
    assert.equal(ev('subscription().subscriptionId'), SUBSCRIPTION);
    assert.equal(ev('subscription().tenantId'), TENANT);
    assert.ok(isUnknown(ev('subscription().displayName')));
    assert.equal(ev('tenant().tenantId'), TENANT);
    assert.equal(ev('tenant().id'), `/tenants/${TENANT}`);
  });

  it('scope functions fail outside their scope', () => {
    const sub = makeCtx({ scope: { targetScope: 'subscription', resourceGroup: undefined } });
    assert.throws(() => ev('resourceGroup()', sub), /'resourceGroup'.*only available in a resource group deployment/);
    assert.throws(() => ev('managementGroup()'), /'managementGroup'.*only available in a management group deployment/);
    const mg = makeCtx({ scope: { targetScope: 'managementGroup', subscriptionId: undefined, resourceGroup: undefined, managementGroup: 'mg-lz' } });
    assert.equal(ev('managementGroup().id', mg), '/providers/Microsoft.Management/managementGroups/mg-lz');
    assert.equal(ev('managementGroup().name', mg), 'mg-lz');
    assert.throws(() => ev('subscription()', mg), /'subscription'.*only available/);
  });

  it('deployment() has the name, and a location outside resource groups', () => {
    assert.equal(ev('deployment().name'), 'main');
    assert.equal(ev('deployment().properties.mode'), 'Incremental');
    assert.throws(() => ev('deployment().location'), /property 'location' does not exist/);
    const sub = makeCtx({ scope: { targetScope: 'subscription', resourceGroup: undefined, location: 'northeurope' } });
    assert.equal(ev('deployment().location', sub), 'northeurope');
    assert.ok(isUnknown(ev("uri(deployment().properties.templateLink.uri, 'nested.json')")));
  });

  it('environment() has the AzureCloud values', () => {
    assert.equal(ev('environment().name'), 'AzureCloud');
    assert.equal(ev('environment().resourceManager'), 'https://management.azure.com/');
    assert.equal(ev('environment().authentication.loginEndpoint'), 'https://login.microsoftonline.com/');
    assert.equal(ev('environment().suffixes.storage'), 'core.windows.net');
    assert.equal(ev('environment().suffixes.keyvaultDns'), '.vault.azure.net');
    assert.equal(ev('environment().suffixes.sqlServerHostname'), '.database.windows.net');
    assert.equal(ev("concat('https://st.blob.', environment().suffixes.storage)"), 'https://st.blob.core.windows.net');
  });

  it('fail() stops with the template\'s own message only when it is reached; deployer() is Unknown', () => {
    assert.throws(() => ev("if(true(), fail('only one identity type'), 'ok')"), /'fail'.*fails deliberately here: only one identity type/);
    assert.equal(ev("if(false(), fail('never'), 'ok')"), 'ok');
    assert.ok(isUnknown(ev('deployer().objectId')));
    assert.ok(isUnknown(ev("roleDefinitions('Reader').id")));
  });

  it('parameters and variables come from the context, case-insensitively', () => {
    const ctx = makeCtx({ parameters: { Location: 'westeurope' }, variables: { prefix: 'ct' } });
    assert.equal(ev("parameters('location')", ctx), 'westeurope');
    assert.equal(ev("variables('PREFIX')", ctx), 'ct');
    assert.throws(() => ev('parameters(1)', ctx), /'parameters'.*argument 1 must be a String/);
  });
});
