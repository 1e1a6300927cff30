// UTF-8 encoding without Node's Buffer (src/core also runs in the browser).
// Lone surrogates become U+FFFD, as .NET's Encoding.UTF8 does.

// One encoder and one decoder for every call: both are stateless for a whole-buffer call (the decoder
// is never given { stream: true }), so sharing them changes no result.
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
