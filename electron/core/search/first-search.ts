import type { DocumentSummary } from '../../../shared/domain/document';
import { normalizeWord, WORD_PATTERN } from '../../../shared/text/normalize';
import type { SqliteDatabase } from '../db/sqlite';
import { getDocumentSummaries } from '../documents/repository';

/**
 * A first, usable search: every word of the query must occur (as a word prefix, which covers
 * most Kazakh and Russian inflection: `кеңес` finds `кеңестің`), ranked by bm25 with title and
 * number above body. The query is never passed to FTS5 as syntax: words are extracted and
 * quoted, so any input string is safe. The search issue replaces the analysis and ranking.
 */

export interface PageHit {
  page: number;
  snippet: string;
}

export interface SearchHit extends DocumentSummary {
  score: number;
  pages: PageHit[];
}

export interface SearchResult {
  query: string;
  total: number;
  tookMs: number;
  hits: SearchHit[];
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Best pages listed per document. */
  pagesPerHit?: number;
}

/** Column weights for bm25: title, number, body. */
const BM25_WEIGHTS = '10.0, 8.0, 1.0';
/** Upper bound on page hits considered for grouping; keeps head terms bounded. */
const MAX_PAGE_CANDIDATES = 5000;
const MAX_QUERY_WORDS = 16;

export function queryWords(query: string): string[] {
  const words = (query.normalize('NFC').match(WORD_PATTERN) ?? []).map(normalizeWord).filter((word) => word.length > 0);
  return [...new Set(words)].slice(0, MAX_QUERY_WORDS);
}

/** Builds an FTS5 expression from words only: each quoted (quotes doubled) and prefix-matched. */
export function buildMatchExpression(words: readonly string[]): string {
  return words.map((word) => `"${word.replace(/"/g, '""')}"*`).join(' AND ');
}

export function searchDocuments(db: SqliteDatabase, query: string, options: SearchOptions = {}): SearchResult {
  const started = performance.now();
  const limit = Math.max(1, Math.min(options.limit ?? 20, 500));
  const offset = Math.max(0, options.offset ?? 0);
  const pagesPerHit = Math.max(1, Math.min(options.pagesPerHit ?? 3, 20));
  const words = queryWords(query);
  if (words.length === 0) return { query, total: 0, tookMs: 0, hits: [] };

  const candidates = db
    .prepare(
      `SELECT p.id AS pageRowId, p.document_id AS documentId, p.page_no AS pageNo, bm25(page_fts, ${BM25_WEIGHTS}) AS score
       FROM page_fts JOIN pages p ON p.id = page_fts.rowid JOIN documents d ON d.id = p.document_id
       WHERE page_fts MATCH ? AND d.deleted = 0
       ORDER BY score LIMIT ${MAX_PAGE_CANDIDATES}`,
    )
    .all(buildMatchExpression(words)) as Array<{ pageRowId: number; documentId: string; pageNo: number; score: number }>;

  // Group pages by document; bm25 is negative (lower is better), candidates arrive best first.
  const grouped = new Map<string, { score: number; pages: Array<{ pageNo: number; pageRowId: number }> }>();
  for (const candidate of candidates) {
    let group = grouped.get(candidate.documentId);
    if (!group) {
      group = { score: candidate.score, pages: [] };
      grouped.set(candidate.documentId, group);
    }
    if (group.pages.length < pagesPerHit) group.pages.push({ pageNo: candidate.pageNo, pageRowId: candidate.pageRowId });
  }
  const ordered = [...grouped.entries()].slice(offset, offset + limit);
  const summaries = getDocumentSummaries(
    db,
    ordered.map(([id]) => id),
  );
  // Page texts are read only for the hits shown: a page can be a whole code of law.
  const pageText = db.prepare('SELECT text FROM pages WHERE id = ?').pluck();
  const hits: SearchHit[] = [];
  for (const [id, group] of ordered) {
    const summary = summaries.get(id);
    if (!summary) continue;
    hits.push({
      ...summary,
      score: Math.round(-group.score * 1000) / 1000,
      pages: group.pages.map((page) => ({ page: page.pageNo, snippet: makeSnippet(String(pageText.get(page.pageRowId) ?? ''), words) })),
    });
  }
  return { query, total: grouped.size, tookMs: Math.round((performance.now() - started) * 10) / 10, hits };
}

/**
 * Where the first query word occurs, found cheaply: a case-folded `indexOf` per word, then a
 * word-by-word scan only if that fails (homoglyphs). Pages can be a whole code of law (1 MB).
 */
function firstMatchOffset(text: string, words: readonly string[]): number {
  const folded = text.toLowerCase();
  let best = -1;
  for (const word of words) {
    let from = 0;
    while (from < folded.length) {
      const at = folded.indexOf(word, from);
      if (at < 0) break;
      const before = at > 0 ? folded[at - 1] ?? '' : '';
      if (!/[\p{L}\p{N}]/u.test(before)) {
        if (best < 0 || at < best) best = at;
        break;
      }
      from = at + 1;
    }
  }
  if (best >= 0) return best;
  for (const match of text.matchAll(WORD_PATTERN)) {
    const normalized = normalizeWord(match[0]);
    if (words.some((word) => normalized.startsWith(word))) return match.index;
  }
  return -1;
}

/**
 * A window of the original page text around the first match, with every matched word in the
 * window marked `[like this]`. Matching uses the same normalisation as the index.
 */
export function makeSnippet(text: string, words: readonly string[], radius = 90): string {
  const first = firstMatchOffset(text, words);
  const center = first >= 0 ? first : 0;
  let start = Math.max(0, center - radius);
  let end = Math.min(text.length, center + radius * 2);
  // Do not cut words in half.
  while (start > 0 && /\S/.test(text[start - 1] ?? '')) start--;
  while (end < text.length && /\S/.test(text[end] ?? '')) end++;
  const window = text.slice(start, end);
  let out = '';
  let cursor = 0;
  for (const match of window.matchAll(WORD_PATTERN)) {
    const normalized = normalizeWord(match[0]);
    if (!words.some((word) => normalized.startsWith(word))) continue;
    out += window.slice(cursor, match.index) + '[' + match[0] + ']';
    cursor = match.index + match[0].length;
  }
  out += window.slice(cursor);
  return (start > 0 ? '…' : '') + out.replace(/\s+/g, ' ').trim() + (end < text.length ? '…' : '');
}
