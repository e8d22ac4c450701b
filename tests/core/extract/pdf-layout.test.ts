/**
 * PDF layout for metadata detection: each page's lines with their size relative to the body
 * text, position, alignment and running headers, read from real PDFs printed by Chromium
 * (tests/fixtures/pdf-layout/make-pdf-layout-fixtures.mjs) and, where present, from the
 * shared corpus. The page text must stay exactly what it was: search and the viewer use it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { extractPdf, readTextItems } from '../../../electron/core/ingest/extract/pdf';
import type { ExtractedDocument } from '../../../electron/core/ingest/extract/types';
import type { LayoutLine } from '../../../shared/metadata/types';
import { createExtractPool } from '../../../electron/core/ingest/extract-pool';
import { tempArchive } from '../../helpers/archive';

const FIXTURES = fileURLToPath(new URL('../../fixtures/pdf-layout/', import.meta.url));
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const CORPUS_PDF = join(process.env.MURAGAT_CORPUS ?? '/work/shared/corpus', 'pdf');
const CORPUS2_PDF = join(process.env.MURAGAT_CORPUS2 ?? '/work/shared/corpus2', 'pdf');

const words = (text: string): string[] => text.split(/\s+/).filter(Boolean);
const lineWith = (lines: readonly LayoutLine[] | undefined, text: string): LayoutLine => {
  const line = lines?.find((candidate) => candidate.text.includes(text));
  if (!line) throw new Error(`no line with "${text}" in ${JSON.stringify(lines?.map((l) => l.text))}`);
  return line;
};

/** The lines hold the page's words in the page's order, nothing more and nothing less. */
function expectSameWords(doc: ExtractedDocument): void {
  for (const page of doc.pages) {
    if (!page.lines) continue;
    expect(page.lines.flatMap((line) => words(line.text)), `page ${page.pageNo}`).toEqual(words(page.text));
  }
}

describe('PDF layout: a letter with an outgoing stamp', () => {
  it('gives the stamp, the addressee, the centred subject and the letterhead their places and sizes', async () => {
    const doc = await extractPdf(fixture('letter-outgoing-stamp.pdf'));
    const lines = doc.pages[0]!.lines!;

    // The letterhead: larger than the body, centred, at the top.
    const head = lineWith(lines, 'МИНИСТЕРСТВО ПРОСВЕЩЕНИЯ');
    expect(head.size).toBeGreaterThan(1.05);
    expect(head.align).toBe('center');
    expect(head.y).toBeLessThan(0.1);

    // The outgoing stamp shares its baseline with the addressee block but is its own line: small
    // type at the top left. The addressee starts right of the middle.
    const stamp = lineWith(lines, '№ исх: 16-13-183Д/С от: 31.05.2024');
    expect(stamp.text).toBe('№ исх: 16-13-183Д/С от: 31.05.2024');
    expect(stamp.size).toBeLessThan(0.9);
    expect(stamp.x).toBeLessThan(0.2);
    expect(stamp.y).toBeLessThan(0.2);
    const addressee = lineWith(lines, 'Председателю');
    expect(addressee.x).toBeGreaterThan(0.5);
    expect(Math.abs(addressee.y! - stamp.y!)).toBeLessThan(0.01);

    // The subject line: body size, centred; the body: body size, not centred.
    const subject = lineWith(lines, 'О рассмотрении обращения');
    expect(subject).toMatchObject({ size: 1, align: 'center' });
    const cited = lineWith(lines, 'на Ваш № 12-3/456 от 20.05.2024');
    expect(cited).toMatchObject({ size: 1, align: 'left' });
    // Set in the body's font: not bold. The letterhead and the subject line are set in another
    // (bold) font; which one pdf.js does not say cheaply, so they are "unknown", never "not bold".
    expect(cited.bold).toBe(false);
    expect(stamp.bold).toBe(false);
    expect(head.bold).toBeUndefined();
    expect(subject.bold).toBeUndefined();
    expect(cited.y).toBeGreaterThan(subject.y!);
    expect(lines.some((line) => line.repeated)).toBe(false);
    for (const line of lines) {
      expect(line.x).toBeGreaterThanOrEqual(0);
      expect(line.x).toBeLessThan(1);
      expect(line.y).toBeGreaterThanOrEqual(0);
      expect(line.y).toBeLessThan(1);
    }
  });

  it('keeps the page text exactly as before: the stamp and the addressee stay on one text line', async () => {
    const bytes = fixture('letter-outgoing-stamp.pdf');
    const doc = await extractPdf(bytes);
    const text = doc.pages[0]!.text;
    expect(text.split('\n')).toContain('№ исх: 16-13-183Д/С от: 31.05.2024 Председателю Общественного');
    expectSameWords(doc);

    // Reading positions does not change a character of the text pdf.js items give.
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false }).promise;
    try {
      const page = await pdf.getPage(1);
      const content = await page.getTextContent();
      const viewport = page.getViewport({ scale: 1 });
      const withLayout = readTextItems(content.items, viewport.transform);
      expect(withLayout.text).toBe(readTextItems(content.items).text);
      expect(withLayout.text).toBe(text);
      expect(readTextItems(content.items).lines).toEqual([]);
    } finally {
      await pdf.destroy();
    }
  });
});

