// Deployment functions (parameters, variables, copyIndex, deployment, environment) and scope
// functions (resourceGroup, subscription, tenant, managementGroup), answered from the context.

import { Unknown } from '../../../model';
import type { CallSite, FunctionDef } from '../evaluator';
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

// What only Azure knows about the scope. Unknown carries no mutable state, so one instance each is shared.
const RG_MANAGED_BY = new Unknown('resourceGroup().managedBy is only known in Azure');
const RG_TAGS = new Unknown('resourceGroup().tags are only known in Azure');
const SUB_DISPLAY_NAME = new Unknown('subscription().displayName is only known in Azure');
const TENANT_COUNTRY = new Unknown('tenant().countryCode is only known in Azure');
const TENANT_DISPLAY_NAME = new Unknown('tenant().displayName is only known in Azure');
const MG_PROPERTIES = new Unknown('managementGroup().properties are only known in Azure');
const DEPLOYMENT_TEMPLATE_LINK = new Unknown('deployment().properties.templateLink depends on how the template is deployed');
const DEPLOYMENT_TEMPLATE = new Unknown('deployment().properties.template is only known in Azure');
const DEPLOYMENT_HASH = new Unknown('deployment().properties.templateHash is only known in Azure');
const DEPLOYMENT_PARAMETERS = new Unknown('deployment().properties.parameters is only known in Azure');

// The scope objects are built as literals with fixed key names (fresh per call, so callers may keep them):
// resourceGroup().id is among the most frequent expressions in real templates.
function resourceGroup(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  if (scope.resourceGroup === undefined || scope.subscriptionId === undefined) {
    site.fail(`resourceGroup() is only available in a resource group deployment; this deployment targets the ${scope.targetScope} scope.`);
  }
  return {
    id: `/subscriptions/${scope.subscriptionId}/resourceGroups/${scope.resourceGroup.name}`,
    name: scope.resourceGroup.name,
    type: 'Microsoft.Resources/resourceGroups',
    location: scope.resourceGroup.location,
    managedBy: RG_MANAGED_BY,
    tags: RG_TAGS,
    properties: { provisioningState: 'Succeeded' },
  };
}

function subscription(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  if (scope.subscriptionId === undefined) {
    site.fail(`subscription() is only available in subscription and resource group deployments; this deployment targets the ${scope.targetScope} scope.`);
  }
  return {
    id: `/subscriptions/${scope.subscriptionId}`,
    subscriptionId: scope.subscriptionId,
    tenantId: scope.tenantId,
    displayName: SUB_DISPLAY_NAME,
  };
}

function tenant(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  return { id: `/tenants/${scope.tenantId}`, tenantId: scope.tenantId, countryCode: TENANT_COUNTRY, displayName: TENANT_DISPLAY_NAME };
}

function managementGroup(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  if (scope.managementGroup === undefined) {
    site.fail(`managementGroup() is only available in a management group deployment; this deployment targets the ${scope.targetScope} scope.`);
  }
  return {
    id: `/providers/Microsoft.Management/managementGroups/${scope.managementGroup}`,
    name: scope.managementGroup,
    type: 'Microsoft.Management/managementGroups',
    properties: MG_PROPERTIES,
  };
}

function deployment(_args: unknown[], site: CallSite): unknown {
  const scope = site.ctx.scope;
  const properties = {
    templateLink: DEPLOYMENT_TEMPLATE_LINK,
    template: DEPLOYMENT_TEMPLATE,
    templateHash: DEPLOYMENT_HASH,
    parameters: DEPLOYMENT_PARAMETERS,
    mode: 'Incremental',
    provisioningState: 'Accepted',
  };
  // ARM only reports a location for deployments that are not at resource group scope.
  return scope.targetScope === 'resourceGroup'
    ? { name: scope.deploymentName, properties }
    : { name: scope.deploymentName, location: scope.location, properties };
}

/** fail(): the template's own assertion; reaching it means the deployment would fail with this message. */
function fail(args: unknown[], site: CallSite): never {
  return site.fail(`the template fails deliberately here: ${expectString(site, args, 0)}`);
}

export const deploymentFunctions: FunctionDef[] = [
  fn('fail', 1, 1, fail),
  fn('deployer', 0, 0, () => new Unknown('deployer() is the identity that runs the deployment')),
  fn('parameters', 1, 1, (args, site) => site.ctx.parameter(expectString(site, args, 0)), { byName: (name, ctx) => ctx.parameter(name) }),
  fn('variables', 1, 1, (args, site) => site.ctx.variable(expectString(site, args, 0)), { byName: (name, ctx) => ctx.variable(name) }),
  fn('copyIndex', 0, 2, copyIndex),
  fn('deployment', 0, 0, deployment),
  fn('environment', 0, 0, () => toSafeJson(AZURE_CLOUD)),
  fn('resourceGroup', 0, 0, resourceGroup),
  fn('subscription', 0, 0, subscription),
  fn('tenant', 0, 0, tenant),
  fn('managementGroup', 0, 0, managementGroup),
];
