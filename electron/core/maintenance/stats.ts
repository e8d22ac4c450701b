import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ArchiveStats } from '../../../shared/domain/document';
import type { ArchiveContext } from '../context';
import { readMeta } from '../db/meta';
import { ARCHIVE_DB_FILE } from '../layout';

function countBy(ctx: ArchiveContext, expression: string): Record<string, number> {
  const rows = ctx.db
    .prepare(`SELECT ${expression} AS key, count(*) AS n FROM documents WHERE deleted = 0 GROUP BY key ORDER BY n DESC, key`)
    .all() as Array<{ key: string | null; n: number }>;
  return Object.fromEntries(rows.map((row) => [row.key ?? 'unknown', row.n]));
}

export function collectStats(ctx: ArchiveContext): ArchiveStats {
  const { db } = ctx;
  const one = (sql: string): number => (db.prepare(sql).get() as { n: number | null }).n ?? 0;
  let databaseBytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      databaseBytes += fs.statSync(path.join(ctx.dataDir, ARCHIVE_DB_FILE + suffix)).size;
    } catch {
      // no WAL file right now
    }
  }
  return {
    archiveId: ctx.archiveId,
    archiveName: readMeta(db, 'name') ?? '',
    documents: one('SELECT count(*) AS n FROM documents WHERE deleted = 0'),
    pages: one('SELECT count(*) AS n FROM pages p JOIN documents d ON d.id = p.document_id WHERE d.deleted = 0'),
    needsOcr: one('SELECT count(*) AS n FROM documents WHERE deleted = 0 AND needs_ocr = 1'),
    files: one('SELECT count(DISTINCT sha256) AS n FROM files'),
    storedBytes: one('SELECT sum(size) AS n FROM (SELECT max(size) AS size FROM files GROUP BY sha256)'),
    databaseBytes,
    byKind: countBy(ctx, 'kind'),
    byLang: countBy(ctx, 'lang'),
    byYear: countBy(ctx, 'substr(date, 1, 4)'),
  };
}
