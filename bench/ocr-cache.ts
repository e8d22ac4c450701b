/**
 * OCR text of scans for the metadata benchmark, read by the archive's own OCR engine (tesseract.js
 * with the archive's language data) and cached by the file's SHA-256 under
 * `~/.cache/muragat-bench/ocr/`, so that only the first run pays for OCR. Only the pages detection
 * looks at are read: the first two and the last.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OcrLanguage, OcrWord } from '../shared/domain/ocr';
import { installedLanguages, resolveTessdataDir } from '../electron/core/ocr/language-data';
import type { OcrPageRequest, OcrPageResult } from '../electron/core/ocr/ocr-protocol';
import { defaultOcrWorkerUrl, OCR_DPI } from '../electron/core/ocr/ocr-service';
import { WorkerPool } from '../electron/core/workers/worker-pool';

export const OCR_CACHE = path.join(os.homedir(), '.cache', 'muragat-bench', 'ocr');
const OCR_LANGUAGES: OcrLanguage[] = ['kaz', 'rus', 'eng'];

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function cachePath(bytes: Uint8Array): string {
  return path.join(OCR_CACHE, `${sha256(bytes)}.json`);
}

/** A page as the archive keeps it after OCR (page text, page_ocr.words, rotation): layout is built from it. */
export interface CachedOcrPage {
  pageNo: number;
  text: string;
  words: OcrWord[];
  rotation: number;
}

/** The cached pages of a file, or null (not read yet, or cached by an older bench without word boxes). */
export function cachedOcr(bytes: Uint8Array): Map<number, CachedOcrPage> | null {
  try {
    const pages = JSON.parse(fs.readFileSync(cachePath(bytes), 'utf8')) as CachedOcrPage[];
    if (!pages.every((page) => Array.isArray(page.words) && typeof page.rotation === 'number')) return null;
    return new Map(pages.map((page) => [page.pageNo, page]));
  } catch {
    return null;
  }
}

/** Reads the pages detection looks at (first two, last) with the archive's OCR engine; caches them. */
export class OcrReader {
  pagesRead = 0;

  private constructor(
    private readonly pool: WorkerPool<OcrPageRequest, OcrPageResult>,
    private readonly tessdataDir: string,
    private readonly languages: OcrLanguage[],
  ) {}

  static async open(): Promise<OcrReader | null> {
    let tessdataDir: string;
    try {
      tessdataDir = resolveTessdataDir();
    } catch {
      console.log('(no OCR language data: run `npm run ocr-data`; scans are scored from the cache only)');
      return null;
    }
    const languages = installedLanguages(tessdataDir).filter((language) => OCR_LANGUAGES.includes(language));
    if (languages.length === 0) return null;
    const size = Math.max(1, Math.min(2, os.availableParallelism()));
    const pool = new WorkerPool<OcrPageRequest, OcrPageResult>({ workerUrl: defaultOcrWorkerUrl(), size, taskTimeoutMs: () => 600_000, silent: true });
    return new OcrReader(pool, tessdataDir, languages);
  }

  async read(file: string, bytes: Uint8Array, pageCount: number): Promise<Map<number, CachedOcrPage>> {
    const cached = cachedOcr(bytes);
    if (cached) return cached;
    const wanted = [...new Set([1, 2, pageCount].filter((pageNo) => pageNo >= 1 && pageNo <= pageCount))];
    const results = await Promise.all(
      wanted.map((pageNo) => this.pool.run({ filePath: file, pageNo, languages: this.languages, tessdataDir: this.tessdataDir, dpi: OCR_DPI, detectRotation: true })),
    );
    this.pagesRead += results.length;
    const pages: CachedOcrPage[] = results.map((result) => ({ pageNo: result.pageNo, text: result.text, words: result.words, rotation: result.rotation }));
    fs.mkdirSync(OCR_CACHE, { recursive: true });
    fs.writeFileSync(cachePath(bytes), JSON.stringify(pages));
    return new Map(pages.map((page) => [page.pageNo, page]));
  }

  async close(): Promise<void> {
    await this.pool.close();
  }
}
