// How files are named in reports: relative to the working directory, with forward slashes, so SARIF URIs
// and report bytes are the same on Windows and Linux agents.

import path from 'node:path';

export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  return (rel === '' ? path.basename(absolute) : rel).split(path.sep).join('/');
}
