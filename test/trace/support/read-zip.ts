// Reads a zip archive's central directory and inflates entries, so tests can look at the raw parts of an
// XLSX (timestamps, sheet XML) without trusting the library that wrote them.

import { inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  dosTime: number;
  dosDate: number;
  localDosTime: number;
  localDosDate: number;
  content: Buffer;
}

export function readZip(bytes: Uint8Array): ZipEntry[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = buf.length - 22; i >= 0; i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('no end of central directory');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(off) !== 0x02014b50) throw new Error('bad central directory entry');
    const method = buf.readUInt16LE(off + 10);
    const compressedSize = buf.readUInt32LE(off + 20);
    const nameLength = buf.readUInt16LE(off + 28);
    const extraLength = buf.readUInt16LE(off + 30);
    const commentLength = buf.readUInt16LE(off + 32);
    const local = buf.readUInt32LE(off + 42);
    const name = buf.toString('utf8', off + 46, off + 46 + nameLength);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    entries.push({
      name,
      dosTime: buf.readUInt16LE(off + 12),
      dosDate: buf.readUInt16LE(off + 14),
      localDosTime: buf.readUInt16LE(local + 10),
      localDosDate: buf.readUInt16LE(local + 12),
      content: method === 8 ? inflateRawSync(raw) : Buffer.from(raw),
    });
    off += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
