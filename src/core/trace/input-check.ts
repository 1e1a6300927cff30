// The engine trusts the shape of its input (the type system and the data-access layer see to that) but not
// its content: a date it cannot order, a duplicated id or an option that would match everything would give
// a matrix that looks right and is not. Those stop the build with an error that points at the value.

import { InputError } from '../errors';
import type { TraceOptions, TraceSource } from './source';

// UTC or offset ISO-8601 date-time; a bare date or a local time cannot be ordered against the others.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function isIsoInstant(value: string): boolean {
  return ISO_INSTANT.test(value) && !Number.isNaN(Date.parse(value));
}

function checkInstant(value: string | undefined, pointer: string, required: boolean): void {
  if (value === undefined || value === null) {
    if (required) throw new InputError('missing date-time; expected an ISO-8601 instant such as 2026-01-31T12:00:00Z', { pointer });
    return;
  }
  if (typeof value !== 'string' || !isIsoInstant(value)) {
    throw new InputError(
      `${JSON.stringify(value)} is not an ISO-8601 date-time with a time zone (RFC 3339, for example 2026-01-31T12:00:00Z); fix the value where the trace source is produced`,
      { pointer },
    );
  }
}

function checkUniqueIds(items: readonly { id: number }[], collection: string): void {
  const seen = new Set<number>();
  items.forEach((item, i) => {
    if (!Number.isInteger(item.id)) {
      throw new InputError(`id ${JSON.stringify(item.id)} is not an integer`, { pointer: `/${collection}/${i}/id` });
    }
    if (seen.has(item.id)) {
      throw new InputError(`duplicate id ${item.id} in ${collection}; each record must appear once`, { pointer: `/${collection}/${i}/id` });
    }
    seen.add(item.id);
  });
}

export function checkTraceInput(source: TraceSource, options: TraceOptions): void {
  checkInstant(source.asOf, '/asOf', true);
  checkInstant(options.generatedAt, 'options/generatedAt', true);
  if (options.requirementTypes.length === 0) {
    throw new InputError('requirementTypes is empty, so no work item would be a requirement; list at least one work item type', { pointer: 'options/requirementTypes' });
  }
  options.productionEnvironments.forEach((p, i) => {
    if (p.trim() === '') {
      throw new InputError('empty production environment pattern: it would match every environment; remove it', { pointer: `options/productionEnvironments/${i}` });
    }
  });

  checkUniqueIds(source.workItems, 'workItems');
  checkUniqueIds(source.testPlans, 'testPlans');
  checkUniqueIds(source.testSuites, 'testSuites');
  checkUniqueIds(source.testPoints, 'testPoints');
  checkUniqueIds(source.builds, 'builds');
  checkUniqueIds(source.deployments, 'deployments');

  source.workItems.forEach((w, i) => {
    checkInstant(w.changedDate, `/workItems/${i}/changedDate`, true);
    if (!Number.isInteger(w.rev)) throw new InputError(`revision ${String(w.rev)} of work item ${w.id} is not an integer`, { pointer: `/workItems/${i}/rev` });
  });
  source.testPoints.forEach((p, i) => checkInstant(p.lastResult?.completedDate, `/testPoints/${i}/lastResult/completedDate`, false));
  source.builds.forEach((b, i) => checkInstant(b.finishTime, `/builds/${i}/finishTime`, false));
  source.deployments.forEach((d, i) => {
    checkInstant(d.finishTime, `/deployments/${i}/finishTime`, false);
    d.approvals.forEach((a, j) => checkInstant(a.decidedOn, `/deployments/${i}/approvals/${j}/decidedOn`, false));
  });
}
