// Wraps one JPEG into a one-page, image-only PDF (what a scanner produces), for test fixtures.
// Usage: npx tsx scripts/jpeg-to-pdf.ts in.jpg out.pdf [dpi]
// The PDF writer is tests/helpers/image-pdf.ts, which the OCR tests also use to build scans.
import { readFileSync, writeFileSync } from 'node:fs';
import { imagePdf } from '../tests/helpers/image-pdf';

const [input, output, dpiArg] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: jpeg-to-pdf.ts in.jpg out.pdf [dpi]');
  process.exit(2);
}
writeFileSync(output, imagePdf(readFileSync(input), { dpi: Number(dpiArg ?? 110) }));
