/**
 * OCR on a real archive with real scans (official acts rasterised by
 * scripts/make-ocr-fixtures.sh), the real tesseract.js engine and the shipped language data:
 * scans become searchable with inflected words, rotation is found, word boxes land on the page,
 * bad pages (blank, damaged JPEG) lose nothing, forced re-OCR replaces text in place, and a
 * long run resumes after the archive is closed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive';
import { openArchive } from '../../../electron/core/archive';
import { getPageOcr } from '../../../electron/core/ocr/ocr-service';
import { resolveTessdataDir } from '../../../electron/core/ocr/language-data';
import { updateDocument } from '../../../electron/core/documents/edit';
import { getDetection } from '../../../electron/core/documents/detection';
import { CONFIDENCE_THRESHOLD } from '../../../shared/metadata';
import { tempArchive } from '../../helpers/archive';
import { imagePdf, jpegOfImagePdf } from '../../helpers/image-pdf';
import { FIXTURES_DIR, suiteTempDir, tempDir } from '../../helpers/temp-dir';

const OCR_FIXTURES = path.join(FIXTURES_DIR, 'ocr');
const fixture = (name: string): string => path.join(OCR_FIXTURES, name);

let archive: Archive;
const ids: Record<string, string> = {};

async function importOne(target: Archive, file: string): Promise<string> {
  const summary = await target.importPaths([file]);
  expect(summary.imported).toBe(1);
  return target.list({ limit: 1000 }).find((doc) => doc.title.length > 0 && target.get(doc.id).files.some((f) => f.originalName === path.basename(file)))!.id;
}

function pageRow(target: Archive, id: string, pageNo = 1): { text: string; text_source: string; needs_ocr: number } {
  return target.context.db.prepare('SELECT text, text_source, needs_ocr FROM pages WHERE document_id = ? AND page_no = ?').get(id, pageNo) as {
    text: string;
    text_source: string;
    needs_ocr: number;
  };
}

beforeAll(async () => {
  archive = await tempArchive();
  for (const name of ['kk-order-110-p1-scan.pdf', 'kk-order-110-p1-sideways.pdf', 'blank-page.pdf', 'corrupt-jpeg.pdf']) {
    ids[name] = await importOne(archive, fixture(name));
  }
}, 120_000);

afterAll(async () => {
  await archive?.close();
});

describe('scans found at import wait for OCR', () => {
  it('flags image-only pages and keeps them out of search until read', () => {
    const scan = ids['kk-order-110-p1-scan.pdf']!;
    expect(pageRow(archive, scan)).toMatchObject({ text: '', needs_ocr: 1 });
    expect(archive.get(scan).needsOcr).toBe(true);
    expect(archive.search({ query: 'академиялық демалыс' }).total).toBe(0);
    expect(archive.ocr.status()).toMatchObject({ state: 'idle', pendingPages: 4, pendingDocuments: 4 });
  });

  it('waits in the review list: with no text, detection could be sure of nothing', () => {
    const scan = ids['kk-order-110-p1-scan.pdf']!;
    expect(getDetection(archive.context.db, scan)!.uncertain).toContain('lang');
    expect(archive.context.db.prepare('SELECT review_pending FROM documents WHERE id = ?').pluck().get(scan)).toBe(1);
  });
});

describe('an OCR run over the waiting pages', () => {
  const pages: Array<{ documentId: string; ok: boolean; rotation: number; error?: { code: string } }> = [];

  beforeAll(async () => {
    const summary = await archive.ocr.runQueue({ onPage: (page) => pages.push(page) });
    expect(summary.cancelled).toBe(false);
  }, 300_000);

  it('makes a scanned Kazakh order findable by inflected words, marked as OCR', () => {
    const scan = ids['kk-order-110-p1-scan.pdf']!;
    const row = pageRow(archive, scan);
    expect(row.text_source).toBe('ocr');
    expect(row.needs_ocr).toBe(0);
    expect(row.text).toContain('Қазақстан Республикасы');
    expect(archive.get(scan).needsOcr).toBe(false);
    // "демалыс" (singular, nominative) finds "демалыстар"/"демалысты" on the scan.
    const response = archive.search({ query: 'академиялық демалыс' });
    const hit = response.hits.find((h) => h.id === scan);
    expect(hit).toBeDefined();
    expect(hit!.pages[0]).toMatchObject({ page: 1, ocr: true });
    expect(hit!.pages[0]!.snippet).toMatch(/\[демалыс/i);
  });

  it('fills the details detection could not find in an image, from the recognised text', () => {
    // At import the image said nothing: no language. The recognised text is Kazakh. (This page is
    // a print of a web page, where detection finds no kind, so the file-name title stays.)
    const details = archive.get(ids['kk-order-110-p1-scan.pdf']!);
    expect(details).toMatchObject({ lang: 'kk', kind: 'other', title: 'kk-order-110-p1-scan' });
    const log = archive.context.db.prepare("SELECT op FROM change_log WHERE entity_id = ? ORDER BY seq").all(details.id);
    expect(log).toEqual([{ op: 'insert' }, { op: 'update' }]);
  });

  it('keeps the detection of the recognised text, so the review list marks and offers what OCR found', () => {
    const detection = getDetection(archive.context.db, ids['kk-order-110-p1-scan.pdf']!)!;
    // Filled from the recognised Kazakh by detection, not by a person: settled by evidence, not by hand.
    expect(detection.confidence.lang).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    expect(detection.uncertain).not.toContain('lang');
  });

  it('stores every word with a box on the page and a confidence', () => {
    const ocr = getPageOcr(archive.context, ids['kk-order-110-p1-scan.pdf']!, 1)!;
    expect(ocr).toMatchObject({ pageNo: 1, rotation: 0, reason: 'no-text', languages: ['kaz', 'rus', 'eng'] });
    expect(ocr.words.length).toBeGreaterThan(100);
    expect(ocr.confidence).toBeGreaterThan(75);
    for (const word of ocr.words) {
      expect(word.x0).toBeGreaterThanOrEqual(0);
      expect(word.x1).toBeLessThanOrEqual(1);
      expect(word.x0).toBeLessThan(word.x1);
      expect(word.y0).toBeLessThan(word.y1);
    }
    // The order's heading is at the top of the page, in reading order before the body text.
    const heading = ocr.words.find((word) => word.text.startsWith('академиялық'))!;
    expect(heading.y1).toBeLessThan(0.3);
  });

  it('turns a page scanned sideways upright and maps its words back onto the page as shown', () => {
    const sideways = ids['kk-order-110-p1-sideways.pdf']!;
    expect(pageRow(archive, sideways).text).toContain('Қазақстан Республикасы');
    const ocr = getPageOcr(archive.context, sideways, 1)!;
    expect(ocr.rotation).toBe(90);
    // On the page as displayed the lines run bottom to top: long words are tall, narrow boxes,
    // near the left edge (the top of the text is turned to the left).
    const long = ocr.words.filter((word) => word.text.length >= 10);
    expect(long.length).toBeGreaterThan(10);
    const tall = long.filter((word) => word.y1 - word.y0 > word.x1 - word.x0);
    expect(tall.length / long.length).toBeGreaterThan(0.9);
  });

  it('reads a blank sheet as an empty page, not an error', () => {
    const blank = ids['blank-page.pdf']!;
    expect(pageRow(archive, blank)).toMatchObject({ text: '', text_source: 'ocr', needs_ocr: 0 });
    expect(getPageOcr(archive.context, blank, 1)!.words).toEqual([]);
    expect(pages.find((page) => page.documentId === blank)!.ok).toBe(true);
  });

  it('survives a damaged JPEG: the readable upper part is read, nothing else changes', async () => {
    // The JPEG is cut at two thirds and overwritten in the middle: pdf.js draws what it can decode.
    const corrupt = ids['corrupt-jpeg.pdf']!;
    expect(pages.find((page) => page.documentId === corrupt)).toMatchObject({ ok: true });
    expect(pageRow(archive, corrupt)).toMatchObject({ text_source: 'ocr', needs_ocr: 0 });
    expect(pageRow(archive, corrupt).text).toContain('академиялық демалыстар');
    const report = await archive.check();
    expect(report.problems).toEqual([]);
  });

  it('leaves nothing waiting and reports the run', () => {
    expect(pages).toHaveLength(4);
    expect(archive.ocr.status()).toMatchObject({ state: 'idle', pendingPages: 0, run: { done: 4 } });
    expect(archive.context.db.prepare('SELECT count(*) AS n FROM ocr_index_stale').get()).toEqual({ n: 0 });
  });
});

describe('recognising a document again', () => {
  it('replaces its text page by page, keeps it searchable, and never doubles the index', async () => {
    const order = await importOne(archive, path.join(FIXTURES_DIR, 'import/kk-order-110.pdf'));
    const before = pageRow(archive, order, 1);
    expect(before.text_source).toBe('text');
    const queued = archive.ocr.queue([order], { force: true });
    expect(queued).toBe(2);
    // While waiting, the old text still answers searches.
    expect(archive.search({ query: 'академиялық демалыстар' }).hits.some((hit) => hit.id === order)).toBe(true);
    await archive.ocr.runQueue({ documentIds: [order] });
    const after = pageRow(archive, order, 1);
    expect(after.text_source).toBe('ocr');
    expect(getPageOcr(archive.context, order, 1)!.reason).toBe('forced');
    const hits = archive.search({ query: 'академиялық демалыстар', limit: 50 }).hits.filter((hit) => hit.id === order);
    expect(hits).toHaveLength(1);
    const chunks = archive.context.db.prepare('SELECT count(*) AS n FROM search_chunks c JOIN pages p ON p.id = c.page_id WHERE p.document_id = ?').get(order) as { n: number };
    const pagesOfOrder = archive.context.db.prepare('SELECT count(*) AS n FROM pages WHERE document_id = ?').get(order) as { n: number };
    expect(chunks.n).toBeGreaterThanOrEqual(pagesOfOrder.n);
    expect(chunks.n).toBeLessThan(pagesOfOrder.n * 4);
  }, 180_000);

  it('refuses documents that have no PDF, naming the reason', async () => {
    const summary = await archive.importPaths([path.join(FIXTURES_DIR, 'extract/kaz.md')]);
    expect(summary.imported).toBe(1);
    const markdown = archive.list({ limit: 100 }).find((doc) => archive.get(doc.id).files.some((f) => f.originalName === 'kaz.md'))!;
    expect(() => archive.ocr.queue([markdown.id], { force: true })).toThrow(expect.objectContaining({ code: 'OCR_NOT_APPLICABLE' }));
  });
});

describe('details a person chose', () => {
  it('are never replaced by what OCR text suggests', async () => {
    const target = await openArchive({ dataDir: path.join(suiteTempDir(), 'edited'), extractWorkers: 1, ocrWorkers: 1 });
    try {
      await target.importPaths([fixture('kk-order-110-p1-scan.pdf')]);
      const id = target.list({ limit: 10 })[0]!.id;
      updateDocument(target.context, id, { title: 'Демалыс туралы бұйрық (скан)' });
      await target.ocr.runQueue({});
      expect(target.get(id)).toMatchObject({ title: 'Демалыс туралы бұйрық (скан)', kind: 'other', number: null, lang: null });
      expect(target.search({ query: 'академиялық демалыс' }).total).toBe(1);
    } finally {
      await target.close();
    }
  }, 120_000);
});

describe('missing language data', () => {
  it('says which languages are missing and leaves the pages waiting', async () => {
    const target = await openArchive({ dataDir: path.join(suiteTempDir(), 'no-data'), extractWorkers: 1, tessdataDir: tempDir('no-tessdata-') });
    try {
      await target.importPaths([fixture('kk-order-110-p1-scan.pdf')]);
      const status = target.ocr.status();
      expect(status.state).toBe('unavailable');
      expect(status.languages).toMatchObject({ configured: ['kaz', 'rus', 'eng'], available: [], missing: ['kaz', 'rus', 'eng'], rotationDetection: false });
      await expect(target.ocr.runQueue({})).rejects.toMatchObject({ code: 'OCR_LANGUAGE_MISSING', details: { languages: 'kaz, rus, eng' } });
      expect(target.ocr.status()).toMatchObject({ pendingPages: 1, lastError: { code: 'OCR_LANGUAGE_MISSING' } });
    } finally {
      await target.close();
    }
  });

  it('reads with the languages it has when only some are missing', async () => {
    const partial = tempDir('partial-tessdata-');
    const shipped = resolveTessdataDir();
    fs.copyFileSync(path.join(shipped, 'kaz.traineddata'), path.join(partial, 'kaz.traineddata'));
    const target = await openArchive({ dataDir: path.join(suiteTempDir(), 'partial'), extractWorkers: 1, tessdataDir: partial, ocrWorkers: 1 });
    try {
      await target.importPaths([fixture('kk-order-110-p1-scan.pdf')]);
      expect(target.ocr.status().languages).toMatchObject({ available: ['kaz'], missing: ['rus', 'eng'] });
      const summary = await target.ocr.runQueue({});
      expect(summary).toMatchObject({ pages: 1, failed: 0, languages: ['kaz'] });
      expect(target.search({ query: 'Қазақстан' }).total).toBe(1);
    } finally {
      await target.close();
    }
  }, 120_000);
});

describe('a long scan', () => {
  it('is read page by page, stops when cancelled, and resumes after a restart without reading a page twice', async () => {
    const dataDir = path.join(suiteTempDir(), 'long');
    const blank = jpegOfImagePdf(fs.readFileSync(fixture('blank-page.pdf')));
    const file = path.join(tempDir('long-scan-'), 'thousand-pages.pdf');
    fs.writeFileSync(file, imagePdf(blank, { pages: 1000, dpi: 400 }));

    const first = await openArchive({ dataDir, extractWorkers: 1, ocrWorkers: 2 });
    await first.importPaths([file]);
    expect(first.ocr.status().pendingPages).toBe(1000);
    const controller = new AbortController();
    const firstRun: number[] = [];
    const summary = await first.ocr.runQueue({
      signal: controller.signal,
      onPage: (page) => {
        firstRun.push(page.pageNo);
        if (firstRun.length >= 8) controller.abort();
      },
    });
    expect(summary.cancelled).toBe(true);
    await first.close();

    const second = await openArchive({ dataDir, extractWorkers: 1, ocrWorkers: 2 });
    try {
      const waiting = second.ocr.status().pendingPages;
      expect(waiting).toBe(1000 - firstRun.length);
      const secondRun: number[] = [];
      const resume = new AbortController();
      await second.ocr.runQueue({
        signal: resume.signal,
        onPage: (page) => {
          secondRun.push(page.pageNo);
          if (secondRun.length >= 4) resume.abort();
        },
      });
      expect(secondRun.filter((pageNo) => firstRun.includes(pageNo))).toEqual([]);
      expect(Math.min(...secondRun)).toBeGreaterThan(Math.min(...firstRun));
      const read = second.context.db.prepare('SELECT count(*) AS n FROM page_ocr').get() as { n: number };
      expect(read.n).toBe(firstRun.length + secondRun.length);
    } finally {
      await second.close();
    }
  }, 180_000);
});

describe('a 600-dpi A3 map', () => {
  it('is rendered at a resolution OCR needs (not 600 dpi) and read without failing', async () => {
    const { createCanvas } = await import('@napi-rs/canvas');
    // A3 at 600 dpi: 7016 × 9921 pixels, a grid of roads and place names.
    const canvas = createCanvas(7016, 9921);
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.strokeStyle = '#555';
    context.lineWidth = 6;
    for (let x = 300; x < canvas.width; x += 900) {
      context.beginPath();
      context.moveTo(x, 0);
      context.lineTo(x + 400, canvas.height);
      context.stroke();
    }
    context.fillStyle = '#111';
    context.font = '160px DejaVu Sans';
    context.fillText('АУДАН КАРТАСЫ', 900, 900);
    context.font = '110px DejaVu Sans';
    ['Есік қаласы', 'Түрген ауылы', 'Шелек ауылы', 'Қорам ауылы'].forEach((name, i) => context.fillText(name, 1200 + (i % 2) * 2600, 2600 + i * 1700));
    const jpeg = await canvas.encode('jpeg', 80);
    const file = path.join(tempDir('map-'), 'карта.pdf');
    fs.writeFileSync(file, imagePdf(Buffer.from(jpeg), { dpi: 600 }));
    const target = await openArchive({ dataDir: path.join(suiteTempDir(), 'map'), extractWorkers: 1, ocrWorkers: 1 });
    try {
      await target.importPaths([file]);
      const id = target.list({ limit: 1 })[0]!.id;
      const summary = await target.ocr.runQueue({});
      expect(summary).toMatchObject({ pages: 1, failed: 0 });
      const row = target.context.db.prepare('SELECT o.dpi FROM page_ocr o JOIN pages p ON p.id = o.page_id WHERE p.document_id = ?').get(id) as { dpi: number };
      expect(row.dpi).toBeLessThanOrEqual(300);
      expect(target.search({ query: 'аудан картасы' }).total).toBe(1);
    } finally {
      await target.close();
    }
  }, 180_000);
});

describe('the queue API', () => {
  it('status counts waiting pages per archive and the service refuses a second concurrent run', async () => {
    const target = await openArchive({ dataDir: path.join(suiteTempDir(), 'twice'), extractWorkers: 1, ocrWorkers: 1 });
    try {
      await target.importPaths([fixture('blank-page.pdf')]);
      const running = target.ocr.runQueue({});
      await expect(target.ocr.runQueue({})).rejects.toMatchObject({ code: 'CONFLICT' });
      await running;
      expect(target.ocr.status().pendingPages).toBe(0);
    } finally {
      await target.close();
    }
  }, 60_000);
});
