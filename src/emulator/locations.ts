// Resource locations served to `OPTIONS /{org}/_apis/{area}`. The ids are the location GUIDs that
// azure-devops-node-api 17 passes to getVersioningData (see node_modules/azure-devops-node-api/*Api.js;
// test/emulator/locations.test.ts re-reads those files to keep this table honest). resourceVersion is the
// highest preview number the client asks for, so its version negotiation passes the request through.

export interface ResourceLocation {
  id: string;
  area: string;
  resourceName: string;
  routeTemplate: string;
  resourceVersion: number;
  minVersion: string;
  maxVersion: string;
  releasedVersion: string;
}

type Row = [id: string, area: string, resourceName: string, routeTemplate: string, resourceVersion: number];

const ROWS: Row[] = [
  ['e81700f7-3be2-46de-8624-2eb35882fcaa', 'Location', 'ResourceAreas', '_apis/{resource}/{areaId}', 1],
  ['1a9c53f7-f243-4447-b110-35ef023636e4', 'wit', 'wiql', '{project}/{team}/_apis/{area}/{resource}/{id}', 2],
  ['72c7ddf8-2cdc-4f60-90cd-ab71c14a399b', 'wit', 'workItems', '{project}/_apis/{area}/{resource}/{id}', 3],
  ['908509b6-4248-4475-a1cd-829139ba419f', 'wit', 'workItemsBatch', '{project}/_apis/{area}/{resource}', 1],
  ['a00c85a5-80fa-4565-99c3-bcd2181434bb', 'wit', 'revisions', '{project}/_apis/{area}/workItems/{id}/{resource}/{revisionNumber}', 3],
  ['6570bf97-d02c-4a91-8d93-3abe9895b1a9', 'wit', 'updates', '{project}/_apis/{area}/workItems/{id}/{resource}/{updateNumber}', 3],
  ['f828fe59-dd87-495d-a17c-7a8d6211ca6c', 'wit', 'workItemRevisions', '{project}/_apis/{area}/reporting/{resource}', 2],
  ['a4080e84-f17b-4fad-84f1-7960b6525bf2', 'testplan', 'Suites', '_apis/{area}/{resource}', 1],
  ['0e292477-a0c2-47f3-a9b6-34f153d627f4', 'testplan', 'Plans', '{project}/_apis/{area}/{resource}/{planId}', 1],
  ['1046d5d3-ab61-4ca7-a65a-36118a978256', 'testplan', 'Suites', '{project}/_apis/{area}/Plans/{planId}/{resource}/{suiteId}', 1],
  ['52df686e-bae4-4334-b0ee-b6cf4e6f6b73', 'testplan', 'TestPoint', '{project}/_apis/{area}/Plans/{planId}/Suites/{suiteId}/{resource}', 2],
  ['a9bd61ac-45cf-4d13-9441-43dcd01edf8d', 'testplan', 'TestCase', '{project}/_apis/{area}/Plans/{planId}/Suites/{suiteId}/{resource}/{testCaseIds}', 3],
  ['cadb3810-d47d-4a3c-a234-fe5f3be50138', 'Test', 'Runs', '{project}/_apis/{area}/{resource}/{runId}', 3],
  ['4637d869-3a76-4468-8057-0bb02aa385cf', 'Test', 'Results', '{project}/_apis/{area}/Runs/{runId}/{resource}/{testCaseResultId}', 6],
  ['364538f9-8062-4ce0-b024-75a0fb463f0d', 'testresults', 'runs', '{project}/_apis/{area}/{resource}/{runId}', 1],
  ['02afa165-e79a-4d70-8f0c-2af0f35b4e07', 'testresults', 'results', '{project}/_apis/{area}/runs/{runId}/{resource}/{testCaseResultId}', 2],
  ['0cd358e1-9217-4d94-8269-1c1ee6f93dcf', 'build', 'builds', '{project}/_apis/{area}/{resource}/{buildId}', 7],
  ['5a21f5d2-5642-47e4-a0bd-1356e6731bee', 'build', 'workitems', '{project}/_apis/{area}/builds/{buildId}/{resource}', 2],
  ['8572b1fc-2482-47fa-8f74-7e3ed53ee54b', 'distributedtask', 'environments', '{project}/_apis/{area}/{resource}/{environmentId}', 1],
  ['51bb5d21-4305-4ea6-9dbb-b7488af73334', 'distributedtask', 'environmentdeploymentrecords', '{project}/_apis/{area}/environments/{environmentId}/{resource}', 1],
  ['603fe2ac-9723-48b9-88ad-09305aa6c6e1', 'core', 'projects', '_apis/{resource}/{*projectId}', 4],
];

export const RESOURCE_LOCATIONS: ResourceLocation[] = ROWS.map(([id, area, resourceName, routeTemplate, resourceVersion]) => ({
  id,
  area,
  resourceName,
  routeTemplate,
  resourceVersion,
  minVersion: '1.0',
  maxVersion: '7.2',
  releasedVersion: '7.1',
}));

/** Locations of one area; area names compare case-insensitively, as the service does. */
export function locationsForArea(area: string): ResourceLocation[] {
  const wanted = area.toLowerCase();
  return RESOURCE_LOCATIONS.filter((l) => l.area.toLowerCase() === wanted);
}
