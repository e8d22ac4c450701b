/**
 * The library: browsing the archive without a query, by kind, year, issuer, language, tag and
 * review state, with counts for each (each facet counted over the other filters, so choosing a
 * kind still shows every year the kind has).
 */
import type { FacetCount } from '../../../shared/domain/search';
import type { LibraryItem, LibraryRequest, LibraryResponse, LibrarySort } from '../../../shared/domain/library';
import type { SqliteDatabase } from '../db/sqlite';
import { getDetections } from './detection';
import { getDocumentSummaries } from './repository';

type FacetName = 'kind' | 'year' | 'lang' | 'issuer' | 'tag';

const ORDER_BY: Record<LibrarySort, { asc: string; desc: string; natural: 'asc' | 'desc' }> = {
  date: { asc: 'd.date IS NULL, d.date ASC, d.created_at ASC', desc: 'd.date IS NULL, d.date DESC, d.created_at DESC', natural: 'desc' },
  added: { asc: 'd.created_at ASC', desc: 'd.created_at DESC', natural: 'desc' },
  title: { asc: 'd.title COLLATE NOCASE ASC', desc: 'd.title COLLATE NOCASE DESC', natural: 'asc' },
  number: { asc: 'd.number IS NULL, d.number_key ASC', desc: 'd.number IS NULL, d.number_key DESC', natural: 'asc' },
};

const MAX_LIMIT = 500;
const FACET_LIMIT = 30;

interface Condition {
  facet: FacetName | 'review';
  sql: string;
  params: unknown[];
}

function placeholders(count: number): string {
  return Array.from({ length: count }, () => '?').join(', ');
}

function conditionsOf(request: LibraryRequest): Condition[] {
  const conditions: Condition[] = [];
  if (request.kinds?.length) conditions.push({ facet: 'kind', sql: `d.kind IN (${placeholders(request.kinds.length)})`, params: request.kinds });
  if (request.years?.length) {
    conditions.push({ facet: 'year', sql: `CAST(substr(d.date, 1, 4) AS INTEGER) IN (${placeholders(request.years.length)})`, params: request.years });
  }
  if (request.langs?.length) conditions.push({ facet: 'lang', sql: `d.lang IN (${placeholders(request.langs.length)})`, params: request.langs });
  if (request.issuers?.length) conditions.push({ facet: 'issuer', sql: `d.issuer IN (${placeholders(request.issuers.length)})`, params: request.issuers });
  if (request.tags?.length) {
    conditions.push({
      facet: 'tag',
      sql: `d.id IN (SELECT document_id FROM document_tags WHERE tag IN (${placeholders(request.tags.length)}))`,
      params: request.tags,
    });
  }
  if (request.reviewPending) conditions.push({ facet: 'review', sql: 'd.review_pending = 1', params: [] });
  return conditions;
}

function whereOf(conditions: readonly Condition[], except?: FacetName): { sql: string; params: unknown[] } {
  const used = conditions.filter((condition) => condition.facet !== except);
  return {
    sql: ['d.deleted = 0', ...used.map((condition) => condition.sql)].join(' AND '),
    params: used.flatMap((condition) => condition.params),
  };
}

const FACET_SQL: Record<FacetName, (where: string) => string> = {
  kind: (where) => `SELECT d.kind AS value, count(*) AS count FROM documents d WHERE ${where} GROUP BY d.kind ORDER BY count DESC, value`,
  year: (where) =>
    `SELECT substr(d.date, 1, 4) AS value, count(*) AS count FROM documents d WHERE ${where} AND d.date IS NOT NULL GROUP BY value ORDER BY value DESC`,
  lang: (where) => `SELECT d.lang AS value, count(*) AS count FROM documents d WHERE ${where} AND d.lang IS NOT NULL GROUP BY d.lang ORDER BY count DESC, value`,
  issuer: (where) =>
    `SELECT d.issuer AS value, count(*) AS count FROM documents d WHERE ${where} AND d.issuer IS NOT NULL GROUP BY d.issuer ORDER BY count DESC, value LIMIT ${FACET_LIMIT}`,
  tag: (where) =>
    `SELECT t.tag AS value, count(*) AS count FROM document_tags t JOIN documents d ON d.id = t.document_id WHERE ${where} GROUP BY t.tag ORDER BY count DESC, value LIMIT ${FACET_LIMIT}`,
};

export function browseLibrary(db: SqliteDatabase, request: LibraryRequest): LibraryResponse {
  const conditions = conditionsOf(request);
  const where = whereOf(conditions);
  const sort = ORDER_BY[request.sort ?? 'date'];
  const direction = request.direction ?? sort.natural;
  const limit = Math.max(1, Math.min(request.limit ?? 50, MAX_LIMIT));
  const offset = Math.max(0, request.offset ?? 0);

  const total = (db.prepare(`SELECT count(*) AS n FROM documents d WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
  const ids = (
    db.prepare(`SELECT d.id AS id FROM documents d WHERE ${where.sql} ORDER BY ${sort[direction]}, d.id LIMIT ? OFFSET ?`).all(...where.params, limit, offset) as Array<{ id: string }>
  ).map((row) => row.id);
  const summaries = getDocumentSummaries(db, ids);
  const tagsOf = db.prepare('SELECT tag FROM document_tags WHERE document_id = ? ORDER BY tag');
  const pendingOf = db.prepare('SELECT review_pending AS p FROM documents WHERE id = ?');
  const items: LibraryItem[] = [];
  // Only the documents waiting for review carry their detection (their marks and candidates).
  const detections = getDetections(db, ids, { pendingOnly: true });
  for (const id of ids) {
    const summary = summaries.get(id);
    if (!summary) continue;
    items.push({
      ...summary,
      tags: (tagsOf.all(id) as Array<{ tag: string }>).map((row) => row.tag),
      reviewPending: (pendingOf.get(id) as { p: number }).p === 1,
      ...(detections.has(id) ? { detection: detections.get(id) } : {}),
    });
  }

  const facet = (name: FacetName): FacetCount[] => {
    const scope = whereOf(conditions, name);
    return db.prepare(FACET_SQL[name](scope.sql)).all(...scope.params) as FacetCount[];
  };
  const reviewPending = (db.prepare('SELECT count(*) AS n FROM documents WHERE review_pending = 1 AND deleted = 0').get() as { n: number }).n;
  return {
    total,
    items,
    facets: { kind: facet('kind'), year: facet('year'), lang: facet('lang'), issuer: facet('issuer'), tag: facet('tag') },
    reviewPending,
  };
}

/** Every tag in use with its count (for tag suggestions in the editor). */
export function allTags(db: SqliteDatabase): FacetCount[] {
  return db
    .prepare('SELECT t.tag AS value, count(*) AS count FROM document_tags t JOIN documents d ON d.id = t.document_id WHERE d.deleted = 0 GROUP BY t.tag ORDER BY count DESC, value LIMIT 500')
    .all() as FacetCount[];
}