describe('PDF layout: a three-page verbatim record with a running header', () => {
  it('marks the running header on every page and leaves the title and body unmarked', async () => {
    const doc = await extractPdf(fixture('verbatim-record-3p.pdf'));
    expect(doc.pages).toHaveLength(3);
    const headers = doc.pages.map((page) => lineWith(page.lines, 'Стенографиялық есеп'));
    headers.forEach((header, index) => {
      expect(header.text).toBe(`Стенографиялық есеп ${index + 1}`);
      expect(header.repeated).toBe(true);
      expect(header.y).toBeLessThan(0.1);
      expect(header.size).toBeLessThan(1);
    });

    const first = doc.pages[0]!.lines!;
    const title = lineWith(first, 'СТЕНОГРАММАСЫ');
    expect(title.repeated).toBeUndefined();
    expect(title.align).toBe('center');
    expect(title.size).toBeGreaterThan(1.1);
    expect(title.y).toBeGreaterThan(headers[0]!.y!);
    expect(title.bold).toBeUndefined();
    const body = doc.pages.flatMap((page) => page.lines!.filter((line) => !line.text.startsWith('Стенографиялық есеп')));
    expect(body.filter((line) => line.repeated)).toEqual([]);
    expect(body.filter((line) => line.bold === false).length).toBeGreaterThan(body.length * 0.8);
    expectSameWords(doc);
  });

  it('needs the line on at least three pages: two pages of a letter have no running header', async () => {
    const doc = await extractPdf(fixture('verbatim-record-3p.pdf'));
    const { layoutOfPlacedLines } = await import('../../../electron/core/ingest/extract/page-layout');
    const twoPages = doc.pages.slice(0, 2).map((page) =>
      page.lines!.map((line) => ({ text: line.text, left: line.x!, right: line.x! + 0.1, top: line.y! })),
    );
    expect(layoutOfPlacedLines(twoPages).flat().filter((line) => line.repeated)).toEqual([]);
  });
});

describe('PDF layout through the extraction worker', () => {
  const pool = createExtractPool({ size: 1 });
  afterAll(() => pool.close());

  const extract = async (name: string) => {
    const bytes = new Uint8Array(fixture(name));
    const result = await pool.run({ bytes, fileName: name }, [bytes.buffer], bytes.byteLength);
    if (result.kind !== 'extracted') throw new Error(`not extracted: ${JSON.stringify(result)}`);
    return result;
  };

  it('detects the letter with its layout: the subject line seen centred, the body set as body text', async () => {
    const result = await extract('letter-outgoing-stamp.pdf');
    // Detection saw the page as laid out: the subject line is a title candidate because it is
    // centred, not only because of its words.
    const subject = result.detected.candidates.title?.find((candidate) => candidate.value === 'О рассмотрении обращения');
    expect(subject?.evidence).toContain('centred');
    // And a body sentence that opens with a kind word is seen set as body text.
    const sentence = result.detected.candidates.title?.find((candidate) => candidate.value.startsWith('Решение о предоставлении'));
    if (sentence) expect(sentence.evidence).toContain('plain');
  });

  it("takes the letter's number from its outgoing stamp, which shares a baseline with the addressee", async () => {
    // The page text joins the stamp and the addressee on one line ("№ исх: 16-13-183Д/С от:
    // 31.05.2024 Председателю Общественного"), as before; the layout holds the stamp alone.
    const result = await extract('letter-outgoing-stamp.pdf');
    expect(result.detected.number).toBe('16-13-183Д/С');
    expect(result.detected.date).toBe('2024-05-31');
  });

  it('returns the lines with the pages, and the running header is not the record\'s title', async () => {
    const result = await extract('verbatim-record-3p.pdf');
    expect(result.document.pages.map((page) => page.lines?.find((line) => line.repeated)?.text)).toEqual([
      'Стенографиялық есеп 1',
      'Стенографиялық есеп 2',
      'Стенографиялық есеп 3',
    ]);
    expect(result.detected.kind).toBe('transcript');
    expect(result.detected.title).toMatch(/СТЕНОГРАММАСЫ$/);
    expect(result.detected.title).not.toMatch(/Стенографиялық есеп/);
    expect(result.detected.candidates.title?.[0]?.evidence).toEqual(expect.arrayContaining(['centred', 'large']));
  });
});

