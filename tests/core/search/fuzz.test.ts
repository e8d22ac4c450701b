/**
 * Fuzz through SQLite: thousands of random and hostile query strings (seeded, reproducible) go
 * through `archive.search` against a small real archive — parser, compiler, FTS5 MATCH, bm25,
 * filters, facets and snippets. None may throw (an FTS5 syntax error surfaces as a thrown
 * "search: FTS5 refused …"), and every response must be well-formed.
 *
 * Reproduce one failure: the message names the seed and the index; `hostileQueries(SEED, N)[i]`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../electron/core/archive';
import { compileQuery } from '../../../electron/core/search/compile';
import { KIND_CODES, type KindCode, type LanguageCode } from '../../../shared/domain/kinds';
import type { SearchRequest, SearchResponse } from '../../../shared/domain/search';
import { parseQuery } from '../../../shared/search/query';
import { FIXTURES_DIR } from '../../helpers/temp-dir';
import { prng } from '../../shared/query/helpers';

const SEED = 0x5eed_2024;
const COUNT = 5_000;

// ---- A seeded generator of hostile queries -------------------------------------------------------------

const chr = (code: number): string => String.fromCharCode(code);

const POOLS: Record<string, readonly string[]> = {
  // Words that are in the archive, in several forms, scripts and keyboards.
  words: [
    'кеңес', 'кеңестердің', 'КЕҢЕСІНІҢ', 'кенес', 'keñes', 'kenes', 'Қазақстан', 'республикасы', 'qazaqstan', 'respublikasy',
    'закон', 'законом', 'ЗАКОНАМИ', 'решение', 'маслихат', 'мәслихаты', 'білім', 'билим', 'жатақхана', 'тамақтандыру',
    'әлеуметтік', 'маңызы', 'өзгермейді', 'академиялық', 'демалыстар', 'бұйрығы', 'туралы', 'заң', 'заңы', 'за', 'и', 'о',
    '383-V', '6-38', '2016', '02.11.2015', '95/2', 'ҚР-ның', 'іс-шаралардың', 'Алматы-Астана', "д'Артаньян", 'ё', 'Учёт',
    'the', 'law', 'council', 'x'.repeat(80), 'қ'.repeat(70),
  ],
  letters: [...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһіАБВЁӘҒҚҢӨҰҮҺІabcdefghijklmnopqrstuvwxyzäğñöūüışıİáǵńóúýQXYZ'],
  digits: [...'0123456789', '٣', '½', '²', '０', 'Ⅴ'],
  quotes: ['"', '"', '""', '"""', "'", '’', '`', '«', '»', '“', '”', '„', '‟', '″', '＂', '‹', '›', '「', '」'],
  fts5: [
    'NEAR', 'NEAR(', 'NEAR(a b, 3)', 'NEAR/2', '*', '**', '^', ':', '(', ')', '{', '}', '[', ']', 'AND', 'OR', 'NOT', 'and', 'or',
    'not', '+', '-', '--', '|', '||', '&', '~', '!', '\\', '/', '.', ',', ';', '#', '@', '$', '%', '=', '<', '>', '?',
    'title:', 'number:', 'exact:', 'stem:', 'loose:', '{title exact}:', '- loose :', 'search_fts', 'rank', 'bm25(search_fts)',
    'MATCH', "'delete-all'", 'rowid', '"a" *', '^"кеңес"', 'col:"x"', 'ИЛИ', 'НЕМЕСЕ', 'И', 'ЖӘНЕ',
  ],
  filters: [
    'kind:', 'lang:', 'year:', 'from:', 'to:', 'issuer:', 'number:', 'KIND:', 'Kind:', 'түрі:', 'вид:', 'тіл:', 'тил:',
    'язык:', 'жыл:', 'год:', 'нөмір:', 'номир:', 'номер:', 'шығарған:', 'орган:', 'бастап:', 'с:', 'дейін:', 'по:', 'до:',
  ],
  values: [
    'order', 'law,decision', 'бұйрық', 'приказ', 'press_release', 'nonsense', 'kk', 'ru,en', 'қаз', 'mixed', 'zz', '2016',
    '2015-2017', '2017-2015', '1899', '2101', '99999999999', '-', '--2016', '2016-02-30', '2016-02-29', '2015-13-01',
    '02.11.2015', '31.02.2016', '0000-00-00', '2016ж', '2016г.', '"2016"', '№383-V', '"№383-V ҚРЗ"', '"N 383-V"', 'N', '№',
    'No.5', '***', '""', '"', ':', '::', 'министрлігі', '"облыстық мәслихаты"', '"', '\u0000', '\ud800', '😀', 'x'.repeat(200),
  ],
  control: [...Array.from({ length: 32 }, (_, i) => chr(i)), chr(0), chr(0), chr(0x7f), chr(0x85), chr(0x9f), '\u2028', '\u2029'],
  surrogates: ['\ud800', '\udbff', '\udc00', '\udfff', '\ud83d', '\ude00', '\ud83d\ud83d', '\ude00\ud83d'],
  emoji: ['😀', '👨‍👩‍👧', '🇰🇿', '❤️', '👍🏽', '🏳️‍🌈', '\u{1d400}', '\u{e0067}', '\u{10ffff}', '\ufffd', '\ufffe', '\uffff'],
  bidi: ['\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u061c', 'עברית', 'العربية'],
  invisible: ['\u200b', '\u200c', '\u200d', '\u00ad', '\u2060', '\ufeff', '\u180e', '\u034f'],
  combining: ['\u0301', '\u0300', '\u0306', '\u0308', '\u0336', '\u20dd', 'е\u0301', 'и\u0306', 'з̌', '\u0301\u0301\u0301'],
  spaces: [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', '\u205f'],
};
const POOL_NAMES = Object.keys(POOLS);
/** Pools drawn more often: words and spaces make queries that actually reach FTS5. */
const WEIGHTED = [...POOL_NAMES, 'words', 'words', 'words', 'words', 'spaces', 'spaces', 'spaces', 'spaces', 'fts5', 'fts5', 'quotes'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function fragment(random: () => number): string {
  const roll = random();
  if (roll < 0.06) return pick(random, POOLS.filters!) + pick(random, POOLS.values!);
  if (roll < 0.08) return `${pick(random, POOLS.words!)}*`;
  if (roll < 0.1) return `-${pick(random, POOLS.words!)}`;
  if (roll < 0.12) return `"${pick(random, POOLS.words!)} ${pick(random, POOLS.words!)}"`;
  return pick(random, POOLS[pick(random, WEIGHTED)]!);
}

function hostileQuery(random: () => number): string {
  const roll = random();
  if (roll < 0.05) {
    // Raw UTF-16 code units of any value: lone surrogates, noncharacters, private use, NUL.
    let out = '';
    const length = Math.floor(random() * 80);
    for (let i = 0; i < length; i++) out += chr(Math.floor(random() * 0x10000));
    return out;
  }
  if (roll < 0.065) {
    // Over 10 KB: one repeated character, or a stream of fragments.
    const one = random() < 0.3 ? pick(random, [...POOLS.letters!, '"', '*', '-', '(', ' ', '\u0000', '😀']) : null;
    let out = '';
    while (out.length < 10_240) out += one ?? fragment(random);
    return out;
  }
  if (roll < 0.08) return Array.from({ length: 40 }, () => pick(random, POOLS.words!)).join(pick(random, [' OR ', ' ', ' -', ' AND ', ' | ']));
  if (roll < 0.4) {
    // Nearly real: a few archive words, each now and then wrapped in hostile characters.
    const words = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
      const word = pick(random, POOLS.words!);
      if (random() < 0.6) return word;
      const pool = POOLS[pick(random, ['quotes', 'fts5', 'control', 'surrogates', 'emoji', 'bidi', 'invisible', 'combining'])]!;
      return random() < 0.5 ? pick(random, pool) + word : word + pick(random, pool);
    });
    const query = words.join(pick(random, [' ', ' ', ' OR ', ' | ', ' -', ' NOT ', '  ', '\t']));
    return random() < 0.2 ? `${query} ${fragment(random)}` : query;
  }
  const count = 1 + Math.floor(random() * 24);
  let out = '';
  for (let i = 0; i < count; i++) out += fragment(random);
  return out;
}

