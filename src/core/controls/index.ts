// The ISRM control catalogue: every control, sorted by id. A control is evaluated for the resources
// whose type is in its `appliesTo` (case-insensitive).

import type { Baseline, ControlDefinition } from '../model';
import { typeKey } from './access';
import { AKS_CONTROLS } from './aks';
import { APP_INSIGHTS_CONTROLS } from './app-insights';
import { APP_SERVICE_CONTROLS } from './app-service';
import { APPLICATION_GATEWAY_CONTROLS } from './application-gateway';
import { COGNITIVE_SERVICES_CONTROLS } from './cognitive-services';
import { CONTAINER_REGISTRY_CONTROLS } from './container-registry';
import { COSMOSDB_CONTROLS } from './cosmosdb';
import { DATA_FACTORY_CONTROLS } from './data-factory';
import { DATABRICKS_CONTROLS } from './databricks';
import { DEFENDER_CONTROLS } from './defender';
import { DIAGNOSTICS_CONTROLS } from './diagnostics';
import { ENVIRONMENT_CONTROLS } from './environments';
import { EVENT_HUB_CONTROLS } from './event-hub';
import { FIREWALL_CONTROLS } from './firewall';
import { KEYVAULT_CONTROLS } from './keyvault';
import { MACHINE_LEARNING_CONTROLS } from './machine-learning';
import { NETWORK_CONTROLS } from './network';
import { OPEN_SOURCE_DATABASE_CONTROLS } from './open-source-databases';
import { POLICY_CONTROLS } from './policy';
import { PRIVATE_ENDPOINT_CONTROLS } from './private-endpoints';
import { PURVIEW_CONTROLS } from './purview';
import { RBAC_CONTROLS } from './rbac';
import { REDIS_CONTROLS } from './redis';
import { SERVICE_BUS_CONTROLS } from './service-bus';
import { SQL_CONTROLS } from './sql';
import { STORAGE_CONTROLS } from './storage';
import { SYNAPSE_CONTROLS } from './synapse';
import { TAGGING_CONTROLS } from './tagging';

function catalogue(groups: readonly (readonly ControlDefinition[])[]): readonly ControlDefinition[] {
  const all = groups.flat().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < all.length; i++) {
    if (all[i]!.id === all[i - 1]!.id) throw new Error(`duplicate control id ${all[i]!.id}`);
  }
  return Object.freeze(all);
}

export const CONTROLS: readonly ControlDefinition[] = catalogue([
  AKS_CONTROLS,
  APP_INSIGHTS_CONTROLS,
  APP_SERVICE_CONTROLS,
  APPLICATION_GATEWAY_CONTROLS,
  COGNITIVE_SERVICES_CONTROLS,
  CONTAINER_REGISTRY_CONTROLS,
  COSMOSDB_CONTROLS,
  DATA_FACTORY_CONTROLS,
  DATABRICKS_CONTROLS,
  DEFENDER_CONTROLS,
  DIAGNOSTICS_CONTROLS,
  ENVIRONMENT_CONTROLS,
  EVENT_HUB_CONTROLS,
  FIREWALL_CONTROLS,
  KEYVAULT_CONTROLS,
  MACHINE_LEARNING_CONTROLS,
  NETWORK_CONTROLS,
  OPEN_SOURCE_DATABASE_CONTROLS,
  POLICY_CONTROLS,
  PRIVATE_ENDPOINT_CONTROLS,
  PURVIEW_CONTROLS,
  RBAC_CONTROLS,
  REDIS_CONTROLS,
  SERVICE_BUS_CONTROLS,
  SQL_CONTROLS,
  STORAGE_CONTROLS,
  SYNAPSE_CONTROLS,
  TAGGING_CONTROLS,
]);

const BY_ID = new Map(CONTROLS.map((c) => [c.id.toLowerCase(), c]));

/** Controls in a baseline, in id order. `hbi` includes every `standard` control. */
export function controlsForBaseline(baseline: Baseline): readonly ControlDefinition[] {
  return CONTROLS.filter((c) => c.baselines.includes(baseline));
}

/** A control by id (case-insensitive), or undefined. */
export function controlById(id: string): ControlDefinition | undefined {
  return BY_ID.get(id.toLowerCase());
}

/** Whether a control is evaluated for a resource type (`appliesTo` is matched case-insensitively, as the scan does). */
export function controlAppliesTo(control: ControlDefinition, resourceType: string): boolean {
  const t = typeKey(resourceType);
  return control.appliesTo.some((a) => typeKey(a) === t);
}

