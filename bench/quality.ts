/**
 * `npm run bench -- quality [--corpus2 DIR] [--corpus DIR] [--k 10] [--misses] [--rebuild] [--json]`:
 * how often search puts the document that answers a realistic query in the top k, per group of
 * queries (plain words, questions, abbreviations, dates, numbers, typos, the other language) and
 * per split (`dev` for tuning, `test` quoted as unseen), against a baseline measured in the same
 * run: a plain FTS5 index (unicode61, remove_diacritics 2, no stemming) over the same page texts,
 * ranked by bm25 with the query's words ORed — what "any of the words" search gives for free.
 *
 * Query sets: bench/quality-queries-corpus2.json (rules: bench/quality-queries.README.md) and,
 * when present, bench/quality-queries-corpus.json over ../shared/corpus.
 *
 * The archive is built once per corpus and kept under `~/.cache/muragat-bench/quality/`, keyed by
 * the corpus file list (paths and sizes) and the index version (ANALYZER_VERSION + INDEX_FORMAT),
 * so a change to the analyzer rebuilds it (`--rebuild` forces it). Files are imported by the
 * archive's own importer; scans then get the text the archive would have after OCR from the
 * benchmark OCR cache (bench/ocr-cache.ts: pages 1, 2 and the last, read by the archive's engine
 * and cached by SHA-256 by `npm run bench -- metadata`). Scan pages not in the cache stay without
 * text, in the archive and in the baseline alike.
 *
 * `--misses` prints the `dev` misses with the top 3 titles returned; `test` misses are never
 * printed, so that tuning cannot drift onto them.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { openArchive } from '../electron/core/archive';
import { openSqlite } from '../electron/core/db/sqlite';
import type { SqliteDatabase } from '../electron/core/db/sqlite';
import { reindexDocument } from '../electron/core/documents/edit';
import { INDEX_VERSION } from '../electron/core/search/indexer';
import { cachedOcr } from './ocr-cache';
import { formatTally, type QualityQuery, type QualityScore, QUALITY_GROUPS, type RankedResult, scoreQuality } from './quality-score';

export interface QualityBenchOptions {
  corpus2Dir: string;
  corpusDir: string;
  k: number;
  misses: boolean;
  rebuild: boolean;
  json: boolean;
}

interface SetReport {
  name: string;
  queries: number;
  documents: number;
  /** Scans whose text (some pages) came from the OCR cache. */
  ocrDocuments: number;
  muragat: QualityScore;
  baseline: QualityScore;
}

export interface QualityBenchReport {
  k: number;
  indexVersion: string;
  sets: SetReport[];
}

const CACHE_ROOT = path.join(os.homedir(), '.cache', 'muragat-bench', 'quality');
/** Bump when what the cached build holds changes (the baseline table, the OCR step). */
const BUILD_FORMAT = 1;

interface BuiltCorpus {
  dir: string;
  /** Document id → the corpus files it holds (a duplicate file joins its twin's document). */
  filesOf: Map<string, string[]>;
  documents: number;
  ocrDocuments: number;
}

export async function runQualityBench(options: QualityBenchOptions): Promise<QualityBenchReport> {
  const log = (text: string): void => {
    if (!options.json) process.stderr.write(text);
  };
  const sets = [
    { name: 'corpus2', dir: options.corpus2Dir, file: 'quality-queries-corpus2.json' },
    { name: 'corpus', dir: options.corpusDir, file: 'quality-queries-corpus.json' },
  ];
  const reports: SetReport[] = [];
  for (const set of sets) {
    const queriesFile = path.join(import.meta.dirname, set.file);
    if (!fs.existsSync(queriesFile)) continue;
    if (!fs.existsSync(set.dir)) {
      log(`(no ${set.dir}: the ${set.name} queries are skipped)\n`);
      continue;
    }
    const queries = readQueries(queriesFile);
    const built = await buildOrReuse(set.name, set.dir, options.rebuild, log);
    const { muragat, baseline } = await runQueries(built, queries, options.k);
    const report: SetReport = {
      name: set.name,
      queries: queries.length,
      documents: built.documents,
      ocrDocuments: built.ocrDocuments,
      muragat: scoreQuality(queries, muragat, options.k),
      baseline: scoreQuality(queries, baseline, options.k),
    };
    reports.push(report);
    if (!options.json) printSet(report, options.k);
    if (options.misses && !options.json) printMisses(queries, report, muragat);
  }
  return { k: options.k, indexVersion: INDEX_VERSION, sets: reports };
}

