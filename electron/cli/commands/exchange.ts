/**
 * Exchange between offices from the command line: this archive's identity, the trusted offices,
 * making, checking and importing bundles, conflicts, and a sync folder (a network share or a USB
 * stick) where bundles for other offices are written and theirs are picked up.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MuragatError } from '../../../shared/errors';
import { openBundle } from '../../core/bundles/container';
import { listConflicts, resolveConflict } from '../../core/bundles/conflicts';
import { exportBundle, type ExportSelection } from '../../core/bundles/export';
import { BUNDLE_EXTENSION } from '../../core/bundles/format';
import { fingerprintOf, loadOrCreateKeyPair } from '../../core/bundles/identity';
import { importBundle } from '../../core/bundles/import';
import { findTrustedOffice, listTrustedOffices, trustOffice, untrustOffice, wasReceived } from '../../core/bundles/offices';
import { readMeta } from '../../core/db/meta';
import { EXIT_FAILED, EXIT_OK, usageError, type Command } from '../command';
import { formatBytes, printJson } from '../output';
import { runCancellable } from './job-progress';

export const identityCommand: Command = {
  name: 'identity',
  summary: "this archive's id, name and key fingerprint (read it out to the other office)",
  usage: 'identity [--name NAME]',
  options: { name: { type: 'string' } },
  async run({ archive, values, json, io }) {
    const { db } = archive.context;
    if (typeof values.name === 'string') {
      const name = values.name.replace(/\s+/g, ' ').trim();
      if (!name || name.length > 200) throw usageError('--name takes 1 to 200 characters');
      db.prepare("INSERT INTO archive_meta (key, value) VALUES ('name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(name);
    }
    const keys = loadOrCreateKeyPair(archive.dataDir);
    const identity = { archiveId: archive.archiveId, name: readMeta(db, 'name') ?? '', fingerprint: fingerprintOf(keys.publicKey), publicKey: keys.publicKey };
    if (json) printJson(io, identity);
    else {
      io.out(`archive      ${identity.archiveId}\nname         ${identity.name}\nfingerprint  ${identity.fingerprint}\npublic key   ${identity.publicKey}\n`);
      io.out(`\nAnother office trusts this archive with:\n  muragat trust add --id ${identity.archiveId} --name "${identity.name}" --key ${identity.publicKey}\n`);
    }
    return EXIT_OK;
  },
};

export const trustCommand: Command = {
  name: 'trust',
  summary: 'offices whose bundles are accepted: add (from a bundle or a key), list, remove',
  usage: 'trust add BUNDLE [--fingerprint F] | trust add --id ID --name NAME --key KEY | trust list | trust remove OFFICE',
  options: { id: { type: 'string' }, name: { type: 'string' }, key: { type: 'string' }, fingerprint: { type: 'string' } },
  async run({ archive, positionals, values, json, io }) {
    const { db } = archive.context;
    const [action, target] = positionals;
    if (action === 'list') {
      const offices = listTrustedOffices(db);
      if (json) printJson(io, offices);
      else if (offices.length === 0) io.out('no trusted offices yet (muragat trust add)\n');
      else for (const office of offices) io.out(`${office.fingerprint}  ${office.archiveId}  ${office.name}\n`);
      return EXIT_OK;
    }
    if (action === 'remove') {
      if (!target) throw usageError('name the office to remove (its id or name)');
      if (!untrustOffice(db, target)) throw new MuragatError('NOT_FOUND', `no trusted office "${target}"`);
      if (!json) io.out(`no longer trusted: ${target}\n`);
      else printJson(io, { removed: target });
      return EXIT_OK;
    }
    if (action !== 'add') throw usageError('trust add | list | remove');
    let office: { archiveId: string; name: string; publicKey: string };
    if (target) {
      // From a bundle the office sent: its id, name and key, once the signature checks out.
      const bundle = await openBundle(path.resolve(target));
      try {
        office = { ...bundle.manifest.source };
      } finally {
        await bundle.close();
      }
      if (typeof values.name === 'string') office.name = values.name;
    } else {
      if (typeof values.id !== 'string' || typeof values.name !== 'string' || typeof values.key !== 'string') throw usageError('give a bundle, or --id, --name and --key');
      office = { archiveId: values.id, name: values.name, publicKey: values.key };
    }
    const fingerprint = fingerprintOf(office.publicKey);
    if (typeof values.fingerprint === 'string' && values.fingerprint.replace(/[-\s]/g, '').toUpperCase() !== fingerprint.replace(/-/g, '')) {
      throw new MuragatError('BUNDLE_BAD_SIGNATURE', `the key's fingerprint is ${fingerprint}, not ${values.fingerprint}: do not trust it`, { fingerprint });
    }
    const trusted = trustOffice(db, office, archive.context.now(), archive.archiveId);
    if (json) printJson(io, trusted);
    else io.out(`trusted: ${trusted.name} (${trusted.archiveId}), fingerprint ${trusted.fingerprint}\n`);
    return EXIT_OK;
  },
};

function selectionOf(values: Record<string, unknown>): ExportSelection {
  const chosen = [typeof values.to === 'string', values.all === true, typeof values.ids === 'string'].filter(Boolean).length;
  if (chosen !== 1) throw usageError('choose one of --to OFFICE, --all, --ids ID,ID…');
  if (typeof values.to === 'string') return { kind: 'office', office: values.to };
  if (typeof values.ids === 'string') return { kind: 'ids', ids: values.ids.split(/[,\s]+/).filter(Boolean) };
  return { kind: 'all' };
}

export const exportBundleCommand: Command = {
  name: 'export-bundle',
  summary: 'write a signed bundle: what changed since the last one sent to an office, everything, or chosen documents',
  usage: 'export-bundle OUT [--to OFFICE | --all | --ids ID,…]',
  options: { to: { type: 'string' }, all: { type: 'boolean', default: false }, ids: { type: 'string' } },
  async run({ archive, positionals, values, json, io }) {
    const out = positionals[0];
    if (!out) throw usageError('give the bundle file to write (e.g. atyrau-2026-11.muragat)');
    const target = path.resolve(out.endsWith(BUNDLE_EXTENSION) ? out : `${out}${BUNDLE_EXTENSION}`);
    const selection = selectionOf(values);
    // A job: Ctrl+C stops between entries and removes the partial file.
    const outcome = await runCancellable(io, json, { label: 'writing the bundle:', unit: 'entries' }, 'export cancelled: no bundle was written', (signal, onProgress) =>
      archive.jobs.run('bundle-export', { unit: 'entries', signal }, (job) =>
        exportBundle(archive.context, target, selection, {
          signal: job.signal,
          onProgress: (done, total) => {
            job.progress({ done, total });
            onProgress(done, total);
          },
        }),
      ),
    );
    if (!outcome) return EXIT_FAILED;
    const result = outcome.value;
    if (json) printJson(io, result);
    else {
      io.out(
        `bundle ${result.path}: ${result.documents} documents, ${result.tombstones} deletions, ${result.relations} relations, ${result.files} files, ${formatBytes(result.bytes)}` +
          `${result.to ? ` for ${result.to.name}` : ''}\n`,
      );
    }
    return EXIT_OK;
  },
};

export const verifyBundleCommand: Command = {
  name: 'verify-bundle',
  access: 'read',
  summary: 'check a bundle: structure, every hash and size, the signature, and whether its office is trusted',
  usage: 'verify-bundle FILE',
  options: {},
  async run({ archive, positionals, json, io }) {
    const file = positionals[0];
    if (!file) throw usageError('give the bundle file to check');
    const bundle = await openBundle(path.resolve(file));
    try {
      await bundle.verifyAll();
      const { manifest } = bundle;
      const trusted = findTrustedOffice(archive.context.db, manifest.source.archiveId);
      const signer = trusted && trusted.publicKey === manifest.source.publicKey ? 'trusted' : trusted ? 'wrong-key' : manifest.source.archiveId === archive.archiveId ? 'self' : 'unknown';
      const report = {
        bundle: manifest.bundleId,
        valid: true,
        signer,
        from: { archiveId: manifest.source.archiveId, name: manifest.source.name, fingerprint: bundle.fingerprint },
        createdAt: manifest.createdAt,
        counts: manifest.counts,
        alreadyImported: wasReceived(archive.context.db, manifest.bundleId),
      };
      if (json) printJson(io, report);
      else {
        io.out(`bundle ${manifest.bundleId} from ${manifest.source.name} (${manifest.source.archiveId}), made ${manifest.createdAt}\n`);
        io.out(`intact: every entry's size and SHA-256 match; signature valid; fingerprint ${bundle.fingerprint}\n`);
        io.out(`${manifest.counts.documents} documents, ${manifest.counts.tombstones} deletions, ${manifest.counts.relations} relations, ${manifest.counts.files} files\n`);
        if (signer === 'unknown') io.out(`the signer is NOT a trusted office: check the fingerprint with them, then: muragat trust add ${file}\n`);
        if (signer === 'wrong-key') io.out(`WARNING: signed with a different key than the trusted office ${trusted?.name} — do not import\n`);
        if (report.alreadyImported) io.out('already imported\n');
      }
      return signer === 'trusted' || signer === 'self' ? EXIT_OK : EXIT_FAILED;
    } finally {
      await bundle.close();
    }
  },
};

export const importBundleCommand: Command = {
  name: 'import-bundle',
  summary: 'import a bundle from a trusted office (--dry-run to preview; --trust after checking an unknown signer)',
  usage: 'import-bundle FILE [--dry-run] [--trust]',
  options: { 'dry-run': { type: 'boolean', default: false }, trust: { type: 'boolean', default: false } },
  async run({ archive, positionals, values, json, io }) {
    const file = positionals[0];
    if (!file) throw usageError('give the bundle file to import');
    // A job: Ctrl+C stops between entries, before the commit; nothing of the bundle is applied.
    const outcome = await runCancellable(io, json, { label: 'taking files from the bundle:', unit: 'files' }, 'import cancelled: nothing of the bundle was applied', (signal, onProgress) =>
      archive.jobs.run('bundle-import', { unit: 'files', signal }, (job) =>
        importBundle(archive.context, path.resolve(file), {
          dryRun: values['dry-run'] === true,
          trustSigner: values.trust === true,
          signal: job.signal,
          onProgress: (done, total) => {
            job.progress({ done, total });
            onProgress(done, total);
          },
        }),
      ),
    );
    if (!outcome) return EXIT_FAILED;
    const result = outcome.value;
    if (json) {
      const { bundle, from, added, updated, unchanged, conflicts, deleted, files } = result;
      printJson(io, { bundle, from, added, updated, unchanged, conflicts, deleted, files, applied: result.applied, alreadyImported: result.alreadyImported });
    } else {
      io.out(
        `${result.applied ? 'imported' : 'would import'} from ${result.from.name}: ${result.added} new, ${result.updated} updated, ${result.unchanged} unchanged, ` +
          `${result.deleted} deleted, ${result.conflicts} conflicts, ${result.files} files${result.alreadyImported ? ' (this bundle was imported before)' : ''}\n`,
      );
      if (result.conflicts) io.out('see muragat conflicts list\n');
    }
    return EXIT_OK;
  },
};

export const conflictsCommand: Command = {
  name: 'conflicts',
  summary: 'documents changed by two offices: list them, keep mine or keep theirs',
  usage: 'conflicts list | conflicts resolve ID --keep mine|theirs',
  options: { keep: { type: 'string' } },
  async run({ archive, positionals, values, json, io }) {
    const [action, id] = positionals;
    if (!action || action === 'list') {
      const conflicts = listConflicts(archive.context);
      if (json) printJson(io, conflicts);
      else if (conflicts.length === 0) io.out('no conflicts\n');
      else for (const conflict of conflicts) io.out(`${conflict.id}  ${conflict.documentId}  ${conflict.title}  (${conflict.losingSide === 'mine' ? 'our version lost' : 'their version lost'})\n`);
      return EXIT_OK;
    }
    if (action !== 'resolve' || !id || !/^\d+$/.test(id)) throw usageError('conflicts resolve ID --keep mine|theirs');
    if (values.keep !== 'mine' && values.keep !== 'theirs') throw usageError('--keep mine or --keep theirs');
    resolveConflict(archive.context, Number(id), values.keep);
    if (json) printJson(io, { resolved: Number(id), keep: values.keep });
    else io.out(`conflict ${id} resolved: kept ${values.keep}\n`);
    return EXIT_OK;
  },
};

export const syncCommand: Command = {
  name: 'sync',
  summary: 'a sync folder (network share, USB stick): send bundles to offices there, list and receive theirs',
  usage: 'sync send FOLDER [--to OFFICE …] | sync receive FOLDER [--dry-run]',
  options: { to: { type: 'string', multiple: true }, 'dry-run': { type: 'boolean', default: false } },
  async run({ archive, positionals, values, json, io }) {
    const [action, folderArg] = positionals;
    if (!folderArg || (action !== 'send' && action !== 'receive')) throw usageError('sync send FOLDER | sync receive FOLDER');
    const folder = path.resolve(folderArg);
    const { db } = archive.context;
    if (action === 'send') {
      fs.mkdirSync(folder, { recursive: true });
      const wanted = Array.isArray(values.to) ? values.to.map(String) : listTrustedOffices(db).map((office) => office.archiveId);
      const results = [];
      for (const target of wanted) {
        const office = findTrustedOffice(db, target);
        if (!office) throw new MuragatError('NOT_FOUND', `no trusted office "${target}"`);
        const stamp = archive.context.now().toISOString().replace(/[:.]/g, '-');
        const file = path.join(folder, `${archive.archiveId}-to-${office.archiveId}-${stamp}${BUNDLE_EXTENSION}`);
        results.push(await exportBundle(archive.context, file, { kind: 'office', office: office.archiveId }));
      }
      if (json) printJson(io, results);
      else for (const result of results) io.out(`sent to ${result.to?.name}: ${result.path} (${result.documents} documents, ${result.tombstones} deletions)\n`);
      return EXIT_OK;
    }
    // Receive: the bundles in the folder meant for this archive (or for everyone) not yet imported.
    const files = fs.readdirSync(folder).filter((name) => name.endsWith(BUNDLE_EXTENSION)).sort();
    const received = [];
    for (const name of files) {
      const full = path.join(folder, name);
      let bundleId: string;
      let fromSelf: boolean;
      let forOther: boolean;
      try {
        const bundle = await openBundle(full);
        bundleId = bundle.manifest.bundleId;
        fromSelf = bundle.manifest.source.archiveId === archive.archiveId;
        forOther = bundle.manifest.recipient !== null && bundle.manifest.recipient.archiveId !== archive.archiveId;
        await bundle.close();
      } catch (error) {
        received.push({ file: name, error: (error as MuragatError).code ?? 'INTERNAL', message: (error as Error).message });
        continue;
      }
      if (fromSelf || forOther || wasReceived(db, bundleId)) continue;
      try {
        const result = await importBundle(archive.context, full, { dryRun: values['dry-run'] === true });
        received.push({ file: name, ...result });
      } catch (error) {
        received.push({ file: name, error: (error as MuragatError).code ?? 'INTERNAL', message: (error as Error).message });
      }
    }
    if (json) printJson(io, received);
    else if (received.length === 0) io.out('nothing new in the sync folder\n');
    else {
      for (const entry of received) {
        if ('error' in entry) io.out(`${entry.file}: refused (${entry.error}): ${entry.message}\n`);
        else io.out(`${entry.file}: ${entry.applied ? 'imported' : 'would import'} ${entry.added} new, ${entry.updated} updated, ${entry.deleted} deleted, ${entry.conflicts} conflicts\n`);
      }
    }
    return received.some((entry) => 'error' in entry) ? EXIT_FAILED : EXIT_OK;
  },
};

export const EXCHANGE_COMMANDS: readonly Command[] = [identityCommand, trustCommand, exportBundleCommand, verifyBundleCommand, importBundleCommand, conflictsCommand, syncCommand];
