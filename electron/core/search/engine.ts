import type BetterSqlite3 from 'better-sqlite3';
import type { DocumentSummary } from '../../../shared/domain/document';
import type { FacetCount, SearchFacets, SearchHit, SearchRequest, SearchResponse } from '../../../shared/domain/search';
import { analyze } from '../../../shared/search/analyzer';
import type { LanguageHint } from '../../../shared/search/language';
import { parseQuery, type ParsedQuery, type QueryFilters } from '../../../shared/search/query';
import type { SqliteDatabase } from '../db/sqlite';
import { getDocumentSummaries } from '../documents/repository';
import type { MatchForms } from '../../../shared/search/highlight';
import { compileQuery } from './compile';
import type { DocFacts, DocTable } from './doc-table';
import { chunkRowid, CHUNKS_PER_DOCUMENT, seqOfRowid } from './fts-forms';
import { makeSnippet } from './snippets';
import type { DidYouMean } from './suggest';
import type { AlternativesProvider } from '../../../shared/search/alternatives';

/** bm25 column weights: title, number, exact, stem, loose. */
const BM25 = 'bm25(search_fts, 6.0, 8.0, 3.0, 2.0, 1.0)';
/**
 * At most this many passages are ranked by bm25 one by one. Ranking costs a few microseconds a
 * passage; a word present in most documents matches hundreds of thousands of them, and its
 * bm25 weight is then close to nothing anyway. Beyond the limit the newest passages are ranked.
 */
export const RANK_LIMIT = 1000;
/**
 * At most this many matching passages (the newest) are read into memory for filters, facets and
 * ranking. A word in most documents matches hundreds of thousands; reading them all costs more
 * than the 25 ms a search may take. Beyond it, the total is counted by SQLite (exact without
 * filters, estimated with them) and facets describe the newest passages (flagged in the response).
 */
export const SCAN_LIMIT = 6000;
const FACET_ISSUERS = 20;

/*
 * Rowid bounds are CAST to INTEGER in the SQL: better-sqlite3 binds every JS number as REAL, and
 * FTS5 only uses an INTEGER rowid constraint to seek. Given a REAL bound it reads every matching
 * passage of the archive and leaves the range to SQLite (10–40 ms for a common word at 100,000
 * documents instead of 0.3 ms); an equality on a REAL rowid is not even applied.
 */
const SCAN = { sql: 'SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?', mode: 'pluck' } as const;
const RANK_RANGE = {
  sql: `SELECT rowid, -${BM25} AS score FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)`,
  mode: 'raw',
} as const;
const RANK_WITHIN = {
  sql: `SELECT rowid, -${BM25} AS score FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER) ORDER BY score DESC LIMIT 24`,
  mode: 'raw',
} as const;
const CHUNK_INFO = {
  sql: "SELECT c.page_id AS pageId, c.start AS start, c.end AS end, p.page_no AS pageNo, p.text_source = 'ocr' AS ocr FROM search_chunks c JOIN pages p ON p.id = c.page_id WHERE c.id = ?",
  mode: 'object',
} as const;
const TITLE_TIER = {
  sql: 'SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)',
  mode: 'pluck',
} as const;
const PAGE_TEXT = { sql: 'SELECT text FROM pages WHERE id = ?', mode: 'pluck' } as const;
const EXCLUDED = { sql: 'SELECT rowid FROM search_fts WHERE search_fts MATCH ?', mode: 'pluck' } as const;

type StatementSpec = { sql: string; mode: 'pluck' | 'raw' | 'object' };
type Statement = BetterSqlite3.Statement<unknown[]>;

/** Prepared statements per database: compiling an FTS5 query costs more than a short search step. */
const statements = new WeakMap<SqliteDatabase, Map<string, Statement>>();

function statement(db: SqliteDatabase, spec: StatementSpec): Statement {
  let cache = statements.get(db);
  if (!cache) {
    cache = new Map();
    statements.set(db, cache);
  }
  let prepared = cache.get(spec.sql);
  if (!prepared) {
    prepared = db.prepare<unknown[]>(spec.sql);
    if (spec.mode === 'pluck') prepared.pluck();
    else if (spec.mode === 'raw') prepared.raw();
    cache.set(spec.sql, prepared);
  }
  return prepared;
}

export interface SearchContext {
  db: SqliteDatabase;
  docs: DocTable;
  /** Offers a corrected query when nothing is found; absent in contexts that do not need it. */
  suggester?: DidYouMean;
  /** Other spellings of query words (abbreviations, dates, numbers, the other language). */
  alternatives?: AlternativesProvider;
}

