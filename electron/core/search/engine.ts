import type BetterSqlite3 from 'better-sqlite3';
import type { DocumentSummary } from '../../../shared/domain/document';
import type { FacetCount, SearchFacets, SearchHit, SearchRequest, SearchResponse, TwinVersion, WordCorrection } from '../../../shared/domain/search';
import type { LanguageCode } from '../../../shared/domain/kinds';
import { analyze, analyzeQueryWord } from '../../../shared/search/analyzer';
import type { LanguageHint } from '../../../shared/search/language';
import { parseQuery, type ParsedQuery, type QueryFilters } from '../../../shared/search/query';
import type { SqliteDatabase } from '../db/sqlite';
import { getDocumentSummaries } from '../documents/repository';
import { addAtomForms, type MatchForms } from '../../../shared/search/highlight';
import { compileQuery, type CompiledClause } from './compile';
import type { DocFacts, DocTable } from './doc-table';
import { chunkRowid, CHUNKS_PER_DOCUMENT, ftsString, seqOfRowid } from './fts-forms';
import { makeSnippet } from './snippets';
import type { DidYouMean } from './suggest';
import type { AlternativeSource, AlternativesProvider } from '../../../shared/search/alternatives';

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
/*
 * A passage of a page, cut by SQLite: a page can be a whole code of law (megabytes), and turning
 * all of it into a JavaScript string for one snippet cost more than the rest of a search. Passage
 * bounds are stored in code points (index format 5), as substr counts.
 */
const PASSAGE_TEXT = { sql: 'SELECT substr(text, CAST(? AS INTEGER) + 1, CAST(? AS INTEGER)) FROM pages WHERE id = ?', mode: 'pluck' } as const;
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

/** A document in the result list, before its snippets are built. */
interface ResultEntry {
  doc: DocFacts;
  score: number;
  chunks: RankedChunk[];
  /** The expression its best pages are ranked by when `chunks` is empty (default: the query's). */
  match?: string | null;
  /** Query words it lacks (partial matches); empty for documents with every word. */
  missing: string[];
  /** Common clauses not read for this document: in `missing` unless it has them (settleMissing). */
  unsure?: Array<{ expr: string; label: string }>;
  viaTranslation: boolean;
}

/** Alternatives of these sources are part of the query itself; translations widen it only when it finds few. */
const SAME_LANGUAGE_SOURCES: ReadonlySet<AlternativeSource> = new Set(['abbreviation', 'learned-abbreviation', 'date', 'number']);
/**
 * When the documents with every word are fewer than this (a page of results), translations and
 * then documents with part of the words follow them. Above it the query is answered as typed, so
 * common queries cost what they did.
 */
export const FEW_RESULTS = 20;
/**
 * Passages read per clause for partial matching. A clause in more passages is common: its weight
 * (idf) is small, its newest passages stand for it, and whether an older shown document has it is
 * asked separately (settleMissing).
 */
const PARTIAL_SCAN_LIMIT = 2000;
/** At most this many words of a long question take part in partial matching (the rarest). */
const MAX_PARTIAL_CLAUSES = 12;

/** One AND-ed condition as the search uses it: its expression and what the user typed for it. */
interface SearchClause {
  expr: string;
  typed: string[];
}

interface ClausePlan {
  required: SearchClause[];
  /** Question and filler words the query does not require. */
  ignored: string[];
  corrections: WordCorrection[];
}

/**
 * Which clauses a document must match: all but question and filler words (unless the query has
 * nothing else). A single word found nowhere in the archive is searched as the closest archive
 * word instead (a typo), unless the user asked for the words as typed.
 */
