// ARM resource ids as ARM itself forms them, so a resource from a Terraform plan gets the id the same
// resource gets from an ARM template and cross-resource controls (diagnostics, private endpoints, role
// scopes) match across both sources. Parts only known after apply become a readable, unique marker.

/**
 * `[unknown:address.attribute]`. Brackets of instance keys become parentheses, so the marker is one
 * bracketed run that id matchers can treat as a wildcard: `[unknown:module.lz("raw").azurerm_x.y.name]`.
 */
export function unknownPart(address: string, attribute: string): string {
  return `[unknown:${`${address}.${attribute}`.replace(/\[/g, '(').replace(/\]/g, ')')}]`;
}

/** `Microsoft.Network/virtualNetworks/subnets` → namespace and type segments. */
export function splitArmType(type: string): { namespace: string; segments: string[] } {
  const [namespace = '', ...segments] = type.split('/');
  return { namespace, segments };
}

export function resourceGroupId(subscriptionId: string, resourceGroup: string): string {
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
}

/** `{scope}/providers/ns/t1/n1/t2/n2` for a full type and one name per type segment. */
export function idUnder(scope: string, armType: string, names: readonly string[]): string {
  const { namespace, segments } = splitArmType(armType);
  let id = `${scope.replace(/\/$/, '')}/providers/${namespace}`;
  segments.forEach((seg, i) => {
    id += `/${seg}/${names[i] ?? ''}`;
  });
  return id;
}

/** The full `parent/child` name ARM gives the resource an id points at (names after the last `/providers/ns`). */
export function nameFromId(id: string): string {
  const at = id.toLowerCase().lastIndexOf('/providers/');
  if (at < 0) {
    const parts = id.split('/').filter(Boolean);
    return parts[parts.length - 1] ?? '';
  }
  const parts = id.slice(at + '/providers/'.length).split('/');
  const names: string[] = [];
  for (let i = 2; i < parts.length; i += 2) names.push(parts[i] ?? '');
  return names.join('/');
}

export function isArmId(v: unknown): v is string {
  return typeof v === 'string' && (/^\/subscriptions\/[^/]+/i.test(v) || /^\/providers\/Microsoft\.Management\/managementGroups\//i.test(v));
}

/** `https://{vault}.vault.azure.net/keys/{name}[/{version}]` → its parts; undefined for anything else. */
export function parseKeyVaultKeyUrl(url: unknown): { vaultUri: string; name: string; version?: string } | undefined {
  if (typeof url !== 'string') return undefined;
  const m = /^(https:\/\/[^/]+\/)keys\/([^/]+)(?:\/([^/]+))?\/?$/i.exec(url);
  if (!m) return undefined;
  return { vaultUri: m[1] as string, name: m[2] as string, version: m[3] || undefined };
}