type FilterName = 'kind' | 'lang' | 'year' | 'date' | 'issuer' | 'number';

interface PreparedFilters {
  kinds: Set<string> | null;
  langs: Set<string> | null;
  yearFrom: number | null;
  yearTo: number | null;
  from: string | null;
  to: string | null;
  issuerWords: string[][];
  numbers: string[];
}

function mergeRequestFilters(filters: QueryFilters, request: SearchRequest): PreparedFilters {
  const kinds = [...filters.kinds, ...(request.kinds ?? [])];
  const langs = [...filters.langs, ...(request.langs ?? [])];
  const from = [filters.from, request.from].filter((d): d is string => !!d).sort().at(-1) ?? null;
  const to = [filters.to, request.to].filter((d): d is string => !!d).sort()[0] ?? null;
  return {
    kinds: kinds.length ? new Set(kinds) : null,
    langs: langs.length ? new Set(langs) : null,
    yearFrom: filters.yearFrom,
    yearTo: filters.yearTo,
    from,
    to,
    issuerWords: filters.issuers.map((issuer) => analyze(issuer, 'mixed').map((token) => token.loose)).filter((words) => words.length > 0),
    numbers: filters.numbers,
  };
}

function hasFilters(f: PreparedFilters): boolean {
  return !!(f.kinds || f.langs || f.yearFrom !== null || f.yearTo !== null || f.from || f.to || f.issuerWords.length || f.numbers.length);
}

/** Whether a document passes every filter except `skip` (facets count without their own filter). */
function passes(doc: DocFacts, f: PreparedFilters, skip: FilterName | null = null): boolean {
  if (skip !== 'kind' && f.kinds && !f.kinds.has(doc.kind)) return false;
  if (skip !== 'lang' && f.langs && !(doc.lang && f.langs.has(doc.lang))) return false;
  if (skip !== 'year') {
    if (f.yearFrom !== null && (doc.year === null || doc.year < f.yearFrom)) return false;
    if (f.yearTo !== null && (doc.year === null || doc.year > f.yearTo)) return false;
  }
  if (f.from && (!doc.date || doc.date < f.from)) return false;
  if (f.to && (!doc.date || doc.date > f.to)) return false;
  if (skip !== 'issuer' && f.issuerWords.length) {
    const key = doc.issuerKey ?? '';
    if (!f.issuerWords.some((words) => words.every((word) => key.includes(` ${word}`)))) return false;
  }
  if (f.numbers.length && !(doc.numberKey && f.numbers.some((number) => doc.numberKey!.startsWith(number)))) return false;
  return true;
}

function countFacet(docs: Iterable<DocFacts>, f: PreparedFilters, skip: FilterName, valueOf: (doc: DocFacts) => string | null, top = Infinity): FacetCount[] {
  const counts = new Map<string, number>();
  for (const doc of docs) {
    if (!passes(doc, f, skip)) continue;
    const value = valueOf(doc);
    if (value === null) continue;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
    .slice(0, top);
}

function facetsOf(docs: DocFacts[], f: PreparedFilters): SearchFacets {
  if (!hasFilters(f)) return facetsInOnePass(docs);
  return {
    kind: countFacet(docs, f, 'kind', (doc) => doc.kind),
    year: countFacet(docs, f, 'year', (doc) => (doc.year === null ? null : String(doc.year))).sort((a, b) => b.value.localeCompare(a.value)),
    lang: countFacet(docs, f, 'lang', (doc) => doc.lang),
    issuer: countFacet(docs, f, 'issuer', (doc) => doc.issuer, FACET_ISSUERS),
  };
}

/** Without filters every facet counts the same documents: one pass instead of four. */
function facetsInOnePass(docs: DocFacts[]): SearchFacets {
  const kind = new Map<string, number>();
  const year = new Map<string, number>();
  const lang = new Map<string, number>();
  const issuer = new Map<string, number>();
  const bump = (map: Map<string, number>, value: string | null): void => {
    if (value !== null) map.set(value, (map.get(value) ?? 0) + 1);
  };
  for (const doc of docs) {
    bump(kind, doc.kind);
    bump(year, doc.year === null ? null : String(doc.year));
    bump(lang, doc.lang);
    bump(issuer, doc.issuer);
  }
  const list = (map: Map<string, number>, top = Infinity): FacetCount[] =>
    [...map.entries()]
      .map(([value, count]) => ({ value, count }))
      .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
      .slice(0, top);
  return {
    kind: list(kind),
    year: list(year).sort((a, b) => b.value.localeCompare(a.value)),
    lang: list(lang),
    issuer: list(issuer, FACET_ISSUERS),
  };
}

function byDateDesc(a: DocFacts, b: DocFacts): number {
  if (a.date !== b.date) {
    if (a.date === null) return 1;
    if (b.date === null) return -1;
    return a.date < b.date ? 1 : -1;
  }
  return b.seq - a.seq;
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.min(max, Math.floor(value)));
}

