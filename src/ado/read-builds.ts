// Builds of the project that had finished by `asOf`, each with the work items associated with it.

import type { BuildRecord } from '../core/trace';
import type { AdoConnection } from './connection';
import { IncompleteDataError } from './errors';
import { isoOf, mapBuild, type WireBuild } from './map';
import { getAllPages, getJson, getPage, ROUTES, step } from './rest';

/** builds/{id}/workitems has no paging: ask for more than any build carries and refuse a full answer. */
export const BUILD_WORK_ITEMS_TOP = 10_000;

/** The builds finished by `asOf`, without their work items. */
export async function listBuilds(conn: AdoConnection, project: string, asOf: string): Promise<WireBuild[]> {
  const listed = await getAllPages<WireBuild>('builds', (token) =>
    getPage(conn.build, ROUTES.builds, { project }, { continuationToken: token, statusFilter: 'completed', maxTime: asOf, queryOrder: 'finishTimeAscending' }),
  );
  const cutoff = Date.parse(asOf);
  const builds = [...new Map(listed.map((b) => [b.id, b])).values()].filter((b) => {
    const finish = isoOf(b.finishTime);
    return finish !== undefined && Date.parse(finish) <= cutoff;
  });
  return builds.sort((a, b) => a.id - b.id);
}

/** Build number → build id; a number two definitions share maps to undefined. */
export function buildNumberIndex(builds: WireBuild[]): Map<string, number | undefined> {
  const index = new Map<string, number | undefined>();
  for (const b of builds) {
    if (!b.buildNumber) continue;
    index.set(b.buildNumber, index.has(b.buildNumber) ? undefined : b.id);
  }
  return index;
}

export async function readBuildWorkItems(conn: AdoConnection, project: string, builds: WireBuild[]): Promise<BuildRecord[]> {
  const records = await Promise.all(
    builds.map(async (b) => {
      const what = `work items of build ${b.id}`;
      const refs = await step(what, async () => (await getJson<{ value?: Array<{ id?: unknown }> } | Array<{ id?: unknown }>>(conn.build, ROUTES.buildWorkItems, { project, buildId: b.id }, { $top: BUILD_WORK_ITEMS_TOP })).body);
      const list = Array.isArray(refs) ? refs : refs.value ?? [];
      if (list.length >= BUILD_WORK_ITEMS_TOP) throw new IncompleteDataError(what, `the build has at least ${BUILD_WORK_ITEMS_TOP} associated work items, more than one request returns`);
      return mapBuild(b, list.map((r) => Number(r.id)).filter((id) => Number.isInteger(id)));
    }),
  );
  return records.sort((a, b) => a.id - b.id);
}
