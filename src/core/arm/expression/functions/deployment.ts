// Deployment functions (parameters, variables, copyIndex, deployment, environment) and scope
// functions (resourceGroup, subscription, tenant, managementGroup), answered from the context.

import { Unknown } from '../../../model';
import type { CallSite, FunctionDef } from '../evaluator';
import { objectFromEntries } from '../values';
import { expectInt, expectString, fn, wrongType } from './args';
import { AZURE_CLOUD } from './environment';
import { toSafeJson } from '../values';

function copyIndex(args: unknown[], site: CallSite): unknown {
  let loop: string | undefined;
  let offset = 0;
  if (args.length === 2) {
    loop = expectString(site, args, 0);
    offset = expectInt(site, args, 1);
  } else if (args.length === 1) {
    if (typeof args[0] === 'string') loop = args[0];
    else if (typeof args[0] === 'number' && Number.isInteger(args[0])) offset = args[0];
    else wrongType(site, 0, 'a loop name (String) or an offset (Integer)', args[0]);
  }
  return site.ctx.copyIndex(loop) + offset;
}

function resourceGroup(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  if (scope.resourceGroup === undefined || scope.subscriptionId === undefined) {
    site.fail(`resourceGroup() is only available in a resource group deployment; this deployment targets the ${scope.targetScope} scope.`);
  }
  return objectFromEntries([
    ['id', `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup.name}`],
    ['name', scope.resourceGroup.name],
    ['type', 'Microsoft.Resources/resourceGroups'],
    ['location', scope.resourceGroup.location],
    ['managedBy', new Unknown('resourceGroup().managedBy is only known in Azure')],
    ['tags', new Unknown('resourceGroup().tags are only known in Azure')],
    ['properties', objectFromEntries([['provisioningState', 'Succeeded']])],
  ]);
}

function subscription(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  if (scope.subscriptionId === undefined) {
    site.fail(`subscription() is only available in subscription and resource group deployments; this deployment targets the ${scope.targetScope} scope.`);
  }
  return objectFromEntries([
    ['id', `/subscriptions/${scope.subscriptionId}`],
    ['subscriptionId', scope.subscriptionId],
    ['tenantId', scope.tenantId],
    ['displayName', new Unknown('subscription().displayName is only known in Azure')],
  ]);
}

function tenant(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  return objectFromEntries([
    ['id', `/tenants/${scope.tenantId}`],
    ['tenantId', scope.tenantId],
    ['countryCode', new Unknown('tenant().countryCode is only known in Azure')],
    ['displayName', new Unknown('tenant().displayName is only known in Azure')],
  ]);
}

function managementGroup(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  if (scope.managementGroup === undefined) {
    site.fail(`managementGroup() is only available in a management group deployment; this deployment targets the ${scope.targetScope} scope.`);
  }
  return objectFromEntries([
    ['id', `/providers/Microsoft.Management/managementGroups/${scope.managementGroup}`],
    ['name', scope.managementGroup],
    ['type', 'Microsoft.Management/managementGroups'],
    ['properties', new Unknown('managementGroup().properties are only known in Azure')],
  ]);
}

function deployment(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  const entries: [string, unknown][] = [
    ['name', scope.deploymentName],
    [
      'properties',
      objectFromEntries([
        ['templateLink', new Unknown('deployment().properties.templateLink depends on how the template is deployed')],
        ['template', new Unknown('deployment().properties.template is only known in Azure')],
        ['templateHash', new Unknown('deployment().properties.templateHash is only known in Azure')],
        ['parameters', new Unknown('deployment().properties.parameters is only known in Azure')],
        ['mode', 'Incremental'],
        ['provisioningState', 'Accepted'],
      ]),
    ],
  ];
  // ARM only reports a location for deployments that are not at resource group scope.
  if (scope.targetScope !== 'resourceGroup') entries.splice(1, 0, ['location', scope.location]);
  return objectFromEntries(entries);
}

export const deploymentFunctions: FunctionDef[] = [
  fn('parameters', 1, 1, (args, site) => site.ctx.parameter(expectString(site, args, 0))),
  fn('variables', 1, 1, (args, site) => site.ctx.variable(expectString(site, args, 0))),
  fn('copyIndex', 0, 2, copyIndex),
  fn('deployment', 0, 0, deployment),
  fn('environment', 0, 0, () => toSafeJson(AZURE_CLOUD)),
  fn('resourceGroup', 0, 0, resourceGroup),
  fn('subscription', 0, 0, subscription),
  fn('tenant', 0, 0, tenant),
  fn('managementGroup', 0, 0, managementGroup),
];
