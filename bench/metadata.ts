/**
 * `npm run bench -- metadata [--corpus DIR] [--corpus2 DIR] [--misses] [--no-ocr] [--json]`:
 * precision and recall of metadata detection per field, on the documents of both corpora against
 * their hand-made truth files (rules: bench/metadata-truth.README.md), and how many documents would
 * go to the review list (a field below the confidence threshold).
 *
 * Sets: `../shared/corpus` (where detection was first built) and the two halves of
 * `../shared/corpus2`: `dev` (detection is tuned on it) and `test` (never looked at: its figures are
 * the ones that count as "unseen"). `--misses` prints the misses of `corpus` and `corpus2 dev` only;
 * the test half prints figures, never its misses, so that tuning cannot drift onto it.
 *
 * Text comes from the importer's own extractors and analysis step (`analyzeExtracted`: the same
 * code the extract worker runs — legacy-font repair, layout, detection). Scans get their text the way
 * the archive gets it: the real OCR engine (tesseract.js, the archive's language data) reads their
 * first two pages and their last page — the parts detection looks at — and the text is cached under
 * `~/.cache/muragat-bench/ocr/` by the file's SHA-256, so later runs skip OCR. A scan row counts
 * as readable once OCR text is there; with `--no-ocr` and no cache, scans are scored as unreadable
 * (their fields are not expected; a value invented for one still counts against precision).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type DetectedMetadata, uncertainFields } from '../shared/metadata';
import { analyzeExtracted, analyzeRecognised } from '../electron/core/ingest/analyze';
import { extractFile } from '../electron/core/ingest/extract/extract-file';
import type { ExtractedDocument } from '../electron/core/ingest/extract/types';
import { type CachedOcrPage, cachedOcr, OCR_CACHE, OcrReader } from './ocr-cache';
import { METADATA_FIELDS, type MetadataField, type MetadataScore, scoreMetadata, type TruthRow } from './metadata-score';

export interface MetadataBenchOptions {
  corpusDir: string;
  corpus2Dir: string;
  misses: boolean;
  ocr: boolean;
  json: boolean;
}

interface SetReport {
  name: string;
  docs: number;
  /** Scans whose text came from OCR (cache or this run). */
  ocrDocs: number;
  toReview: number;
  perField: MetadataScore['perField'];
}

export interface MetadataBenchReport {
  sets: SetReport[];
  detectMs: number;
  ocrPagesRead: number;
}

interface CorpusSet {
  name: string;
  dir: string;
  rows: TruthRow[];
  showMisses: boolean;
}

type Corpus2Row = TruthRow & { half: 'dev' | 'test' };


