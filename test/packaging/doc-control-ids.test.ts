// A control id in a document users copy from (the README's configuration, the Marketplace overview, the
// example pipelines and landing zones) must name a control of the catalogue: a suppression or exclusion
// copied with an id that does not exist never applies, and the scan only warns about it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CONTROLS } from '../../src/core/controls/index';

const root = path.resolve(__dirname, '..', '..');
const DOCUMENTS = ['README.md', 'overview.md', 'docs/controls.md', 'examples/landing-zone/README.md', 'examples/pipelines/azure-pipelines.yml', 'examples/pipelines/release-gate.yml', 'tasks/IsrmControlScanV1/task.json'];
const ID = /\bISRM(?:\.[A-Za-z0-9*]+)+/g;

/** Whether a control id, glob (`*`) or family prefix ("the ISRM.Environment controls") names at least one control. */
function namesAControl(idOrGlob: string): boolean {
  if (CONTROLS.some((c) => c.id.startsWith(`${idOrGlob}.`))) return true;
  const pattern = new RegExp(`^${idOrGlob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return CONTROLS.some((c) => pattern.test(c.id));
}

describe('control ids in user-facing documents', () => {
  it('the check can fail', () => {
    assert.equal(namesAControl('ISRM.Storage.CustomerManagedKey'), false);
    assert.equal(namesAControl('ISRM.Storage.CMK'), true);
    assert.equal(namesAControl('ISRM.Network.*'), true);
    assert.equal(namesAControl('ISRM.Environment'), true);
    assert.equal(namesAControl('ISRM.Storage.CMKey'), false);
  });

  // Every document is read, not only those that exist: a renamed one would otherwise drop out of the check unseen.
  for (const doc of DOCUMENTS) {
    it(`${doc} names only controls of the catalogue`, () => {
      assert.ok(fs.existsSync(path.join(root, doc)), `${doc} is gone: name its successor in DOCUMENTS`);
      const text = fs.readFileSync(path.join(root, doc), 'utf8');
      const unknown = [...new Set([...text.matchAll(ID)].map((m) => m[0].replace(/\.+$/, '')))].filter((id) => !namesAControl(id));
      assert.deepEqual(unknown, []);
    });
  }
});
