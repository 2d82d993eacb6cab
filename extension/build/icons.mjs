// Draws the toolbar icon (a check mark over a wavy underline on a rounded square) as PNGs,
// so no binary artwork lives in the repository.
import { deflateSync, crc32 } from "node:zlib";

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function segDist(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
}

/** Colour of the unit-square point (x, y), or null outside the icon. */
function shade(x, y) {
  const r = 0.2, m = 0.02;
  const qx = Math.max(Math.abs(x - 0.5) - (0.5 - m - r), 0);
  const qy = Math.max(Math.abs(y - 0.5) - (0.5 - m - r), 0);
  if (Math.hypot(qx, qy) > r) return null;
  const check = Math.min(segDist(x, y, 0.24, 0.42, 0.42, 0.6), segDist(x, y, 0.42, 0.6, 0.77, 0.24));
  if (check < 0.075) return [255, 255, 255];
  const wave = 0.79 + 0.045 * Math.sin((x - 0.2) * Math.PI * 2 / 0.2);
  if (x > 0.18 && x < 0.82 && Math.abs(y - wave) < 0.05) return [255, 92, 92];
  return [18, 48, 71];
}

export function icon(size) {
  const buf = Buffer.alloc(size * size * 4);
  const S = 4;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let rs = 0, gs = 0, bs = 0, n = 0;
      for (let sy = 0; sy < S; sy++) for (let sx = 0; sx < S; sx++) {
        const c = shade((px + (sx + 0.5) / S) / size, (py + (sy + 0.5) / S) / size);
        if (c) { rs += c[0]; gs += c[1]; bs += c[2]; n++; }
      }
      const o = (py * size + px) * 4;
      if (n) { buf[o] = rs / n; buf[o + 1] = gs / n; buf[o + 2] = bs / n; buf[o + 3] = Math.round(255 * n / (S * S)); }
    }
  }
  return png(size, buf);
}
