/**
 * `npm run bench -- ocr [--pages N|--all]`: OCR speed, accuracy and memory on the corpus scans.
 *
 * - Speed: pages per minute with one worker (= per core) and with one worker per core, over the
 *   image-only scans of the corpus (a spread of N pages by default, every page with --all).
 *   Baseline in the same run: the native tesseract program (Debian's tesseract-ocr, when
 *   installed) reading the same rendered page images with the same language data, so the ratio
 *   shows what the WebAssembly build costs.
 * - Accuracy: character accuracy (1 − CER, Levenshtein over whitespace-collapsed text) and word
 *   recall against the hand transcriptions in bench/ocr-truth/ (5 pages, see its README).
 * - Memory: the process's peak RSS growth while reading, per worker.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OcrLanguage } from '../shared/domain/ocr';
import { resolveTessdataDir } from '../electron/core/ocr/language-data';
import type { OcrPageRequest, OcrPageResult } from '../electron/core/ocr/ocr-protocol';
import { defaultOcrWorkerUrl, OCR_DPI } from '../electron/core/ocr/ocr-service';
import { encodePgm, rotateGray } from '../electron/core/ocr/page-image';
import { PdfPageRenderer } from '../electron/core/ocr/render-page';
import { WorkerPool } from '../electron/core/workers/worker-pool';
import { imagePdf, jpegOfImagePdf } from '../tests/helpers/image-pdf';

export interface OcrBenchOptions {
  corpusDir: string;
  /** Pages for the speed runs (spread over the scans); 0 = every page. */
  pages: number;
  json: boolean;
  /** Pages of a long scan to read for the memory-over-time check (0: skip). */
  longPages: number;
}

const LANGUAGES: OcrLanguage[] = ['kaz', 'rus', 'eng'];
const TRUTH_DIR = path.resolve(import.meta.dirname, 'ocr-truth');

interface PageRef {
  file: string;
  pageNo: number;
}

/** Levenshtein distance in O(n·m) time and O(m) memory. */
export function editDistance(a: string, b: string): number {
  const m = b.length;
  let previous = new Uint32Array(m + 1).map((_, j) => j);
  let current = new Uint32Array(m + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    [previous, current] = [current, previous];
  }
  return previous[m]!;
}

