// The SARIF source root and checkout of a scan, without a pipeline agent (the task's L0 tests cover it through one).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sarifSource } from '../../src/node';
import { useTempDir } from './tmp';

const URI = 'https://github.com/contoso/landing-zone';

describe('sarifSource', () => {
  const tmp = useTempDir();

  it('without a repository: only the source root', () => {
    const cwd = tmp();
    assert.deepEqual(sarifSource(cwd, {}), { sourceRoot: pathToFileURL(cwd).href });
  });

  it('names the repository, commit and branch, with its root where the Git working tree is', () => {
    const cwd = tmp();
    fs.mkdirSync(path.join(cwd, '.git'));
    assert.deepEqual(sarifSource(cwd, { repositoryUri: URI, revisionId: 'abc123', branch: 'refs/heads/main', localPath: cwd }).versionControl, {
      repositoryUri: URI,
      revisionId: 'abc123',
      branch: 'refs/heads/main',
      root: '',
    });
  });

  it('several repositories checked out: the root is the folder named after the repository', () => {
    const cwd = tmp();
    fs.mkdirSync(path.join(cwd, 'landing-zone', '.git'), { recursive: true });
    assert.equal(sarifSource(cwd, { repositoryUri: URI, localPath: cwd, repositoryName: 'contoso/landing-zone' }).versionControl?.root, 'landing-zone');
  });

  it('no root when no Git working tree is found, or when it is not below the working directory', () => {
    const cwd = tmp();
    const inner = path.join(cwd, 'inner');
    fs.mkdirSync(path.join(cwd, '.git'));
    fs.mkdirSync(inner);
    assert.equal(sarifSource(inner, { repositoryUri: URI, localPath: inner, repositoryName: 'landing-zone' }).versionControl?.root, undefined);
    assert.equal(sarifSource(inner, { repositoryUri: URI, localPath: cwd }).versionControl?.root, undefined);
    assert.equal(sarifSource(inner, { repositoryUri: URI, localPath: inner, repositoryName: '..' }).versionControl?.root, undefined);
  });
});
