// Draws the add-in icon (three rising bars on a rounded tile) at every size the manifest needs, as real PNGs.
// Run once with `node scripts/make-icons.js`; the PNGs are committed under assets/.
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** Coverage of pixel (x, y) by shape `inside(px, py)`, 4×4 supersampled so small sizes stay smooth. */
function coverage(x, y, inside) {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) hits++;
  return hits / 16;
}

function drawIcon(size) {
  const s = size;
  const radius = s * 0.18;
  const tile = (px, py) => {
    const cx = Math.min(Math.max(px, radius), s - radius);
    const cy = Math.min(Math.max(py, radius), s - radius);
    return (px - cx) ** 2 + (py - cy) ** 2 <= radius ** 2;
  };
  const bars = [
    [0.2, 0.58],
    [0.42, 0.38],
    [0.64, 0.18],
  ].map(
    ([x, top]) =>
      (px, py) =>
        px >= x * s && px <= (x + 0.16) * s && py >= top * s && py <= 0.8 * s,
  );
  const teal = [3, 131, 135];
  const rows = [];
  for (let y = 0; y < s; y++) {
    const row = Buffer.alloc(1 + s * 4);
    for (let x = 0; x < s; x++) {
      const a = coverage(x, y, tile);
      const w = coverage(x, y, (px, py) => bars.some((b) => b(px, py)));
      const o = 1 + x * 4;
      row[o] = Math.round(teal[0] + (255 - teal[0]) * w);
      row[o + 1] = Math.round(teal[1] + (255 - teal[1]) * w);
      row[o + 2] = Math.round(teal[2] + (255 - teal[2]) * w);
      row[o + 3] = Math.round(255 * a);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(s, 0);
  header.writeUInt32BE(s, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(Buffer.concat(rows))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

for (const size of [16, 32, 64, 80, 128]) {
  fs.writeFileSync(path.join(__dirname, "..", "assets", `icon-${size}.png`), drawIcon(size));
}