function planClauses(ctx: SearchContext, parts: readonly CompiledClause[], hint: LanguageHint, asTyped: boolean): ClausePlan {
  const content = parts.filter((part) => !part.filler);
  const kept = content.length > 0 ? content : parts;
  const ignored = content.length > 0 ? parts.filter((part) => part.filler).map((part) => part.typed[0]!) : [];
  const corrections: WordCorrection[] = [];
  const required = kept.map((part): SearchClause => {
    const clause = { expr: part.expr, typed: part.typed };
    if (asTyped || !ctx.suggester || part.sources.length > 0 || part.typed.length !== 1) return clause;
    const word = part.typed[0]!;
    if (word.includes(' ') || /\d/u.test(word)) return clause;
    const matchesSomething = (statement(ctx.db, SCAN).all(part.expr, 1) as number[]).length > 0;
    // A misspelt long word can still match through a stem that is another word (персональых →
    // персонал): when the word as typed is in no text or title, its closest archive word is
    // searched too, beside it.
    const exact = analyzeQueryWord(word, hint).exact;
    if (matchesSomething && (word.length < MIN_TYPO_LENGTH || !exact || (statement(ctx.db, SCAN).all(`{exact title} : ${ftsString(exact)}`, 1) as number[]).length > 0)) return clause;
    const closest = ctx.suggester.closestWord(word);
    if (!closest) return clause;
    if (matchesSomething && sameStem(closest, word, hint)) return clause;
    const corrected = compileQuery(parseQuery(closest), hint).clauses[0];
    if (!corrected) return clause;
    corrections.push({ typed: word, searched: closest });
    return { expr: matchesSomething ? `(${part.expr} OR ${corrected})` : corrected, typed: part.typed };
  });
  return { required, ignored, corrections };
}

/** Words shorter than this that match something are taken as typed (typos are looked for in long words). */
const MIN_TYPO_LENGTH = 6;

function sameStem(a: string, b: string, hint: LanguageHint): boolean {
  const stems = new Set(analyzeQueryWord(b, hint).stems);
  return analyzeQueryWord(a, hint).stems.some((stem) => stems.has(stem));
}

function andOf(clauses: readonly SearchClause[], excluded: string | null): string {
  const exprs = clauses.map((clause) => clause.expr);
  const positive = exprs.length === 1 ? exprs[0]! : `(${exprs.join(' AND ')})`;
  return excluded ? `${positive} NOT ${excluded}` : positive;
}

interface MatchRun {
  entries: ResultEntry[];
  total: number;
  candidates: DocFacts[];
  truncated: boolean;
  rankedPartially: boolean;
  totalIsEstimate: boolean;
  /** Matching passages of documents that pass the filters, newest first. */
  allowedChunks: number[];
}