/** What accuracy compares: one space for any whitespace, one dash for –/—, one quote style for „“”. */
export function normalizeForAccuracy(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[–—]/g, '—')
    .replace(/[„“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

function words(text: string): string[] {
  return normalizeForAccuracy(text)
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/** Share of the truth's words (as a multiset) that OCR produced. */
function wordRecall(truth: string, ocr: string): number {
  const counts = new Map<string, number>();
  for (const word of words(ocr)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const wanted = words(truth);
  let found = 0;
  for (const word of wanted) {
    const left = counts.get(word) ?? 0;
    if (left > 0) {
      found++;
      counts.set(word, left - 1);
    }
  }
  return wanted.length === 0 ? 1 : found / wanted.length;
}

function scans(corpusDir: string): string[] {
  const dir = path.join(corpusDir, 'pdf');
  return fs
    .readdirSync(dir)
    .filter((name) => /_SCAN(-ROTATED)?\.pdf$/.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

async function pageCounts(files: readonly string[]): Promise<Map<string, number>> {
  const renderer = new PdfPageRenderer();
  const counts = new Map<string, number>();
  for (const file of files) counts.set(file, await renderer.pageCount(file));
  await renderer.close();
  return counts;
}

/** N pages spread over the scans: every scan's first page, then further pages in turn. */
function spread(counts: Map<string, number>, n: number): PageRef[] {
  const all: PageRef[] = [];
  const max = Math.max(...counts.values());
  for (let pageNo = 1; pageNo <= max; pageNo++) for (const [file, count] of counts) if (pageNo <= count) all.push({ file, pageNo });
  return n > 0 ? all.slice(0, n) : all;
}

class RssSampler {
  private peak = process.memoryUsage().rss;
  private readonly timer = setInterval(() => {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }, 100);
  readonly start = process.memoryUsage().rss;
  stop(): { startMb: number; peakMb: number } {
    clearInterval(this.timer);
    return { startMb: this.start / 1e6, peakMb: this.peak / 1e6 };
  }
}

async function readPages(pages: readonly PageRef[], workers: number, tessdataDir: string): Promise<{ ms: number; results: Map<string, OcrPageResult>; rss: { startMb: number; peakMb: number } }> {
  const pool = new WorkerPool<OcrPageRequest, OcrPageResult>({ workerUrl: defaultOcrWorkerUrl(), size: workers, taskTimeoutMs: () => 600_000, silent: true });
  const sampler = new RssSampler();
  const started = performance.now();
  const results = new Map<string, OcrPageResult>();
  await Promise.all(
    pages.map(async (page) => {
      const result = await pool.run({ filePath: page.file, pageNo: page.pageNo, languages: LANGUAGES, tessdataDir, dpi: OCR_DPI, detectRotation: true });
      results.set(`${page.file}#${page.pageNo}`, result);
    }),
  );
  const ms = performance.now() - started;
  const rss = sampler.stop();
  await pool.close();
  return { ms, results, rss };
}

/** The native tesseract program on the same page images (rendered and turned as Muragat does). */
async function nativeBaseline(pages: readonly PageRef[], rotations: Map<string, number>, tessdataDir: string): Promise<{ ms: number } | null> {
  if (spawnSync('tesseract', ['--version']).status !== 0) return null;
  const renderer = new PdfPageRenderer();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-ocr-bench-'));
  try {
    const images: string[] = [];
    for (const page of pages) {
      const { image } = await renderer.render(page.file, page.pageNo, OCR_DPI);
      const file = path.join(dir, `${images.length}.pgm`);
      fs.writeFileSync(file, encodePgm(rotateGray(image, (rotations.get(`${page.file}#${page.pageNo}`) ?? 0) as 0 | 90 | 180 | 270)));
      images.push(file);
    }
    const started = performance.now();
    for (const image of images) {
      spawnSync('tesseract', [image, 'stdout', '--tessdata-dir', tessdataDir, '-l', LANGUAGES.join('+'), '--oem', '1', '--dpi', String(OCR_DPI)], {
        env: { ...process.env, OMP_THREAD_LIMIT: '1' },
        encoding: 'utf8',
      });
    }
    return { ms: performance.now() - started };
  } finally {
    await renderer.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function runOcrBench(options: OcrBenchOptions): Promise<Record<string, unknown>> {
  const tessdataDir = resolveTessdataDir();
  const log = (line: string): void => {
    if (!options.json) console.log(line);
  };
  const files = scans(options.corpusDir);
  if (files.length === 0) throw new Error(`no scans (*_SCAN.pdf) in ${options.corpusDir}/pdf`);
  const counts = await pageCounts(files);
  const speedPages = spread(counts, options.pages);
  const cores = Math.max(1, Math.min(os.availableParallelism(), 4));
  log(`OCR benchmark: ${speedPages.length} of ${[...counts.values()].reduce((a, b) => a + b, 0)} pages of ${files.length} corpus scans, ${LANGUAGES.join('+')}, ${OCR_DPI} dpi, data ${tessdataDir}`);

  // Accuracy first (its pages also warm the file cache).
  const truthFiles = fs.readdirSync(TRUTH_DIR).filter((name) => name.endsWith('.txt'));
  const truthPages = truthFiles.map((name) => {
    const match = /^(.*)\.p(\d+)\.txt$/.exec(name)!;
    return { name, ref: { file: path.join(options.corpusDir, 'pdf', `${match[1]}.pdf`), pageNo: Number(match[2]) } };
  });
  const accuracyRun = await readPages(
    truthPages.map((page) => page.ref),
    cores,
    tessdataDir,
  );
  const accuracy = truthPages.map(({ name, ref }) => {
    const truth = normalizeForAccuracy(fs.readFileSync(path.join(TRUTH_DIR, name), 'utf8'));
    const result = accuracyRun.results.get(`${ref.file}#${ref.pageNo}`)!;
    const ocr = normalizeForAccuracy(result.text);
    const distance = editDistance(ocr, truth);
    return {
      page: name.replace(/\.txt$/, ''),
      // Table rows are transcribed cell by cell; OCR reads a table line by line across cells, so
      // its reading order differs and only the word recall says how well the words were read.
      table: truth.includes(' | '),
      chars: truth.length,
      characterAccuracy: Math.max(0, 1 - distance / truth.length),
      wordRecall: wordRecall(truth, result.text),
      rotation: result.rotation,
      confidence: result.confidence,
    };
  });
  const totalChars = accuracy.reduce((sum, page) => sum + page.chars, 0);
  const weighted = accuracy.reduce((sum, page) => sum + page.characterAccuracy * page.chars, 0) / totalChars;
  log('\nCharacter accuracy against hand transcriptions (bench/ocr-truth):');
  for (const page of accuracy) {
    log(
      `  ${page.page.slice(0, 72).padEnd(72)} ${String(page.chars).padStart(5)} chars  accuracy ${(page.characterAccuracy * 100).toFixed(2)}%  word recall ${(page.wordRecall * 100).toFixed(1)}%  turned ${page.rotation}°`,
    );
  }
  const text = accuracy.filter((page) => !page.table);
  const textChars = text.reduce((sum, page) => sum + page.chars, 0);
  const textAccuracy = text.reduce((sum, page) => sum + page.characterAccuracy * page.chars, 0) / Math.max(1, textChars);
  const recall = accuracy.reduce((sum, page) => sum + page.wordRecall * page.chars, 0) / totalChars;
  log(`  running text (${text.length} pages, ${textChars} chars): character accuracy ${(textAccuracy * 100).toFixed(2)}%`);
  log(`  all ${accuracy.length} pages (${totalChars} chars): character accuracy in reading order ${(weighted * 100).toFixed(2)}% (tables read across cells), word recall ${(recall * 100).toFixed(1)}%`);

  // Speed with one worker (per core) and with all cores, and memory.
  const single = await readPages(speedPages, 1, tessdataDir);
  const perCore = speedPages.length / (single.ms / 60_000);
  const parallel = cores > 1 ? await readPages(speedPages, cores, tessdataDir) : single;
  const total = speedPages.length / (parallel.ms / 60_000);
  const rotations = new Map([...single.results].map(([key, result]) => [key, result.rotation]));
  const turned = [...single.results.values()].filter((result) => result.rotation !== 0).length;
  const timings = [...single.results.values()].reduce(
    (sum, result) => ({ render: sum.render + result.timings.renderMs, rotation: sum.rotation + result.timings.rotationMs, recognize: sum.recognize + result.timings.recognizeMs }),
    { render: 0, rotation: 0, recognize: 0 },
  );
  const native = await nativeBaseline(speedPages, rotations, tessdataDir);
  const nativePerMinute = native ? speedPages.length / (native.ms / 60_000) : null;
  const perWorkerMb = (single.rss.peakMb - single.rss.startMb);
  const perWorkerParallelMb = (parallel.rss.peakMb - parallel.rss.startMb) / cores;

  log('\nSpeed:');
  log(`  1 worker:            ${perCore.toFixed(1)} pages/min per core (${(single.ms / speedPages.length / 1000).toFixed(1)} s a page: render ${(timings.render / speedPages.length / 1000).toFixed(2)} s, orientation ${(timings.rotation / speedPages.length / 1000).toFixed(2)} s, recognition ${(timings.recognize / speedPages.length / 1000).toFixed(2)} s); ${turned} pages turned`);
  log(`  ${cores} workers:           ${total.toFixed(1)} pages/min in all (${(total / perCore).toFixed(2)}× one worker)`);
  if (nativePerMinute) log(`  baseline, native tesseract 1 thread: ${nativePerMinute.toFixed(1)} pages/min (recognition only, same images and data); Muragat / native = ${(perCore / nativePerMinute).toFixed(2)}`);
  else log('  baseline: native tesseract not installed (apt-get install tesseract-ocr), skipped');
  log('\nMemory (process RSS growth while reading):');
  log(`  1 worker: ${perWorkerMb.toFixed(0)} MB; ${cores} workers: ${(parallel.rss.peakMb - parallel.rss.startMb).toFixed(0)} MB = ${perWorkerParallelMb.toFixed(0)} MB per worker`);

  // Memory over a long scan: one real page (an official act, from the test fixtures) repeated,
  // read page by page by one worker; RSS must level off, not grow with the page count.
  const longScan: Array<{ page: number; rssMb: number }> = [];
  if (options.longPages > 0) {
    const fixture = path.resolve(import.meta.dirname, '../tests/fixtures/ocr/kk-order-110-p1-scan.pdf');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-ocr-long-'));
    const file = path.join(dir, 'long.pdf');
    fs.writeFileSync(file, imagePdf(jpegOfImagePdf(fs.readFileSync(fixture)), { pages: options.longPages, dpi: 200 }));
    const pool = new WorkerPool<OcrPageRequest, OcrPageResult>({ workerUrl: defaultOcrWorkerUrl(), size: 1, taskTimeoutMs: () => 600_000, silent: true });
    const base = process.memoryUsage().rss;
    for (let pageNo = 1; pageNo <= options.longPages; pageNo++) {
      await pool.run({ filePath: file, pageNo, languages: LANGUAGES, tessdataDir, dpi: OCR_DPI, detectRotation: true });
      longScan.push({ page: pageNo, rssMb: (process.memoryUsage().rss - base) / 1e6 });
    }
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
    const at = (n: number) => longScan[Math.min(longScan.length, Math.max(1, n)) - 1]!;
    const marks = [1, Math.round(options.longPages / 4), Math.round(options.longPages / 2), options.longPages].map(at);
    log(`  long scan, ${options.longPages} pages, 1 worker, RSS growth after page ${marks.map((m) => `${m.page}: ${m.rssMb.toFixed(0)} MB`).join(', ')}`);
  }

  return {
    longScan,
    pages: speedPages.length,
    languages: LANGUAGES,
    dpi: OCR_DPI,
    accuracy,
    characterAccuracy: weighted,
    characterAccuracyRunningText: textAccuracy,
    wordRecall: recall,
    pagesPerMinutePerCore: perCore,
    pagesPerMinuteAllCores: total,
    workers: cores,
    nativeBaselinePagesPerMinute: nativePerMinute,
    memoryPerWorkerMb: { single: perWorkerMb, parallel: perWorkerParallelMb },
    secondsPerPage: { render: timings.render / speedPages.length / 1000, orientation: timings.rotation / speedPages.length / 1000, recognition: timings.recognize / speedPages.length / 1000 },
  };
}
