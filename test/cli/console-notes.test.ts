// The console shows at most 20 notes (the reports have all): the ones shown must be the ones that matter.

import assert from 'node:assert/strict';
import { useTempDir, write } from '../node/tmp';
import { assertNoStackTrace, runCli } from './run-cli';

describe('controltrace scan: which notes reach the console', function () {
  this.timeout(120_000);
  const tmp = useTempDir();

  it('prints the errors that make a scan INCOMPLETE even behind more than 20 warnings', () => {
    for (let i = 0; i < 25; i++) write(tmp(), `infra/a${String(i).padStart(2, '0')}.json`, '{"compilerOptions": {}}');
    write(tmp(), 'infra/z-broken.json', '{"resources": [}');
    const r = runCli(['scan', 'infra', '--out', 'out'], tmp());
    assertNoStackTrace(r);
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /^error: infra\/z-broken\.json:1:16: invalid JSON/m);
    assert.match(r.stderr, /^… 6 more in the reports$/m);
  });
});
