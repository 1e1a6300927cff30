// Where a scan's files come from, for the SARIF log: the source root its relative paths start from, and the
// checkout (repository, commit, branch, where its root is) that lets a viewer link each result to its file.

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { SarifOptions } from '../core/report/sarif';

/** The checkout as a pipeline agent describes it (Build.Repository.* and Build.Source*); any part may be unknown. */
export interface Checkout {
  repositoryUri?: string;
  revisionId?: string;
  branch?: string;
  /** The folder the repository was checked out to, or the sources folder holding several (Build.Repository.LocalPath). */
  localPath?: string;
  /** `owner/name` or `name` (Build.Repository.Name). */
  repositoryName?: string;
}

/**
 * The SARIF options for a scan whose report paths are relative to `cwd` (SRCROOT). The SARIF writer drops
 * credentials from the repository URI (Azure Repos puts the organisation there as a user name).
 */
export function sarifSource(cwd: string, checkout: Checkout): SarifOptions {
  const { repositoryUri, revisionId, branch } = checkout;
  const root = repositoryRoot(cwd, checkout.localPath, checkout.repositoryName);
  return {
    sourceRoot: pathToFileURL(cwd).href,
    ...(repositoryUri !== undefined
      ? { versionControl: { repositoryUri, ...(revisionId ? { revisionId } : {}), ...(branch ? { branch } : {}), ...(root !== undefined ? { root } : {}) } }
      : {}),
  };
}

/**
 * The repository's root relative to `cwd` ('' when it is `cwd`), or undefined when it is not surely known. With
 * several repositories checked out, Build.Repository.LocalPath stays the sources folder that holds them while
 * the pipeline's repository is in a folder named after it: mapping the repository to the sources folder would
 * link every result to a wrong path. So the root is where a Git working tree (`.git`) actually is.
 */
function repositoryRoot(cwd: string, localPath: string | undefined, name: string | undefined): string | undefined {
  if (localPath === undefined) return undefined;
  const local = path.resolve(cwd, localPath);
  const folderName = name?.split('/').pop();
  const candidates = [local, ...(folderName && /^[^\\/:*?"<>|]+$/.test(folderName) && folderName !== '..' ? [path.join(local, folderName)] : [])];
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, '.git')));
  if (found === undefined) return undefined;
  const rel = path.relative(cwd, found);
  // A repository root above or beside the working directory has no place below SRCROOT.
  if (path.isAbsolute(rel) || rel.split(path.sep)[0] === '..') return undefined;
  return rel.split(path.sep).join('/');
}
