/**
 * Conflicts: documents that two offices changed independently. The newer version won when the
 * bundle was imported; the other one waits in the document's history until someone decides.
 * "Keep mine" / "keep theirs" either confirms the winner or brings the loser's details back as a
 * new edit (a new version, which then travels to the other offices like any edit).
 */
import { MuragatError } from '../../../shared/errors';
import type { ArchiveContext } from '../context';
import { updateDocument } from '../documents/edit';
import type { DocumentPatch } from '../../../shared/domain/library';

export interface ConflictEntry {
  /** History row id (what `resolve` takes). */
  id: number;
  documentId: string;
  title: string;
  /** Which side lost when the bundle was applied. */
  losingSide: 'mine' | 'theirs';
  losingVersion: string;
  currentVersion: string;
  bundleId: string | null;
  createdAt: string;
  /** The losing version's details (metadata and tags). */
  losing: Record<string, unknown>;
}

export function listConflicts(ctx: ArchiveContext): ConflictEntry[] {
  const rows = ctx.db
    .prepare(
      `SELECT h.id, h.document_id AS documentId, d.title, h.side, h.version AS losingVersion, d.version AS currentVersion,
              h.bundle_id AS bundleId, h.created_at AS createdAt, h.record
       FROM document_history h JOIN documents d ON d.id = h.document_id
       WHERE h.resolved_at IS NULL ORDER BY h.created_at DESC, h.id DESC`,
    )
    .all() as Array<Omit<ConflictEntry, 'losingSide' | 'losing'> & { side: 'mine' | 'theirs'; record: string }>;
  return rows.map(({ side, record, ...row }) => ({ ...row, losingSide: side, losing: JSON.parse(record) as Record<string, unknown> }));
}

const PATCH_FIELDS = ['kind', 'title', 'number', 'date', 'issuer', 'council', 'lang', 'status', 'notes', 'tags'] as const;

/** The details of a stored losing version as a patch (row snapshots use column names, records camelCase). */
function patchOfLosing(losing: Record<string, unknown>): DocumentPatch {
  const patch: Record<string, unknown> = {};
  for (const field of PATCH_FIELDS) if (field in losing) patch[field] = losing[field];
  return patch as DocumentPatch;
}

export function resolveConflict(ctx: ArchiveContext, historyId: number, keep: 'mine' | 'theirs'): void {
  const { db } = ctx;
  const row = db.prepare('SELECT document_id AS documentId, side, record, resolved_at AS resolvedAt FROM document_history WHERE id = ?').get(historyId) as
    | { documentId: string; side: 'mine' | 'theirs'; record: string; resolvedAt: string | null }
    | undefined;
  if (!row) throw new MuragatError('NOT_FOUND', `no conflict ${historyId}`, { id: historyId });
  if (row.resolvedAt) throw new MuragatError('INVALID_INPUT', `conflict ${historyId} is already resolved`, { id: historyId });
  db.transaction(() => {
    // Keeping the side that lost means making its details the current ones again, as a new edit.
    if (keep === row.side) {
      const losing = JSON.parse(row.record) as Record<string, unknown>;
      if (losing.deleted === true || losing.deleted === 1) {
        db.prepare('UPDATE document_history SET resolved_at = ?, resolution = ? WHERE id = ?').run(ctx.now().toISOString(), keep, historyId);
        return;
      }
      updateDocument(ctx, row.documentId, patchOfLosing(losing));
    }
    db.prepare('UPDATE document_history SET resolved_at = ?, resolution = ? WHERE id = ?').run(ctx.now().toISOString(), keep, historyId);
  }).immediate();
}