interface RankedChunk {
  rowid: number;
  score: number;
}

/**
 * Searches the archive: parse (any string is valid), compile to FTS5 over analyzed forms, find
 * every matching passage, filter and count facets in memory, rank, group by document, and build
 * snippets for the documents shown.
 */
export function search(ctx: SearchContext, request: SearchRequest): SearchResponse {
  const started = performance.now();
  const parsed: ParsedQuery = parseQuery(request.query ?? '');
  const filters = mergeRequestFilters(parsed.filters, request);
  const limit = clampInt(request.limit, 20, 1, 500);
  const offset = clampInt(request.offset, 0, 0, 1_000_000);
  const pagesPerHit = clampInt(request.pagesPerHit, 3, 1, 20);
  const sort = request.sort === 'date' ? 'date' : 'relevance';
  const hint: LanguageHint = filters.langs?.size === 1 ? ([...filters.langs][0] as LanguageHint) : null;
  const compiled = compileQuery(parsed, hint, ctx.alternatives ? { alternatives: ctx.alternatives } : {});
  const table = ctx.docs.refresh();
  const warnings = parsed.warnings.map((warning) => warning.code);
  const empty = (): SearchResponse => ({
    query: request.query,
    total: 0,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    hits: [],
    facets: { kind: [], year: [], lang: [], issuer: [] },
    didYouMean: null,
    warnings,
    rankedPartially: false,
    totalIsEstimate: false,
    facetsPartial: false,
  });

  // A query of filters only lists the documents that pass them, newest first.
  if (compiled.match === null) {
    if (!hasFilters(filters)) return { ...empty(), didYouMean: parsed.clauses.length ? (ctx.suggester?.suggest(request.query) ?? null) : null };
    let all = [...table.values()];
    if (compiled.excluded) {
      // `kind:order -жатақхана`: every document of the filters, minus those with the word.
      const without = new Set((statement(ctx.db, EXCLUDED).all(compiled.excluded) as number[]).map(seqOfRowid));
      all = all.filter((doc) => !without.has(doc.seq));
    }
    const matching = all.filter((doc) => passes(doc, filters)).sort(byDateDesc);
    return finish(ctx, request, started, matching.length, facetsOf(all, filters), matching.slice(offset, offset + limit).map((doc) => ({ doc, score: 0, chunks: [] })), compiled.highlight, pagesPerHit, warnings, false, null);
  }

  let rowids: number[];
  try {
    rowids = statement(ctx.db, SCAN).all(compiled.match, SCAN_LIMIT + 1) as number[];
  } catch (error) {
    // The compiler emits only quoted strings; an SQLite error here is a bug, not bad input.
    throw new Error(`search: FTS5 refused ${JSON.stringify(compiled.match)}: ${(error as Error).message}`, { cause: error });
  }

  const truncated = rowids.length > SCAN_LIMIT;
  if (truncated) rowids.pop();

  // Which documents match, after filters; facets over the matching set (newest first).
  const matchedDocs = new Map<number, DocFacts>();
  const allowedChunks: number[] = [];
  const seen = new Set<number>();
  const candidates: DocFacts[] = [];
  for (const rowid of rowids) {
    const seq = seqOfRowid(rowid);
    const doc = table.get(seq);
    if (!doc) continue;
    if (!seen.has(seq)) {
      seen.add(seq);
      candidates.push(doc);
      if (passes(doc, filters)) matchedDocs.set(seq, doc);
    }
    if (matchedDocs.has(seq)) allowedChunks.push(rowid);
  }
  const facets = facetsOf(candidates, filters);
  let total = matchedDocs.size;
  let totalIsEstimate = false;
  if (truncated) {
    // Counting the rest would mean reading every matching passage (what the limit avoids). The
    // newest passages cover a span of documents; the same density over the whole archive
    // extrapolates the total, shown as "about".
    const lowSeq = seqOfRowid(rowids[rowids.length - 1]!);
    const highSeq = seqOfRowid(rowids[0]!);
    const archive = ctx.docs.seqRange();
    const windowSpan = Math.max(1, highSeq - lowSeq + 1);
    const archiveSpan = Math.max(windowSpan, archive.max - archive.min + 1);
    total = Math.max(matchedDocs.size, Math.round((matchedDocs.size * archiveSpan) / windowSpan));
    totalIsEstimate = true;
  }
  if (total === 0) return { ...empty(), facets, didYouMean: ctx.suggester?.suggest(request.query) ?? null };

  let ordered: Array<{ doc: DocFacts; score: number; chunks: RankedChunk[] }>;
  let rankedPartially = false;
  if (sort === 'date') {
    ordered = [...matchedDocs.values()].sort(byDateDesc).map((doc) => ({ doc, score: 0, chunks: [] }));
  } else {
    // allowedChunks are newest first (the scan reads rowids in descending order).
    rankedPartially = truncated || allowedChunks.length > RANK_LIMIT;
    const rankedCount = Math.min(allowedChunks.length, RANK_LIMIT);
    const low = allowedChunks[rankedCount - 1]!;
    const high = allowedChunks[0]!;
    const rankMatch = truncated ? null : withoutCommonClauses(ctx.db, compiled.clauses, compiled.match);
    let ranked: Array<[number, number]>;
    if (rankMatch === null) ranked = rankCommon(ctx.db, compiled.match, allowedChunks.slice(0, rankedCount));
    else if (rankMatch === compiled.match) ranked = statement(ctx.db, RANK_RANGE).all(rankMatch, low, high) as Array<[number, number]>;
    else {
      // The reduced expression matches more passages in the range: keep the ones the query matches.
      const allowed = new Set(allowedChunks.slice(0, rankedCount));
      ranked = (statement(ctx.db, RANK_RANGE).all(rankMatch, low, high) as Array<[number, number]>).filter(([rowid]) => allowed.has(rowid));
    }
    const byDoc = new Map<number, { doc: DocFacts; score: number; chunks: RankedChunk[] }>();
    for (const [rowid, score] of ranked) {
      const doc = matchedDocs.get(seqOfRowid(rowid));
      if (!doc) continue;
      let entry = byDoc.get(doc.seq);
      if (!entry) {
        entry = { doc, score, chunks: [] };
        byDoc.set(doc.seq, entry);
      }
      entry.score = Math.max(entry.score, score);
      entry.chunks.push({ rowid, score });
    }
    ordered = [...byDoc.values()].sort((a, b) => b.score - a.score || byDateDesc(a.doc, b.doc));
    // Documents matched but not ranked follow by date, only when the page asked reaches them.
    if (rankedPartially && ordered.length < offset + limit) {
      const rest = [...matchedDocs.values()].filter((doc) => !byDoc.has(doc.seq)).sort(byDateDesc);
      ordered.push(...rest.map((doc) => ({ doc, score: 0, chunks: [] })));
    }
  }
  const shown = ordered.slice(offset, offset + limit);
  if (truncated) {
    // Ranking these passages within their document by bm25 would cost, per document, the full
    // read that rankCommon avoids; their pages are listed in document order instead.
    const unranked = new Map(shown.filter((entry) => entry.chunks.length === 0).map((entry) => [entry.doc.seq, entry]));
    for (let i = allowedChunks.length - 1; i >= 0 && unranked.size > 0; i--) {
      unranked.get(seqOfRowid(allowedChunks[i]!))?.chunks.push({ rowid: allowedChunks[i]!, score: 0 });
    }
  }
  const response = finish(ctx, request, started, total, facets, shown, compiled.highlight, pagesPerHit, warnings, rankedPartially, compiled.match);
  return { ...response, totalIsEstimate, facetsPartial: truncated };
}

