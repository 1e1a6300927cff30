// ARM's guid(): a name-based UUID version 5 (RFC 4122 §4.3, SHA-1) in ARM's fixed namespace
// 11fb06fb-712d-4ddd-98c7-e71bbd588830, over the UTF-8 bytes of the arguments joined by '-'.

import { sha1 } from './sha1';
import { utf8Bytes } from './utf8';

const ARM_NAMESPACE = '11fb06fb712d4ddd98c7e71bbd588830';

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const NAMESPACE_BYTES = hexToBytes(ARM_NAMESPACE);

/** Two lower-case hex digits for each byte value. */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

export function armGuid(parts: readonly string[]): string {
  const name = utf8Bytes(parts.join('-'));
  const input = new Uint8Array(NAMESPACE_BYTES.length + name.length);
  input.set(NAMESPACE_BYTES);
  input.set(name, NAMESPACE_BYTES.length);
  const hash = sha1(input);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  let hex = '';
  for (let i = 0; i < 16; i++) hex += HEX[hash[i]!]!;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
