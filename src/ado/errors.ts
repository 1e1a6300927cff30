// Why a read of Azure DevOps stopped. Each is a user-facing, one-line error (InputError, so the CLI and the
// task print it without a stack and exit 2): the matrix is never built from what was read so far.

import { InputError } from '../core/errors';

/** Data the matrix needs could not be read completely (throttled, failing, paged out, truncated). */
export class IncompleteDataError extends InputError {
  constructor(readonly missing: string, cause: string) {
    super(`incomplete data: could not read ${missing}: ${cause}; no matrix was produced`);
    this.name = 'IncompleteDataError';
  }
}

/** The service answered 401/203: the token is wrong, expired or lacks access. */
export class AuthenticationError extends InputError {
  constructor(readonly url: string, status: number) {
    super(`Azure DevOps rejected the access token (HTTP ${status}) at ${url}: check that it is valid, not expired, and can read work items, test plans and builds`);
    this.name = 'AuthenticationError';
  }
}

/** No HTTP answer at all: wrong URL, DNS, firewall, server down. */
export class UnreachableError extends InputError {
  constructor(readonly url: string, code: string) {
    super(`cannot reach Azure DevOps at ${url} (${code}): check the organization URL and the network`);
    this.name = 'UnreachableError';
  }
}

/** Test results newer than the instant read: the test point API cannot give the result current at it. */
export class ResultsAfterAsOfError extends IncompleteDataError {
  constructor(missing: string, cause: string) {
    super(missing, cause);
    this.name = 'ResultsAfterAsOfError';
  }
}
