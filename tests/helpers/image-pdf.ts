/**
 * Builds image-only PDFs ("scans") for OCR tests: `pages` pages that all show the same JPEG
 * (one image object shared by every page, so a 1,000-page scan stays small), optionally with
 * a page size in points of its own (a huge map).
 */
export interface ImagePdfOptions {
  pages?: number;
  /** Resolution the image was "scanned" at: sets the page size. */
  dpi?: number;
}

function jpegSize(bytes: Buffer): { width: number; height: number; components: number } {
  let offset = 2;
  while (offset < bytes.length) {
    if (bytes[offset] !== 0xff) throw new Error('not a JPEG');
    const marker = bytes[offset + 1]!;
    const length = bytes.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7), components: bytes[offset + 9]! };
    }
    offset += 2 + length;
  }
  throw new Error('no JPEG frame header');
}

export function imagePdf(jpeg: Buffer, options: ImagePdfOptions = {}): Buffer {
  const pages = options.pages ?? 1;
  const dpi = options.dpi ?? 200;
  const { width, height, components } = jpegSize(jpeg);
  const w = ((width / dpi) * 72).toFixed(2);
  const h = ((height / dpi) * 72).toFixed(2);
  const content = Buffer.from(`q ${w} 0 0 ${h} 0 0 cm /Im0 Do Q\n`);
  // 1 catalog, 2 pages, 3 image, 4 content, then one object per page.
  const kids = Array.from({ length: pages }, (_, i) => `${5 + i} 0 R`).join(' ');
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from(`<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`),
    Buffer.concat([
      Buffer.from(
        `<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} /ColorSpace ${components === 1 ? '/DeviceGray' : '/DeviceRGB'} /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
      ),
      jpeg,
      Buffer.from('\nendstream'),
    ]),
    Buffer.concat([Buffer.from(`<< /Length ${content.length} >>\nstream\n`), content, Buffer.from('endstream')]),
    ...Array.from({ length: pages }, () => Buffer.from(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im0 3 0 R >> >> /Contents 4 0 R >>`)),
  ];
  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let size = parts[0]!.length;
  objects.forEach((body, index) => {
    offsets.push(size);
    const chunk = Buffer.concat([Buffer.from(`${index + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(chunk);
    size += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${size}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** The JPEG inside a one-image PDF made by scripts/jpeg-to-pdf.ts (to reuse a fixture's scan). */
export function jpegOfImagePdf(pdf: Buffer): Buffer {
  const start = pdf.indexOf(Buffer.from([0xff, 0xd8, 0xff]));
  const end = pdf.indexOf(Buffer.from('\nendstream'), start);
  if (start < 0 || end < start) throw new Error('no JPEG in this PDF');
  return pdf.subarray(start, end);
}
