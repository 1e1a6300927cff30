// Azure built-in role definition ids (the same GUID in every subscription). A role assignment written
// with `role_definition_name` gets its definition id here, so controls on privileged roles (Owner at
// subscription scope…) judge the Terraform plan exactly as they judge an ARM template.

const BUILT_IN_ROLES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    Owner: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635',
    Contributor: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    Reader: 'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    'User Access Administrator': '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    'Role Based Access Control Administrator': 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    'Storage Blob Data Owner': 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b',
    'Storage Blob Data Contributor': 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    'Storage Blob Data Reader': '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1',
    'Key Vault Administrator': '00482a5a-887f-4fb3-b363-3b7fe8e74483',
    'Key Vault Crypto Officer': '14b46e9e-c2b7-41b4-b07b-48a6ebf60603',
    'Key Vault Crypto Service Encryption User': 'e147488a-f6f5-4113-8e2d-b22465e65bf6',
    'Key Vault Crypto User': '12338af0-0e69-4776-bea7-57ae8d297424',
    'Key Vault Secrets Officer': 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7',
    'Key Vault Secrets User': '4633458b-17de-408a-b874-0445c86b69e6',
    'Key Vault Reader': '21090545-7ca7-4776-b22c-e363652d74d2',
    AcrPull: '7f951dda-4ed3-4680-a7ca-43fe172d538d',
    AcrPush: '8311e382-0749-4cb8-b61a-304f252e45ec',
    'AzureML Data Scientist': 'f6c7c914-8db3-469d-8ca1-694a8f32e121',
    'Log Analytics Contributor': '92aaf0da-9dab-42b6-94a3-d43ce8d16293',
    'Log Analytics Reader': '73c42c96-874c-492b-b04d-ab87d138a893',
    'Monitoring Contributor': '749f88d5-cbae-40b8-bcfc-e573ddc772fa',
    'Monitoring Reader': '43d0d8ad-25c7-4714-9337-8ba259a9fe05',
    'Network Contributor': '4d97b98b-1d4f-4787-a291-c67834d212e7',
    'Security Admin': 'fb1c8493-542b-48eb-b624-b4c8fea62acd',
    'Security Reader': '39bc4728-0917-49c7-9d2c-d95423bc2eb4',
  }).map(([name, guid]) => [name.toLowerCase(), guid]),
);

/** The GUID of a built-in role by its display name (case-insensitive), if ControlTrace knows it. */
export function builtInRoleGuid(name: string): string | undefined {
  return BUILT_IN_ROLES.get(name.trim().toLowerCase());
}

/**
 * The definition id the provider itself records for a built-in role: under the subscription of the
 * assignment's scope, or tenant-level for management-group scopes.
 */
export function builtInRoleDefinitionId(guid: string, scope: string | undefined, fallbackSubscription: string): string {
  const m = scope === undefined ? undefined : /^\/subscriptions\/([^/]+)/i.exec(scope);
  if (scope !== undefined && !m && /^\/providers\/Microsoft\.Management\/managementGroups\//i.test(scope)) {
    return `/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
  }
  return `/subscriptions/${m ? m[1] : fallbackSubscription}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
}