function hostileQueries(seed: number, count: number): string[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => hostileQuery(random));
}

/** Request-level options, sometimes out of range. */
function requestFor(query: string, i: number, random: () => number): SearchRequest {
  const request: SearchRequest = { query };
  if (random() < 0.15) request.kinds = [pick(random, KIND_CODES), ...(random() < 0.2 ? ['nonsense' as KindCode] : [])];
  if (random() < 0.15) request.langs = [pick(random, ['kk', 'ru', 'en', 'mixed', 'xx'] as LanguageCode[])];
  if (random() < 0.1) request.from = pick(random, ['2016-01-01', '2023', 'garbage', '', '9999-99-99', '\u0000']);
  if (random() < 0.1) request.to = pick(random, ['2016-12-31', '2015', 'zzz', '', '0000-00-00']);
  if (random() < 0.3) request.sort = pick(random, ['date', 'relevance', 'nonsense' as 'date']);
  if (random() < 0.2) request.limit = pick(random, [0, 1, 3, -1, 1e9, Number.NaN, Number.POSITIVE_INFINITY, 2.5]);
  if (random() < 0.2) request.offset = pick(random, [0, 1, 5, -10, 1e12, Number.NaN, 0.5]);
  if (random() < 0.1) request.pagesPerHit = pick(random, [0, 1, 50, -3, Number.NaN]);
  if (i % 997 === 0) request.query = undefined as unknown as string; // a caller that forgot it
  return request;
}

