import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import schema from '../../../src/core/trace/traceability.schema.json';

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);

export const validateMatrix = ajv.compile(schema);

export function schemaErrors(value: unknown): string {
  return validateMatrix(value) ? '' : ajv.errorsText(validateMatrix.errors);
}
