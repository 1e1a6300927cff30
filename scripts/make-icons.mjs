// Draws the extension and task icons (a shield with a check mark) and writes them as PNG with node:zlib,
// so the images are reproducible from source without an image editor. Run: node scripts/make-icons.mjs
// [--out-dir DIR] (default: the repository). The output is deterministic: the same script gives the same
// bytes, and the PNGs are committed (a test regenerates them and compares).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outFlag = process.argv.indexOf('--out-dir');
const outRoot = outFlag > 0 ? path.resolve(process.argv[outFlag + 1] ?? '') : root;

const BACKGROUND = [11, 61, 110];
const SHIELD = [255, 255, 255];
const CHECK = [0, 150, 120];
const SUPERSAMPLE = 4;

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

function insideRoundedSquare(u, v, radius) {
  const cx = Math.min(Math.max(u, radius), 1 - radius);
  const cy = Math.min(Math.max(v, radius), 1 - radius);
  return Math.hypot(u - cx, v - cy) <= radius;
}

// A heater shield: straight sides down to the middle, then an elliptical taper to a point.
function insideShield(u, v) {
  const half = 0.3;
  const x = Math.abs(u - 0.5);
  const top = 0.16 + 0.05 * (x / half) ** 2;
  if (v < top || v > 0.88 || x > half) return false;
  if (v <= 0.5) return true;
  const k = (v - 0.5) / 0.38;
  return x <= half * Math.sqrt(Math.max(0, 1 - k * k));
}

function insideCheck(u, v) {
  const w = 0.055;
  return segmentDistance(u, v, 0.37, 0.5, 0.47, 0.61) <= w || segmentDistance(u, v, 0.47, 0.61, 0.65, 0.38) <= w;
}

/** Colour of one sample: [r, g, b, a] with a in 0..1. */
function sample(u, v) {
  if (!insideRoundedSquare(u, v, 0.18)) return [0, 0, 0, 0];
  if (insideCheck(u, v) && insideShield(u, v)) return [...CHECK, 1];
  if (insideShield(u, v)) return [...SHIELD, 1];
  return [...BACKGROUND, 1];
}

function render(size) {
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const [cr, cg, cb, ca] = sample((x + (sx + 0.5) / SUPERSAMPLE) / size, (y + (sy + 0.5) / SUPERSAMPLE) / size);
          r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
        }
      }
      const i = (y * size + x) * 4;
      // Colours are averaged with alpha weighting so the transparent corners do not darken the edge.
      rgba[i] = a ? Math.round(r / a) : 0;
      rgba[i + 1] = a ? Math.round(g / a) : 0;
      rgba[i + 2] = a ? Math.round(b / a) : 0;
      rgba[i + 3] = Math.round((a / n) * 255);
    }
  }
  return rgba;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const stride = size * 4;
  const raw = Buffer.alloc((stride + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const outputs = [
  ['images/extension-icon.png', 128],
  ['tasks/IsrmControlScanV1/icon.png', 128],
];
for (const [rel, size] of outputs) {
  const file = path.join(outRoot, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encodePng(size, render(size)));
  console.log(`${rel} (${size}x${size})`);
}
