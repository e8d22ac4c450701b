/**
 * The query sets of the search-quality benchmark (bench/quality-queries-corpus2.json, the
 * development set, and bench/quality-queries-corpus.json; rules in bench/quality-queries.README.md)
 * and its scorer. The checks that need the real documents skip cleanly where a corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusFiles } from '../../bench/quality';
import { foundInTopK, QUALITY_GROUPS, type QualityQuery, type RankedResult, scoreQuality } from '../../bench/quality-score';

const BENCH = join(import.meta.dirname, '../../bench');
const readSet = (name: string): QualityQuery[] => JSON.parse(readFileSync(join(BENCH, name), 'utf8')) as QualityQuery[];

/** The development set (corpus2, point 7) and the smaller optional set over ../shared/corpus. */
const SETS = [
  {
    name: 'corpus2',
    dir: process.env.MURAGAT_CORPUS2 ?? resolve(import.meta.dirname, '../../../shared/corpus2'),
    queries: readSet('quality-queries-corpus2.json'),
    minTotal: 120,
    minPerGroup: 15,
  },
  {
    name: 'corpus',
    dir: process.env.MURAGAT_CORPUS ?? resolve(import.meta.dirname, '../../../shared/corpus'),
    queries: readSet('quality-queries-corpus.json'),
    minTotal: 30,
    minPerGroup: 4,
  },
];

describe.each(SETS)('the $name query set', ({ dir, queries, minTotal, minPerGroup }) => {
  it('has every group with enough queries, kk and ru balanced within each', () => {
    for (const group of QUALITY_GROUPS) {
      const rows = queries.filter((q) => q.group === group);
      expect(rows.length, group).toBeGreaterThanOrEqual(minPerGroup);
      const kk = rows.filter((q) => q.lang === 'kk').length;
      const ru = rows.filter((q) => q.lang === 'ru').length;
      expect(kk + ru, `${group}: every query is kk or ru`).toBe(rows.length);
      expect(Math.abs(kk - ru), `${group}: kk ${kk}, ru ${ru}`).toBeLessThanOrEqual(2);
    }
    expect(queries.every((q) => (QUALITY_GROUPS as readonly string[]).includes(q.group))).toBe(true);
    expect(queries.length).toBeGreaterThanOrEqual(minTotal);
  });

  it('alternates dev and test within each group, starting with dev', () => {
    for (const group of QUALITY_GROUPS) {
      const splits = queries.filter((q) => q.group === group).map((q) => q.split);
      expect(splits, group).toEqual(splits.map((_, i) => (i % 2 === 0 ? 'dev' : 'test')));
    }
  });

  it('has no duplicate query and no duplicate id', () => {
    const normal = (text: string): string => text.toLocaleLowerCase('ru').replace(/\s+/g, ' ').trim();
    const texts = queries.map((q) => normal(q.query));
    expect(texts.filter((q, i) => texts.indexOf(q) !== i)).toEqual([]);
    const ids = queries.map((q) => q.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it.skipIf(!existsSync(dir))('names answer files that exist in the corpus', () => {
    const files = new Set(corpusFiles(dir));
    const missing = queries.flatMap((q) => q.answers.filter((answer) => !files.has(answer)).map((answer) => `${q.id}: ${answer}`));
    expect(missing).toEqual([]);
    expect(queries.every((q) => q.answers.length >= 1)).toBe(true);
  });
});

describe('the quality scorer', () => {
  const query = (id: string, group: QualityQuery['group'], split: QualityQuery['split'], answers: string[]): QualityQuery => ({
    id,
    group,
    lang: 'ru',
    split,
    query: id,
    answers,
  });
  const ranked = (files: string[], ms = 1): RankedResult => ({ files, titles: files, ms });

  it('counts an answer found only when it is within the first k results', () => {
    expect(foundInTopK({ answers: ['b.pdf'] }, ranked(['a.pdf', 'b.pdf']), 2)).toBe(true);
    expect(foundInTopK({ answers: ['b.pdf'] }, ranked(['a.pdf', 'b.pdf']), 1)).toBe(false);
    expect(foundInTopK({ answers: ['x.pdf', 'b.pdf'] }, ranked(['b.pdf']), 1)).toBe(true);
    expect(foundInTopK({ answers: ['b.pdf'] }, undefined, 10)).toBe(false);
  });

  it('tallies found-in-top-k per group and split, empty pages and misses', () => {
    const queries = [
      query('p1', 'plain', 'dev', ['a.pdf']),
      query('p2', 'plain', 'test', ['b.pdf']),
      query('d1', 'date', 'dev', ['c.pdf']),
      query('d2', 'date', 'test', ['d.pdf', 'e.pdf']),
    ];
    const results = new Map<string, RankedResult>([
      ['p1', ranked(['z.pdf', 'a.pdf'], 2)], // found at rank 2
      ['p2', ranked(['z.pdf', 'y.pdf', 'b.pdf'], 4)], // rank 3: outside k = 2
      ['d1', ranked([], 1)], // empty page
      ['d2', ranked(['e.pdf'], 3)], // the second acceptable answer
    ]);
    const score = scoreQuality(queries, results, 2);
    expect(score.overall).toEqual({ found: 2, total: 4 });
    expect(score.bySplit).toEqual({ dev: { found: 1, total: 2 }, test: { found: 1, total: 2 } });
    expect(score.byGroup.plain).toEqual({ dev: { found: 1, total: 1 }, test: { found: 0, total: 1 }, all: { found: 1, total: 2 } });
    expect(score.byGroup.date).toEqual({ dev: { found: 0, total: 1 }, test: { found: 1, total: 1 }, all: { found: 1, total: 2 } });
    expect(score.empty).toBe(1);
    expect(score.misses).toEqual(['p2', 'd1']);
    expect(score.p50Ms).toBe(2);
    expect(score.p95Ms).toBe(4);
  });
});
