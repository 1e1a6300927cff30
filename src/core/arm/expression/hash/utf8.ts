// UTF-8 encoding without Node's Buffer (src/core also runs in the browser).
// Lone surrogates become U+FFFD, as .NET's Encoding.UTF8 does.

export function utf8Bytes(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
