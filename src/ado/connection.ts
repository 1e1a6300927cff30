// One authenticated connection to an organization: azure-devops-node-api's WebApi and the typed clients the
// reader uses, every one of them routed through the same HTTP policy.

import { getHandlerFromToken, WebApi } from 'azure-devops-node-api';
import type { IBuildApi } from 'azure-devops-node-api/BuildApi';
import type { ITaskAgentApi } from 'azure-devops-node-api/TaskAgentApi';
import type { ITestPlanApi } from 'azure-devops-node-api/TestPlanApi';
import type { IWorkItemTrackingApi } from 'azure-devops-node-api/WorkItemTrackingApi';
import { InputError } from '../core/errors';
import { UnreachableError } from './errors';
import { createHttpPolicy, governHttpClient, RequestFailedError, type HttpPolicy, type HttpPolicyOptions, type PolicyClock } from './http-policy';

export interface ConnectOptions {
  /** https://dev.azure.com/{organization} (or an Azure DevOps Server collection URL). */
  orgUrl: string;
  /** PAT or OAuth access token; never logged. */
  token: string;
  policy?: HttpPolicyOptions;
  clock?: PolicyClock;
  /** Socket inactivity timeout per request. */
  socketTimeoutMs?: number;
}

/** The members of a typed client (ClientApiBase) the reader needs beyond its typed methods. */
export interface ClientInternals {
  rest: {
    client: Parameters<typeof governHttpClient>[0];
    get<T>(url: string, options?: { acceptHeader?: string }): Promise<{ statusCode: number; result: T | null; headers: Record<string, string | string[] | undefined> }>;
  };
  http: Parameters<typeof governHttpClient>[0];
  vsoClient: {
    getVersioningData(apiVersion: string, area: string, locationId: string, routeValues: unknown, queryParams?: unknown): Promise<{ apiVersion?: string; requestUrl?: string }>;
  };
}

export interface AdoConnection {
  orgUrl: string;
  policy: HttpPolicy;
  wit: IWorkItemTrackingApi;
  testPlan: ITestPlanApi;
  build: IBuildApi;
  taskAgent: ITaskAgentApi;
  /** For routes without a typed method (pipeline approvals): the WebApi's own governed rest client. */
  rest: ClientInternals['rest'];
}

export function internals(client: unknown): ClientInternals {
  return client as ClientInternals;
}

function govern(client: unknown, policy: HttpPolicy): void {
  const c = internals(client);
  governHttpClient(c.rest.client, policy);
  governHttpClient(c.http, policy);
}

export function normalizeOrgUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(`--org-url '${raw}' is not a URL; use https://dev.azure.com/{organization}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new InputError(`--org-url '${raw}' must be an http(s) URL`);
  if (url.username || url.password) throw new InputError('--org-url must not carry credentials; pass the token through --token-env');
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

export async function connect(options: ConnectOptions): Promise<AdoConnection> {
  const orgUrl = normalizeOrgUrl(options.orgUrl);
  const policy = createHttpPolicy(options.policy, options.clock);
  // typed-rest-client's own retries stay off: the policy decides.
  // Keep-alive: each typed client reuses its connections instead of opening one per request (a TCP and, on
  // the service, a TLS handshake each). Idle sockets are unref'd by the agent, so they never hold the process.
  const webApi = new WebApi(orgUrl, getHandlerFromToken(options.token), { allowRetries: false, socketTimeout: options.socketTimeoutMs ?? 120_000, keepAlive: true });
  governHttpClient(internals(webApi).rest.client, policy);
  const getLocationsApi = webApi.getLocationsApi.bind(webApi);
  // The resource-area lookup runs on a LocationsApi the WebApi creates itself; govern it as well.
  webApi.getLocationsApi = async (...args: Parameters<WebApi['getLocationsApi']>) => {
    const api = await getLocationsApi(...args);
    govern(api, policy);
    return api;
  };
  try {
    // Sequential: the first call fetches the resource areas, the others reuse them.
    const wit = await webApi.getWorkItemTrackingApi();
    const testPlan = await webApi.getTestPlanApi();
    const build = await webApi.getBuildApi();
    const taskAgent = await webApi.getTaskAgentApi();
    for (const client of [wit, testPlan, build, taskAgent]) govern(client, policy);
    return { orgUrl, policy, wit, testPlan, build, taskAgent, rest: internals(webApi).rest };
  } catch (e) {
    if (e instanceof RequestFailedError && e.networkCode) throw new UnreachableError(orgUrl, e.networkCode);
    throw e;
  }
}
