// The two wire formats of the service: the Node client's `{count, value}` with string enums and ISO dates,
// and the browser client's `noArrayWrap`/`enumsAsNumbers`/`msDateFormat` variant selected by the Accept header.

export interface WireFormat {
  apiVersion?: string;
  noArrayWrap: boolean;
  enumsAsNumbers: boolean;
  msDateFormat: boolean;
}

export function parseAccept(accept: string | undefined, queryApiVersion: string | null): WireFormat {
  const params = new Map<string, string>();
  for (const part of (accept ?? '').split(/[;,]/)) {
    const [k, v] = part.split('=').map((s) => s.trim());
    if (k && v !== undefined) params.set(k.toLowerCase(), v);
  }
  return {
    apiVersion: params.get('api-version') ?? queryApiVersion ?? undefined,
    noArrayWrap: params.get('noarraywrap') === 'true',
    enumsAsNumbers: params.get('enumsasnumbers') === 'true',
    msDateFormat: params.get('msdateformat') === 'true',
  };
}

/** Property name → string value → the number the service sends with enumsAsNumbers=true. */
export type EnumTable = Record<string, Record<string, number>>;

// Values from azure-devops-node-api/interfaces/*Interfaces.d.ts (BuildResult, BuildStatus, BuildReason,
// TaskResult, TestPlan Outcome/PointState/ResultState/TestSuiteType, QueryType, QueryResultType).
export const ENUMS = {
  build: {
    result: { none: 0, succeeded: 2, partiallySucceeded: 4, failed: 8, canceled: 32 },
    status: { none: 0, inProgress: 1, completed: 2, cancelling: 4, postponed: 8, notStarted: 32 },
    reason: { none: 0, manual: 1, individualCI: 2, batchedCI: 4, schedule: 8, pullRequest: 256 },
    priority: { low: 1, belowNormal: 2, normal: 3, aboveNormal: 4, high: 5 },
  },
  deploymentRecord: {
    result: { succeeded: 0, succeededWithIssues: 1, failed: 2, canceled: 3, skipped: 4, abandoned: 5 },
  },
  testPlan: {
    outcome: { unspecified: 0, none: 1, passed: 2, failed: 3, inconclusive: 4, timeout: 5, aborted: 6, blocked: 7, notExecuted: 8, warning: 9, error: 10, notApplicable: 11, paused: 12, inProgress: 13, notImpacted: 14 },
    state: { none: 0, ready: 1, completed: 2, notReady: 3, inProgress: 4 },
    lastResultState: { unspecified: 0, pending: 1, queued: 2, inProgress: 3, paused: 4, completed: 5 },
    suiteType: { none: 0, dynamicTestSuite: 1, staticTestSuite: 2, requirementTestSuite: 3 },
  },
  wiql: {
    queryType: { flat: 1, tree: 2, oneHop: 3 },
    queryResultType: { workItem: 1, workItemLink: 2 },
  },
  // Pipeline approvals: no client library in this repository declares these; the flag values follow the
  // service's ApprovalStatus / ApprovalExecutionOrder as remembered, not verified offline. [verify]
  approval: {
    status: { undefined: 0, uninitiated: 1, pending: 2, approved: 4, rejected: 8, skipped: 16, canceled: 32, timedOut: 64, failed: 128 },
    executionOrder: { anyOrder: 1, inSequence: 2 },
  },
  project: {
    state: { new: 0, wellFormed: 1, deleting: 2, createPending: 3 },
    visibility: { private: 0, public: 2 },
  },
} satisfies Record<string, EnumTable>;

/** Tables for a response that embeds several contracts (a build embeds its project). */
export function mergeEnums(...tables: EnumTable[]): EnumTable {
  const out: EnumTable = {};
  for (const t of tables) for (const [k, v] of Object.entries(t)) out[k] = { ...(out[k] ?? {}), ...v };
  return out;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Applies the requested wire format to a response body already in the JSON shape of the spec. */
export function encodeBody(body: unknown, format: WireFormat, enums: EnumTable | undefined): unknown {
  const visit = (value: unknown): unknown => {
    if (typeof value === 'string') {
      return format.msDateFormat && ISO_DATE.test(value) ? `/Date(${Date.parse(value)})/` : value;
    }
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const table = format.enumsAsNumbers && enums ? enums[k] : undefined;
        out[k] = table && typeof v === 'string' && v in table ? table[v] : visit(v);
      }
      return out;
    }
    return value;
  };
  return format.enumsAsNumbers || format.msDateFormat ? visit(body) : body;
}

export function listBody<T>(items: T[], format: WireFormat): unknown {
  return format.noArrayWrap ? items : { count: items.length, value: items };
}
