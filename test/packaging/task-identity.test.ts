// What pipelines already refer to must not move: a YAML step names `IsrmControlScan@1`, the agent caches a
// task by id and version, and the Marketplace knows the extension by publisher and id. A new GUID or name
// makes a second task beside the first (pipelines keep the old one or break), and a task whose behaviour
// changes without a higher version is not downloaded again by agents that have the old one.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));

describe('published identities', () => {
  const task = readJson('tasks/IsrmControlScanV1/task.json');
  const manifest = readJson('vss-extension.json');

  it('IsrmControlScan@1 keeps its id, name and major version', () => {
    assert.equal(task.id, '18e5ddaa-76f7-480a-a229-0c213cc10a78');
    assert.equal(task.name, 'IsrmControlScan');
    assert.equal(task.version.Major, 1);
    assert.ok(Number.isInteger(task.version.Minor) && Number.isInteger(task.version.Patch), 'version parts are integers, not strings');
  });

  it('the extension keeps its publisher, id and task contribution', () => {
    assert.equal(manifest.publisher, 'controltrace');
    assert.equal(manifest.id, 'controltrace');
    const contribution = manifest.contributions.find((c: { properties?: { name?: string } }) => c.properties?.name === 'tasks/IsrmControlScanV1');
    assert.equal(contribution?.id, 'isrm-control-scan-task');
  });
});