export function readQueries(file: string): QualityQuery[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as QualityQuery[];
}

/** The corpus's documents, relative with `/`; SOURCES.md describes the corpus and is not part of it. */
export function corpusFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map((name) => String(name).split(path.sep).join('/'))
    .filter((rel) => rel !== 'SOURCES.md' && fs.statSync(path.join(dir, rel)).isFile())
    .sort();
}

async function buildOrReuse(name: string, corpusDir: string, rebuild: boolean, log: (text: string) => void): Promise<BuiltCorpus> {
  const files = corpusFiles(corpusDir);
  const key = createHash('sha256')
    .update(JSON.stringify({ build: BUILD_FORMAT, index: INDEX_VERSION, files: files.map((rel) => [rel, fs.statSync(path.join(corpusDir, rel)).size]) }))
    .digest('hex')
    .slice(0, 16);
  const dir = path.join(CACHE_ROOT, `${name}-${key}`);
  const ready = path.join(dir, 'ready.json');
  if (!rebuild && fs.existsSync(ready)) {
    const saved = JSON.parse(fs.readFileSync(ready, 'utf8')) as { filesOf: Record<string, string[]>; documents: number; ocrDocuments: number };
    const now = new Date();
    fs.utimesSync(ready, now, now); // last use, for pruneBuilds
    return { dir, filesOf: new Map(Object.entries(saved.filesOf)), documents: saved.documents, ocrDocuments: saved.ocrDocuments };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  log(`quality: importing ${files.length} files of ${corpusDir} into ${dir} (kept for later runs)…\n`);
  const started = performance.now();
  const archive = await openArchive({ dataDir: path.join(dir, 'archive') });
  const filesOf = new Map<string, string[]>();
  const add = (id: string, rel: string): void => {
    const list = filesOf.get(id) ?? [];
    list.push(rel);
    filesOf.set(id, list);
  };
  let ocrDocuments: number;
  try {
    await archive.importPaths(
      files.map((rel) => path.join(corpusDir, rel)),
      {
        onFile: (result) => {
          const rel = path.relative(corpusDir, result.path).split(path.sep).join('/');
          if (result.status === 'imported' && result.id) add(result.id, rel);
          else if (result.status === 'duplicate' && result.duplicateOf) add(result.duplicateOf, rel);
        },
      },
    );
    ocrDocuments = applyOcrCache(archive.context.db, corpusDir, filesOf);
    buildBaseline(archive.context.db, path.join(dir, 'baseline.sqlite'));
  } finally {
    await archive.close();
  }
  const saved = { filesOf: Object.fromEntries(filesOf), documents: filesOf.size, ocrDocuments };
  fs.writeFileSync(ready, JSON.stringify(saved));
  pruneBuilds(name, dir);
  log(`quality: built in ${((performance.now() - started) / 1000).toFixed(1)} s (${filesOf.size} documents, ${ocrDocuments} scans with cached OCR text)\n`);
  return { dir, filesOf, documents: filesOf.size, ocrDocuments };
}

/**
 * Each index version leaves a build of about 200 MB; keeps the two last used of a corpus (so that
 * comparing two versions does not rebuild at every run) and removes older ones.
 */
function pruneBuilds(name: string, current: string): void {
  const lastUse = (dir: string): number => {
    try {
      return fs.statSync(path.join(dir, 'ready.json')).mtimeMs;
    } catch {
      return 0;
    }
  };
  const builds = fs
    .readdirSync(CACHE_ROOT)
    .filter((entry) => entry.startsWith(`${name}-`))
    .map((entry) => path.join(CACHE_ROOT, entry))
    .filter((dir) => dir !== current)
    .sort((a, b) => lastUse(b) - lastUse(a));
  const hourAgo = Date.now() - 3_600_000;
  for (const dir of builds.slice(1)) {
    // An unfinished build from the last hour may be another run's import in progress.
    if (lastUse(dir) === 0 && fs.statSync(dir).mtimeMs > hourAgo) continue;
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Gives scan pages the text OCR gives them in the archive (from the benchmark's OCR cache), as the
 * OCR service stores it: page text from OCR, no longer waiting, the document re-indexed.
 */
function applyOcrCache(db: SqliteDatabase, corpusDir: string, filesOf: ReadonlyMap<string, string[]>): number {
  const waiting = db.prepare('SELECT DISTINCT document_id AS id FROM pages WHERE needs_ocr = 1').pluck().all() as string[];
  const update = db.prepare("UPDATE pages SET text = ?, text_source = 'ocr', needs_ocr = 0 WHERE document_id = ? AND page_no = ? AND needs_ocr = 1");
  let documents = 0;
  for (const id of waiting) {
    const rel = filesOf.get(id)?.[0];
    if (!rel) continue;
    const recognised = cachedOcr(fs.readFileSync(path.join(corpusDir, rel)));
    if (!recognised) continue;
    db.transaction(() => {
      let changed = 0;
      for (const page of recognised.values()) changed += update.run(page.text, id, page.pageNo).changes;
      if (changed === 0) return;
      db.prepare('UPDATE documents SET needs_ocr = EXISTS (SELECT 1 FROM pages WHERE document_id = ? AND needs_ocr = 1) WHERE id = ?').run(id, id);
      reindexDocument(db, id);
      documents++;
    }).immediate();
  }
  return documents;
}

/** The baseline: one FTS5 row per page with text, no analysis beyond unicode61's folding. */
function buildBaseline(db: SqliteDatabase, file: string): void {
  const baseline = openSqlite(file);
  try {
    baseline.exec("CREATE VIRTUAL TABLE base USING fts5(doc UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')");
    const insert = baseline.prepare('INSERT INTO base (doc, title, body) VALUES (?, ?, ?)');
    const rows = db
      .prepare(
        `SELECT d.id AS doc, d.title, p.text FROM pages p JOIN documents d ON d.id = p.document_id
          WHERE d.deleted = 0 AND p.needs_ocr = 0 AND length(p.text) > 0 ORDER BY d.seq, p.page_no`,
      )
      .iterate() as IterableIterator<{ doc: string; title: string; text: string }>;
    baseline.transaction(() => {
      for (const row of rows) insert.run(row.doc, row.title, row.text);
    })();
    baseline.prepare("INSERT INTO base (base) VALUES ('optimize')").run();
  } finally {
    baseline.close();
  }
}

/** The baseline's MATCH: every word of the query (letters and digits), quoted, ORed. */
export function baselineAnyWords(query: string): string | null {
  const words = query.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.length ? [...new Set(words)].map((word) => `"${word}"`).join(' OR ') : null;
}

async function runQueries(built: BuiltCorpus, queries: readonly QualityQuery[], k: number): Promise<{ muragat: Map<string, RankedResult>; baseline: Map<string, RankedResult> }> {
  const filesOfHit = (id: string): string[] => built.filesOf.get(id) ?? [];
  const muragat = new Map<string, RankedResult>();
  const archive = await openArchive({ dataDir: path.join(built.dir, 'archive') });
  try {
    for (const q of queries.slice(0, 10)) archive.search({ query: q.query, limit: k }); // warm-up
    for (const q of queries) {
      const started = performance.now();
      const response = archive.search({ query: q.query, limit: k });
      const ms = performance.now() - started;
      muragat.set(q.id, { files: response.hits.flatMap((hit) => filesOfHit(hit.id)), titles: response.hits.map((hit) => hit.title), ms });
    }
  } finally {
    await archive.close();
  }

  const baseline = new Map<string, RankedResult>();
  const db = openSqlite(path.join(built.dir, 'baseline.sqlite'), { readonly: true });
  try {
    // Pages best first; a document ranks by its best page (FTS5 cannot group inside a bm25 query).
    const statement = db.prepare('SELECT doc, title FROM base WHERE base MATCH ? ORDER BY rank LIMIT 5000');
    const run = (query: string): Array<{ doc: string; title: string }> => {
      const match = baselineAnyWords(query);
      if (!match) return [];
      const docs = new Map<string, { doc: string; title: string }>();
      for (const row of statement.iterate(match) as IterableIterator<{ doc: string; title: string }>) {
        if (!docs.has(row.doc)) docs.set(row.doc, row);
        if (docs.size === k) break;
      }
      return [...docs.values()];
    };
    for (const q of queries.slice(0, 10)) run(q.query);
    for (const q of queries) {
      const started = performance.now();
      const rows = run(q.query);
      const ms = performance.now() - started;
      baseline.set(q.id, { files: rows.flatMap((row) => filesOfHit(row.doc)), titles: rows.map((row) => row.title), ms });
    }
  } finally {
    db.close();
  }
  return { muragat, baseline };
}

function printSet(report: SetReport, k: number): void {
  const { muragat, baseline } = report;
  console.log(`\n== search quality: ${report.name} (${report.queries} queries, ${report.documents} documents, ${report.ocrDocuments} scans with cached OCR text), found in top ${k} ==`);
  const header = ['group', 'n', 'Muragat dev', 'Muragat test', 'Muragat all', 'baseline all', 'difference'];
  const rows: string[][] = [];
  const diff = (a: { found: number }, b: { found: number }): string => {
    const d = a.found - b.found;
    return d > 0 ? `+${d}` : String(d);
  };
  const groups = [...QUALITY_GROUPS.filter((g) => muragat.byGroup[g]), ...Object.keys(muragat.byGroup).filter((g) => !(QUALITY_GROUPS as readonly string[]).includes(g))];
  for (const group of groups) {
    const ours = muragat.byGroup[group]!;
    const base = baseline.byGroup[group]!;
    rows.push([group, String(ours.all.total), formatTally(ours.dev), formatTally(ours.test), formatTally(ours.all), formatTally(base.all), diff(ours.all, base.all)]);
  }
  rows.push([
    'all',
    String(muragat.overall.total),
    formatTally(muragat.bySplit.dev),
    formatTally(muragat.bySplit.test),
    formatTally(muragat.overall),
    formatTally(baseline.overall),
    diff(muragat.overall, baseline.overall),
  ]);
  rows.push(['baseline dev/test', '', formatTally(baseline.bySplit.dev), formatTally(baseline.bySplit.test), '', '', '']);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`empty pages (no result at all): Muragat ${muragat.empty}, baseline ${baseline.empty}`);
  console.log(`time per query: Muragat p50 ${muragat.p50Ms.toFixed(2)} ms, p95 ${muragat.p95Ms.toFixed(2)} ms; baseline p50 ${baseline.p50Ms.toFixed(2)} ms, p95 ${baseline.p95Ms.toFixed(2)} ms`);
}

function printMisses(queries: readonly QualityQuery[], report: SetReport, muragat: ReadonlyMap<string, RankedResult>): void {
  const missed = new Set(report.muragat.misses);
  const baseMissed = new Set(report.baseline.misses);
  const dev = queries.filter((q) => q.split === 'dev' && missed.has(q.id));
  console.log(`\n-- ${report.name}: dev misses (${dev.length}; test misses are not shown) --`);
  for (const q of dev) {
    const result = muragat.get(q.id);
    const top = result?.titles.slice(0, 3).map((title) => `«${title.length > 70 ? `${title.slice(0, 69)}…` : title}»`) ?? [];
    console.log(`${q.id} [${q.group}, ${q.lang}] ${q.query}`);
    console.log(`    answer: ${q.answers.join(' | ')}${baseMissed.has(q.id) ? '' : '  (baseline found it)'}`);
    console.log(`    top 3: ${top.length ? top.join('; ') : '(no results)'}`);
  }
}
