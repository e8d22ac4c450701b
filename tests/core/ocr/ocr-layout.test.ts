/**
 * Layout of scans for metadata detection: after OCR, detection gets each recognised line's
 * place and size from its word boxes (ocr-layout.ts), as it gets them from a PDF text layer.
 * Real scans (a letter with an outgoing stamp printed by Chromium and rasterised, an official
 * order scanned upright and sideways), the real recogniser and a real archive.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive';
import { getDetection } from '../../../electron/core/documents/detection';
import { getPageOcr } from '../../../electron/core/ocr/ocr-service';
import { layoutOfRecognisedPages, placeRecognisedLines } from '../../../electron/core/ocr/ocr-layout';
import type { LayoutLine } from '../../../shared/metadata/types';
import { tempArchive } from '../../helpers/archive';
import { FIXTURES_DIR } from '../../helpers/temp-dir';

const SCANS = {
  letter: path.join(FIXTURES_DIR, 'pdf-layout', 'letter-outgoing-stamp-scan.pdf'),
  upright: path.join(FIXTURES_DIR, 'ocr', 'kk-order-110-p1-scan.pdf'),
  sideways: path.join(FIXTURES_DIR, 'ocr', 'kk-order-110-p1-sideways.pdf'),
};

let archive: Archive;
const ids: Record<string, string> = {};

beforeAll(async () => {
  archive = await tempArchive();
  for (const [name, file] of Object.entries(SCANS)) {
    const results: Array<{ id?: string }> = [];
    await archive.importPaths([file], { onFile: (result) => results.push(result) });
    ids[name] = results[0]!.id!;
  }
  const summary = await archive.ocr.runQueue({});
  expect(summary).toMatchObject({ pages: 3, failed: 0 });
}, 400_000);

afterAll(async () => {
  await archive?.close();
});

function layoutOf(id: string): LayoutLine[] {
  const ocr = getPageOcr(archive.context, id, 1)!;
  const text = archive.pages(id)[0]!.text;
  return layoutOfRecognisedPages([{ text, words: ocr.words, rotation: ocr.rotation }])[0]!;
}

describe('detection after OCR reads the scan as laid out', () => {
  it('re-detects the letter from the recognised lines, seen as laid out: the subject line is centred', () => {
    // The detection kept after OCR saw the scan's layout: the subject line is a title candidate
    // because it is centred on the page, not only because of its words.
    const detection = getDetection(archive.context.db, ids.letter!);
    const subject = detection?.candidates.title?.find((candidate) => candidate.value === 'О рассмотрении обращения');
    expect(subject?.evidence).toContain('centred');
  });

  it('places the letter\'s lines: the letterhead larger and centred, the stamp top left, the addressee right', () => {
    const lines = layoutOf(ids.letter!);
    const find = (words: string): LayoutLine => lines.find((line) => line.text.includes(words))!;
    const head = find('МИНИСТЕРСТВО');
    expect(head.align).toBe('center');
    expect(head.size).toBeGreaterThan(1.05);
    const subject = find('рассмотрении');
    expect(subject.align).toBe('center');
    const stamp = find('исх');
    expect(stamp.text).toMatch(/исх: 16-13-183Д\/С от: 31.05.2024$/);
    expect(stamp.x).toBeLessThan(0.2);
    expect(find('Председателю').x).toBeGreaterThan(0.5);
    // Words of one type size are one size, whatever letters they have: "совета" (small letters
    // only), "Председателю" (a capital), "просвещения" (descenders).
    for (const words of ['Председателю', 'совета', 'при Министерстве', 'просвещения', 'Республики Казахстан']) {
      expect(find(words).size, words).toBeGreaterThan(0.85);
      expect(find(words).size, words).toBeLessThan(1.15);
    }
    const body = find('12-3/456');
    expect(body.align).toBe('left');
    expect(body.size).toBeGreaterThan(0.85);
    expect(body.size).toBeLessThan(1.15);
    expect(lines.some((line) => line.repeated)).toBe(false);
  });

  it('gives a page scanned sideways the layout of the upright page', () => {
    const upright = layoutOf(ids.upright!);
    const sideways = layoutOf(ids.sideways!);
    expect(upright.length).toBeGreaterThan(10);
    let compared = 0;
    const only = (lines: LayoutLine[], text: string): LayoutLine | undefined => {
      const found = lines.filter((other) => other.text === text);
      return found.length === 1 ? found[0] : undefined;
    };
    for (const line of upright) {
      // Lines read alike on both scans, and only once on the page (the heading recurs in a table).
      const twin = only(sideways, line.text);
      if (!twin || !only(upright, line.text) || line.text.length < 20) continue;
      compared++;
      expect(Math.abs(twin.y! - line.y!), line.text).toBeLessThan(0.02);
      expect(Math.abs(twin.x! - line.x!), line.text).toBeLessThan(0.02);
    }
    expect(compared).toBeGreaterThan(5);
    // Read top to bottom.
    const ys = upright.map((line) => line.y!);
    expect(ys.filter((y, i) => i > 0 && y < ys[i - 1]! - 0.05).length).toBeLessThan(ys.length / 10);
  });

  it('gives no layout when the words do not spell the page text (a text that is not the recogniser\'s)', () => {
    const ocr = getPageOcr(archive.context, ids.letter!, 1)!;
    const text = archive.pages(ids.letter!)[0]!.text;
    expect(placeRecognisedLines({ text, words: ocr.words, rotation: 0 })).not.toBeNull();
    expect(placeRecognisedLines({ text: `${text}\nещё строка`, words: ocr.words, rotation: 0 })).toBeNull();
    expect(placeRecognisedLines({ text: text.replace('Председателю', 'Председатель'), words: ocr.words, rotation: 0 })).toBeNull();
  });
});
