/**
 * Search benchmark (`npm run bench -- search [--docs N] [--json]`): builds an archive of N
 * documents from the corpus's real texts, and the same pages in a baseline (plain FTS5
 * unicode61, naive MATCH); then runs a fixed query mix against each in a fresh process and
 * prints indexing speed, database size per MB of text, latency p50/p95/p99 and RSS, with
 * our/baseline ratios.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openArchive } from '../electron/core/archive';
import { openSqlite } from '../electron/core/db/sqlite';
import type { PreparedIndex } from '../electron/core/search/indexer';
import { writeSyntheticDocument } from './archive-writer';
import { WorkerPool } from '../electron/core/workers/worker-pool';
import type { PrepareRequest } from './index-worker';
import { generateDocuments, loadSentencePools, seededRandom, type SyntheticDocument } from './synthetic-archive';

export interface SearchBenchOptions {
  corpusDir: string;
  docs: number;
  json: boolean;
  /** Build in this folder and keep it (archive/, baseline.sqlite, queries.json) instead of a temporary one. */
  keepDir?: string;
}

interface Figures {
  docs: number;
  pages: number;
  textMb: number;
  dbMb: number;
  indexPagesPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  rssMb: number;
}

const KAZAKH_TO_RUSSIAN_KEYBOARD: Record<string, string> = { ә: 'а', ғ: 'г', қ: 'к', ң: 'н', ө: 'о', ұ: 'у', ү: 'у', һ: 'х', і: 'и' };

function words(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}]{2,}/gu) ?? []);
}

/** The fixed query mix: a fifth with a head word (in over half the documents). */
function buildQueries(sample: SyntheticDocument[], seed: number): Array<{ query: string; category: string }> {
  const random = seededRandom(seed);
  const df = new Map<string, number>();
  const latinWords = new Set<string>();
  for (const doc of sample) {
    const seen = new Set(doc.pages.flatMap(words));
    for (const word of seen) df.set(word, (df.get(word) ?? 0) + 1);
    if (!/[а-яәғқңөұүһі]/.test(doc.pages[0]!.toLowerCase())) for (const word of seen) latinWords.add(word);
  }
  const n = sample.length;
  const byDf = [...df.entries()].sort((a, b) => b[1] - a[1]);
  const head = byDf.filter(([, count]) => count > n * 0.5).map(([word]) => word);
  if (head.length === 0) head.push(byDf[0]![0]);
  const mid = byDf.filter(([word, count]) => count >= Math.max(3, n * 0.001) && count <= n * 0.05 && word.length >= 4).map(([word]) => word);
  const kazakhMid = mid.filter((word) => /[әғқңөұүһі]/.test(word));
  const latinMid = mid.filter((word) => latinWords.has(word) && /^[a-zäğñöūüışáǵńóúý]+$/.test(word));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const queries: Array<{ query: string; category: string }> = [];
  const add = (category: string, count: number, make: () => string): void => {
    for (let i = 0; i < count; i++) queries.push({ category, query: make() });
  };
  add('words', 70, () => Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(mid)).join(' '));
  add('head', 50, () => (random() < 0.4 ? pick(head) : `${pick(head)} ${pick(mid)}`));
  add('phrase', 30, () => {
    const doc = pick(sample);
    const list = words(pick(doc.pages));
    const at = Math.floor(random() * Math.max(1, list.length - 1));
    return `"${list[at]} ${list[at + 1] ?? list[at]}"`;
  });
  add('filtered', 40, () => `${pick(mid)} kind:${pick(sample).kind} ${random() < 0.5 ? `year:${2005 + Math.floor(random() * 21)}` : 'lang:kk'}`);
  add('folded', 30, () => [...pick(kazakhMid.length ? kazakhMid : mid)].map((ch) => KAZAKH_TO_RUSSIAN_KEYBOARD[ch] ?? ch).join(''));
  add('latin', 30, () => pick(latinMid.length ? latinMid : mid));
  // Issue 13's forgiving search: words of different documents (few or none has them all, so the
  // partial tier runs), long questions with question words, and a misspelt word.
  add('relaxed', 30, () => Array.from({ length: 3 + Math.floor(random() * 2) }, () => words(pick(pick(sample).pages)).filter((w) => w.length >= 5)[0] ?? pick(mid)).join(' '));
  add('question', 30, () => {
    const list = words(pick(pick(sample).pages)).filter((w) => w.length >= 4);
    const content = Array.from({ length: 3 + Math.floor(random() * 3) }, () => pick(list.length ? list : mid));
    return random() < 0.5 ? `какие документы нужны для ${content.join(' ')} ${pick(mid)}` : `${content.join(' ')} ${pick(mid)} үшін қандай құжат керек қалай алуға болады`;
  });
  add('typo', 30, () => {
    const word = pick(mid.filter((w) => w.length >= 7).length ? mid.filter((w) => w.length >= 7) : mid);
    const at = 2 + Math.floor(random() * (word.length - 3));
    return `${word.slice(0, at)}${word.slice(at + 1)}`;
  });
  // Shuffle deterministically so categories interleave as real traffic would.
  for (let i = queries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [queries[i], queries[j]] = [queries[j]!, queries[i]!];
  }
  return queries;
}

