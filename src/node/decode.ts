// Bytes → text for the encodings ARM tooling actually writes: UTF-8 (with or without BOM) and UTF-16 with a
// BOM (PowerShell 5's `Out-File` and `>` write UTF-16 LE by default). Anything else is refused with a reason,
// never decoded into mojibake that would then "parse" or fail somewhere confusing.

export type Decoded =
  | { ok: true; text: string; encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' }
  /** `line` / `column`: where the first byte that is not UTF-8 is, when that is the reason. */
  | { ok: false; reason: string; line?: number; column?: number };

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return utf8(bytes.subarray(3), 'utf-8-bom');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    if (bytes[2] === 0 && bytes[3] === 0) return { ok: false, reason: 'UTF-32 is not supported; save the file as UTF-8' };
    return utf16(bytes.subarray(2), 'utf-16le');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  // JSON text never contains a raw NUL, while UTF-16 of ASCII is every other byte NUL.
  if (looksLikeUtf16WithoutBom(bytes)) {
    return { ok: false, reason: 'looks like UTF-16 without a byte order mark; save the file as UTF-8 (or UTF-16 with a BOM)' };
  }
  return utf8(bytes, 'utf-8');
}

// One decoder for every file: without `stream` each decode() starts afresh, also after a failed one.
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function utf8(bytes: Uint8Array, encoding: 'utf-8' | 'utf-8-bom'): Decoded {
  try {
    return { ok: true, text: UTF8.decode(bytes), encoding };
  } catch {
    // A Latin-1 or Windows-1252 "é" somewhere in thousands of lines: the user needs to know where.
    const at = firstInvalidUtf8(bytes);
    if (at < 0) return { ok: false, reason: 'is not valid UTF-8 text; save the file as UTF-8' };
    let lineStart = 0;
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) (line++, (lineStart = i + 1));
    const column = UTF8.decode(bytes.subarray(lineStart, at)).length + 1;
    const byte = bytes[at]!.toString(16).toUpperCase().padStart(2, '0');
    return { ok: false, reason: `is not valid UTF-8 text (byte 0x${byte}); save the file as UTF-8`, line, column };
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629, as TextDecoder judges), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const more = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : 0;
    if (more === 0 || i + more >= bytes.length) return i;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (bytes[i + 1]! < lo || bytes[i + 1]! > hi) return i;
    for (let k = 2; k <= more; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += more + 1;
  }
  return -1;
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  if (bytes.length % 2 !== 0) return { ok: false, reason: `is truncated ${encoding.toUpperCase()} (odd number of bytes)` };
  let le = bytes;
  if (encoding === 'utf-16be') {
    le = new Uint8Array(bytes.length);
    for (let i = 0; i < bytes.length; i += 2) {
      le[i] = bytes[i + 1]!;
      le[i + 1] = bytes[i]!;
    }
  }
  try {
    return { ok: true, text: new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(le), encoding };
  } catch {
    return { ok: false, reason: `is not valid ${encoding.toUpperCase()} text` };
  }
}

function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 64);
  let zeros = 0;
  for (const b of sample) if (b === 0) zeros++;
  return sample.length >= 4 && zeros >= sample.length / 4;
}
