#!/usr/bin/env node
// Wraps one JPEG into a one-page, image-only PDF (what a scanner produces), for test fixtures.
// Usage: node scripts/jpeg-to-pdf.mjs in.jpg out.pdf [dpi]
import { readFileSync, writeFileSync } from 'node:fs';

const [input, output, dpiArg] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: jpeg-to-pdf.mjs in.jpg out.pdf [dpi]');
  process.exit(2);
}
const jpeg = readFileSync(input);
const dpi = Number(dpiArg ?? 110);

function jpegSize(bytes) {
  let offset = 2;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) throw new Error('not a JPEG');
    const marker = bytes[offset + 1];
    const length = bytes.readUInt16BE(offset + 2);
    // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7), components: bytes[offset + 9] };
    }
    offset += 2 + length;
  }
  throw new Error('no JPEG frame header');
}

const { width, height, components } = jpegSize(jpeg);
const pageWidth = (width / dpi) * 72;
const pageHeight = (height / dpi) * 72;
const content = Buffer.from(`q ${pageWidth.toFixed(2)} 0 0 ${pageHeight.toFixed(2)} 0 0 cm /Im0 Do Q\n`);
const colorSpace = components === 1 ? '/DeviceGray' : '/DeviceRGB';
const objects = [
  Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
  Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
  Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${pageWidth.toFixed(2)} ${pageHeight.toFixed(2)}] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>`),
  Buffer.concat([Buffer.from(`<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${colorSpace} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`), jpeg, Buffer.from('\nendstream')]),
  Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('endstream')]),
];
const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
const offsets = [];
let size = parts[0].length;
objects.forEach((body, index) => {
  offsets.push(size);
  const chunk = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
  parts.push(chunk);
  size += chunk.length;
});
const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
writeFileSync(output, Buffer.concat(parts));
