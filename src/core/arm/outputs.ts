// `reference(<nested deployment>).outputs.x.value`: Bicep passes values from one module to the next this
// way. Outputs of deployments already expanded are evaluated (once, on first use); anything that depends
// on deployment-time state comes out as Unknown through the evaluator itself.

import { Unknown } from '../model';
import { setOwn, type JsonObject } from './json';

export interface DeploymentRecord {
  name: string;
  /** The evaluated `outputs` object, `{x: {type, value}}`; undefined when the template could not be read. */
  outputs: (() => JsonObject) | undefined;
}

/** Keyed by the deployment's resource id and by `{scope id of its parent}|{name}`, both lower case. */
export type DeploymentOutputs = Map<string, DeploymentRecord>;

const DEPLOYMENT_SEGMENT = '/providers/microsoft.resources/deployments/';

export function registerDeployment(outputs: DeploymentOutputs, id: string, parentScopeId: string, record: DeploymentRecord): void {
  outputs.set(id.toLowerCase(), record);
  outputs.set(`${parentScopeId}|${record.name}`.toLowerCase(), record);
}

/** The deployment name in `target` when it is a deployment name or a deployment resource id. */
export function deploymentNameOf(target: string): string {
  const at = target.toLowerCase().lastIndexOf(DEPLOYMENT_SEGMENT);
  return at < 0 ? target : target.slice(at + DEPLOYMENT_SEGMENT.length);
}

/** Unknown for a deployment id that this template does not deploy (or deploys under a condition that is false). */
export function missingDeployment(target: string): Unknown | undefined {
  if (!target.toLowerCase().includes(DEPLOYMENT_SEGMENT)) return undefined;
  return new Unknown(`outputs of deployment '${deploymentNameOf(target)}', which this template does not deploy`);
}

/** The value `reference()` returns for a deployment, or undefined when `target` is not a known deployment. */
export function deploymentOutputReference(outputs: DeploymentOutputs, currentScopeId: string, target: string): unknown {
  const key = target.startsWith('/') ? target.toLowerCase() : `${currentScopeId}|${target}`.toLowerCase();
  const record = outputs.get(key);
  if (record === undefined) return undefined;
  if (record.outputs === undefined) return new Unknown(`outputs of deployment '${record.name}', whose template could not be read`);
  const result: JsonObject = {};
  setOwn(result, 'outputs', record.outputs());
  for (const runtime of ['provisioningState', 'timestamp', 'duration', 'correlationId', 'outputResources', 'mode']) {
    setOwn(result, runtime, new Unknown(`${runtime} of deployment '${record.name}' is only known after deployment`));
  }
  return result;
}
