// ARM's guid(): a name-based UUID version 5 (RFC 4122 §4.3, SHA-1) in ARM's fixed namespace
// 11fb06fb-712d-4ddd-98c7-e71bbd588830, over the UTF-8 bytes of the arguments joined by '-'.

import { paddedLength, sha1Padding } from './sha1';
import { utf8Bytes } from './utf8';

const ARM_NAMESPACE = '11fb06fb712d4ddd98c7e71bbd588830';

function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

const NAMESPACE_BYTES = hexToBytes(ARM_NAMESPACE);

/** Character codes of the lower-case hex digits. */
const HEX_CODES = Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

// Namespace and name are hashed in one buffer kept between calls (guid() runs to the end without
// calling out, so no two calls use it at once). A longer name gets a buffer of its own, not kept.
const KEPT_BUFFER = new Uint8Array(1_024);
const words = new Int32Array(5);
/** The 36 character codes of the result, made into one flat string. */
const codes: number[] = new Array<number>(36).fill(0);

/** A buffer that holds `length` bytes and their SHA-1 padding. */
function bufferFor(length: number): Uint8Array {
  const needed = paddedLength(length);
  return needed <= KEPT_BUFFER.length ? KEPT_BUFFER : new Uint8Array(needed);
}

export function armGuid(parts: readonly string[]): string {
  const name = parts.join('-');
  const prefix = NAMESPACE_BYTES.length;
  // ASCII (nearly every name) is copied as it is; anything else goes through the UTF-8 encoder.
  let length = prefix;
  let buffer = bufferFor(prefix + name.length);
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 0x80) {
      length = -1;
      break;
    }
    buffer[length++] = c;
  }
  if (length < 0) {
    const bytes = utf8Bytes(name);
    buffer = bufferFor(prefix + bytes.length);
    buffer.set(bytes, prefix);
    length = prefix + bytes.length;
  }
  buffer.set(NAMESPACE_BYTES, 0);
  sha1Padding(buffer, length, words);
  let at = 0;
  for (let i = 0; i < 16; i++) {
    let byte = (words[i >> 2]! >>> (24 - 8 * (i & 3))) & 0xff;
    if (i === 6) byte = (byte & 0x0f) | 0x50;
    else if (i === 8) byte = (byte & 0x3f) | 0x80;
    if (i === 4 || i === 6 || i === 8 || i === 10) codes[at++] = 0x2d; /* - */
    codes[at++] = HEX_CODES[byte >> 4]!;
    codes[at++] = HEX_CODES[byte & 15]!;
  }
  return String.fromCharCode.apply(null, codes);
}
