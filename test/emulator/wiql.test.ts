import assert from 'node:assert/strict';
import fc from 'fast-check';
import { RunningEmulator, startEmulator } from '../../src/emulator';
import { evaluate, parseWiql, WiqlError } from '../../src/emulator/wiql';
import { post } from './helpers';

const FIELDS = new Set(['System.Id', 'System.State', 'System.WorkItemType', 'System.AreaPath', 'System.Links.LinkType', 'System.ChangedDate']);

describe('WIQL subset parser', () => {
  it('parses the clauses the data-access layer uses', () => {
    const q = parseWiql(
      "SELECT [System.Id], [System.State] FROM WorkItemLinks WHERE ([Source].[System.WorkItemType] IN ('User Story', 'Bug') OR [Source].[System.State] <> 'Removed') AND [System.Links.LinkType] = 'System.LinkTypes.Hierarchy-Forward' ORDER BY [System.Id] DESC ASOF '2026-06-01T00:00:00Z' MODE (Recursive)",
      FIELDS,
    );
    assert.equal(q.from, 'WorkItemLinks');
    assert.deepEqual(q.fields, ['System.Id', 'System.State']);
    assert.deepEqual(q.orderBy, [{ field: 'System.Id', descending: true }]);
    assert.equal(q.asOf, '2026-06-01T00:00:00.000Z');
    assert.equal(q.mode, 'Recursive');
  });

  it('evaluates comparisons, IN, UNDER and doubled quotes', () => {
    const q = parseWiql("SELECT [System.Id] FROM WorkItems WHERE [System.AreaPath] UNDER 'P\\A' AND [System.State] IN ('It''s', 'New') AND [System.Id] >= 3", FIELDS);
    const read = (fields: Record<string, string | number>) => (_p: unknown, f: string) => fields[f];
    assert.equal(evaluate(q.where, read({ 'System.AreaPath': 'P\\A\\B', 'System.State': "it's", 'System.Id': 3 }), 'P'), true);
    assert.equal(evaluate(q.where, read({ 'System.AreaPath': 'P\\AB', 'System.State': 'New', 'System.Id': 3 }), 'P'), false, 'UNDER is by path segment');
    assert.equal(evaluate(q.where, read({ 'System.AreaPath': 'P\\A', 'System.State': 'New', 'System.Id': 2 }), 'P'), false);
  });

  it('rejects what it does not understand, naming the place', () => {
    assert.throws(() => parseWiql('SELECT [System.Id] FROM WorkItems WHERE [System.State] ~ 1', FIELDS), (e: unknown) => e instanceof WiqlError && /character/.test(e.message));
    assert.throws(() => parseWiql('SELECT [System.Id] FROM WorkItems WHERE [System.State] = @me', FIELDS), /@me/);
    assert.throws(() => parseWiql('SELECT [System.Id] FROM WorkItems MODE (Recursive)', FIELDS), /only valid/);
    assert.throws(() => parseWiql("SELECT [System.Id] FROM WorkItems WHERE [System.State] = 'open", FIELDS), /unterminated/);
    assert.throws(() => parseWiql('SELECT [Nope.Field] FROM WorkItems', FIELDS), /TF51005/);
  });
});

describe('WIQL id partitioning over HTTP (property)', () => {
  let emu: RunningEmulator;
  before(async () => {
    emu = await startEmulator({ seed: 'sample' });
  });
  after(() => emu.close());

  it('[System.Id] >= a AND < b returns exactly the ids in [a, b), in order', async () => {
    const all = emu.data.workItems.map((w) => w.id);
    const max = all[all.length - 1];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: max + 5 }), fc.integer({ min: 0, max: 60 }), async (a, width) => {
        const b = a + width;
        const res = await post(`${emu.url}/${emu.project}/_apis/wit/wiql`, {
          query: `SELECT [System.Id] FROM WorkItems WHERE [System.TeamProject] = @project AND [System.Id] >= ${a} AND [System.Id] < ${b} ORDER BY [System.Id]`,
        });
        assert.equal(res.status, 200);
        assert.deepEqual(res.json.workItems.map((w: { id: number }) => w.id), all.filter((id) => id >= a && id < b));
      }),
      { numRuns: 30, seed: 20261126 },
    );
  });
});
