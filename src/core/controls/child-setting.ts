// Settings that ARM lets a template declare either on the resource or on a child resource
// (`servers/auditingSettings/default`, `servers/encryptionProtector/current`, …). The resource passes
// when its own property or any declared child satisfies the test.

import { read } from './access';
import { failed, needsReview, passed, unknownOutcome, withRelated, type Check } from './checks';
import { childrenOf, possibleChildrenOf } from './relations';
import { isUnknown } from '../model';

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
    let pending: ReturnType<typeof unknownOutcome> | undefined;
    if (spec.ownPath) {
      const own = read(r, spec.ownPath);
      if (isUnknown(own)) pending = unknownOutcome(r, spec.ownPath, own, spec.expected);
      else if (own !== undefined && spec.test(own)) return [passed(r, spec.ownPath, own, spec.expected)];
    }
    let seen: { id: string; path: string; value: unknown } | undefined;
    for (const type of spec.childTypes) {
      for (const child of childrenOf(ctx, r, type)) {
        const v = read(child, spec.childPath);
        const path = `${child.type.split('/').pop()}(${child.name}).${spec.childPath}`;
        if (isUnknown(v)) {
          pending ??= withRelated(unknownOutcome(r, path, v, spec.expected), child.id);
          continue;
        }
        if (v !== undefined && spec.test(v)) return [withRelated(passed(r, path, v, spec.expected, `${path} is ${JSON.stringify(v)}, as required (${spec.expected}).`), child.id)];
        seen ??= { id: child.id, path, value: v };
      }
    }
    if (pending) return [pending];
    for (const type of spec.childTypes) {
      const maybe = possibleChildrenOf(ctx, r, type)[0];
      if (maybe) return [withRelated(needsReview(r, spec.childPath, undefined, spec.expected, `no declared child settles it, but ${maybe.type.split('/').pop()} '${maybe.name}' belongs to a parent only known after deployment; review whether it is this resource's.`), maybe.id)];
    }
    if (seen) return [withRelated(failed(r, seen.path, seen.value, spec.expected), seen.id)];
    return [failed(r, spec.ownPath ?? spec.childPath, spec.ownPath ? read(r, spec.ownPath) : undefined, spec.expected, spec.whenAbsent)];
  };
}
