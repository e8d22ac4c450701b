import { describe, expect, it } from 'vitest';
import { encodePgm, grayFromRgba, halveGray, isBlank, rotateGray, unrotateBox, type GrayImage } from '../../../electron/core/ocr/page-image';
import { fittingDpi, MAX_PAGE_PIXELS, MAX_PAGE_SIDE } from '../../../electron/core/ocr/render-page';
import { decodeWords, defaultOcrWorkers, encodeWords } from '../../../electron/core/ocr/ocr-service';
import { isMeaningfulWord, textOfWords, wordsOfBlocks } from '../../../electron/core/ocr/recognizer';

/** A 3×2 image with distinct pixels: 0 1 2 / 3 4 5. */
const small: GrayImage = { width: 3, height: 2, pixels: Uint8Array.from([0, 1, 2, 3, 4, 5]) };

describe('page images', () => {
  it('rotates clockwise by quarter turns, and four turns give the image back', () => {
    expect(rotateGray(small, 90)).toEqual({ width: 2, height: 3, pixels: Uint8Array.from([3, 0, 4, 1, 5, 2]) });
    expect(rotateGray(small, 180).pixels).toEqual(Uint8Array.from([5, 4, 3, 2, 1, 0]));
    expect(rotateGray(small, 270)).toEqual({ width: 2, height: 3, pixels: Uint8Array.from([2, 5, 1, 4, 0, 3]) });
    expect(rotateGray(rotateGray(rotateGray(rotateGray(small, 90), 90), 90), 90)).toEqual(small);
  });

  it('maps a box found on the turned image back onto the page as displayed', () => {
    // A word at the top left of an upright page (w 100, h 200), once turned 90° clockwise to read,
    // sits at the top right of the turned image (w 200, h 100).
    const upright = { x0: 10, y0: 20, x1: 40, y1: 30 };
    const turned = { x0: 200 - 30, y0: 10, x1: 200 - 20, y1: 40 };
    expect(unrotateBox(turned, 90, 100, 200)).toEqual({ x0: 0.1, y0: 0.1, x1: 0.4, y1: 0.15 });
    expect(unrotateBox({ x0: 100 - 40, y0: 200 - 30, x1: 100 - 10, y1: 200 - 20 }, 180, 100, 200)).toEqual({ x0: 0.1, y0: 0.1, x1: 0.4, y1: 0.15 });
    expect(unrotateBox({ x0: 20, y0: 100 - 40, x1: 30, y1: 100 - 10 }, 270, 100, 200)).toEqual({ x0: 0.1, y0: 0.1, x1: 0.4, y1: 0.15 });
    expect(unrotateBox(upright, 0, 100, 200)).toEqual({ x0: 0.1, y0: 0.1, x1: 0.4, y1: 0.15 });
  });

  it('converts RGBA to grey over white paper, halves, and writes PGM', () => {
    const rgba = Uint8Array.from([0, 0, 0, 255, 255, 255, 255, 255, 0, 0, 0, 0, 255, 0, 0, 255]);
    const gray = grayFromRgba(rgba, 2, 2);
    expect([...gray.pixels]).toEqual([0, 255, 255, 76]);
    expect(halveGray(gray)).toEqual({ width: 1, height: 1, pixels: Uint8Array.from([147]) });
    const pgm = encodePgm(gray);
    expect(pgm.subarray(0, 11).toString('ascii')).toBe('P5\n2 2\n255\n');
    expect([...pgm.subarray(11)]).toEqual([0, 255, 255, 76]);
  });

  it('tells a blank sheet from a page with a little ink', () => {
    const white = { width: 1000, height: 1000, pixels: new Uint8Array(1_000_000).fill(250) };
    expect(isBlank(white)).toBe(true);
    const line = { ...white, pixels: white.pixels.slice() };
    for (let x = 100; x < 900; x++) for (let y = 500; y < 503; y++) line.pixels[y * 1000 + x] = 20;
    expect(isBlank(line)).toBe(false);
  });

  it('renders A4 at 300 dpi but caps a 600-dpi A3 map and a long strip', () => {
    expect(fittingDpi(595, 842, 300)).toBe(300);
    const a3 = fittingDpi(842, 1191, 600);
    expect(a3).toBeLessThan(600);
    expect((842 * a3) / 72 * ((1191 * a3) / 72)).toBeLessThanOrEqual(MAX_PAGE_PIXELS);
    const strip = fittingDpi(595, 14_400, 300);
    expect((14_400 * strip) / 72).toBeLessThanOrEqual(MAX_PAGE_SIDE);
  });
});

describe('how many pages are read at once', () => {
  it('is one per core, but fewer on a PC with little memory', () => {
    const GB = 2 ** 30;
    expect(defaultOcrWorkers(2, 24 * GB)).toBe(2);
    expect(defaultOcrWorkers(8, 24 * GB)).toBe(4);
    expect(defaultOcrWorkers(4, 4 * GB)).toBe(2);
    expect(defaultOcrWorkers(4, 3 * GB)).toBe(1);
    expect(defaultOcrWorkers(1, 64 * GB)).toBe(1);
  });
});

describe('recognised words', () => {
  it('keeps words with letters or digits and drops scanner noise', () => {
    expect(isMeaningfulWord('Протокол', 90)).toBe(true);
    expect(isMeaningfulWord('5', 80)).toBe(true);
    expect(isMeaningfulWord('|', 95)).toBe(false);
    expect(isMeaningfulWord('—', 95)).toBe(false);
    expect(isMeaningfulWord('Жщк', 12)).toBe(false);
  });

  it('rebuilds reading order: words by spaces, lines by newlines, paragraphs by a blank line', () => {
    const box = { x0: 0, y0: 0, x1: 1, y1: 1 };
    const blocks = [
      {
        paragraphs: [
          { lines: [{ words: [{ text: 'Протокол', confidence: 95, bbox: box }, { text: '№5', confidence: 90, bbox: box }] }, { words: [{ text: 'совещания', confidence: 91, bbox: box }] }] },
          { lines: [{ words: [{ text: '|', confidence: 99, bbox: box }, { text: 'Астана', confidence: 88, bbox: box }] }] },
        ],
      },
    ];
    expect(textOfWords(wordsOfBlocks(blocks))).toBe('Протокол №5\nсовещания\n\nАстана');
  });

  it('stores boxes compactly and reads them back to 1/10000 of the page', () => {
    const words = [{ text: 'Қазақстан', x0: 0.12345, y0: 0.5, x1: 0.3, y1: 0.52, confidence: 93.4 }];
    expect(decodeWords(encodeWords(words))).toEqual([{ text: 'Қазақстан', x0: 0.1235, y0: 0.5, x1: 0.3, y1: 0.52, confidence: 93 }]);
  });
});
