// Every mapping table records where its ARM properties came from. Rather than restating the tables, the
// test asks the plans: it changes one planned attribute at a time in the example plans, normalises again,
// and sees which ARM properties changed. Each of those properties came from that attribute, so its
// source pointer (as the finding locator looks it up) must name that attribute — or, when several
// attributes make up one value (a storage SKU name from tier and replication), one of them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isUnknown, type NormalizedResource } from '../../src/core/model';
import { normalizeTerraformPlan } from '../../src/core/terraform';
import { AUGMENTATIONS, MAPPINGS } from '../../src/core/terraform/mappings';
import { sourcePointerOf } from '../../src/core/terraform/source-pointers';
import { buildPlan, RG, SUB } from './plan-builder';

const DIR = join(__dirname, '..', '..', 'examples', 'landing-zone', 'terraform');
const config = JSON.parse(readFileSync(join(DIR, 'controltrace.json'), 'utf8')) as { deployment: Parameters<typeof normalizeTerraformPlan>[0]['context'] };

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v) && !isUnknown(v);

/** The ARM members a mapping fills, as leaf dot path → JSON text (Unknowns as their text). */
function armLeaves(r: NormalizedResource): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (v: unknown, path: string): void => {
    if (Array.isArray(v) && v.length > 0) v.forEach((x, i) => walk(x, `${path}.${i}`));
    else if (isObj(v) && Object.keys(v).length > 0) for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
    else out.set(path, JSON.stringify(v) ?? 'undefined');
  };
  for (const key of ['location', 'kind', 'sku', 'identity', 'tags', 'properties'] as const) if (r[key] !== undefined) walk(r[key], key);
  return out;
}

/** Every scalar attribute of a planned resource's values, as pointer tokens below `values`. */
function scalarAttributes(values: unknown, path: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(values)) return values.flatMap((v, i) => scalarAttributes(v, [...path, i]));
  if (isObj(values)) return Object.entries(values).flatMap(([k, v]) => scalarAttributes(v, [...path, k]));
  return values === null ? [] : [path];
}

/** A different value of the same JSON type. */
function changed(v: unknown): unknown {
  if (typeof v === 'boolean') return !v;
  if (typeof v === 'number') return v + 1;
  return `${String(v)}-changed`;
}

function at(doc: unknown, tokens: readonly (string | number)[]): unknown {
  let v = doc;
  for (const t of tokens) v = Array.isArray(v) ? v[Number(t)] : isObj(v) ? v[String(t)] : undefined;
  return v;
}

