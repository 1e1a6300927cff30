// Cross-resource lookups that controls need beyond ScanContext: child resources, parents, and the
// extension resources / private endpoints whose target is only partly known. Each is computed once per
// context (memoised on the context object) so checks stay O(1) per resource.

import type { NormalizedResource, ScanContext } from '../model';
import { isUnknown } from '../model';
import { containsUnknownText, extensionTarget, IndexedScanContext, privateLinkTargets, unknownIdPattern, type IdPattern } from '../scan/context';
import { idKey, resourceIdKey, typeKey } from './access';

// ctx → kind of index → type as the check spelled it → index. Keyed by the caller's spelling (a literal
// in practice) so a lookup builds no string; spellings that differ only in case build equal indexes.
const memo = new WeakMap<ScanContext, Map<string, Map<string, unknown>>>();

function cached<T>(ctx: ScanContext, kind: string, type: string, build: () => T): T {
  let perCtx = memo.get(ctx);
  if (!perCtx) memo.set(ctx, (perCtx = new Map()));
  let perKind = perCtx.get(kind);
  if (!perKind) perCtx.set(kind, (perKind = new Map()));
  const hit = perKind.get(type);
  if (hit !== undefined || perKind.has(type)) return hit as T;
  const value = build();
  perKind.set(type, value);
  return value;
}

/** The id of the parent of a child resource id: `/…/servers/s/databases/d` → `/…/servers/s`. */
export function parentIdOf(id: string): string | undefined {
  const parts = id.replace(/\/+$/, '').split('/');
  const providers = parts.map((p) => p.toLowerCase()).lastIndexOf('providers');
  // `providers/<Namespace>/<type>/<name>` is a top-level resource: it has no parent resource.
  if (providers < 0 || parts.length - providers <= 4) return undefined;
  return parts.slice(0, -2).join('/');
}

/** Child resources of `childType` declared for `parent` (matched by id, case-insensitively). */
export function childrenOf(ctx: ScanContext, parent: NormalizedResource, childType: string): readonly NormalizedResource[] {
  const index = cached(ctx, 'children', childType, () => {
    const map = new Map<string, NormalizedResource[]>();
    for (const child of ctx.ofType(childType)) {
      const parentId = parentIdOf(child.id);
      if (parentId === undefined) continue;
      const key = idKey(parentId);
      const list = map.get(key);
      if (list) list.push(child);
      else map.set(key, [child]);
    }
    return map;
  });
  return index.get(resourceIdKey(parent)) ?? [];
}

/**
 * Child resources of `childType` whose parent id is only partly known (`[unknown…]` markers) and could
 * be `parent`: they may satisfy or break a control, so a check without a definite child says "review".
 */
export function possibleChildrenOf(ctx: ScanContext, parent: NormalizedResource, childType: string): readonly NormalizedResource[] {
  const candidates = cached(ctx, 'children-unknown', childType, () =>
    ctx.ofType(childType).flatMap((child) => {
      const parentId = parentIdOf(child.id);
      return parentId !== undefined && containsUnknownText(parentId) ? [{ resource: child, pattern: unknownIdPattern(parentId) }] : [];
    }),
  );
  return couldTarget(candidates, parent).map((c) => c.resource);
}

export function parentOf(ctx: ScanContext, child: NormalizedResource): NormalizedResource | undefined {
  const parentId = parentIdOf(child.id);
  return parentId === undefined ? undefined : ctx.byId(parentId);
}

export interface Unresolved {
  resource: NormalizedResource;
  /** Matches the ids the resource could target; undefined when it could target anything. */
  pattern?: IdPattern;
}

/** Extension resources of `type` (including the legacy nested form) whose scope is only partly known. */
export function unresolvedExtensions(ctx: ScanContext, type: string): readonly Unresolved[] {
  return cached(ctx, 'unresolved-ext', type, () => {
    // The scan context found them while indexing.
    if (ctx instanceof IndexedScanContext) return ctx.partlyKnownExtensions(type).map((p) => ({ resource: p.resource, pattern: unknownIdPattern(p.scope) }));
    const out: Unresolved[] = [];
    for (const r of ctx.resources) {
      const target = extensionTarget(r, ctx.config);
      if (!target || typeKey(target.type) !== typeKey(type)) continue;
      if (containsUnknownText(target.scope)) out.push({ resource: r, pattern: unknownIdPattern(target.scope) });
    }
    return out;
  });
}

/** Private endpoints with a connection whose target is Unknown or only partly known. */
export function unresolvedPrivateEndpoints(ctx: ScanContext): readonly Unresolved[] {
  return cached(ctx, 'unresolved-pe', '', () => {
    const out: Unresolved[] = [];
    for (const pe of ctx.ofType('Microsoft.Network/privateEndpoints')) {
      for (const t of privateLinkTargets(pe)) {
        if (isUnknown(t) || typeof t !== 'string') out.push({ resource: pe });
        else if (containsUnknownText(t)) out.push({ resource: pe, pattern: unknownIdPattern(t) });
      }
    }
    return out;
  });
}

/** The unresolved candidates that could point at `target`. */
export function couldTarget(candidates: readonly Unresolved[], target: NormalizedResource): Unresolved[] {
  if (candidates.length === 0) return [];
  const key = resourceIdKey(target);
  return candidates.filter((c) => c.pattern === undefined || c.pattern.test(key));
}

/** couldTarget for a resource id that need not belong to a resource (a service of a storage account). */
export function couldTargetId(candidates: readonly Unresolved[], id: string): Unresolved[] {
  if (candidates.length === 0) return [];
  const key = idKey(id);
  return candidates.filter((c) => c.pattern === undefined || c.pattern.test(key));
}