function fileMb(file: string): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) if (fs.existsSync(file + suffix)) bytes += fs.statSync(file + suffix).size;
  return bytes / 1e6;
}

function probe(mode: 'muragat' | 'baseline', data: string, queriesFile: string): Record<string, unknown> & { p50Ms: number; p95Ms: number; p99Ms: number; rssMb: number } {
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(import.meta.dirname, 'search-probe.ts'), mode, data, queriesFile], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

export async function runSearchBench(options: SearchBenchOptions): Promise<Record<string, unknown>> {
  const work = options.keepDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-bench-search-'));
  if (options.keepDir) {
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
  }
  const log = (text: string): void => {
    if (!options.json) process.stderr.write(text);
  };
  try {
    const pools = loadSentencePools(options.corpusDir);
    const archiveDir = path.join(work, 'archive');
    const archive = await openArchive({ dataDir: archiveDir });
    const db = archive.context.db;
    const baselineFile = path.join(work, 'baseline.sqlite');
    const baseline = openSqlite(baselineFile);
    baseline.exec("CREATE VIRTUAL TABLE base USING fts5(title, body, tokenize = 'unicode61')");
    const insertBase = baseline.prepare('INSERT INTO base (title, body) VALUES (?, ?)');

    let pages = 0;
    let textChars = 0;
    let textBytes = 0;
    let baseMs = 0;
    const sample: SyntheticDocument[] = [];
    const now = new Date().toISOString();
    // Muragat's side runs as import does: two workers analyze, the main thread writes. Batches are
    // generated first (not timed); the next batch is analyzed while the previous one is written.
    const pool = new WorkerPool<PrepareRequest, PreparedIndex[]>({
      workerUrl: new URL('./index-worker.bootstrap.mjs', import.meta.url),
      size: 2,
      taskTimeoutMs: () => 600_000,
    });
    const write = (batch: SyntheticDocument[], prepared: PreparedIndex[]): void => {
      db.transaction(() => {
        batch.forEach((doc, i) => writeSyntheticDocument(archive, doc, { prepared: prepared[i]!, now }));
      }).immediate();
    };
    const prepare = (batch: SyntheticDocument[]): Promise<PreparedIndex[]> => {
      const half = Math.ceil(batch.length / 2);
      const toRequest = (docs: SyntheticDocument[]): PrepareRequest => ({ docs: docs.map((d) => ({ title: d.title, number: d.number, date: d.date, lang: d.lang, pages: d.pages })) });
      return Promise.all([pool.run(toRequest(batch.slice(0, half))), pool.run(toRequest(batch.slice(half)))]).then(([a, b]) => [...a, ...b]);
    };
    const batches: SyntheticDocument[][] = [];
    let current: SyntheticDocument[] = [];
    let count = 0;
    for (const doc of generateDocuments(pools, options.docs)) {
      current.push(doc);
      if (sample.length < 5000) sample.push(doc);
      pages += doc.pages.length;
      for (const text of doc.pages) {
        textChars += text.length;
        textBytes += Buffer.byteLength(text, 'utf8');
      }
      if (current.length >= 500) {
        batches.push(current);
        current = [];
      }
      count++;
    }
    if (current.length) batches.push(current);
    log(`generated ${count} documents; indexing…\n`);
    const oursStarted = performance.now();
    const cpuStarted = process.cpuUsage();
    let pending = prepare(batches[0]!);
    let waitMs = 0;
    let writeMs = 0;
    for (let b = 0; b < batches.length; b++) {
      const waitStarted = performance.now();
      const prepared = await pending;
      waitMs += performance.now() - waitStarted;
      if (b + 1 < batches.length) pending = prepare(batches[b + 1]!);
      const writeStarted = performance.now();
      write(batches[b]!, prepared);
      writeMs += performance.now() - writeStarted;
      if ((b + 1) % 20 === 0) log(`\rindexing: ${(b + 1) * 500}/${count} documents`);
    }
    let oursMs = performance.now() - oursStarted;
    const cpu = process.cpuUsage(cpuStarted);
    log(
      `\rindexing: ${Math.round(oursMs)} ms; main thread ${Math.round(writeMs)} ms writing, ${Math.round(waitMs)} ms waiting for the analysis workers; ` +
        `CPU of all threads ${Math.round((cpu.user + cpu.system) / 1000)} ms (load average ${os.loadavg()[0]!.toFixed(2)})\n`,
    );
    await pool.close();
    const baseStarted = performance.now();
    for (const batch of batches) {
      baseline.transaction(() => {
        for (const doc of batch) for (const text of doc.pages) insertBase.run(doc.title, text);
      })();
    }
    baseMs += performance.now() - baseStarted;
    batches.length = 0;
    let started = performance.now();
    db.prepare("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run();
    oursMs += performance.now() - started;
    started = performance.now();
    baseline.prepare("INSERT INTO base (base) VALUES ('optimize')").run();
    baseMs += performance.now() - started;
    await archive.close();
    baseline.pragma('wal_checkpoint(TRUNCATE)');
    baseline.close();
    log(`\rbuilt ${count} documents, ${pages} pages                \n`);

    const queries = buildQueries(sample, 7);
    const queriesFile = path.join(work, 'queries.json');
    fs.writeFileSync(queriesFile, JSON.stringify(queries));
    log('running the query mix…\n');
    const ours = probe('muragat', archiveDir, queriesFile);
    const base = probe('baseline', baselineFile, queriesFile);

    const textMb = textBytes / 1e6;
    const figures = (probeResult: typeof ours, dbFile: string, ms: number): Figures => ({
      docs: count,
      pages,
      textMb: +textMb.toFixed(1),
      dbMb: +fileMb(dbFile).toFixed(1),
      indexPagesPerSec: Math.round(pages / (ms / 1000)),
      p50Ms: probeResult.p50Ms,
      p95Ms: probeResult.p95Ms,
      p99Ms: probeResult.p99Ms,
      rssMb: probeResult.rssMb,
    });
    const oursFigures = figures(ours, path.join(archiveDir, 'archive.sqlite'), oursMs);
    const baseFigures = figures(base, baselineFile, baseMs);
    const miniSearch = { rssWithMiniSearchMb: ours.rssWithMiniSearchMb, quickOpenMb: ours.quickOpenMb, quickOpenBuildMs: ours.quickOpenBuildMs, didYouMeanMb: ours.didYouMeanMb, didYouMeanBuildMs: ours.didYouMeanBuildMs };
    const report = { ...oursFigures, textChars, baseline: baseFigures, byCategory: ours.byCategory, baselineByCategory: base.byCategory, miniSearch };
    if (!options.json) {
      printReport(oursFigures, baseFigures, ours.byCategory as Record<string, { p50: number; p95: number; n: number }>, base.byCategory as Record<string, { p50: number; p95: number; n: number }>);
      console.log(`RSS with both MiniSearch indexes built: ${ours.rssWithMiniSearchMb} MB`);
      console.log(`MiniSearch: quick-open titles ${ours.quickOpenMb} MB heap (built in ${ours.quickOpenBuildMs} ms); did-you-mean vocabulary ${ours.didYouMeanMb} MB (built in ${ours.didYouMeanBuildMs} ms; 'кеңестеррр заңнамсы' → ${JSON.stringify(ours.didYouMeanSample)})`);
    }
    return report;
  } finally {
    if (!options.keepDir) fs.rmSync(work, { recursive: true, force: true });
  }
}

function printReport(ours: Figures, base: Figures, byCategory: Record<string, { p50: number; p95: number; n: number }>, baseByCategory: Record<string, { p50: number; p95: number; n: number }>): void {
  const row = (label: string, a: number, b: number, unit: string): void => {
    console.log(`${label.padEnd(28)} ${`${a} ${unit}`.padStart(14)} ${`${b} ${unit}`.padStart(14)}   ratio ${(a / b).toFixed(2)}`);
  };
  console.log(`== search benchmark: ${ours.docs} documents, ${ours.pages} pages, ${ours.textMb} MB of text ==`);
  console.log(`${''.padEnd(28)} ${'muragat'.padStart(14)} ${'baseline'.padStart(14)}`);
  row('indexing', ours.indexPagesPerSec, base.indexPagesPerSec, 'pages/s');
  row('database', ours.dbMb, base.dbMb, 'MB');
  row('database per MB of text', +(ours.dbMb / ours.textMb).toFixed(2), +(base.dbMb / base.textMb).toFixed(2), '×');
  row('search p50', ours.p50Ms, base.p50Ms, 'ms');
  row('search p95', ours.p95Ms, base.p95Ms, 'ms');
  row('search p99', ours.p99Ms, base.p99Ms, 'ms');
  row('RSS after queries', ours.rssMb, base.rssMb, 'MB');
  console.log('by query category (p50 / p95 ms): muragat | baseline');
  for (const [category, figures] of Object.entries(byCategory)) {
    const b = baseByCategory[category];
    console.log(`  ${category.padEnd(10)} n=${String(figures.n).padEnd(4)} ${figures.p50} / ${figures.p95}  |  ${b?.p50} / ${b?.p95}`);
  }
}