function pointerOf(base: string, tokens: readonly (string | number)[]): string {
  return base + tokens.map((t) => `/${String(t).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/** The value an ARM dot path names in a resource. */
function armAt(r: NormalizedResource, path: string): unknown {
  return at(r, path.split('.'));
}

interface Planned {
  pointer: string;
  type: string;
  values: Json;
}

function plannedResources(plan: unknown): Planned[] {
  const out: Planned[] = [];
  const walk = (mod: unknown, pointer: string): void => {
    ((at(mod, ['resources']) as Json[] | undefined) ?? []).forEach((r, i) => out.push({ pointer: `${pointer}/resources/${i}`, type: String(r.type), values: r.values as Json }));
    ((at(mod, ['child_modules']) as unknown[] | undefined) ?? []).forEach((c, i) => walk(c, `${pointer}/child_modules/${i}`));
  };
  walk(at(plan, ['planned_values', 'root_module']), '/planned_values/root_module');
  return out;
}

interface SourceCheck {
  /** ARM properties whose source pointer does not name the attribute they changed with. */
  wrong: string[];
  checked: number;
  /** Mapped Terraform types of which at least one ARM property was checked. */
  checkedTypes: Set<string>;
  /** Mapped Terraform types in the plan with an attribute to change. */
  mappedTypes: Set<string>;
  /** Every source pointer that names nothing in the plan. */
  dangling: string[];
}

function checkSources(plan: unknown, file: string): SourceCheck {
  const normalise = (p: unknown) => normalizeTerraformPlan({ file, plan: p, context: config.deployment }).resources;
  const base = normalise(plan);
  const key = (r: NormalizedResource) => `${r.source.pointer}|${r.type}`;
  const baseByKey = new Map(base.map((r) => [key(r), r]));
  const baseLeaves = new Map(base.map((r) => [key(r), armLeaves(r)]));
  const planned = plannedResources(plan);

  // (resource key, ARM leaf path) → pointers of the attributes whose change changed it.
  const sources = new Map<string, Map<string, Set<string>>>();
  const checkedTypes = new Set<string>();
  for (const p of planned) {
    const aug = AUGMENTATIONS.get(p.type);
    if (!MAPPINGS.has(p.type) && !aug) continue;
    for (const tokens of scalarAttributes(p.values)) {
      const copy = structuredClone(plan) as Json;
      const values = at(copy, [...p.pointer.split('/').slice(1), 'values']);
      const parent = at(values, tokens.slice(0, -1)) as Record<string | number, unknown>;
      parent[tokens[tokens.length - 1] as string | number] = changed(at(values, tokens));
      const attribute = pointerOf(`${p.pointer}/values`, tokens);
      for (const r of normalise(copy)) {
        const k = key(r);
        const before = baseLeaves.get(k);
        if (!before) continue;
        // Only the resources built from this planned resource, or the one an augmentation merges into
        // (and only below what it sets): another resource may embed this one's id or name.
        const own = r.source.pointer === p.pointer;
        if (!own && !(aug && r.type === aug.targetType)) continue;
        const after = armLeaves(r);
        for (const [path, text] of before) {
          // A value that changed in place. A property that appears or goes (a filter's attribute moving an
          // element from one list to another) depends on the attribute for whether it is there, not for
          // what it is.
          const now = after.get(path);
          if (now === undefined || now === text) continue;
          if (!own && !Object.keys(aug!.set).some((s) => path === s || path.startsWith(`${s}.`))) continue;
          let byPath = sources.get(k);
          if (!byPath) sources.set(k, (byPath = new Map()));
          let set = byPath.get(path);
          if (!set) byPath.set(path, (set = new Set()));
          set.add(attribute);
          checkedTypes.add(p.type);
        }
      }
    }
  }

  const wrong: string[] = [];
  let checked = 0;
  for (const [k, byPath] of sources) {
    const r = baseByKey.get(k)!;
    for (const [path, attributes] of byPath) {
      checked++;
      const found = sourcePointerOf(r.sourcePointers ?? {}, path);
      if (found === undefined) {
        wrong.push(`${r.type} ${r.name} ${path}: no source pointer; it came from ${[...attributes].join(', ')}`);
        continue;
      }
      if (attributes.has(found.pointer)) continue;
      // An attribute copied as a whole (a tags map) is the source of every part of it, and a list attribute
      // (address prefixes, identity ids) of each of its elements: the list is what a user edits.
      const inside = [...attributes].filter((a) => a.startsWith(`${found.pointer}/`));
      const verbatim = JSON.stringify(armAt(r, found.key)) === JSON.stringify(at(plan, found.pointer.split('/').slice(1)));
      const listElement = inside.some((a) => /^(\/\d+)+$/.test(a.slice(found.pointer.length)));
      if ((inside.length > 0 && verbatim) || listElement) continue;
      wrong.push(`${r.type} ${r.name} ${path}: points at ${found.pointer} (for ${found.key}); it came from ${[...attributes].join(', ')}`);
    }
  }
  const dangling: string[] = [];
  for (const r of base) {
    for (const [k, pointer] of Object.entries(r.sourcePointers ?? {})) {
      if (at(plan, pointer.split('/').slice(1)) === undefined) dangling.push(`${r.name} ${k} → ${pointer}`);
    }
  }
  // A resource whose every attribute is known only after apply (an association of two new resources)
  // has nothing to change; its merged properties point at the resource itself.
  const mappedTypes = new Set(planned.filter((p) => (MAPPINGS.has(p.type) || AUGMENTATIONS.has(p.type)) && scalarAttributes(p.values).length > 0).map((p) => p.type));
  return { wrong, checked, checkedTypes, mappedTypes, dangling };
}

function describeSources(title: string, plan: () => unknown, minimum: number): void {
  describe(title, () => {
    let result: SourceCheck;
    before(() => {
      result = checkSources(plan(), 'plan.json');
    });

    it('every ARM property an attribute decides points at that attribute', () => {
      assert.deepEqual(result.wrong, []);
      assert.ok(result.checked >= minimum, `only ${result.checked} properties were checked`);
    });

    it('the check covered every mapped type in the plan', () => {
      assert.deepEqual([...result.mappedTypes].filter((t) => !result.checkedTypes.has(t)).sort(), []);
    });

    it('every source pointer names a value in the plan file', () => {
      assert.deepEqual(result.dangling, []);
    });
  });
}

for (const file of ['compliant.plan.json', 'noncompliant.plan.json']) {
  describeSources(`terraform: source pointers of ${file}`, () => JSON.parse(readFileSync(join(DIR, file), 'utf8')) as unknown, 50);
}

// Types whose tables build a value with their own code (not only attr / block / obj / each), which the
// example plans do not use.
describeSources(
  'terraform: source pointers of tables with hand-written specs',
  () =>
    buildPlan([
      {
        address: 'azurerm_kubernetes_cluster.aks',
        values: {
          name: 'aks', resource_group_name: 'rg-aks', location: 'westeurope', kubernetes_version: '1.30', dns_prefix: 'aks', sku_tier: 'Standard', role_based_access_control_enabled: true, local_account_disabled: true, disk_encryption_set_id: null,
          azure_active_directory_role_based_access_control: [{ azure_rbac_enabled: true, admin_group_object_ids: ['55555555-5555-5555-5555-555555555555'], tenant_id: null }],
          private_cluster_enabled: true, private_dns_zone_id: 'System', api_server_access_profile: [{ authorized_ip_ranges: ['203.0.113.0/24'] }], api_server_authorized_ip_ranges: null,
          network_profile: [{ network_plugin: 'azure', network_policy: 'calico', outbound_type: 'userDefinedRouting' }], azure_policy_enabled: true,
          oms_agent: [{ log_analytics_workspace_id: 'law-id' }], microsoft_defender: [{ log_analytics_workspace_id: 'law-id' }],
          default_node_pool: [{ name: 'system', node_count: 3, vm_size: 'Standard_D4s_v5', vnet_subnet_id: 'snet-aks', node_public_ip_enabled: false, host_encryption_enabled: true }],
          identity: [{ type: 'UserAssigned', identity_ids: ['uai-aks'] }], tags: { CostCenter: 'cc' },
        },
      },
      {
        address: 'azurerm_container_registry.acr',
        values: { name: 'acr', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', admin_enabled: true, public_network_access_enabled: true, network_rule_bypass_option: 'AzureServices', anonymous_pull_enabled: false, data_endpoint_enabled: false, zone_redundancy_enabled: true, quarantine_policy_enabled: false, export_policy_enabled: true, trust_policy_enabled: false, retention_policy_in_days: 7, network_rule_set: [{ default_action: 'Deny', ip_rule: [{ action: 'Allow', ip_range: '203.0.113.0/24' }] }], encryption: [{ enabled: true, key_vault_key_id: 'https://kv.vault.azure.net/keys/acr', identity_client_id: 'client' }], identity: [], tags: {} },
      },
      {
        address: 'azurerm_cognitive_account.oai',
        values: { name: 'oai', resource_group_name: 'rg', location: 'westeurope', kind: 'OpenAI', sku_name: 'S0', public_network_access_enabled: false, local_auth_enabled: false, custom_subdomain_name: 'oai-lz', outbound_network_access_restricted: true, fqdns: [], network_acls: [{ default_action: 'Deny', ip_rules: ['198.51.100.7'], virtual_network_rules: [{ subnet_id: 'snet', ignore_missing_vnet_service_endpoint: false }] }], customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/oai/v1', identity_client_id: 'client' }], identity: [], tags: {} },
      },
      {
        address: 'azurerm_eventhub_namespace.evh',
        values: { name: 'evh', resource_group_name: 'rg', location: 'westeurope', sku: 'Standard', capacity: 1, minimum_tls_version: '1.2', public_network_access_enabled: false, local_authentication_enabled: false, auto_inflate_enabled: false, maximum_throughput_units: 0, network_rulesets: [{ default_action: 'Deny', public_network_access_enabled: false, trusted_service_access_enabled: true, ip_rule: [{ ip_mask: '203.0.113.0/24', action: 'Allow' }], virtual_network_rule: [] }], identity: [], tags: {} },
      },
      { address: 'azurerm_servicebus_namespace.sb', values: { name: 'sb', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium', capacity: 1, minimum_tls_version: '1.2', public_network_access_enabled: false, local_auth_enabled: false, customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/sb', identity_id: 'uai', infrastructure_encryption_enabled: true }], identity: [], tags: {} } },
      {
        address: 'azurerm_postgresql_flexible_server.pg',
        values: { resource_group_name: 'rg', location: 'westeurope', sku_name: 'GP_Standard_D2s_v3', version: '16', administrator_login: null, public_network_access_enabled: false, delegated_subnet_id: 'snet', private_dns_zone_id: 'dns', backup_retention_days: 35, geo_redundant_backup_enabled: true, identity: [], tags: {}, name: 'pg', customer_managed_key: [{ key_vault_key_id: 'https://kv.vault.azure.net/keys/pg', primary_user_assigned_identity_id: 'uai' }], authentication: [{ active_directory_auth_enabled: true, password_auth_enabled: false }] },
      },
      {
        address: 'azurerm_databricks_workspace.dbw',
        values: { name: 'dbw', resource_group_name: 'rg-dbw', location: 'westeurope', sku: 'premium', public_network_access_enabled: false, network_security_group_rules_required: 'NoAzureDatabricksRules', managed_resource_group_name: 'rg-m', custom_parameters: [{ no_public_ip: true, virtual_network_id: 'vnet', public_subnet_name: 'pub', private_subnet_name: 'priv' }], customer_managed_key_enabled: true, infrastructure_encryption_enabled: false, managed_services_cmk_key_vault_key_id: 'https://kv.vault.azure.net/keys/ms/v1', managed_disk_cmk_key_vault_key_id: null, tags: {} },
      },
      {
        address: 'azurerm_role_assignment.ra',
        values: { name: '44444444-4444-4444-4444-444444444444', scope: SUB, role_definition_id: null, role_definition_name: 'Owner', principal_id: '22222222-2222-2222-2222-222222222222', principal_type: 'User', description: null, condition: null, condition_version: null, delegated_managed_identity_resource_id: null },
      },
      {
        address: 'azurerm_mssql_server_transparent_data_encryption.tde',
        values: { server_id: `${RG('rg')}/providers/Microsoft.Sql/servers/sql`, key_vault_key_id: 'https://kv.vault.azure.net/keys/tde/1', managed_hsm_key_id: null, auto_rotation_enabled: true },
      },
    ]),
  40,
);
