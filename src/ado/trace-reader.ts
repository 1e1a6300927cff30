// The data-access contract of the traceability matrix. Node implements it with azure-devops-node-api
// (read-project.ts); the dashboard widgets can implement it with azure-devops-extension-api. Types only, so
// either side can import it.

import type { TraceSource } from '../core/trace';

export interface ReadProjectOptions {
  project: string;
  /** ISO-8601 instant to read the project at; default: the instant the read starts. */
  asOf?: string;
  /** Only work items under this area path (System.AreaPath UNDER); their parents and test cases are read wherever they are. */
  areaPath?: string;
  /** Work item types that are requirements. */
  requirementTypes: string[];
  /** Types above requirements in the backlog hierarchy; default Feature, Epic. */
  portfolioTypes?: string[];
  /** Default Test Case. */
  testCaseTypes?: string[];
  /** Non-fatal facts about the read (an endpoint the server does not have). */
  onNote?: (message: string) => void;
}

export interface TraceDataReader {
  /** The whole project at one instant, complete, or a rejection (IncompleteDataError, AuthenticationError, UnreachableError). */
  readProject(options: ReadProjectOptions): Promise<TraceSource>;
}
