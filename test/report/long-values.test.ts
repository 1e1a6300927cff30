// Values from templates are shortened in the reports (2,000 characters in SARIF and JUnit, 200 in the summary).
// A cut must never split a character: half of a surrogate pair is not Unicode, and strict JSON readers refuse
// a SARIF log that holds one (System.Text.Json: "Cannot read invalid UTF-16 JSON text").

import assert from 'node:assert/strict';
import { toMarkdown, toSarif } from '../../src/core/report';
import type { ScanReport } from '../../src/core/scan/types';
import { sampleReport } from './sample';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The sample with each failed finding's value `n` characters long, an emoji at every position up to its end. */
function withEmojiValues(): ScanReport {
  const report = sampleReport();
  const failed = report.findings.filter((f) => f.status === 'fail');
  const findings = [];
  for (const cut of [200, 2000]) {
    for (let at = cut - 4; at <= cut + 1; at++) {
      for (const f of failed) findings.push({ ...f, resourceName: `${f.resourceName}-${cut}-${at}`, actual: 'a'.repeat(at) + '😀'.repeat(4) + 'tail'.repeat(600) });
    }
  }
  return { ...report, findings };
}

describe('long values in reports', () => {
  const report = withEmojiValues();

  it('SARIF never holds half a surrogate pair, escaped or not', () => {
    const text = toSarif(report);
    assert.ok(!/\\ud[89ab][0-9a-f]{2}(?!\\ud[c-f])/i.test(text), 'a lone high surrogate escape in the log');
    for (const r of JSON.parse(text).runs[0].results) {
      assert.ok(!LONE_SURROGATE.test(r.properties.actual), `half a character in the value of ${r.properties.resourceName}`);
      assert.ok(r.properties.actual.length <= 2000);
    }
  });

  it('the summary never holds half a surrogate pair', () => {
    const line = toMarkdown(report).split('\n').find((l) => LONE_SURROGATE.test(l));
    assert.equal(line, undefined);
  });
});
