/**
 * Bundle benchmark (`npm run bench -- bundles [--gb G] [--docs N] [--json]`):
 *   1. Throughput: an archive holding G GB of stored files (default 2; random bytes, so nothing
 *      compresses), exported as one full bundle and imported into an empty archive, against a
 *      plain `cp -r` of the same files in the same run; with the peak RSS of each step, so
 *      "memory flat in bundle size" is visible (RSS stays near the archive's own, not G GB).
 *   2. Incremental size: an archive of N documents (default 10,000, each with its own small
 *      file and real text), a full bundle, then 10 documents changed and an incremental bundle
 *      for the same office: its size as a share of the full one (target ≤ 1%).
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openArchive, type Archive } from '../electron/core/archive';
import { exportBundle } from '../electron/core/bundles/export';
import { loadOrCreateKeyPair } from '../electron/core/bundles/identity';
import { importBundle } from '../electron/core/bundles/import';
import { trustOffice } from '../electron/core/bundles/offices';
import { updateDocument } from '../electron/core/documents/edit';
import { writeSyntheticDocument } from './archive-writer';
import { generateDocuments, loadSentencePools } from './synthetic-archive';

export interface BundleBenchOptions {
  corpusDir: string;
  gb: number;
  docs: number;
  json: boolean;
}

const MB = 1024 * 1024;
const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** Peak RSS while `work` runs, sampled every 20 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number; seconds: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const started = performance.now();
  try {
    const value = await work();
    return { value, peakMb: round(peak / MB), seconds: (performance.now() - started) / 1000 };
  } finally {
    clearInterval(timer);
  }
}

/** Adds a document with the given file bytes straight into the archive (no extraction: not what is measured). */
async function addDocument(archive: Archive, title: string, text: string, bytes: Buffer, name: string): Promise<string> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await archive.context.store.put(sha256, bytes);
  const doc = { title, kind: 'decision' as const, lang: 'kk' as const, date: '2024-01-15', number: '', issuer: '', pages: [text] };
  return archive.context.db.transaction(() => writeSyntheticDocument(archive, doc, { file: { sha256, size: bytes.length, name } })).immediate();
}

function trustEachOther(a: Archive, b: Archive): void {
  trustOffice(a.context.db, { archiveId: b.archiveId, name: 'B', publicKey: loadOrCreateKeyPair(b.dataDir).publicKey }, new Date(), a.archiveId);
  trustOffice(b.context.db, { archiveId: a.archiveId, name: 'A', publicKey: loadOrCreateKeyPair(a.dataDir).publicKey }, new Date(), b.archiveId);
}