// ---- The archive -------------------------------------------------------------------------------------

const TEXTS: Array<{ key: string; text: string; lang: LanguageCode; kind: KindCode; date: string; number: string | null; issuer: string | null }> = [
  { key: 'kk1', lang: 'kk', kind: 'decision', date: '2023-09-14', number: '6-38', issuer: 'Алматы облыстық мәслихаты', text: '«Автомобиль көлігі туралы» Қазақстан Республикасы Заңының 14-бабы 1-тармағының 5) тармақшасына сәйкес, Алматы облыстық мәслихаты ШЕШТІ:\n\n1. Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесі осы шешімнің қосымшасына сәйкес айқындалсын.' },
  { key: 'kk2', lang: 'kk', kind: 'law', date: '2015-11-02', number: '383-V ҚРЗ', issuer: 'Қазақстан Республикасының Президенті', text: 'Осы Заң қоғамдық кеңестердің құрылу және жұмыс істеу тәртібін айқындайды. Қоғамдық кеңес отырысы. Аудандық қоғамдық кеңесінің төрағасы.' },
  { key: 'kk3', lang: 'kk', kind: 'order', date: '2016-01-22', number: '66', issuer: 'Қазақстан Республикасы Білім және ғылым министрлігі', text: 'Қазақстан Республикасының Әділет министрлігінде 2016 жылы 16 наурызда № 13487 болып тіркелді.\n\n1. Қоса беріліп отырған Білім беру ұйымдарының жатақханаларындағы орындарды бөлу қағидалары бекітілсін. Жоспарланған іс-шаралардың орындалуы.' },
  { key: 'ru1', lang: 'ru', kind: 'decision', date: '2023-09-14', number: '№ 6-38', issuer: 'Алматинский областной маслихат', text: 'В соответствии с Законом Республики Казахстан «Об автомобильном транспорте» Алматинский областной маслихат РЕШИЛ:\n\n1. Определить перечень социально значимых сообщений в Алматинской области. Контроль за исполнением настоящего решения. Учёт ведётся.' },
  { key: 'mixed', lang: 'mixed', kind: 'other', date: '2020-05-04', number: null, issuer: null, text: 'Тегін тамақтандыруды ұсыну. Бесплатное питание. Free meals [sic] (2020) — "quoted" *star* ^caret^ NEAR(a b) {col}: 1 11 100 д’Артаньян 😀.' },
];

