// The shapes every part of the scanner agrees on. Sources (ARM, Terraform plan, live Azure) produce
// NormalizedResource; controls consume it and produce CheckOutcome; the scan turns those into Findings;
// reports render a ScanReport. Nothing here does I/O.

/** Where a resource or property came from: file, 1-based line, and RFC 6901 JSON pointer in that file. */
export interface SourceRef {
  file: string;
  line: number;
  pointer: string;
}

/**
 * A value that cannot be known before deployment (reference(), list*(), a Terraform "known after apply").
 * Controls that depend on it report "unknown / needs review", never pass or fail.
 */
export class Unknown {
  readonly reason: string;
  constructor(reason: string) {
    this.reason = reason;
  }
  toJSON(): string {
    return `[unknown: ${this.reason}]`;
  }
  toString(): string {
    return `[unknown: ${this.reason}]`;
  }
}

export function isUnknown(v: unknown): v is Unknown {
  return v instanceof Unknown;
}

export type SourceKind = 'arm' | 'terraform' | 'live';

/**
 * ARM's own resource shape after expansion: every expression evaluated (or Unknown), copy loops unrolled,
 * child resources flattened with their full `parent/child` name and type.
 */
export interface NormalizedResource {
  /** Full resource type, e.g. `Microsoft.Storage/storageAccounts/blobServices`. */
  type: string;
  /** Full evaluated name, `parent/child` for child types. May contain `[unknown…]` text. */
  name: string;
  /** Resource id as ARM would build it in the scan's deployment context. */
  id: string;
  apiVersion?: string;
  location?: unknown;
  kind?: unknown;
  sku?: unknown;
  identity?: unknown;
  tags?: Record<string, unknown> | Unknown;
  properties: Record<string, unknown>;
  /** For extension resources (diagnostic settings, role assignments, locks): the id of the resource they extend. */
  scope?: string;
  /** Ids of resources this one depends on (evaluated where possible). */
  dependsOn?: string[];
  /**
   * Where the resource is declared: the file and the JSON pointer of the resource object in that file
   * (for ARM, inside nested deployments too: `/resources/3/properties/template/resources/0`). The line
   * of a finding is looked up lazily from the pointer of the resource plus its property path (longest
   * pointer prefix that exists in the file), so scanning never pays for line tracking.
   */
  source: { kind: SourceKind; file: string; pointer: string };
  /**
   * For sources whose properties are translated from another shape (Terraform plans): ARM dot path from
   * the resource root (`properties.minimumTlsVersion`, array indexes as numbers: `properties.securityRules.0`)
   * → absolute JSON pointer, in `source.file`, of the value it came from
   * (`/planned_values/root_module/resources/3/values/min_tls_version`). A finding on a path, or on a path
   * below one listed here, is located at that pointer, because the ARM path does not exist in such a file.
   * The pointer may name another resource of the file (a setting a separate Terraform resource merges in)
   * or a whole resource (a value no single attribute decides). Absent for ARM templates, where the
   * resource pointer plus the property path is the location.
   */
  sourcePointers?: Record<string, string>;
  /** Deployment nesting for ARM: names of enclosing deployments, outermost first. */
  deploymentPath?: string[];
}

export type Severity = 'high' | 'medium' | 'low';
export const SEVERITIES: readonly Severity[] = ['high', 'medium', 'low'];
export type Family = 'encryption' | 'network' | 'logging' | 'identity' | 'tagging' | 'governance';
export const FAMILIES: readonly Family[] = ['encryption', 'network', 'logging', 'identity', 'tagging', 'governance'];
export type Baseline = 'hbi' | 'standard';
export const BASELINES: readonly Baseline[] = ['hbi', 'standard'];

export interface FrameworkMappings {
  /** NIST SP 800-53 rev 5 control ids, e.g. `SC-28(1)`. */
  nist80053: string[];
  /** ISO/IEC 27001:2022 Annex A controls, e.g. `A.8.24`. */
  iso27001: string[];
  /** 21 CFR Part 11 sections where they apply, e.g. `11.10(d)`. */
  cfr21Part11?: string[];
  /** EU GMP Annex 11 clauses where they apply, e.g. `12.1`. */
  euAnnex11?: string[];
}

export type CheckStatus = 'pass' | 'fail' | 'unknown';

/** What one check concluded about one resource (a control may return several, e.g. one per network rule). */
export interface CheckOutcome {
  status: CheckStatus;
  /** Dot path from the resource root of the property that decided it, e.g. `properties.minimumTlsVersion`. */
  propertyPath: string;
  /** The value found (JSON-able; Unknown renders as `[unknown: …]`; undefined means "not set"). */
  actual: unknown;
  /** What was expected, in words or as a value: `TLS1_2 or later`. */
  expected: string;
  /** One sentence, resource-specific. */
  message: string;
  /** For cross-resource controls: the resource that caused the outcome, if another one. */
  relatedResourceId?: string;
}

