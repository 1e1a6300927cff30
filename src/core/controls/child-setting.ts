// Settings that ARM lets a template declare either on the resource or on a child resource
// (`servers/auditingSettings/default`, `servers/encryptionProtector/current`, …). A declared child that
// sets the value decides (ARM applies it after the resource); otherwise the resource's own property does.

import { read, show } from './access';
import { failed, needsReview, passed, unknownOutcome, withRelated, type Check } from './checks';
import { childrenOf, possibleChildrenOf } from './relations';
import { isUnknown, type NormalizedResource, type ScanContext } from '../model';

export interface ChildSetting {
  /** Property on the resource itself that can satisfy the control (optional). */
  ownPath?: string;
  childTypes: readonly string[];
  /** Property on the child resource. */
  childPath: string;
  expected: string;
  test(value: unknown): boolean;
  /** Sentence for the failure when neither the resource nor a child satisfies the test. */
  whenAbsent: string;
}

export function childSetting(spec: ChildSetting): Check {
  return (r, ctx) => {
    // ARM deploys a child after its parent, so a child that sets the value decides it, whatever the
    // parent's own property says; only when no child sets it does the parent's property count.
    let pending: ReturnType<typeof unknownOutcome> | undefined;
    let childPass: ReturnType<typeof passed> | undefined;
    let unset: { id: string; path: string } | undefined;
    for (const type of spec.childTypes) {
      for (const child of childrenOf(ctx, r, type)) {
        const v = read(child, spec.childPath);
        const path = `${child.type.split('/').pop()}(${child.name}).${spec.childPath}`;
        if (isUnknown(v)) pending ??= withRelated(unknownOutcome(r, path, v, spec.expected), child.id);
        else if (v === undefined) unset ??= { id: child.id, path };
        else if (spec.test(v)) childPass ??= withRelated(passed(r, path, v, spec.expected, `${path} is ${JSON.stringify(v)}, as required (${spec.expected}).`), child.id);
        else return [withRelated(failed(r, path, v, spec.expected), child.id)];
      }
    }
    if (pending) return [pending];
    if (childPass) return [childPass];
    if (spec.ownPath) {
      const own = read(r, spec.ownPath);
      if (isUnknown(own)) return [unknownOutcome(r, spec.ownPath, own, spec.expected)];
      if (own !== undefined && spec.test(own)) {
        const rival = possibleOverride(ctx, r, spec);
        if (rival === undefined) return [passed(r, spec.ownPath, own, spec.expected)];
        const { child, path, value } = rival;
        return [withRelated(needsReview(r, path, value, spec.expected, `${spec.ownPath} is ${show(own)}, but ${child.type.split('/').pop()} '${child.name}', whose parent is only known after deployment, sets ${show(value)}; if it is this resource's it decides (ARM applies it after the resource), so review it; expected ${spec.expected}.`), child.id)];
      }
    }
    for (const type of spec.childTypes) {
      const maybe = possibleChildrenOf(ctx, r, type)[0];
      if (maybe) return [withRelated(needsReview(r, spec.childPath, undefined, spec.expected, `no declared child settles it, but ${maybe.type.split('/').pop()} '${maybe.name}' belongs to a parent only known after deployment; review whether it is this resource's.`), maybe.id)];
    }
    if (unset) return [withRelated(failed(r, unset.path, undefined, spec.expected), unset.id)];
    return [failed(r, spec.ownPath ?? spec.childPath, spec.ownPath ? read(r, spec.ownPath) : undefined, spec.expected, spec.whenAbsent)];
  };
}

/**
 * A child whose parent is only partly known and could be `r`, setting a value that fails the test or is
 * unknown: were it `r`'s, it would override a passing own property, so that pass is not certain.
 */
function possibleOverride(ctx: ScanContext, r: NormalizedResource, spec: ChildSetting): { child: NormalizedResource; path: string; value: unknown } | undefined {
  for (const type of spec.childTypes) {
    for (const child of possibleChildrenOf(ctx, r, type)) {
      const value = read(child, spec.childPath);
      if (value !== undefined && (isUnknown(value) || !spec.test(value))) return { child, path: `${child.type.split('/').pop()}(${child.name}).${spec.childPath}`, value };
    }
  }
  return undefined;
}
