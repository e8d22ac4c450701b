/**
 * The Sync screen's side of the contract: identity, trusted offices, export, inspect and import
 * of bundles, conflicts, the bundle history, and the sync folder. Bundle files come from a path
 * (desktop) or an upload (browser mode), exactly like documents.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ContractEvent } from '../../../shared/contract';
import type { BundleExportOutcome, BundleInspection, ConflictInfo, SyncFolderBundle, TrustedOfficeInfo } from '../../../shared/domain/exchange';
import type { ImportSource } from '../../../shared/domain/import';
import { MuragatError, toErrorInfo } from '../../../shared/errors';
import type { Archive } from '../archive';
import { openBundle } from '../bundles/container';
import { listConflicts, resolveConflict } from '../bundles/conflicts';
import { exportBundle, type ExportResult, type ExportSelection } from '../bundles/export';
import { BUNDLE_EXTENSION } from '../bundles/format';
import { fingerprintOf, loadOrCreateKeyPair } from '../bundles/identity';
import { importBundle } from '../bundles/import';
import { bundleHistory, findTrustedOffice, listTrustedOffices, trustOffice, untrustOffice, wasReceived } from '../bundles/offices';
import { deleteMeta, readMeta, writeMeta } from '../db/meta';
import { OUTBOX_DIR } from '../layout';
import { confineBundleFile, confineExportFolder } from './browser-paths';
import type { ContractHandlers } from './handlers';
import type { UploadStore } from './uploads';

type ExchangeMethods = Extract<keyof ContractHandlers, `exchange.${string}`>;

const SYNC_FOLDER_KEY = 'sync_folder';

/** `hidePath`: a browser gets the file's name only, never a path of the serving computer. */
function toOutcome(result: ExportResult, hidePath: boolean): BundleExportOutcome {
  const fileName = path.basename(result.path);
  return { ...result, path: hidePath ? fileName : result.path, fileName };
}

function bundleFileName(archive: Archive, to: string | null): string {
  const stamp = archive.context.now().toISOString().replace(/[:.]/g, '-');
  return `${archive.archiveId}${to ? `-to-${to}` : ''}-${stamp}${BUNDLE_EXTENSION}`;
}

/** Field-by-field differences between the current document and a conflict's losing version. */
function differences(current: Record<string, unknown>, losing: Record<string, unknown>): ConflictInfo['differences'] {
  // (Whether a side was a deletion shows in the history; the current document is always live here.)
  const fields = ['title', 'kind', 'number', 'date', 'issuer', 'council', 'lang', 'status', 'notes', 'tags'];
  const show = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : value === null || value === undefined ? '' : String(value));
  return fields
    .filter((field) => field in losing && show(current[field]) !== show(losing[field]))
    .map((field) => ({ field, current: show(current[field]), losing: show(losing[field]) }));
}