function dirBytes(dir: string): number {
  let total = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

export async function runBundleBench(options: BundleBenchOptions): Promise<Record<string, unknown>> {
  const log = (text: string): void => {
    if (!options.json) process.stderr.write(text);
  };
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-bench-bundles-'));
  try {
    // ---- 1. Throughput on G GB of files ------------------------------------------------------
    const source = await openArchive({ dataDir: path.join(work, 'source') });
    const target = await openArchive({ dataDir: path.join(work, 'target') });
    trustEachOther(source, target);
    const fileBytes = 8 * MB;
    const count = Math.max(1, Math.round((options.gb * 1024 * MB) / fileBytes));
    log(`writing ${count} files of ${fileBytes / MB} MB into an archive…\n`);
    for (let i = 0; i < count; i++) await addDocument(source, `Құжат ${i}`, `Қоғамдық кеңес шешімі ${i}`, randomBytes(fileBytes), `scan-${i}.pdf`);
    const totalBytes = dirBytes(path.join(source.dataDir, 'files'));

    // Baseline: cp of the same files, cold-ish (after writing, the page cache holds them for both).
    const copyDir = path.join(work, 'cp-copy');
    const cp = await withPeakRss(async () => execFileSync('cp', ['-r', path.join(source.dataDir, 'files'), copyDir]));
    fs.rmSync(copyDir, { recursive: true, force: true });
    const cpMbPerSec = totalBytes / MB / cp.seconds;
    // The same copy made durable (what an import must be before it commits): cp, then sync.
    const cpSync = await withPeakRss(async () => {
      execFileSync('cp', ['-r', path.join(source.dataDir, 'files'), copyDir]);
      execFileSync('sync');
    });
    fs.rmSync(copyDir, { recursive: true, force: true });
    const cpSyncMbPerSec = totalBytes / MB / cpSync.seconds;

    log('exporting a full bundle…\n');
    const bundleFile = path.join(work, 'full.muragat');
    const exported = await withPeakRss(() => exportBundle(source.context, bundleFile, { kind: 'office', office: target.archiveId }));
    log('importing it into an empty archive…\n');
    const imported = await withPeakRss(() => importBundle(target.context, bundleFile));
    if (imported.value.added !== count) throw new Error(`imported ${imported.value.added} of ${count} documents`);
    const exportMbPerSec = totalBytes / MB / exported.seconds;
    const importMbPerSec = totalBytes / MB / imported.seconds;
    await source.close();
    await target.close();
    fs.rmSync(path.join(work, 'source'), { recursive: true, force: true });
    fs.rmSync(path.join(work, 'target'), { recursive: true, force: true });
    fs.rmSync(bundleFile, { force: true });

    // ---- 2. Incremental bundle size ------------------------------------------------------------
    log(`building an archive of ${options.docs} documents for the incremental bundle…\n`);
    const a = await openArchive({ dataDir: path.join(work, 'a') });
    const b = await openArchive({ dataDir: path.join(work, 'b') });
    trustEachOther(a, b);
    const ids: string[] = [];
    for (const doc of generateDocuments(loadSentencePools(options.corpusDir), options.docs)) {
      const text = doc.pages.join('\n');
      ids.push(await addDocument(a, doc.title, text, Buffer.from(`%PDF-1.4\n${text}`), `${ids.length}.pdf`));
    }
    const full = path.join(work, 'full-10k.muragat');
    const fullExport = await exportBundle(a.context, full, { kind: 'office', office: b.archiveId });
    for (const id of ids.slice(0, 10)) updateDocument(a.context, id, { title: `Өзгертілген атау ${id.slice(-6)}` });
    const incremental = path.join(work, 'incremental.muragat');
    const incrementalExport = await exportBundle(a.context, incremental, { kind: 'office', office: b.archiveId });
    await a.close();
    await b.close();

    const report = {
      gb: options.gb,
      files: count,
      totalMb: round(totalBytes / MB),
      cpMbPerSec: round(cpMbPerSec),
      cpSyncMbPerSec: round(cpSyncMbPerSec),
      importVsCpSyncRatio: round(importMbPerSec / cpSyncMbPerSec, 2),
      exportMbPerSec: round(exportMbPerSec),
      importMbPerSec: round(importMbPerSec),
      exportRatio: round(exportMbPerSec / cpMbPerSec, 2),
      importRatio: round(importMbPerSec / cpMbPerSec, 2),
      exportPeakRssMb: exported.peakMb,
      importPeakRssMb: imported.peakMb,
      docs: options.docs,
      fullBundleMb: round(fullExport.bytes / MB, 2),
      incrementalBundleKb: round(incrementalExport.bytes / 1024, 1),
      incrementalDocuments: incrementalExport.documents,
      incrementalShare: round((incrementalExport.bytes / fullExport.bytes) * 100, 3),
    };
    if (!options.json) {
      process.stdout.write(`\nBundles: ${report.files} files, ${report.totalMb} MB of stored files\n`);
      process.stdout.write(`  baseline cp -r                 ${String(report.cpMbPerSec).padStart(8)} MB/s\n`);
      process.stdout.write(`  baseline cp -r + sync          ${String(report.cpSyncMbPerSec).padStart(8)} MB/s   (durable, as an import must be)\n`);
      process.stdout.write(`  export (full bundle)           ${String(report.exportMbPerSec).padStart(8)} MB/s   ${report.exportRatio}× cp   target ≥ 0.5×  ${report.exportRatio >= 0.5 ? 'met' : 'MISSED'}   peak RSS ${report.exportPeakRssMb} MB\n`);
      process.stdout.write(`  import (into an empty archive) ${String(report.importMbPerSec).padStart(8)} MB/s   ${report.importRatio}× cp   target ≥ 0.5×  ${report.importRatio >= 0.5 ? 'met' : 'MISSED'}   peak RSS ${report.importPeakRssMb} MB   (${report.importVsCpSyncRatio}× cp + sync)\n`);
      process.stdout.write(`Incremental: ${report.docs} documents, full bundle ${report.fullBundleMb} MB; after changing 10: ${report.incrementalDocuments} documents, ${report.incrementalBundleKb} KB = ${report.incrementalShare}% of full   target ≤ 1%  ${report.incrementalShare <= 1 ? 'met' : 'MISSED'}\n`);
    }
    return report;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
