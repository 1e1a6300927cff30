// SHA-1 (FIPS 180-4) over bytes, in plain TypeScript: guid() needs it and src/core cannot use Node's
// crypto. Not used for security, only to reproduce ARM's name-based GUIDs.

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** Bytes the padded message of `length` bytes takes: a whole number of 64-byte blocks. */
export function paddedLength(length: number): number {
  return ((length + 9 + 63) >> 6) << 6;
}

export function sha1(message: Uint8Array): Uint8Array {
  const padded = new Uint8Array(paddedLength(message.length));
  padded.set(message);
  const h = new Int32Array(5);
  sha1Padding(padded, message.length, h);
  const out = new Uint8Array(20);
  for (let i = 0; i < 20; i++) out[i] = (h[i >> 2]! >>> (24 - 8 * (i & 3))) & 0xff;
  return out;
}

/**
 * SHA-1 of the first `length` bytes of `buffer`, into `h` as five big-endian words. The buffer must hold
 * paddedLength(length) bytes: the padding is written into it, so a caller can hash in a buffer it reuses.
 */
export function sha1Padding(buffer: Uint8Array, length: number, h: Int32Array): void {
  const end = paddedLength(length);
  buffer.fill(0, length, end);
  buffer[length] = 0x80;
  // Message length in bits as a 64-bit big-endian integer at the end of the last block.
  const high = Math.floor(length / 0x20000000);
  const low = (length * 8) >>> 0;
  buffer[end - 8] = high >>> 24;
  buffer[end - 7] = (high >>> 16) & 0xff;
  buffer[end - 6] = (high >>> 8) & 0xff;
  buffer[end - 5] = high & 0xff;
  buffer[end - 4] = low >>> 24;
  buffer[end - 3] = (low >>> 16) & 0xff;
  buffer[end - 2] = (low >>> 8) & 0xff;
  buffer[end - 1] = low & 0xff;

  let h0 = 0x67452301;
  let h1 = 0xefcdab89 | 0;
  let h2 = 0x98badcfe | 0;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0 | 0;
  const w = schedule;
  for (let block = 0; block < end; block += 64) {
    for (let t = 0; t < 16; t++) {
      const i = block + t * 4;
      w[t] = (buffer[i]! << 24) | (buffer[i + 1]! << 16) | (buffer[i + 2]! << 8) | buffer[i + 3]!;
    }
    for (let t = 16; t < 80; t++) w[t] = rotl(w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!, 1);
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    // The four rounds as separate loops: no per-step branch on the round.
    for (let t = 0; t < 20; t++) {
      const temp = (rotl(a, 5) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[t]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    for (let t = 20; t < 40; t++) {
      const temp = (rotl(a, 5) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[t]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    for (let t = 40; t < 60; t++) {
      const temp = (rotl(a, 5) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + w[t]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    for (let t = 60; t < 80; t++) {
      const temp = (rotl(a, 5) + (b ^ c ^ d) + e + 0xca62c1d6 + w[t]!) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  h[0] = h0;
  h[1] = h1;
  h[2] = h2;
  h[3] = h3;
  h[4] = h4;
}

// The message schedule, shared by every call: sha1 runs to the end without calling out, so no two
// calls ever use it at once, and each block writes all 80 words before reading them.
const schedule = new Int32Array(80);
