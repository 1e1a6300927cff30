import assert from 'node:assert/strict';
import { isArmParametersFile, isArmTemplate, targetScopeOfTemplate } from '../../src/core/arm';
import { parseRelativeResourceRef, resourceIdAt, scopeId, splitProvidersForm } from '../../src/core/arm/resource-ids';
import type { ArmScope } from '../../src/core/arm/types';

describe('ARM file detection', () => {
  it('recognises templates by $schema at every scope, and old ones by resources + contentVersion', () => {
    assert.equal(isArmTemplate({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', resources: [] }), true);
    assert.equal(isArmTemplate({ $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#' }), true);
    assert.equal(isArmTemplate({ contentVersion: '1.0.0.0', resources: [] }), true);
    assert.equal(isArmTemplate({ contentVersion: '1.0.0.0', languageVersion: '2.0', resources: {} }), true);
    assert.equal(isArmTemplate({ resources: [] }), false);
    assert.equal(isArmTemplate({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', contentVersion: '1.0.0.0', parameters: {} }), false);
    assert.equal(isArmTemplate([]), false);
    assert.equal(isArmTemplate(null), false);
    assert.equal(isArmTemplate({ format_version: '1.2', resource_changes: [] }), false);
  });

  it('recognises parameters files by $schema only', () => {
    assert.equal(isArmParametersFile({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#', parameters: {} }), true);
    assert.equal(isArmParametersFile({ parameters: {} }), false);
    assert.equal(isArmParametersFile('deploymentParameters.json'), false);
  });

  it('reads the target scope from the $schema', () => {
    const s = (name: string) => ({ $schema: `https://schema.management.azure.com/schemas/2019-08-01/${name}.json#` });
    assert.equal(targetScopeOfTemplate(s('deploymentTemplate')), 'resourceGroup');
    assert.equal(targetScopeOfTemplate(s('subscriptionDeploymentTemplate')), 'subscription');
    assert.equal(targetScopeOfTemplate(s('managementGroupDeploymentTemplate')), 'managementGroup');
    assert.equal(targetScopeOfTemplate(s('tenantDeploymentTemplate')), 'tenant');
    assert.equal(targetScopeOfTemplate({}), 'resourceGroup');
  });
});

describe('ARM resource ids', () => {
  const rg: ArmScope = { targetScope: 'resourceGroup', tenantId: 't', subscriptionId: 's', resourceGroup: { name: 'rg', location: 'l' }, deploymentName: 'd', location: 'l' };
  const sub: ArmScope = { targetScope: 'subscription', tenantId: 't', subscriptionId: 's', deploymentName: 'd', location: 'l' };
  const mg: ArmScope = { targetScope: 'managementGroup', tenantId: 't', managementGroup: 'mg1', deploymentName: 'd', location: 'l' };
  const tenant: ArmScope = { targetScope: 'tenant', tenantId: 't', deploymentName: 'd', location: 'l' };

  it('builds ids at each scope', () => {
    assert.equal(scopeId(rg), '/subscriptions/s/resourceGroups/rg');
    assert.equal(resourceIdAt(rg, 'Microsoft.Network/virtualNetworks/subnets', 'v/sn'), '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v/subnets/sn');
    assert.equal(resourceIdAt(sub, 'Microsoft.Resources/resourceGroups', 'rg2'), '/subscriptions/s/resourceGroups/rg2');
    assert.equal(resourceIdAt(sub, 'Microsoft.Authorization/policyDefinitions', 'p'), '/subscriptions/s/providers/Microsoft.Authorization/policyDefinitions/p');
    assert.equal(resourceIdAt(mg, 'Microsoft.Authorization/policyDefinitions', 'p'), '/providers/Microsoft.Management/managementGroups/mg1/providers/Microsoft.Authorization/policyDefinitions/p');
    assert.equal(resourceIdAt(tenant, 'Microsoft.Management/managementGroups', 'mg2'), '/providers/Microsoft.Management/managementGroups/mg2');
  });

  it('refuses a name whose segments do not match the type', () => {
    assert.equal(resourceIdAt(rg, 'Microsoft.Network/virtualNetworks/subnets', 'sn'), undefined);
  });

  it('parses the relative Namespace/type/name reference', () => {
    assert.deepEqual(parseRelativeResourceRef('Microsoft.Storage/storageAccounts/sa/blobServices/default'), { type: 'Microsoft.Storage/storageAccounts/blobServices', name: 'sa/default' });
    assert.equal(parseRelativeResourceRef('Microsoft.Storage/storageAccounts'), undefined);
    assert.equal(parseRelativeResourceRef('storageAccounts/sa/x'), undefined);
  });

  it('splits the older providers form into target and extension', () => {
    assert.deepEqual(splitProvidersForm('Microsoft.Sql/servers/databases/providers/diagnosticSettings', 'srv/db/Microsoft.Insights/diag'), {
      target: { type: 'Microsoft.Sql/servers/databases', name: 'srv/db' },
      extension: { type: 'Microsoft.Insights/diagnosticSettings', name: 'diag' },
    });
    assert.equal(splitProvidersForm('Microsoft.Storage/storageAccounts', 'sa'), undefined);
  });
});