export interface ControlDefinition {
  /** Stable id: `ISRM.<Service>.<Check>`. Never reused for another meaning. */
  id: string;
  title: string;
  /** Why the control exists: the risk it treats. */
  rationale: string;
  /** What to change, in words. */
  remediation: string;
  /** A compliant snippet (ARM JSON / Bicep) showing the fix. */
  snippet: string;
  severity: Severity;
  family: Family;
  /** Baselines that include this control. `hbi` includes everything in `standard`. */
  baselines: Baseline[];
  /** Resource types (case-insensitive) the check is evaluated for. */
  appliesTo: string[];
  frameworks: FrameworkMappings;
  /** Display name of the equivalent Azure Policy built-in, where one exists. */
  azurePolicy?: string;
  /** Documentation link for SARIF helpUri. */
  helpUri: string;
  /**
   * The pure check. Return an empty array when the resource is out of the control's scope
   * (e.g. a storage account kind the control does not cover).
   */
  check(resource: NormalizedResource, ctx: ScanContext): CheckOutcome[];
}

/** What a check may ask about the whole scanned set: cross-resource relationships, configuration. */
export interface ScanContext {
  readonly resources: readonly NormalizedResource[];
  readonly config: ResolvedConfig;
  /** Resources of a type (case-insensitive). */
  ofType(type: string): readonly NormalizedResource[];
  /** Resource by id (case-insensitive), if it is in the scanned set. */
  byId(id: string): NormalizedResource | undefined;
  /** Extension resources of `type` whose scope is `target` (diagnostic settings, role assignments, locks…). */
  extensionsOf(target: NormalizedResource, type: string): readonly NormalizedResource[];
  /** Private endpoints whose privateLinkServiceConnections (or manual ones) point at `target`. */
  privateEndpointsFor(target: NormalizedResource): readonly NormalizedResource[];
  /**
   * True when every lookup resolves to resources of `resources` alone, so a check may conclude from the whole
   * set that no reference can reach something (the scan's own context). Absent: no such conclusion.
   */
  readonly resolvesWithinSet?: boolean;
}

export interface Suppression {
  control: string;
  /** Glob over resource name or id; `*` for all. */
  resource: string;
  justification: string;
  owner: string;
  /** ISO date (YYYY-MM-DD); the suppression stops applying after this day and fails the scan. */
  expires: string;
}

export interface Exclusion {
  /** Control id or glob; omitted means every control. */
  control?: string;
  /** Glob over resource name, type or id; omitted means every resource. */
  resource?: string;
  reason: string;
}

export interface ResolvedConfig {
  baseline: Baseline;
  requiredTags: string[];
  /** Resource id (or name) of the central Log Analytics workspace; when set, diagnostics must go there. */
  centralWorkspace?: string;
  severityOverrides: Record<string, Severity>;
  exclusions: Exclusion[];
  suppressions: Suppression[];
  /** The deployment context the ARM engine assumes (ids and uniqueString depend on it). */
  deployment: DeploymentContext;
  /** Environment names that count as production for environment segregation checks. */
  environments: { production: string[]; nonProduction: string[] };
}

export interface DeploymentContext {
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  tenantId: string;
  deploymentName: string;
}

export type FindingStatus = CheckStatus | 'suppressed';

export interface Finding {
  controlId: string;
  title: string;
  severity: Severity;
  family: Family;
  status: FindingStatus;
  resourceType: string;
  resourceName: string;
  resourceId: string;
  propertyPath: string;
  actual: unknown;
  expected: string;
  message: string;
  location: SourceRef;
  relatedResourceId?: string;
  /**
   * The source's own name for the property, where it differs from the ARM one: for a Terraform plan the
   * attribute the value came from (`min_tls_version`, `network_rules[0].default_action`), in the resource
   * its source pointer names (see NormalizedResource.sourcePointers). Absent for ARM templates.
   */
  sourceProperty?: string;
  /** Present when status is `suppressed`. */
  suppression?: Suppression;
}

/** A file or resource that was not scanned, or scanned with a caveat, and why. */
export interface ScanNote {
  level: 'error' | 'warning' | 'info';
  file: string;
  pointer?: string;
  line?: number;
  /** 1-based column, when known (e.g. a JSON syntax error). */
  column?: number;
  message: string;
}

export interface ScannedInput {
  file: string;
  kind: SourceKind | 'parameters' | 'unrecognised';
  sha256: string;
  resources: number;
}
