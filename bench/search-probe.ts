/**
 * Runs the benchmark's query mix in a fresh process (so RSS is the archive's, not the builder's)
 * against Muragat's archive or the baseline database, and prints one JSON line of timings.
 *   tsx bench/search-probe.ts muragat|baseline DATA QUERIES.json
 */
import * as fs from 'node:fs';
import { openArchive } from '../electron/core/archive';
import { openSqlite } from '../electron/core/db/sqlite';
import { baselineMatch } from './baseline';

const [mode, data, queriesFile] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile!, 'utf8')) as Array<{ query: string; category: string }>;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

const timings: Array<{ category: string; ms: number; total: number }> = [];
let extra: Record<string, unknown> = {};
if (mode === 'muragat') {
  const archive = await openArchive({ dataDir: data! });
  const heap = (): number => {
    (globalThis as { gc?: () => void }).gc?.();
    return process.memoryUsage().heapUsed;
  };
  // A word found nowhere is searched as the closest archive word (issue 13), so the did-you-mean
  // vocabulary is part of searching: built here, once, as the first such query in the app does.
  const beforeVocabulary = heap();
  let started = performance.now();
  const suggestion = archive.search({ query: 'кеңестеррр заңнамсы', asTyped: true }).didYouMean;
  const vocabularyMs = performance.now() - started;
  const afterVocabulary = heap();
  for (const q of queries.slice(0, 20)) archive.search({ query: q.query, limit: 20 }); // warm-up
  for (const q of queries) {
    const started = performance.now();
    const result = archive.search({ query: q.query, limit: 20 });
    timings.push({ category: q.category, ms: performance.now() - started, total: result.total });
  }
  // RSS of searching (with the did-you-mean vocabulary), before the quick-open index is built.
  extra = { rssSearchOnlyMb: +(process.memoryUsage().rss / 1024 / 1024).toFixed(1) };
  const before = heap();
  started = performance.now();
  archive.quickFind('кеңес');
  const titlesMs = performance.now() - started;
  const afterTitles = heap();
  extra = {
    ...extra,
    quickOpenMb: +((afterTitles - before) / 1024 / 1024).toFixed(1),
    quickOpenBuildMs: Math.round(titlesMs),
    didYouMeanMb: +((afterVocabulary - beforeVocabulary) / 1024 / 1024).toFixed(1),
    didYouMeanBuildMs: Math.round(vocabularyMs),
    didYouMeanSample: suggestion,
  };
  await archive.close();
} else {
  const db = openSqlite(data!, { readonly: true });
  const statement = db.prepare("SELECT rowid, title, snippet(base, 1, '[', ']', '…', 16) AS snippet FROM base WHERE base MATCH ? ORDER BY rank LIMIT 20");
  const count = db.prepare('SELECT count(*) FROM base WHERE base MATCH ?').pluck();
  // Questions, partial and misspelt queries: the plain baseline a search engine would run, any
  // of the words ranked by bm25 (the "plain FTS5 … any of the words").
  const anyWords = new Set(['relaxed', 'question', 'typo']);
  for (const q of queries.slice(0, 20)) {
    const match = baselineMatch(q.query, anyWords.has(q.category));
    if (match) statement.all(match);
  }
  for (const q of queries) {
    const match = baselineMatch(q.query, anyWords.has(q.category));
    const started = performance.now();
    let total = 0;
    if (match) {
      try {
        statement.all(match);
        total = count.get(match) as number;
      } catch {
        total = -1; // naive MATCH refused the query (FTS5 syntax error)
      }
    }
    timings.push({ category: q.category, ms: performance.now() - started, total });
  }
  db.close();
}
const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
const byCategory: Record<string, { p50: number; p95: number; n: number }> = {};
for (const category of new Set(timings.map((t) => t.category))) {
  const list = timings.filter((t) => t.category === category).map((t) => t.ms).sort((a, b) => a - b);
  byCategory[category] = { p50: +percentile(list, 50).toFixed(2), p95: +percentile(list, 95).toFixed(2), n: list.length };
}
process.stdout.write(
  JSON.stringify({
    p50Ms: +percentile(sorted, 50).toFixed(2),
    p95Ms: +percentile(sorted, 95).toFixed(2),
    p99Ms: +percentile(sorted, 99).toFixed(2),
    rssMb: (extra.rssSearchOnlyMb as number | undefined) ?? +(process.memoryUsage().rss / 1024 / 1024).toFixed(1),
    rssWithMiniSearchMb: +(process.memoryUsage().rss / 1024 / 1024).toFixed(1),
    byCategory,
    totals: timings.map((t) => t.total),
    ...extra,
  }) + '\n',
);