let archive: Archive;
const dirs: string[] = [];

beforeAll(async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-search-fuzz-'));
  dirs.push(root);
  archive = await openArchive({ dataDir: path.join(root, 'archive'), extractWorkers: 2 });
  for (const doc of TEXTS) {
    const file = path.join(root, `${doc.key}.txt`);
    fs.writeFileSync(file, doc.text, 'utf8');
    const summary = await archive.importPaths([file], { overrides: { kind: doc.kind, lang: doc.lang, date: doc.date, number: doc.number, issuer: doc.issuer, title: `Құжат ${doc.key}` } });
    expect(summary.imported).toBe(1);
  }
  const pdf = await archive.importPaths([path.join(FIXTURES_DIR, 'import/kk-order-110.pdf')]);
  expect(pdf.imported).toBe(1);
});

afterAll(async () => {
  await archive?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

// ---- Checks ---------------------------------------------------------------------------------------------

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const isCount = (n: unknown): boolean => typeof n === 'number' && Number.isInteger(n) && n >= 0;

/** Problems with one response (empty when it is well-formed). */
function problemsOf(request: SearchRequest, r: SearchResponse): string[] {
  const problems: string[] = [];
  if (!isCount(r.total)) problems.push(`total ${r.total}`);
  if (!Array.isArray(r.hits)) return [...problems, 'hits is not an array'];
  if (r.total < r.hits.length) problems.push(`total ${r.total} < hits ${r.hits.length}`);
  if (r.hits.length > 500) problems.push(`${r.hits.length} hits`);
  if (r.query !== request.query) problems.push('query not echoed');
  if (typeof r.tookMs !== 'number' || !Number.isFinite(r.tookMs) || r.tookMs < 0) problems.push(`tookMs ${r.tookMs}`);
  if (typeof r.rankedPartially !== 'boolean') problems.push('rankedPartially');
  if (!Array.isArray(r.warnings) || r.warnings.some((w) => typeof w !== 'string')) problems.push('warnings');
  if (r.didYouMean !== null && typeof r.didYouMean !== 'string') problems.push('didYouMean');
  const ids = new Set<string>();
  for (const hit of r.hits) {
    if (typeof hit.id !== 'string' || ids.has(hit.id)) problems.push(`hit id ${hit.id}`);
    ids.add(hit.id);
    if (typeof hit.score !== 'number' || !Number.isFinite(hit.score)) problems.push(`score ${hit.score}`);
    if (!Array.isArray(hit.pages)) {
      problems.push('pages is not an array');
      continue;
    }
    const pages = new Set<number>();
    for (const page of hit.pages) {
      if (!Number.isInteger(page.page) || page.page < 1 || page.page > hit.pageCount || pages.has(page.page)) problems.push(`page ${page.page}`);
      pages.add(page.page);
      if (typeof page.snippet !== 'string') {
        problems.push(`snippet ${typeof page.snippet}`);
        continue;
      }
      if (LONE_SURROGATE.test(page.snippet)) problems.push('lone surrogate in a snippet');
      if (page.snippet.length > 2000) problems.push(`snippet of ${page.snippet.length} chars`);
    }
  }
  for (const [name, facet] of Object.entries(r.facets ?? {})) {
    if (!Array.isArray(facet)) problems.push(`facet ${name}`);
    else if (facet.some((f) => typeof f.value !== 'string' || !isCount(f.count) || f.count === 0)) problems.push(`facet ${name} values`);
  }
  if (!r.facets || ['kind', 'year', 'lang', 'issuer'].some((name) => !(name in r.facets))) problems.push('facets missing');
  return problems;
}

// ---- The test -------------------------------------------------------------------------------------------

describe('search fuzz through SQLite', () => {
  it(`${COUNT.toLocaleString('en')} hostile queries: none throws, none reaches SQLite as bad syntax, every response is well-formed`, () => {
    const queries = hostileQueries(SEED, COUNT);
    const random = prng(SEED ^ 0xabcdef);
    const failures: string[] = [];
    const seen = { fts: 0, withHits: 0, long: 0, warnings: new Set<string>(), maxMs: 0, maxQuery: '' };
    const started = performance.now();
    for (let i = 0; i < queries.length; i++) {
      const request = requestFor(queries[i]!, i, random);
      // Whether this query reaches FTS5 at all (else only filters, or nothing), and that what
      // reaches it is only quoted strings joined by the compiler's own operators.
      const match = compileQuery(parseQuery(request.query ?? '')).match;
      if (match !== null) {
        seen.fts++;
        const syntax = match.replace(/"(?:[^"]|"")*"\*?/g, 'S');
        if (!/^[()S\s]*(?:(?:AND|OR|NOT)[()S\s]*)*$/.test(syntax) && failures.length < 20) failures.push(`#${i} user text outside quotes: ${match.slice(0, 300)}`);
      }
      if ((request.query ?? '').length > 10_000) seen.long++;
      const t0 = performance.now();
      let response: SearchResponse;
      try {
        response = archive.search(request);
      } catch (error) {
        if (failures.length < 20) failures.push(`#${i} ${JSON.stringify(request).slice(0, 300)}: ${(error as Error).message.slice(0, 300)}`);
        continue;
      }
      const ms = performance.now() - t0;
      if (ms > seen.maxMs) {
        seen.maxMs = ms;
        seen.maxQuery = String(JSON.stringify(request.query)).slice(0, 80);
      }
      const problems = problemsOf(request, response);
      if (problems.length && failures.length < 20) failures.push(`#${i} ${JSON.stringify(request).slice(0, 300)}: ${problems.join('; ')}`);
      if (response.hits.length) seen.withHits++;
      for (const w of response.warnings) seen.warnings.add(w);
    }
    const elapsed = performance.now() - started;
    console.log(
      `search fuzz (seed ${SEED}): ${COUNT} queries in ${elapsed.toFixed(0)} ms (${(elapsed / COUNT).toFixed(2)} ms each, slowest ${seen.maxMs.toFixed(1)} ms: ${seen.maxQuery}); ` +
        `${seen.fts} reached FTS5, ${seen.withHits} found documents, ${seen.long} over 10 KB; warnings ${[...seen.warnings].sort().join(', ')}`,
    );
    expect(failures).toEqual([]);
    // The corpus reaches every part of the engine, not just the empty-query shortcut.
    expect(seen.fts).toBeGreaterThan(COUNT / 2);
    expect(seen.withHits).toBeGreaterThan(COUNT / 10);
    expect(seen.long).toBeGreaterThan(30);
    expect([...seen.warnings].sort()).toEqual(expect.arrayContaining(['BAD_FILTER_VALUE', 'ONLY_EXCLUSIONS', 'TOO_LONG', 'TOO_MANY_TERMS']));
  }, 180_000);

  it('the same query gives the same answer twice, and the archive is unchanged by searching', () => {
    const queries = hostileQueries(SEED + 1, 300);
    const { db } = archive.context;
    const rows = (): unknown => db.prepare('SELECT (SELECT count(*) FROM search_chunks) AS chunks, (SELECT count(*) FROM documents) AS docs, (SELECT coalesce(max(seq), 0) FROM change_log) AS log').get();
    const before = rows();
    for (const query of queries) {
      const strip = (r: SearchResponse) => ({ ...r, tookMs: 0 });
      expect(strip(archive.search({ query })), JSON.stringify(query).slice(0, 200)).toEqual(strip(archive.search({ query })));
    }
    expect(rows()).toEqual(before);
    // And the index still answers ordinary queries.
    const sameLanguage = (query: string): number => archive.search({ query }).hits.filter((hit) => !hit.viaTranslation && hit.missing.length === 0).length;
    expect(sameLanguage('кеңес')).toBe(1);
    expect(sameLanguage('закон')).toBe(1);
    expect(archive.search({ query: 'өзгермейді' }).hits[0]?.pages.map((p) => p.page)).toEqual([2]);
  });
});
