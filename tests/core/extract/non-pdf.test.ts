import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractNonPdf } from '../../../electron/core/ingest/extract/non-pdf';
import { MEDIA_TYPES, sniffFormat } from '../../../electron/core/ingest/extract/sniff';
import { cyrillicShare, expectMuragatError, fixture } from './fixtures';

const FIXTURE_NAMES = readdirSync(fileURLToPath(new URL('../../fixtures/extract/', import.meta.url)))
  .filter((name) => name !== 'bomb.odt' && name !== 'encrypted.odt')
  .sort();

describe('extractNonPdf: sniff then extract, as the importer does', () => {
  it.each(FIXTURE_NAMES)('%s gives exactly one page of Cyrillic text', async (name) => {
    const bytes = fixture(name);
    const sniffed = await sniffFormat(bytes, name);
    if (!('format' in sniffed) || sniffed.format === 'pdf') throw new Error(`not a non-PDF document: ${JSON.stringify(sniffed)}`);
    const doc = await extractNonPdf(bytes, sniffed.format, name);
    expect(doc.format).toBe(sniffed.format);
    expect(doc.mediaType).toBe(MEDIA_TYPES[sniffed.format]);
    expect(doc.pages).toHaveLength(1);
    expect(doc.pages[0]).toMatchObject({ pageNo: 1, needsOcr: false });
    expect(doc.pages[0]!.text.length).toBeGreaterThan(150);
    expect(cyrillicShare(doc.pages[0]!.text)).toBeGreaterThan(0.9);
    expect(doc.pages[0]!.text).not.toMatch(/[\r\uFFFD]/);
    expect(doc.pages[0]!.text).not.toContain('\u0000');
    expect(Array.isArray(doc.warnings)).toBe(true);
  });

  it('adds the file name and format to extractor errors', async () => {
    const error = await expectMuragatError(extractNonPdf(Buffer.from('not rtf'), 'rtf', 'C:\\docs\\хат.rtf'), 'RTF_CORRUPT');
    expect(error.details).toMatchObject({ fileName: 'C:\\docs\\хат.rtf', format: 'rtf' });
  });
});