describe('PDF layout at import', () => {
  it('imports the letter: the pages keep the text, and no layout is stored', async () => {
    const archive = await tempArchive();
    try {
      const file = join(FIXTURES, 'letter-outgoing-stamp.pdf');
      const results: Array<{ status: string; id?: string }> = [];
      await archive.importPaths([file], { onFile: (result) => results.push(result) });
      expect(results.map((result) => result.status)).toEqual(['imported']);
      const id = results[0]!.id!;

      const extracted = await extractPdf(readFileSync(file));
      expect(archive.pages(id).map((page) => page.text)).toEqual(extracted.pages.map((page) => page.text));
      // Layout is detection's input only: no table holds a line's geometry.
      const { db } = archive.context;
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((t) => t.name);
      for (const table of tables) {
        const rows = db.prepare(`SELECT * FROM "${table}"`).all();
        expect(JSON.stringify(rows), table).not.toMatch(/"align":"|"repeated":|"y":0\./);
      }
    } finally {
      await archive.close();
    }
  });
});

const corpusPdfs = existsSync(CORPUS_PDF) ? readdirSync(CORPUS_PDF).filter((name) => name.endsWith('.pdf') && !name.includes('SCAN')).sort() : [];

describe.skipIf(corpusPdfs.length === 0)('PDF layout on the shared corpus', () => {
  it.each(corpusPdfs)('%s: lines hold the page words, placed on the page', async (name) => {
    const doc = await extractPdf(readFileSync(join(CORPUS_PDF, name)));
    expectSameWords(doc);
    const lines = doc.pages.flatMap((page) => page.lines ?? []);
    if (doc.pages.some((page) => !page.needsOcr && page.text.trim() !== '')) expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line.x).toBeGreaterThanOrEqual(-0.01);
      expect(line.x).toBeLessThanOrEqual(1);
      expect(line.y).toBeGreaterThanOrEqual(-0.01);
      expect(line.y).toBeLessThanOrEqual(1);
      expect(line.size).toBeGreaterThan(0);
    }
  });

  it('finds page numbers as running footers in a long report, and none in a one-page form', async () => {
    const report = await extractPdf(readFileSync(join(CORPUS_PDF, 'ru_astana-energy_2021-07-30_doklad-publichnye-slushaniya-H1-2021.pdf')));
    expect(report.pages.map((page) => page.lines?.filter((line) => line.repeated).map((line) => line.text))).toEqual([['1'], ['2'], ['3'], ['4']]);
    const form = await extractPdf(readFileSync(join(CORPUS_PDF, 'ru_astana-energy_2022_forma3-pokazateli-kachestva.pdf')));
    expect(form.pages.flatMap((page) => page.lines ?? []).filter((line) => line.repeated)).toEqual([]);
  });
});

const ORDER_WITH_LISTS = join(CORPUS2_PDF, 'kk_gulden-kz-bobekzhai_2025-09-09_buyryq-11-psikhologiyalyq-pedagogikalyq-qoldau.pdf');

describe.skipIf(!existsSync(ORDER_WITH_LISTS))('PDF layout on corpus2: an order with indented lists', () => {
  it('centres the headings, not the list items whose ragged ends happen to fall about the middle', async () => {
    const doc = await extractPdf(readFileSync(ORDER_WITH_LISTS));
    const lines = doc.pages[0]!.lines!;
    expect(lineWith(lines, 'бөбекжай бақшасы').align).toBe('center');
    expect(lineWith(lines, 'Бұйрық № 11').align).toBe('center');
    // Starts at the list's indent like the item two lines up, ends short of the margin.
    expect(lineWith(lines, '2. 2025-2026 оқу жылындағы').align).toBe('left');
    expect(lineWith(lines, 'психологиялық - педагогикалық қолдаудың жеке дара').align).toBe('left');
  });
});