/**
 * Searches the archive: parse (any string is valid), compile to FTS5 over analyzed forms, find
 * every matching passage, filter and count facets in memory, rank, group by document, and build
 * snippets for the documents shown.
 *
 * Forgiving, in tiers (docs/ARCHITECTURE.md §6.3): documents with every word come first, ranked
 * by bm25; when they are fewer than FEW_RESULTS, documents found through the other language's
 * words follow, then documents with part of the words, ranked by how much of the query they
 * cover (each word weighted by how rare it is) and marked with what they lack.
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
  const compiled = compileQuery(parsed, hint, ctx.alternatives ? { alternatives: ctx.alternatives, sources: SAME_LANGUAGE_SOURCES } : {});
  const table = ctx.docs.refresh();
  const warnings = parsed.warnings.map((warning) => warning.code);
  const empty = (): SearchResponse => ({
    query: request.query,
    total: 0,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    hits: [],
    facets: { kind: [], year: [], lang: [], issuer: [] },
    didYouMean: null,
    fullMatches: 0,
    ignoredWords: [],
    corrections: [],
    highlightWords: [],
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
    const shown = matching.slice(offset, offset + limit).map((doc): ResultEntry => ({ doc, score: 0, chunks: [], missing: [], viaTranslation: false }));
    const response = finish(ctx, request, started, matching.length, facetsOf(all, filters), shown, compiled.highlight, pagesPerHit, warnings, false, null);
    return { ...response, fullMatches: matching.length };
  }

  const plan = planClauses(ctx, compiled.parts, hint, request.asTyped === true);
  // Snippets mark the archive words that replaced typos too.
  for (const correction of plan.corrections) addAtomForms({ type: 'word', text: correction.searched, prefix: false }, hint, compiled.highlight);
  const strictMatch = andOf(plan.required, compiled.excluded);
  const strict = runMatch(ctx, strictMatch, plan.required, filters, table, sort);
  const entries = strict.entries;
  const seen = new Set(entries.map((entry) => entry.doc.seq));
  const candidateLists: DocFacts[][] = [strict.candidates];
  let highlight = compiled.highlight;
  let total = strict.total;
  // Documents with every word: in the query's language, or through the other language's words.
  let fullMatches = strict.total;

  // Few documents with every word: the other language's words, then part of the words.
  // The clauses partial matching weighs: with the other language's words when the query has any,
  // so an act in the other language gets credit for each word it has in its own words.
  let partialClauses = plan.required;
  const markedAlternatives = compiled.parts.flatMap((part) => part.alternativeWords);
  if (total < FEW_RESULTS && ctx.alternatives) {
    const widened = compileQuery(parsed, hint, { alternatives: ctx.alternatives });
    if (widened.parts.some((part) => part.sources.includes('translation'))) {
      const widenedPlan = planClauses(ctx, widened.parts, hint, true);
      markedAlternatives.push(...widened.parts.flatMap((part) => part.alternativeWords));
      partialClauses = widenedPlan.required;
      const run = runMatch(ctx, andOf(widenedPlan.required, widened.excluded), widenedPlan.required, filters, table, sort);
      const added = run.entries.filter((entry) => !seen.has(entry.doc.seq)).map((entry) => ({ ...entry, viaTranslation: true }));
      for (const entry of added) seen.add(entry.doc.seq);
      entries.push(...scoredBelow(entries, added));
      total += added.length;
      fullMatches += added.length;
      candidateLists.push(run.candidates);
      highlight = widened.highlight;
    }
  }
  if (total < FEW_RESULTS && partialClauses.length >= 2) {
    const partial = partialMatches(ctx, partialClauses, compiled.excluded, filters, table, seen);
    entries.push(...scoredBelow(entries, partial.entries));
    total += partial.entries.length;
    candidateLists.push(partial.candidates);
  }
  // The words the results are marked with, for the client's own highlighter (snippets, the viewer).
  const highlightWords = [...new Set([...plan.required.flatMap((clause) => clause.typed), ...markedAlternatives, ...plan.corrections.map((correction) => correction.searched)])];
  const facets = facetsOf(candidateLists.length === 1 ? strict.candidates : unionBySeq(candidateLists), filters);
  if (total === 0) return { ...empty(), facets, ignoredWords: plan.ignored, highlightWords, didYouMean: plan.corrections.length ? null : (ctx.suggester?.suggest(request.query) ?? null) };

  const deduplicated = withTwins(ctx, entries, offset + limit);
  total -= deduplicated.dropped;
  const shown = deduplicated.entries.slice(offset, offset + limit);
  settleMissing(ctx.db, shown);
  if (strict.truncated) {
    // Ranking these passages within their document by bm25 would cost, per document, the full
    // read that rankCommon avoids; their pages are listed in document order instead.
    const unranked = new Set(shown.filter((entry) => entry.chunks.length === 0 && entry.missing.length === 0 && !entry.viaTranslation).map((entry) => entry.doc.seq));
    if (unranked.size) {
      const rowids = strict.allowedChunks;
      const bySeq = new Map(shown.map((entry) => [entry.doc.seq, entry]));
      for (let i = rowids.length - 1; i >= 0; i--) {
        const seq = seqOfRowid(rowids[i]!);
        if (unranked.has(seq)) bySeq.get(seq)!.chunks.push({ rowid: rowids[i]!, score: 0 });
      }
    }
  }
  const response = finish(ctx, request, started, total, facets, shown, highlight, pagesPerHit, warnings, strict.rankedPartially, strictMatch, deduplicated.twins);
  return {
    ...response,
    // Searched as typed and nothing has every word: offer the closest words. (Otherwise a word
    // found nowhere was already searched as the closest archive word.)
    didYouMean: fullMatches === 0 && request.asTyped === true ? (ctx.suggester?.suggest(request.query) ?? null) : null,
    fullMatches,
    ignoredWords: plan.ignored,
    corrections: plan.corrections,
    highlightWords,
    totalIsEstimate: strict.totalIsEstimate,
    facetsPartial: strict.truncated,
  };
}

/**
 * A lower tier's entries with scores rescaled under the lowest score above them, order kept, so
 * scores never increase down the list (a client may sort or threshold by them).
 */
