// The route table: method, path template (segments compared case-insensitively, `{x}` captures one
// segment, `{x?}` an optional one) and handler. Paths are relative to /{organization}/.

import { Handler } from '../http';
import * as build from './build';
import * as pipelines from './pipelines';
import * as test from './test';
import * as testplan from './testplan';
import * as wit from './wit';

export interface Route {
  method: string;
  template: string;
  handler: Handler;
}

const P = '{project}/_apis';

export const ROUTES: Route[] = [
  { method: 'GET', template: '_apis/projects', handler: pipelines.getProjects },
  { method: 'GET', template: '_apis/projects/{projectId}', handler: pipelines.getProject },
  { method: 'POST', template: '{project}/{team?}/_apis/wit/wiql', handler: wit.queryByWiql },
  { method: 'POST', template: `${P}/wit/workitemsbatch`, handler: wit.getWorkItemsBatch },
  { method: 'GET', template: `${P}/wit/workitems`, handler: wit.getWorkItems },
  { method: 'GET', template: `${P}/wit/workitems/{id}`, handler: wit.getWorkItem },
  // Relation and build work item URLs point at the organization-level routes, which the service also serves.
  { method: 'POST', template: '_apis/wit/workitemsbatch', handler: wit.getWorkItemsBatch },
  { method: 'GET', template: '_apis/wit/workitems', handler: wit.getWorkItems },
  { method: 'GET', template: '_apis/wit/workitems/{id}', handler: wit.getWorkItem },
  { method: 'GET', template: `${P}/wit/workitems/{id}/revisions`, handler: wit.getRevisions },
  { method: 'GET', template: `${P}/wit/workitems/{id}/updates`, handler: wit.getUpdates },
  { method: 'GET', template: `${P}/wit/reporting/workitemrevisions`, handler: wit.getReportingRevisions },
  { method: 'GET', template: '_apis/testplan/suites', handler: testplan.getSuitesByTestCase },
  { method: 'GET', template: `${P}/testplan/plans`, handler: testplan.getPlans },
  { method: 'GET', template: `${P}/testplan/plans/{planId}`, handler: testplan.getPlan },
  { method: 'GET', template: `${P}/testplan/plans/{planId}/suites`, handler: testplan.getSuitesForPlan },
  { method: 'GET', template: `${P}/testplan/plans/{planId}/suites/{suiteId}`, handler: testplan.getSuite },
  { method: 'GET', template: `${P}/testplan/plans/{planId}/suites/{suiteId}/testpoint`, handler: testplan.getPoints },
  { method: 'GET', template: `${P}/testplan/plans/{planId}/suites/{suiteId}/testcase`, handler: testplan.getTestCases },
  { method: 'GET', template: `${P}/test/runs`, handler: test.getRuns },
  { method: 'GET', template: `${P}/test/runs/{runId}`, handler: test.getRun },
  { method: 'GET', template: `${P}/test/runs/{runId}/results`, handler: test.getResults },
  { method: 'GET', template: `${P}/testresults/runs`, handler: test.getRuns },
  { method: 'GET', template: `${P}/testresults/runs/{runId}`, handler: test.getRun },
  { method: 'GET', template: `${P}/testresults/runs/{runId}/results`, handler: test.getResults },
  { method: 'GET', template: `${P}/build/builds`, handler: build.getBuilds },
  { method: 'GET', template: `${P}/build/builds/{buildId}`, handler: build.getBuild },
  { method: 'GET', template: `${P}/build/builds/{buildId}/workitems`, handler: build.getBuildWorkItems },
  { method: 'GET', template: `${P}/distributedtask/environments`, handler: pipelines.getEnvironments },
  { method: 'GET', template: `${P}/distributedtask/environments/{environmentId}`, handler: pipelines.getEnvironment },
  { method: 'GET', template: `${P}/distributedtask/environments/{environmentId}/environmentdeploymentrecords`, handler: pipelines.getDeploymentRecords },
  { method: 'GET', template: `${P}/pipelines/approvals`, handler: pipelines.getApprovals },
  { method: 'GET', template: `${P}/pipelines/approvals/{approvalId}`, handler: pipelines.getApproval },
];

/** Matches path segments against a template; returns the captured values or undefined. */
export function matchTemplate(template: string, segments: string[]): Record<string, string> | undefined {
  const parts = template.split('/');
  const params: Record<string, string> = {};
  const go = (ti: number, si: number): boolean => {
    if (ti === parts.length) return si === segments.length;
    const part = parts[ti];
    const capture = /^\{(\w+)(\?)?\}$/.exec(part);
    if (capture) {
      if (capture[2] && go(ti + 1, si)) return true;
      if (si >= segments.length) return false;
      params[capture[1]] = segments[si];
      if (go(ti + 1, si + 1)) return true;
      delete params[capture[1]];
      return false;
    }
    return si < segments.length && segments[si].toLowerCase() === part.toLowerCase() && go(ti + 1, si + 1);
  };
  return go(0, 0) ? params : undefined;
}
