/**
 * Tesseract (tesseract.js, WebAssembly) as the OCR worker uses it: one LSTM recogniser for the
 * chosen languages and, when `osd` data is there, a legacy-engine worker for page orientation.
 *
 * Everything is read from the local tessdata folder: `cacheMethod: 'none'` and a `langPath` that
 * is a folder stop tesseract.js from fetching its CDN or writing cache files into the working
 * directory, and images are passed as Buffers (a string that looks like a URL would be fetched).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import type { OcrLanguage, OcrWord } from '../../../shared/domain/ocr';
import { MuragatError } from '../../../shared/errors';
import type { QuarterTurn } from './page-image';

export function languageFile(tessdataDir: string, language: string): string {
  return path.join(tessdataDir, `${language}.traineddata`);
}

/** Words in the image's pixel coordinates, before mapping onto the page. */
export interface RawWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  /** Index of the line and paragraph in reading order (to rebuild the text). */
  line: number;
  paragraph: number;
}

interface TesseractWordLike {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
interface TesseractBlockLike {
  paragraphs?: Array<{ lines?: Array<{ words?: TesseractWordLike[] }> }>;
}

/** A word worth keeping: it has a letter or digit, and is not stamp or scanner noise. */
export function isMeaningfulWord(text: string, confidence: number): boolean {
  return /[\p{L}\p{N}]/u.test(text) && confidence >= 25;
}

/** Flattens tesseract's block tree into kept words in reading order. */
export function wordsOfBlocks(blocks: readonly TesseractBlockLike[] | null | undefined): RawWord[] {
  const words: RawWord[] = [];
  let line = 0;
  let paragraph = 0;
  for (const block of blocks ?? []) {
    for (const para of block.paragraphs ?? []) {
      for (const ln of para.lines ?? []) {
        for (const word of ln.words ?? []) {
          const text = word.text.normalize('NFC').trim();
          if (!isMeaningfulWord(text, word.confidence)) continue;
          words.push({ text, confidence: Math.round(word.confidence), bbox: word.bbox, line, paragraph });
        }
        line++;
      }
      paragraph++;
    }
  }
  return words;
}

/** The page text: words by spaces, lines by '\n', paragraphs by a blank line. */
export function textOfWords(words: ReadonlyArray<Pick<RawWord, 'text' | 'line' | 'paragraph'>>): string {
  let out = '';
  let previous: Pick<RawWord, 'line' | 'paragraph'> | null = null;
  for (const word of words) {
    if (previous) out += word.paragraph !== previous.paragraph ? '\n\n' : word.line !== previous.line ? '\n' : ' ';
    out += word.text;
    previous = word;
  }
  return out;
}

export function meanConfidence(words: ReadonlyArray<Pick<OcrWord, 'confidence'>>): number {
  if (words.length === 0) return 0;
  return Math.round((words.reduce((sum, word) => sum + word.confidence, 0) / words.length) * 10) / 10;
}

export interface Orientation {
  /** Clockwise turn that makes the page upright. */
  rotation: QuarterTurn;
  confidence: number;
}

/**
 * Owns the tesseract workers of one OCR worker thread. tesseract.js runs each in its own
 * (nested) worker thread; they die with this thread.
 */
export class Recognizer {
  private reader: { key: string; worker: Promise<TesseractWorker> } | null = null;
  private orienter: Promise<TesseractWorker> | null = null;

  constructor(readonly tessdataDir: string) {}

  private options(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      langPath: this.tessdataDir,
      gzip: false,
      cacheMethod: 'none',
      logger: () => undefined,
      // Without a handler a failed load throws inside tesseract.js's message callback.
      errorHandler: () => undefined,
      ...extra,
    };
  }

  private assertData(languages: readonly string[]): void {
    const missing = languages.filter((language) => !existsSync(languageFile(this.tessdataDir, language)));
    if (missing.length > 0) {
      throw new MuragatError('OCR_LANGUAGE_MISSING', `OCR language data is not installed: ${missing.join(', ')} (looked in ${this.tessdataDir})`, {
        languages: missing.join(', '),
      });
    }
  }

  private readerFor(languages: readonly OcrLanguage[]): Promise<TesseractWorker> {
    const key = languages.join('+');
    if (this.reader?.key !== key) {
      this.assertData(languages);
      const old = this.reader;
      this.reader = {
        key,
        worker: createWorker(key, OEM.LSTM_ONLY, this.options()).then(async (worker) => {
          // The image is rendered at a known resolution; without it tesseract guesses (and warns).
          await worker.setParameters({ user_defined_dpi: '300' } as never);
          return worker;
        }),
      };
      // A load that fails rejects with a string; make it a coded error.
      this.reader.worker = this.reader.worker.catch((error: unknown) => {
        this.reader = null;
        throw new MuragatError('OCR_LANGUAGE_MISSING', `the OCR engine could not load ${key}: ${String(error)}`, { languages: key });
      });
      if (old) void old.worker.then((worker) => worker.terminate()).catch(() => undefined);
    }
    return this.reader.worker;
  }

  get canDetectOrientation(): boolean {
    return existsSync(languageFile(this.tessdataDir, 'osd'));
  }

  async recognize(image: Buffer, languages: readonly OcrLanguage[]): Promise<RawWord[]> {
    const worker = await this.readerFor(languages);
    const result = await worker.recognize(image, {}, { text: false, blocks: true } as never);
    return wordsOfBlocks((result.data as { blocks?: TesseractBlockLike[] | null }).blocks);
  }

  /** Orientation of the page from tesseract's OSD (legacy engine); null when it cannot tell. */
  async orientation(image: Buffer): Promise<Orientation | null> {
    if (!this.canDetectOrientation) return null;
    this.orienter ??= createWorker('osd', OEM.TESSERACT_ONLY, this.options({ legacyCore: true, legacyLang: true }))
      .then(async (worker) => {
        // Orientation is detected on the half-size image (about 150 dpi).
        await worker.setParameters({ user_defined_dpi: '150' } as never);
        return worker;
      })
      .catch((error: unknown) => {
      this.orienter = null;
        throw new MuragatError('OCR_LANGUAGE_MISSING', `the orientation data could not be loaded: ${String(error)}`, { languages: 'osd' });
      });
    const worker = await this.orienter;
    try {
      const result = await worker.detect(image);
      const data = result.data as { orientation_degrees?: number | null; orientation_confidence?: number | null };
      const degrees = ((data.orientation_degrees ?? 0) % 360 + 360) % 360;
      if (![0, 90, 180, 270].includes(degrees)) return null;
      return { rotation: degrees as QuarterTurn, confidence: data.orientation_confidence ?? 0 };
    } catch {
      // Too little text to tell (a photo, a nearly blank page): read it as it lies.
      return null;
    }
  }

  async close(): Promise<void> {
    const workers = [this.reader?.worker, this.orienter].filter((worker): worker is Promise<TesseractWorker> => worker !== undefined && worker !== null);
    this.reader = null;
    this.orienter = null;
    await Promise.all(workers.map((worker) => worker.then((w) => w.terminate()).catch(() => undefined)));
  }
}
