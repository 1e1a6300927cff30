// SARIF source root and version control provenance: optional, so the Azure DevOps Scans tab (and other
// viewers) can link a result to the file in its repository, without credentials of the checkout's URI.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { toSarif, writeSarif, type SarifOptions } from '../../src/core/report/sarif';
import type { ScanReport } from '../../src/core/scan/types';
import { sampleReport } from './sample';

type Json = Record<string, any>;

const sarifSchema = JSON.parse(fs.readFileSync('/work/shared/reference/sarif-schema-2.1.0.json', 'utf8'));

function validator() {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(sarifSchema);
}

/** The sample with one finding that names a related resource, so every kind of artifact location is written. */
function report(): ScanReport {
  const r = sampleReport();
  const failing = r.findings.find((f) => f.status === 'fail')!;
  failing.relatedLocation = { file: 'infra/other dir/second.json', line: 4, pointer: '/resources/0' };
  failing.relatedResourceId = "[resourceId('Microsoft.Storage/storageAccounts', 'stsecond')]";
  r.notes.push({ level: 'warning', file: '/outside/abs.json', message: 'an input outside the working directory' });
  return r;
}

/** Every artifactLocation of the log: result and related locations, notifications, artifacts. */
function artifactLocations(log: Json): Json[] {
  const run = log.runs[0];
  const out: Json[] = run.artifacts.map((a: Json) => a.location);
  for (const r of run.results) {
    for (const l of [...r.locations, ...(r.relatedLocations ?? [])]) out.push(l.physicalLocation.artifactLocation);
  }
  for (const n of run.invocations[0].toolExecutionNotifications ?? []) for (const l of n.locations) out.push(l.physicalLocation.artifactLocation);
  return out;
}

const AGENT: SarifOptions = {
  sourceRoot: 'file:///home/vsts/work/1/s',
  versionControl: {
    repositoryUri: 'https://contoso:s3cr3t-pat@dev.azure.com/contoso/Clinical%20AI/_git/landing-zone?token=abc#frag',
    revisionId: ' 4f1c0f2b9a0d3e7c5b6a8f9e0d1c2b3a4f5e6d7c ',
    branch: 'refs/heads/main',
    root: '',
  },
};

describe('SARIF source root and version control provenance', () => {
  it('without options the log is the same bytes, with no base ids and no provenance', () => {
    const r = report();
    const plain = toSarif(r);
    assert.equal(toSarif(r, {}), plain);
    const log = JSON.parse(plain) as Json;
    assert.equal(log.runs[0].originalUriBaseIds, undefined);
    assert.equal(log.runs[0].versionControlProvenance, undefined);
    assert.doesNotMatch(plain, /uriBaseId/);
  });

  it('names the checkout: repository without credentials, query or fragment, revision, branch, mapped to SRCROOT', () => {
    const text = toSarif(report(), AGENT);
    const run = (JSON.parse(text) as Json).runs[0];
    assert.deepEqual(run.originalUriBaseIds, { SRCROOT: { uri: 'file:///home/vsts/work/1/s/' } });
    assert.deepEqual(run.versionControlProvenance, [
      {
        repositoryUri: 'https://dev.azure.com/contoso/Clinical%20AI/_git/landing-zone',
        revisionId: '4f1c0f2b9a0d3e7c5b6a8f9e0d1c2b3a4f5e6d7c',
        branch: 'refs/heads/main',
        mappedTo: { uriBaseId: 'SRCROOT' },
      },
    ]);
    for (const secret of ['s3cr3t-pat', 'contoso:', 'token=abc', 'frag']) assert.ok(!text.includes(secret), `${secret} is in the log`);
  });

  it('validates against the official SARIF 2.1.0 schema', () => {
    const validate = validator();
    for (const options of [AGENT, { sourceRoot: 'file:///D:/a/1/s/' }, { ...AGENT, versionControl: { ...AGENT.versionControl!, root: 'landing-zone' } }]) {
      const log = JSON.parse(toSarif(report(), options));
      assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    }
  });

  it('every relative artifact location names SRCROOT and resolves to the scanned file; absolute ones do not', () => {
    const locations = artifactLocations(JSON.parse(toSarif(report(), AGENT)));
    assert.ok(locations.some((l) => l.uri === 'infra/other%20dir/second.json'), 'the related location is among them');
    for (const l of locations) {
      if (l.uri.startsWith('/')) {
        assert.equal(l.uriBaseId, undefined, `${l.uri} is absolute`);
        continue;
      }
      assert.equal(l.uriBaseId, 'SRCROOT', l.uri);
      assert.ok(new URL(l.uri, 'file:///home/vsts/work/1/s/').href.startsWith('file:///home/vsts/work/1/s/'), l.uri);
    }
    assert.equal(new URL('infra/other%20dir/second.json', 'file:///home/vsts/work/1/s/').pathname, '/home/vsts/work/1/s/infra/other%20dir/second.json');
  });

  it('a file on another drive of a Windows agent (reported as D:/...) is a file URI, not a relative path', () => {
    const r = report();
    r.notes.push({ level: 'warning', file: 'D:/other drive/#1 100%.json', message: 'an input on another drive' });
    for (const options of [{}, AGENT]) {
      const log = JSON.parse(toSarif(r, options)) as Json;
      const location = log.runs[0].invocations[0].toolExecutionNotifications.at(-1).locations[0].physicalLocation.artifactLocation;
      assert.deepEqual(location, { uri: 'file:///D:/other%20drive/%231%20100%25.json' });
      assert.equal(new URL(location.uri).pathname, '/D:/other%20drive/%231%20100%25.json');
    }
  });

  it('a repository below the source root (a multi-repository checkout) is mapped to its folder', () => {
    const options: SarifOptions = { ...AGENT, versionControl: { ...AGENT.versionControl!, root: 'landing zone\\' } };
    const run = JSON.parse(toSarif(report(), options)).runs[0];
    assert.deepEqual(run.versionControlProvenance[0].mappedTo, { uri: 'landing%20zone/', uriBaseId: 'SRCROOT' });
  });

  it('leaves the provenance out when the repository URI names no server, and mappedTo out without a source root', () => {
    for (const repositoryUri of ['', 'git@github.com:contoso/lz.git', 'C:\\repos\\lz', 'not a uri']) {
      const run = JSON.parse(toSarif(report(), { ...AGENT, versionControl: { repositoryUri } })).runs[0];
      assert.equal(run.versionControlProvenance, undefined, repositoryUri);
    }
    const run = JSON.parse(toSarif(report(), { versionControl: { repositoryUri: 'https://github.com/contoso/lz', root: '' } })).runs[0];
    assert.deepEqual(run.versionControlProvenance, [{ repositoryUri: 'https://github.com/contoso/lz' }]);
    assert.equal(run.originalUriBaseIds, undefined);
  });

  it('written in pieces, the log is the same text', () => {
    const r = report();
    const pieces: string[] = [];
    writeSarif(r, (c) => pieces.push(c), AGENT);
    assert.equal(pieces.join(''), toSarif(r, AGENT));
  });
});
