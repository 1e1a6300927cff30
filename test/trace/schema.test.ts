import assert from 'node:assert/strict';
import { buildTraceabilityMatrix, serializeMatrix, TRACEABILITY_SCHEMA_ID } from '../../src/core/trace';
import schema from '../../src/core/trace/traceability.schema.json';
import { everyGapOptions, everyGapSource } from './fixtures/every-gap';
import { schemaErrors } from './support/schema';

describe('trace: traceability.schema.json', () => {
  const m = buildTraceabilityMatrix(everyGapSource, everyGapOptions);

  it('has the $id the matrix declares', () => {
    assert.equal(schema.$id, TRACEABILITY_SCHEMA_ID);
  });

  it('accepts the serialized fixture matrix', () => {
    assert.equal(schemaErrors(JSON.parse(serializeMatrix(m))), '');
  });

  it('rejects an unknown gap code, a missing field, an extra field and a malformed percentage', () => {
    const json = () => JSON.parse(serializeMatrix(m));
    const badGap = json();
    badGap.requirements[1].gaps[0].code = 'untestd';
    assert.match(schemaErrors(badGap), /must be equal to one of the allowed values/);

    const missing = json();
    delete missing.requirements[0].tests[0].points[0].outcome;
    assert.match(schemaErrors(missing), /must have required property 'outcome'/);

    const extra = json();
    extra.requirements[0].secret = 'x';
    assert.match(schemaErrors(extra), /must NOT have additional properties/);

    const pct = json();
    pct.summary.coveragePercent = '77.78';
    assert.match(schemaErrors(pct), /must match pattern/);

    const incomplete = json();
    incomplete.complete = false;
    assert.match(schemaErrors(incomplete), /must be equal to constant/);
  });
});