function scoredBelow(above: readonly ResultEntry[], tier: ResultEntry[]): ResultEntry[] {
  if (above.length === 0 || tier.length === 0) return tier;
  const floor = Math.min(...above.map((entry) => entry.score));
  const top = Math.max(...tier.map((entry) => entry.score));
  if (top < floor) return tier;
  // Scores are positive (bm25 negated, coverage): half the floor at most, proportional within the tier.
  return tier.map((entry) => ({ ...entry, score: top > 0 ? (floor / 2) * (entry.score / top) : 0 }));
}

function unionBySeq(lists: readonly DocFacts[][]): DocFacts[] {
  const bySeq = new Map<number, DocFacts>();
  for (const list of lists) for (const doc of list) bySeq.set(doc.seq, doc);
  return [...bySeq.values()];
}

/** Documents that match `match`, filtered, ranked (bm25) or ordered by date. */
function runMatch(ctx: SearchContext, match: string, clauses: readonly SearchClause[], filters: PreparedFilters, table: ReadonlyMap<number, DocFacts>, sort: 'date' | 'relevance'): MatchRun {
  let rowids: number[];
  try {
    rowids = statement(ctx.db, SCAN).all(match, SCAN_LIMIT + 1) as number[];
  } catch (error) {
    // The compiler emits only quoted strings; an SQLite error here is a bug, not bad input.
    throw new Error(`search: FTS5 refused ${JSON.stringify(match)}: ${(error as Error).message}`, { cause: error });
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
  if (matchedDocs.size === 0) return { entries: [], total: 0, candidates, truncated, rankedPartially: false, totalIsEstimate: false, allowedChunks };

  const entry = (doc: DocFacts, score = 0, chunks: RankedChunk[] = []): ResultEntry => ({ doc, score, chunks, missing: [], viaTranslation: false });
  if (sort === 'date') {
    return { entries: [...matchedDocs.values()].sort(byDateDesc).map((doc) => entry(doc)), total, candidates, truncated, rankedPartially: false, totalIsEstimate, allowedChunks };
  }
  // allowedChunks are newest first (the scan reads rowids in descending order).
  const rankedPartially = truncated || allowedChunks.length > RANK_LIMIT;
  const rankedCount = Math.min(allowedChunks.length, RANK_LIMIT);
  const low = allowedChunks[rankedCount - 1]!;
  const high = allowedChunks[0]!;
  const rankMatch = truncated ? null : withoutCommonClauses(ctx.db, clauses.map((clause) => clause.expr), match);
  let ranked: Array<[number, number]>;
  if (rankMatch === null) ranked = rankCommon(ctx.db, match, allowedChunks.slice(0, rankedCount));
  else if (rankMatch === match) ranked = statement(ctx.db, RANK_RANGE).all(rankMatch, low, high) as Array<[number, number]>;
  else {
    // The reduced expression matches more passages in the range: keep the ones the query matches.
    const allowed = new Set(allowedChunks.slice(0, rankedCount));
    ranked = (statement(ctx.db, RANK_RANGE).all(rankMatch, low, high) as Array<[number, number]>).filter(([rowid]) => allowed.has(rowid));
  }
  const byDoc = new Map<number, ResultEntry>();
  for (const [rowid, score] of ranked) {
    const doc = matchedDocs.get(seqOfRowid(rowid));
    if (!doc) continue;
    let found = byDoc.get(doc.seq);
    if (!found) {
      found = entry(doc, score);
      byDoc.set(doc.seq, found);
    }
    found.score = Math.max(found.score, score);
    found.chunks.push({ rowid, score });
  }
  const entries = [...byDoc.values()].sort((a, b) => b.score - a.score || byDateDesc(a.doc, b.doc));
  // Documents matched but not ranked follow by date.
  if (rankedPartially) entries.push(...[...matchedDocs.values()].filter((doc) => !byDoc.has(doc.seq)).sort(byDateDesc).map((doc) => entry(doc)));
  return { entries, total, candidates, truncated, rankedPartially, totalIsEstimate, allowedChunks };
}

/**
 * Documents with part of the query's words, best covered first. Each word weighs by how rare it
 * is in the archive (idf over documents); a document's coverage is the weight of the words it has
 * over the weight of all, and it ranks by the mean of that and the coverage of its best passage
 * (words close together); then the newest. Documents covering less than half of what the best
 * one covers are left out: they have only the query's common words.
 */
function partialMatches(
  ctx: SearchContext,
  clauses: readonly SearchClause[],
  excluded: string | null,
  filters: PreparedFilters,
  table: ReadonlyMap<number, DocFacts>,
  already: ReadonlySet<number>,
): { entries: ResultEntry[]; candidates: DocFacts[] } {
  const documents = Math.max(1, table.size);
  const without = excluded ? new Set((statement(ctx.db, EXCLUDED).all(excluded) as number[]).map(seqOfRowid)) : null;
  interface ClauseHits {
    clause: SearchClause;
    weight: number;
    /** Passage rowids that match it, newest first (the newest PARTIAL_SCAN_LIMIT when `truncated`). */
    rowids: number[];
    seqs: Set<number>;
    truncated: boolean;
  }
  let hits: ClauseHits[] = clauses.map((clause) => {
    const rowids = statement(ctx.db, SCAN).all(clause.expr, PARTIAL_SCAN_LIMIT + 1) as number[];
    const truncated = rowids.length > PARTIAL_SCAN_LIMIT;
    if (truncated) rowids.pop();
    const seqs = new Set(rowids.map(seqOfRowid));
    // A word in more documents than were read is common: weigh it as if in all it was read in, and more.
    const df = truncated ? Math.max(seqs.size, documents / 2) : seqs.size;
    return { clause, weight: Math.log(1 + documents / Math.max(1, df)), rowids, seqs, truncated };
  });
  // A long question: its rarest words decide.
  if (hits.length > MAX_PARTIAL_CLAUSES) hits = [...hits].sort((a, b) => b.weight - a.weight).slice(0, MAX_PARTIAL_CLAUSES);
  const totalWeight = hits.reduce((sum, hit) => sum + hit.weight, 0);
  if (totalWeight <= 0) return { entries: [], candidates: [] };

  // Per document: the words it has; per passage: the weight of the words in it.
  const coverage = new Map<number, number>();
  const passageWeight = new Map<number, number>();
  for (const hit of hits) {
    for (const seq of hit.seqs) coverage.set(seq, (coverage.get(seq) ?? 0) + hit.weight);
    for (const rowid of hit.rowids) passageWeight.set(rowid, (passageWeight.get(rowid) ?? 0) + hit.weight);
  }
  // Every document with some of the words (exclusions hold), and those that pass the filters.
  const all: Array<{ doc: DocFacts; covered: number; passes: boolean }> = [];
  for (const [seq, covered] of coverage) {
    const doc = table.get(seq);
    if (!doc || (without && without.has(seq)) || already.has(seq)) continue;
    all.push({ doc, covered: covered / totalWeight, passes: passes(doc, filters) });
  }
  const passing = all.filter((entry) => entry.passes);
  if (passing.length === 0) return { entries: [], candidates: all.map((entry) => entry.doc) };
  // Documents covering less than half of what the best one covers hold only common words: left
  // out of the list, and of the facets (which count what the list could show).
  let bestCoverage = 0;
  for (const entry of passing) bestCoverage = Math.max(bestCoverage, entry.covered);
  const threshold = bestCoverage / 2 - 1e-9;
  const candidates = all.filter((entry) => entry.covered >= threshold).map((entry) => entry.doc);
  const chunksBySeq = new Map<number, RankedChunk[]>();
  for (const [rowid, weight] of passageWeight) {
    const seq = seqOfRowid(rowid);
    let list = chunksBySeq.get(seq);
    if (!list) chunksBySeq.set(seq, (list = []));
    list.push({ rowid, score: weight / totalWeight });
  }
  const kept = passing
    .filter((entry) => entry.covered >= threshold)
    .map(({ doc, covered }) => {
      const chunks = (chunksBySeq.get(doc.seq) ?? []).sort((a, b) => b.score - a.score || a.rowid - b.rowid);
      return { doc, covered, best: chunks[0]?.score ?? 0, chunks };
    });
  // What the document covers, and what one of its passages covers: words of a question that stand
  // together in one passage (академиялық демалыс … құжаттар) say more than the same words scattered
  // over a long act.
  const rank = (entry: { covered: number; best: number }): number => (entry.covered + entry.best) / 2;
  kept.sort((a, b) => rank(b) - rank(a) || b.covered - a.covered || byDateDesc(a.doc, b.doc));
  const entries = kept.map(({ doc, covered, best, chunks }): ResultEntry => {
    const absent = hits.filter((hit) => !hit.seqs.has(doc.seq));
    // A common word's passages were read only for the newest documents: whether an older one has
    // it is asked only if the document is shown (settleMissing).
    const unsure = absent.filter((hit) => hit.truncated).map((hit) => ({ expr: hit.clause.expr, label: hit.clause.typed.join(' ') }));
    return {
      doc,
      score: rank({ covered, best }),
      chunks,
      match: null,
      missing: absent.filter((hit) => !hit.truncated).map((hit) => hit.clause.typed.join(' ')),
      ...(unsure.length ? { unsure } : {}),
      viaTranslation: false,
    };
  });
  return { entries, candidates };
}

const CONTAINS = { sql: 'SELECT 1 FROM search_fts WHERE search_fts MATCH ? AND rowid BETWEEN CAST(? AS INTEGER) AND CAST(? AS INTEGER) LIMIT 1', mode: 'pluck' } as const;

function containsClause(db: SqliteDatabase, expr: string, seq: number): boolean {
  return statement(db, CONTAINS).get(expr, chunkRowid(seq, 0), chunkRowid(seq, CHUNKS_PER_DOCUMENT - 1)) !== undefined;
}

/** The shown documents' missing words, with the common clauses not read for them asked now. */
function settleMissing(db: SqliteDatabase, shown: readonly ResultEntry[]): void {
  for (const entry of shown) {
    if (!entry.unsure) continue;
    for (const clause of entry.unsure) if (!containsClause(db, clause.expr, entry.doc.seq)) entry.missing.push(clause.label);
    delete entry.unsure;
  }
}

const TWINS = {
  sql: `SELECT d.id AS id, d.seq AS seq, d.lang AS lang, d.title AS title FROM relations r JOIN documents d ON d.id = CASE WHEN r.from_id = ? THEN r.to_id ELSE r.from_id END
        WHERE (r.from_id = ? OR r.to_id = ?) AND r.type = 'translation_of' AND r.deleted = 0 AND d.deleted = 0`,
  mode: 'object',
} as const;

/**
 * Translation pairs as one result: each document lists its other-language versions, and a version
 * whose twin is already higher in the list is not listed again. Only the first `needed` results
 * are looked at (the page asked for); the count of those dropped corrects the total.
 */
function withTwins(ctx: SearchContext, entries: readonly ResultEntry[], needed: number): { entries: ResultEntry[]; twins: Map<string, TwinVersion[]>; dropped: number } {
  const kept: ResultEntry[] = [];
  const twins = new Map<string, TwinVersion[]>();
  const keptSeqs = new Set<number>();
  let dropped = 0;
  const lookup = statement(ctx.db, TWINS);
  for (const entry of entries) {
    if (kept.length >= needed) {
      kept.push(entry);
      continue;
    }
    const rows = lookup.all(entry.doc.id, entry.doc.id, entry.doc.id) as Array<{ id: string; seq: number; lang: LanguageCode | null; title: string }>;
    if (rows.some((row) => keptSeqs.has(row.seq))) {
      dropped++;
      continue;
    }
    kept.push(entry);
    keptSeqs.add(entry.doc.seq);
    if (rows.length) twins.set(entry.doc.id, rows.map((row) => ({ id: row.id, lang: row.lang, title: row.title })));
  }
  return { entries: kept, twins, dropped };
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
  shown: ResultEntry[],
  highlight: MatchForms,
  pagesPerHit: number,
  warnings: string[],
  rankedPartially: boolean,
  match: string | null,
  twins: ReadonlyMap<string, TwinVersion[]> = new Map(),
): SearchResponse {
  const summaries: Map<string, DocumentSummary> = getDocumentSummaries(
    ctx.db,
    shown.map((entry) => entry.doc.id),
  );
  // Chunk positions first, page text only for the pages shown (a page can be a whole code of law).
  const chunkInfo = statement(ctx.db, CHUNK_INFO);
  const passageText = statement(ctx.db, PASSAGE_TEXT);
  const rankWithin = statement(ctx.db, RANK_WITHIN);
  const hits: SearchHit[] = [];
  for (const entry of shown) {
    const summary = summaries.get(entry.doc.id);
    if (!summary) continue;
    // Stable sort: passages of equal score keep their (document) order.
    let chunks = [...entry.chunks].sort((a, b) => b.score - a.score);
    const entryMatch = entry.match === undefined ? match : entry.match;
    if (chunks.length === 0 && entryMatch) {
      const rows = rankWithin.all(entryMatch, chunkRowid(entry.doc.seq, 0), chunkRowid(entry.doc.seq, CHUNKS_PER_DOCUMENT - 1)) as Array<[number, number]>;
      chunks = rows.map(([rowid, score]) => ({ rowid, score }));
    }
    const pages: SearchHit['pages'] = [];
    const pagesSeen = new Set<number>();
    for (const chunk of chunks) {
      if (pages.length >= pagesPerHit) break;
      const info = chunkInfo.get(chunk.rowid) as { pageId: number; start: number; end: number; pageNo: number; ocr: number } | undefined;
      if (!info || pagesSeen.has(info.pageNo)) continue;
      pagesSeen.add(info.pageNo);
      const passage = String(passageText.get(info.start, info.end - info.start, info.pageId) ?? '');
      pages.push({ page: info.pageNo, snippet: makeSnippet(passage, highlight, summary.lang), ocr: info.ocr === 1 });
      if (pagesSeen.size >= summary.pageCount) break;
    }
    hits.push({ ...summary, score: Math.round(entry.score * 1000) / 1000, pages, missing: entry.missing, viaTranslation: entry.viaTranslation, twins: twins.get(entry.doc.id) ?? [] });
  }
  return {
    query: request.query,
    total,
    tookMs: Math.round((performance.now() - started) * 10) / 10,
    hits,
    facets,
    didYouMean: null,
    fullMatches: total,
    ignoredWords: [],
    corrections: [],
    highlightWords: [],
    warnings,
    rankedPartially,
    totalIsEstimate: false,
    facetsPartial: false,
  };
}
