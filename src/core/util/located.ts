// InputError carries its location twice: structured (e.location) and as the message prefix. Where the
// location is shown separately (notes, report tables), the message is wanted without that prefix.

import { formatLocated, type InputError } from '../errors';

export function messageWithoutLocation(e: InputError): string {
  const prefix = formatLocated('', e.location);
  return prefix && e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
}
