/**
 * Scoring of the search-quality benchmark (`npm run bench -- quality`): found in the top k per
 * group and split. Pure functions over query rows and ranked result lists, so the scorer is tested
 * without an archive (tests/bench/quality-queries.test.ts).
 */

export const QUALITY_GROUPS = ['plain', 'question', 'abbreviation', 'date', 'number', 'typo', 'cross-language'] as const;
export type QualityGroup = (typeof QUALITY_GROUPS)[number];
export type QualitySplit = 'dev' | 'test';

/** One query of a set (bench/quality-queries-*.json; rules in bench/quality-queries.README.md). */
export interface QualityQuery {
  id: string;
  group: QualityGroup;
  /** The language the query is typed in. */
  lang: 'kk' | 'ru';
  split: QualitySplit;
  query: string;
  /** Files (relative to the corpus folder) any one of which answers the query. */
  answers: string[];
  /** What the query tests, for whoever reads a miss. */
  note?: string;
}

/** A query's ranked result: the corpus files of the returned documents, best first. */
export interface RankedResult {
  files: string[];
  /** Titles of the returned documents, best first (shown for misses). */
  titles: string[];
  ms: number;
}

export interface Tally {
  found: number;
  total: number;
}

export interface QualityScore {
  overall: Tally;
  bySplit: Record<QualitySplit, Tally>;
  byGroup: Record<string, Record<QualitySplit | 'all', Tally>>;
  /** Queries that returned no document at all. */
  empty: number;
  /** Ids of the queries whose answer was not in the top k. */
  misses: string[];
  p50Ms: number;
  p95Ms: number;
}

/** Whether one of the query's answer files is among the first k results. */
export function foundInTopK(query: Pick<QualityQuery, 'answers'>, result: Pick<RankedResult, 'files'> | undefined, k: number): boolean {
  if (!result) return false;
  const top = result.files.slice(0, k);
  return query.answers.some((answer) => top.includes(answer));
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const tally = (): Tally => ({ found: 0, total: 0 });

export function scoreQuality(queries: readonly QualityQuery[], results: ReadonlyMap<string, RankedResult>, k: number): QualityScore {
  const score: QualityScore = {
    overall: tally(),
    bySplit: { dev: tally(), test: tally() },
    byGroup: {},
    empty: 0,
    misses: [],
    p50Ms: NaN,
    p95Ms: NaN,
  };
  const times: number[] = [];
  for (const query of queries) {
    const result = results.get(query.id);
    const found = foundInTopK(query, result, k);
    const group = (score.byGroup[query.group] ??= { dev: tally(), test: tally(), all: tally() });
    for (const t of [score.overall, score.bySplit[query.split], group[query.split], group.all]) {
      t.total++;
      if (found) t.found++;
    }
    if (!found) score.misses.push(query.id);
    if (!result || result.files.length === 0) score.empty++;
    if (result) times.push(result.ms);
  }
  score.p50Ms = percentile(times, 50);
  score.p95Ms = percentile(times, 95);
  return score;
}

/** "12/15 (80%)". */
export function formatTally(t: Tally): string {
  if (t.total === 0) return '–';
  return `${t.found}/${t.total} (${Math.round((100 * t.found) / t.total)}%)`;
}
