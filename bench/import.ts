/**
 * Import benchmark on the real corpus (../shared/corpus): throughput of a full import (pages/s,
 * MB/s), PDF extraction against poppler's `pdftotext` on the same files, a plain file copy as the
 * I/O baseline, and the precision of metadata detection per field against hand-made truth.
 *
 *   npm run bench -- import [--corpus DIR] [--json]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openArchive } from '../electron/core/archive';
import type { ImportFileResult } from '../electron/core/ingest/import-files';
import type { DetectedMetadata } from '../shared/metadata';
import { scoreMetadata, type TruthRow } from './metadata-score';

export interface ImportBenchOptions {
  corpusDir: string;
  json: boolean;
}

function listFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map((name) => path.join(dir, String(name))).filter((file) => fs.statSync(file).isFile());
}

function copyBaseline(files: string[], target: string): { ms: number; bytes: number } {
  const started = performance.now();
  let bytes = 0;
  files.forEach((file, index) => {
    const destination = path.join(target, `${index}`);
    fs.copyFileSync(file, destination);
    const handle = fs.openSync(destination, 'r+');
    fs.fsyncSync(handle);
    fs.closeSync(handle);
    bytes += fs.statSync(file).size;
  });
  return { ms: performance.now() - started, bytes };
}

function pdftotextBaseline(pdfs: string[]): { ms: number; available: boolean } {
  if (spawnSync('pdftotext', ['-v']).error) return { ms: NaN, available: false };
  const started = performance.now();
  // Two at a time, like our two extraction workers.
  const chunks = [pdfs.filter((_, i) => i % 2 === 0), pdfs.filter((_, i) => i % 2 === 1)];
  const script = chunks.map((chunk) => chunk.map((pdf) => `pdftotext -q ${JSON.stringify(pdf)} /dev/null`).join('; ')).join(' & ') + '; wait';
  execFileSync('bash', ['-c', script]);
  return { ms: performance.now() - started, available: true };
}

export async function runImportBench(options: ImportBenchOptions): Promise<Record<string, unknown>> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-bench-import-'));
  try {
    const files = listFiles(options.corpusDir);
    const copyDir = path.join(work, 'copy');
    fs.mkdirSync(copyDir);
    const copy = copyBaseline(files, copyDir);

    const archive = await openArchive({ dataDir: path.join(work, 'archive') });
    const results: ImportFileResult[] = [];
    const started = performance.now();
    const summary = await archive.importPaths([options.corpusDir], { onFile: (result) => results.push(result) });
    const importMs = performance.now() - started;

    // PDF only: the same files through our extractor and through pdftotext.
    const pdfs = results.filter((r) => r.status === 'imported' && r.path.toLowerCase().endsWith('.pdf'));
    const pdfArchive = await openArchive({ dataDir: path.join(work, 'pdf-archive') });
    const pdfStarted = performance.now();
    const pdfSummary = await pdfArchive.importPaths(pdfs.map((r) => r.path));
    const pdfMs = performance.now() - pdfStarted;
    const poppler = pdftotextBaseline(pdfs.map((r) => r.path));
    await pdfArchive.close();

    const truthFile = path.join(import.meta.dirname, 'metadata-truth.json');
    const truth = JSON.parse(fs.readFileSync(truthFile, 'utf8')) as TruthRow[];
    const detected = new Map<string, DetectedMetadata>();
    for (const result of results) {
      if (result.status === 'imported' && result.detected) detected.set(path.relative(options.corpusDir, result.path), result.detected);
    }
    const precision = scoreMetadata(truth, detected);
    const check = await archive.check();
    const stats = archive.stats();
    await archive.close();

    const report = {
      files: summary.total,
      imported: summary.imported,
      skipped: summary.skipped,
      failed: summary.failed,
      needsOcr: summary.needsOcr,
      failures: results.filter((r) => r.status === 'failed').map((r) => `${path.relative(options.corpusDir, r.path)}: ${r.error?.message}`),
      pages: summary.pages,
      importedMb: +(summary.bytes / 1e6).toFixed(2),
      importSeconds: +(importMs / 1000).toFixed(2),
      importPagesPerSec: +(summary.pages / (importMs / 1000)).toFixed(1),
      importMbPerSec: +(summary.bytes / 1e6 / (importMs / 1000)).toFixed(2),
      copyBaselineMbPerSec: +(copy.bytes / 1e6 / (copy.ms / 1000)).toFixed(1),
      pdf: {
        files: pdfSummary.imported,
        pages: pdfSummary.pages,
        seconds: +(pdfMs / 1000).toFixed(2),
        pagesPerSec: +(pdfSummary.pages / (pdfMs / 1000)).toFixed(1),
        pdftotextSeconds: poppler.available ? +(poppler.ms / 1000).toFixed(2) : null,
        pdftotextPagesPerSec: poppler.available ? +(pdfSummary.pages / (poppler.ms / 1000)).toFixed(1) : null,
        ratioVsPdftotext: poppler.available ? +(pdfMs / poppler.ms).toFixed(2) : null,
      },
      databaseMb: +(stats.databaseBytes / 1e6).toFixed(2),
      checkOk: check.ok,
      metadata: precision.perField,
    };
    if (!options.json) printReport(report, precision.perField);
    return report;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function printReport(report: Record<string, unknown> & { pdf: Record<string, unknown>; failures: string[] }, perField: ReturnType<typeof scoreMetadata>['perField']): void {
  const line = (label: string, value: unknown): void => console.log(`${label.padEnd(34)} ${String(value)}`);
  console.log('== import benchmark (corpus) ==');
  line('files / imported / skipped / failed', `${report.files} / ${report.imported} / ${report.skipped} / ${report.failed}`);
  for (const failure of report.failures) line('  failed', failure);
  line('flagged needs OCR', report.needsOcr);
  line('pages', report.pages);
  line('import time', `${report.importSeconds} s`);
  line('import throughput', `${report.importPagesPerSec} pages/s, ${report.importMbPerSec} MB/s`);
  line('baseline: plain file copy', `${report.copyBaselineMbPerSec} MB/s (ratio ${((report.importMbPerSec as number) / (report.copyBaselineMbPerSec as number)).toFixed(3)})`);
  line('PDF import', `${report.pdf.pages} pages in ${report.pdf.seconds} s = ${report.pdf.pagesPerSec} pages/s`);
  line('baseline: pdftotext (2 processes)', report.pdf.pdftotextSeconds === null ? 'not installed' : `${report.pdf.pdftotextSeconds} s = ${report.pdf.pdftotextPagesPerSec} pages/s; ours/pdftotext time ratio ${report.pdf.ratioVsPdftotext}×`);
  line('database size', `${report.databaseMb} MB`);
  line('check after import', report.checkOk ? 'ok' : 'PROBLEMS');
  console.log('metadata detection       precision  recall  (correct/predicted/expected)');
  for (const [field, score] of Object.entries(perField)) {
    console.log(`  ${field.padEnd(8)}                 ${score.precision.toFixed(3)}    ${score.recall.toFixed(3)}   (${score.correct}/${score.predicted}/${score.expected})`);
  }
}
