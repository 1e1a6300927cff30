// ARM's uniqueString(): the 64-bit MurmurHash variant of Azure Resource Manager (two 32-bit lanes over
// 8-byte blocks, seed 0) of the UTF-8 arguments joined by '-', written as 13 base32 characters
// (a–z, 2–7) taken 5 bits at a time from the most significant end.

import { utf8Bytes } from './utf8';

const C1 = 0x239b961b;
const C2 = 0xab0e9789;

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function mixK1(k: number): number {
  return Math.imul(rotl(Math.imul(k, C1), 15), C2);
}

function mixK2(k: number): number {
  return Math.imul(rotl(Math.imul(k, C2), 17), C1);
}

function littleEndian(bytes: Uint8Array, at: number, count: number): number {
  let v = 0;
  for (let i = count - 1; i >= 0; i--) v = (v << 8) | bytes[at + i]!;
  return v;
}

/** The two 32-bit halves [high, low] of the 64-bit hash. */
export function armMurmur64(bytes: Uint8Array): [number, number] {
  const length = bytes.length;
  let h1 = 0;
  let h2 = 0;
  let i = 0;
  for (; i + 8 <= length; i += 8) {
    h1 ^= mixK1(littleEndian(bytes, i, 4));
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) | 0;
    h2 ^= mixK2(littleEndian(bytes, i + 4, 4));
    h2 = (Math.imul(rotl(h2, 13) + h1, 5) + 0x0bcaa747) | 0;
  }
  const rest = length - i;
  if (rest > 0) {
    h1 ^= mixK1(littleEndian(bytes, i, Math.min(rest, 4)));
    if (rest > 4) h2 ^= mixK2(littleEndian(bytes, i + 4, rest - 4));
  }
  h2 ^= length;
  h1 ^= length;
  h1 = (h1 + h2) | 0;
  h2 = (h2 + h1) | 0;
  h1 = fmix(h1);
  h2 = fmix(h2);
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  return [h2, h1];
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** Bits [shift, shift + 5) of the 64-bit value high:low; a negative shift pads with zero bits on the right. */
function fiveBits(high: number, low: number, shift: number): number {
  if (shift < 0) return (low << -shift) & 31;
  if (shift >= 32) return (high >>> (shift - 32)) & 31;
  if (shift > 27) return ((high << (32 - shift)) | (low >>> shift)) & 31;
  return (low >>> shift) & 31;
}

export function uniqueString(parts: readonly string[]): string {
  const [high, low] = armMurmur64(utf8Bytes(parts.join('-')));
  let out = '';
  for (let i = 0; i < 13; i++) out += ALPHABET[fiveBits(high, low, 59 - 5 * i)];
  return out;
}