/**
 * The ranking of a query too common to rank by bm25: it matches more than SCAN_LIMIT passages.
 * bm25 weighs each form by how rare it is, and to know that, FTS5 reads every passage of the
 * archive that holds the form, for each form of the query, before scoring a single row: 8 ms for
 * a word in half the documents at 100,000 documents, 25 ms and more for a common phrase such as
 * "федеральный закон". For such words that weight is close to nothing anyway (bm25 floors it for
 * a form in more than half the passages), and only the newest RANK_LIMIT passages were ever
 * ranked. So the newest passages are ordered by where the query matches, which needs no
 * statistics: in the title or number first (score 2), then in the text (score 1); newest first
 * within each (the caller's tie-break).
 */
function rankCommon(db: SqliteDatabase, match: string, newest: readonly number[]): Array<[number, number]> {
  const inTitle = new Set(statement(db, TITLE_TIER).all(`{title number} : (${match})`, newest[newest.length - 1]!, newest[0]!) as number[]);
  return newest.map((rowid) => [rowid, inTitle.has(rowid) ? 2 : 1]);
}

/** Passages read to tell whether a clause is in most passages (see withoutCommonClauses). */
const COMMON_PROBE = 1000;
const COMMON_PROBE_SCAN = { sql: 'SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?', mode: 'pluck' } as const;
const PASSAGES_BETWEEN = { sql: 'SELECT count(*) FROM search_chunks WHERE id BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER)', mode: 'pluck' } as const;