export async function runMetadataBench(options: MetadataBenchOptions): Promise<MetadataBenchReport> {
  const sets: CorpusSet[] = [];
  const truth1 = readTruth<TruthRow>('metadata-truth.json');
  if (fs.existsSync(options.corpusDir)) sets.push({ name: 'corpus', dir: options.corpusDir, rows: truth1, showMisses: true });
  else console.log(`(no ${options.corpusDir}: the corpus set is skipped)`);
  const truth2Path = path.join(import.meta.dirname, 'metadata-truth-corpus2.json');
  if (fs.existsSync(options.corpus2Dir) && fs.existsSync(truth2Path)) {
    const truth2 = readTruth<Corpus2Row>('metadata-truth-corpus2.json');
    sets.push({ name: 'corpus2 dev', dir: options.corpus2Dir, rows: truth2.filter((row) => row.half === 'dev'), showMisses: true });
    sets.push({ name: 'corpus2 test (unseen)', dir: options.corpus2Dir, rows: truth2.filter((row) => row.half === 'test'), showMisses: false });
  } else {
    console.log(`(no ${options.corpus2Dir} or bench/metadata-truth-corpus2.json: the corpus2 sets are skipped)`);
  }

  const ocr = options.ocr ? await OcrReader.open() : null;
  const reports: SetReport[] = [];
  let detectMs = 0;
  try {
    for (const set of sets) {
      const detected = new Map<string, DetectedMetadata>();
      const scored: TruthRow[] = [];
      let toReview = 0;
      let ocrDocs = 0;
      for (const row of set.rows) {
        const file = path.join(set.dir, row.file);
        const bytes = fs.readFileSync(file);
        let outcome;
        try {
          outcome = await extractFile(bytes, path.basename(file));
        } catch (error) {
          console.log(`  ${set.name}: ${row.file} was refused by the importer: ${(error as Error).message}`);
          scored.push(row);
          continue;
        }
        if (outcome.kind !== 'extracted') {
          scored.push(row);
          continue;
        }
        const document = outcome.document;
        let readable = !row.scan;
        let result: DetectedMetadata;
        if (document.pages.some((page) => page.needsOcr)) {
          const recognised = ocr ? await ocr.read(file, bytes, document.pages.length) : cachedOcr(bytes);
          const begun = performance.now();
          if (recognised) {
            readable = true;
            ocrDocs++;
          }
          result = detectAfterOcr(document, recognised, path.basename(file));
          detectMs += performance.now() - begun;
        } else {
          const started = performance.now();
          result = analyzeExtracted(document, path.basename(file)).detected;
          detectMs += performance.now() - started;
        }
        detected.set(row.file, result);
        if (uncertainFields(result).length > 0) toReview++;
        scored.push(readable && row.scan ? { ...row, scan: false } : row);
      }
      const score = scoreMetadata(scored, detected);
      reports.push({ name: set.name, docs: set.rows.length, ocrDocs, toReview, perField: score.perField });
      if (options.misses && set.showMisses) printMisses(set.name, score);
    }
  } finally {
    await ocr?.close();
  }
  const report: MetadataBenchReport = { sets: reports, detectMs: Math.round(detectMs), ocrPagesRead: ocr?.pagesRead ?? 0 };
  if (!options.json) printReport(report);
  return report;
}

/** A document with pages for OCR, judged as the archive judges it once OCR has read them. */
function detectAfterOcr(document: ExtractedDocument, recognised: Map<number, CachedOcrPage> | null, fileName: string): DetectedMetadata {
  const pages = document.pages.map((page) => {
    if (!page.needsOcr) return { text: page.text, recognised: null };
    const read = recognised?.get(page.pageNo);
    return read ? { text: read.text, recognised: read } : { text: '', recognised: null };
  });
  return analyzeRecognised(pages, fileName).detected;
}

function readTruth<T extends TruthRow>(name: string): T[] {
  return JSON.parse(fs.readFileSync(path.join(import.meta.dirname, name), 'utf8')) as T[];
}

function printReport(report: MetadataBenchReport): void {
  console.log('\nMetadata detection: precision / recall per field (correct/predicted · found/expected)');
  const header = ['set', 'docs', ...METADATA_FIELDS, 'to review'];
  const rows = report.sets.map((set) => [
    set.name,
    `${set.docs}${set.ocrDocs ? ` (${set.ocrDocs} OCR)` : ''}`,
    ...METADATA_FIELDS.map((field) => cell(set, field)),
    `${set.toReview} (${percent(set.toReview / Math.max(1, set.docs))})`,
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]): string => cells.map((text, i) => text.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`\ndetection ${report.detectMs} ms in total; OCR pages read this run: ${report.ocrPagesRead} (cache: ${OCR_CACHE})`);
}

function cell(set: SetReport, field: MetadataField): string {
  const s = set.perField[field];
  return `${percent(s.precision)} / ${percent(s.recall)}`;
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function printMisses(name: string, score: MetadataScore): void {
  console.log(`\nmisses in ${name} (wrong = a value other than the truth; missed = nothing found):`);
  for (const miss of score.misses) {
    console.log(`  ${miss.type.padEnd(6)} ${miss.field.padEnd(6)} ${miss.file}\n         expected: ${miss.expected}\n         detected: ${miss.detected}`);
  }
}