export function createExchangeHandlers(
  archive: Archive,
  uploads: UploadStore | null,
  emit: (event: ContractEvent) => void,
  /** Browser mode: bundles by path only from the outbox or the sync folder (see browser-paths.ts). */
  confinePaths = false,
): Pick<ContractHandlers, ExchangeMethods> {
  const ctx = archive.context;
  const { db } = ctx;

  const resolveSource = async (source: ImportSource): Promise<string> => {
    if (source.type === 'path') {
      if (!path.isAbsolute(source.path)) throw new MuragatError('INVALID_INPUT', `not an absolute path: ${source.path}`, { field: 'path' });
      return confinePaths ? confineBundleFile(archive.dataDir, source.path, syncFolder()) : source.path;
    }
    if (!uploads) throw new MuragatError('NOT_SUPPORTED', 'this host takes file paths, not uploads');
    return uploads.resolve(source.uploadId);
  };

  /** A bundle export as a job: progress by entries, cancelled between them with no partial file left. */
  const exportAsJob = (out: string, selection: ExportSelection): Promise<ExportResult> =>
    archive.jobs.run('bundle-export', { unit: 'entries' }, (job) =>
      exportBundle(ctx, out, selection, { signal: job.signal, onProgress: (done, total) => job.progress({ done, total }) }),
    );

  const officeInfo = (archiveId: string): TrustedOfficeInfo => {
    const office = listTrustedOffices(db).find((o) => o.archiveId === archiveId);
    if (!office) throw new MuragatError('NOT_FOUND', `no trusted office ${archiveId}`);
    const last = (direction: 'sent' | 'received'): string | null =>
      (db.prepare('SELECT max(logged_at) AS at FROM bundle_log WHERE office_id = ? AND direction = ?').get(archiveId, direction) as { at: string | null }).at;
    return { archiveId: office.archiveId, name: office.name, fingerprint: office.fingerprint, addedAt: office.addedAt, lastSentAt: last('sent'), lastReceivedAt: last('received') };
  };

  const syncFolder = (): string | null => readMeta(db, SYNC_FOLDER_KEY) ?? null;

  const inspect = async (file: string): Promise<BundleInspection> => {
    const preview = await importBundle(ctx, file, { dryRun: true, trustSigner: true });
    const trusted = findTrustedOffice(db, preview.from.archiveId);
    return {
      bundleId: preview.bundle,
      from: preview.from,
      createdAt: preview.createdAt,
      signer: preview.from.archiveId === archive.archiveId ? 'self' : trusted ? 'trusted' : 'unknown',
      alreadyImported: preview.alreadyImported,
      counts: { added: preview.added, updated: preview.updated, unchanged: preview.unchanged, conflicts: preview.conflicts, deleted: preview.deleted, files: preview.files },
    };
  };

  return {
    'exchange.identity': () => {
      const keys = loadOrCreateKeyPair(archive.dataDir);
      return { archiveId: archive.archiveId, name: readMeta(db, 'name') ?? '', fingerprint: fingerprintOf(keys.publicKey), publicKey: keys.publicKey };
    },
    'exchange.offices': () => listTrustedOffices(db).map((office) => officeInfo(office.archiveId)),
    'exchange.trust': (office) => officeInfo(trustOffice(db, office, ctx.now(), archive.archiveId).archiveId),
    'exchange.untrust': ({ archiveId }) => {
      if (!untrustOffice(db, archiveId)) throw new MuragatError('NOT_FOUND', `no trusted office ${archiveId}`);
    },
    'exchange.export': async ({ selection, folder }) => {
      const dir = confinePaths ? confineExportFolder(archive.dataDir, folder, syncFolder()) : (folder ?? path.join(archive.dataDir, OUTBOX_DIR));
      if (!path.isAbsolute(dir)) throw new MuragatError('INVALID_INPUT', `not an absolute path: ${dir}`, { field: 'folder' });
      fs.mkdirSync(dir, { recursive: true });
      const to = selection.kind === 'office' ? (findTrustedOffice(db, selection.office)?.archiveId ?? selection.office) : null;
      return toOutcome(await exportAsJob(path.join(dir, bundleFileName(archive, to)), selection), confinePaths);
    },
    'exchange.inspect': async ({ source }) => inspect(await resolveSource(source)),
    'exchange.import': async ({ source, trustSigner }) => {
      const file = await resolveSource(source);
      try {
        // A job (progress as `job.progress`, cancel by `jobs.cancel` before the commit).
        const result = await archive.jobs.run('bundle-import', { unit: 'files' }, (job) =>
          importBundle(ctx, file, { trustSigner: trustSigner === true, signal: job.signal, onProgress: (done, total) => job.progress({ done, total }) }),
        );
        if (result.applied) emit({ name: 'archive.changed', payload: { reason: 'bundle' } });
        return {
          bundleId: result.bundle,
          from: result.from,
          applied: result.applied,
          alreadyImported: result.alreadyImported,
          conflictIds: result.conflictIds,
          added: result.added,
          updated: result.updated,
          unchanged: result.unchanged,
          conflicts: result.conflicts,
          deleted: result.deleted,
          files: result.files,
        };
      } finally {
        if (source.type === 'upload') await uploads?.remove(source.uploadId);
      }
    },
    'exchange.conflicts': () =>
      listConflicts(ctx).map((conflict) => {
        const current = { ...archive.get(conflict.documentId) } as unknown as Record<string, unknown>;
        return {
          id: conflict.id,
          documentId: conflict.documentId,
          title: conflict.title,
          losingSide: conflict.losingSide,
          createdAt: conflict.createdAt,
          differences: differences(current, conflict.losing),
        };
      }),
    'exchange.resolve': ({ id, keep }) => {
      resolveConflict(ctx, id, keep);
      emit({ name: 'archive.changed', payload: { reason: 'edit' } });
    },
    'exchange.history': () => bundleHistory(db).map(({ officeId: _officeId, ...entry }) => entry),
    'exchange.syncFolder': () => ({ folder: syncFolder() }),
    'exchange.setSyncFolder': ({ folder }) => {
      // Which folder of the server is shared is decided at the server (desktop app or CLI).
      if (confinePaths) throw new MuragatError('NOT_SUPPORTED', 'the sync folder is set in the desktop app, or by starting the server with muragat serve --sync-folder DIR', { field: 'folder' });
      if (folder === null) deleteMeta(db, SYNC_FOLDER_KEY);
      else {
        if (!path.isAbsolute(folder)) throw new MuragatError('INVALID_INPUT', `not an absolute path: ${folder}`, { field: 'folder' });
        fs.mkdirSync(folder, { recursive: true });
        writeMeta(db, SYNC_FOLDER_KEY, folder);
      }
      return { folder: syncFolder() };
    },
    'exchange.syncList': async () => {
      const folder = syncFolder();
      if (!folder || !fs.existsSync(folder)) return [];
      const found: SyncFolderBundle[] = [];
      for (const fileName of fs.readdirSync(folder).filter((name) => name.endsWith(BUNDLE_EXTENSION)).sort()) {
        try {
          const bundle = await openBundle(path.join(folder, fileName));
          const { manifest } = bundle;
          await bundle.close();
          const own = manifest.source.archiveId === archive.archiveId;
          const forOther = manifest.recipient !== null && manifest.recipient.archiveId !== archive.archiveId;
          if (own || forOther || wasReceived(db, manifest.bundleId)) continue;
          found.push({ fileName, bundleId: manifest.bundleId, from: { archiveId: manifest.source.archiveId, name: manifest.source.name, fingerprint: bundle.fingerprint }, createdAt: manifest.createdAt, errorCode: null });
        } catch (error) {
          found.push({ fileName, bundleId: null, from: null, createdAt: null, errorCode: toErrorInfo(error).code });
        }
      }
      return found;
    },
    'exchange.syncSend': async ({ offices }) => {
      const folder = syncFolder();
      if (!folder) throw new MuragatError('INVALID_INPUT', 'no sync folder is set', { field: 'folder' });
      fs.mkdirSync(folder, { recursive: true });
      const targets = offices ?? listTrustedOffices(db).map((office) => office.archiveId);
      const results: BundleExportOutcome[] = [];
      for (const target of targets) {
        const office = findTrustedOffice(db, target);
        if (!office) throw new MuragatError('NOT_FOUND', `no trusted office ${target}`);
        results.push(toOutcome(await exportAsJob(path.join(folder, bundleFileName(archive, office.archiveId)), { kind: 'office', office: office.archiveId }), confinePaths));
      }
      return results;
    },
  };
}