/**
 * The ranking expression of a query of several words some of which are in most passages
 * (`бұл комиссия`): those are left out. bm25 gives a form in more than half of the passages a
 * weight of nearly zero (its idf is floored at 1e-6), yet reads all of its passages to find that
 * out. Whether a clause is that common is estimated from its newest COMMON_PROBE passages: more
 * than half of the passages they span hold it. Returns null when every clause is that common.
 */
function withoutCommonClauses(db: SqliteDatabase, clauses: readonly string[], match: string): string | null {
  if (clauses.length < 2) return match;
  const kept = clauses.filter((clause) => {
    const newest = statement(db, COMMON_PROBE_SCAN).all(clause, COMMON_PROBE) as number[];
    if (newest.length < COMMON_PROBE) return true;
    const spanned = statement(db, PASSAGES_BETWEEN).get(newest[newest.length - 1]!, newest[0]!) as number;
    return newest.length * 2 <= spanned;
  });
  if (kept.length === clauses.length) return match;
  if (kept.length === 0) return null;
  return kept.length === 1 ? kept[0]! : `(${kept.join(' AND ')})`;
}

function finish(
  ctx: SearchContext,
  request: SearchRequest,
  started: number,
  total: number,
  facets: SearchFacets,
  shown: Array<{ doc: DocFacts; score: number; chunks: RankedChunk[] }>,
  highlight: MatchForms,
  pagesPerHit: number,
  warnings: string[],
  rankedPartially: boolean,
  match: string | null,
): SearchResponse {
  const summaries: Map<string, DocumentSummary> = getDocumentSummaries(
    ctx.db,
    shown.map((entry) => entry.doc.id),
  );
  // Chunk positions first, page text only for the pages shown (a page can be a whole code of law).
  const chunkInfo = statement(ctx.db, CHUNK_INFO);
  const pageText = statement(ctx.db, PAGE_TEXT);
  const rankWithin = match ? statement(ctx.db, RANK_WITHIN) : null;
  const hits: SearchHit[] = [];
  for (const entry of shown) {
    const summary = summaries.get(entry.doc.id);
    if (!summary) continue;
    // Stable sort: passages of equal score keep their (document) order.
    let chunks = [...entry.chunks].sort((a, b) => b.score - a.score);
    if (chunks.length === 0 && rankWithin && match) {
      const rows = rankWithin.all(match, chunkRowid(entry.doc.seq, 0), chunkRowid(entry.doc.seq, CHUNKS_PER_DOCUMENT - 1)) as Array<[number, number]>;
      chunks = rows.map(([rowid, score]) => ({ rowid, score }));
    }
    const pages: SearchHit['pages'] = [];
    const pagesSeen = new Set<number>();
    for (const chunk of chunks) {
      if (pages.length >= pagesPerHit) break;
      const info = chunkInfo.get(chunk.rowid) as { pageId: number; start: number; end: number; pageNo: number; ocr: number } | undefined;
      if (!info || pagesSeen.has(info.pageNo)) continue;
      pagesSeen.add(info.pageNo);
      const text = String(pageText.get(info.pageId) ?? '');
      pages.push({ page: info.pageNo, snippet: makeSnippet(text.slice(info.start, info.end), highlight, summary.lang), ocr: info.ocr === 1 });
      if (pagesSeen.size >= summary.pageCount) break;
    }
    hits.push({ ...summary, score: Math.round(entry.score * 1000) / 1000, pages });
  }
  return {
    query: request.query,
    total,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    hits,
    facets,
    didYouMean: null,
    warnings,
    rankedPartially,
    totalIsEstimate: false,
    facetsPartial: false,
  };
}
