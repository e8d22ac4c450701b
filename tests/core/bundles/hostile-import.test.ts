/**
 * Every hostile or damaged bundle, made by the test from a real bundle of a trusted office, is
 * refused by the import with its code — and the receiving archive is unchanged: the hash of its
 * whole state (every table, every stored file) is the same before and after, with no file left
 * in its store or temp folder.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive';
import { exportBundle } from '../../../electron/core/bundles/export';
import { loadOrCreateKeyPair } from '../../../electron/core/bundles/identity';
import { importBundle } from '../../../electron/core/bundles/import';
import { trustOffice } from '../../../electron/core/bundles/offices';
import { readMeta } from '../../../electron/core/db/meta';
import { archiveStateHash, tempArchive } from '../../helpers/archive';
import {
  asValidBundle,
  declaredSizeLieBundle,
  duplicateEntryBundle,
  emptyFile,
  extraEntryBundle,
  flippedFileByteBundle,
  flippedManifestByteBundle,
  hugeManifestBundle,
  missingEntryBundle,
  newerFormatBundle,
  randomBytesFile,
  rebuild,
  renamedPdf,
  resignedByOtherKeyBundle,
  truncatedBundle,
  unsafeNameBundle,
  zipBombBundle,
  type ValidBundle,
} from '../../helpers/bundle-fixtures';
import { suiteTempDir } from '../../helpers/temp-dir';

const ORDER_PDF = path.resolve(import.meta.dirname, '../../fixtures/import/kk-order-110.pdf');

let sender: Archive;
let receiver: Archive;
let valid: ValidBundle;
let dir: string;


function storeListing(archive: Archive): string[] {
  const list = (folder: string): string[] => (fs.existsSync(folder) ? fs.readdirSync(folder, { recursive: true }).map(String).sort() : []);
  return [...list(archive.context.store.filesDir), ...list(archive.context.store.tmpDir).map((name) => `tmp/${name}`)];
}

beforeAll(async () => {
  dir = suiteTempDir();
  sender = await tempArchive(path.join(dir, 'sender'));
  receiver = await tempArchive(path.join(dir, 'receiver'));
  trustOffice(receiver.context.db, { archiveId: sender.archiveId, name: readMeta(sender.context.db, 'name') ?? 'sender', publicKey: loadOrCreateKeyPair(sender.dataDir).publicKey }, new Date(), receiver.archiveId);
  await sender.importPaths([ORDER_PDF]);
  fs.writeFileSync(path.join(dir, 'decision.txt'), 'Мәслихат шешімі № 6-38: әлеуметтік маңызы бар қатынастар тізбесі.');
  await sender.importPaths([path.join(dir, 'decision.txt')]);
  const file = path.join(dir, 'valid.muragat');
  await exportBundle(sender.context, file, { kind: 'all' });
  valid = await asValidBundle(file, sender, dir);
  // The receiver holds a document of its own, so "unchanged" is about something.
  fs.writeFileSync(path.join(dir, 'own.txt'), 'Қабылдаушы кеңестің өз құжаты.');
  await receiver.importPaths([path.join(dir, 'own.txt')]);
});

afterAll(async () => {
  await sender.close();
  await receiver.close();
});

const out = (name: string): string => path.join(dir, `${name}.muragat`);

const CASES: Array<{ name: string; code: string; make: () => string | Promise<string> }> = [
  { name: 'cut in half (USB pulled)', code: 'BUNDLE_TRUNCATED', make: () => truncatedBundle(valid, out('half'), 'half') },
  { name: 'cut before the central directory', code: 'BUNDLE_TRUNCATED', make: () => truncatedBundle(valid, out('before-cd'), 'before-central-directory') },
  { name: 'last byte missing', code: 'BUNDLE_TRUNCATED', make: () => truncatedBundle(valid, out('last-byte'), 'last-byte') },
  { name: 'flipped byte in a stored file', code: 'BUNDLE_TAMPERED', make: () => flippedFileByteBundle(valid, out('flip-file')) },
  { name: 'flipped byte in the manifest', code: 'BUNDLE_BAD_SIGNATURE', make: () => flippedManifestByteBundle(valid, out('flip-manifest')) },
  { name: 'an entry missing', code: 'BUNDLE_TAMPERED', make: () => missingEntryBundle(valid, out('missing')) },
  { name: 'an extra entry', code: 'BUNDLE_TAMPERED', make: () => extraEntryBundle(valid, out('extra')) },
  { name: '../ path', code: 'BUNDLE_UNSAFE', make: () => unsafeNameBundle(valid, out('dotdot'), '../evil') },
  { name: 'absolute path', code: 'BUNDLE_UNSAFE', make: () => unsafeNameBundle(valid, out('absolute'), '/etc/evil') },
  { name: 'drive letter', code: 'BUNDLE_UNSAFE', make: () => unsafeNameBundle(valid, out('drive'), 'C:\\evil') },
  { name: 'duplicate entry names', code: 'BUNDLE_UNSAFE', make: () => duplicateEntryBundle(valid, out('duplicate')) },
  { name: 'zip bomb', code: 'BUNDLE_UNSAFE', make: () => zipBombBundle(valid, out('bomb')) },
  { name: 'declared size smaller than the real data', code: 'BUNDLE_UNSAFE', make: () => declaredSizeLieBundle(valid, out('size-lie')) },
  { name: 'a 1 GB manifest', code: 'BUNDLE_UNSAFE', make: () => hugeManifestBundle(valid, out('huge-manifest')) },
  { name: 'newer format version', code: 'BUNDLE_NEWER_FORMAT', make: () => newerFormatBundle(valid, out('newer')) },
  { name: 'a PDF renamed .muragat', code: 'BUNDLE_NOT_A_BUNDLE', make: () => renamedPdf(out('renamed-pdf')) },
  { name: 'an empty file', code: 'BUNDLE_NOT_A_BUNDLE', make: () => emptyFile(out('empty')) },
  { name: 'random bytes', code: 'BUNDLE_NOT_A_BUNDLE', make: () => randomBytesFile(out('random')) },
  // Valid structure and signature, but the office's key is not the trusted one.
  { name: 're-signed by an untrusted key', code: 'BUNDLE_BAD_SIGNATURE', make: () => resignedByOtherKeyBundle(valid, out('resigned')) },
  // Signed by the trusted office itself, but a record is nonsense (a bug there, a hand-edited file).
  {
    name: 'a signed bundle with an invalid record',
    code: 'BUNDLE_TAMPERED',
    make: async () => {
      const records = valid.records.map((record, index) => (index === 0 ? { ...(record as object), date: '2023-02-30', title: '' } : record));
      const recordsBytes = Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
      return rebuild(valid, out('bad-record'), {
        parts: (parts) => parts.map((part) => (part.name === 'records.ndjson' ? { ...part, data: recordsBytes } : part)),
        manifest: (manifest) => ({
          ...manifest,
          entries: manifest.entries.map((entry) =>
            entry.name === 'records.ndjson' ? { ...entry, size: recordsBytes.length, sha256: createHash('sha256').update(recordsBytes).digest('hex') } : entry,
          ),
        }),
      });
    },
  },
];

describe('hostile and damaged bundles at import', () => {
  it('the untouched bundle imports (so every refusal below is about the damage)', async () => {
    const copy = path.join(dir, 'copy');
    fs.mkdirSync(copy);
    const other = await tempArchive(copy);
    try {
      trustOffice(other.context.db, { archiveId: sender.archiveId, name: 'sender', publicKey: valid.manifest.source.publicKey }, new Date(), other.archiveId);
      expect(await importBundle(other.context, valid.path)).toMatchObject({ applied: true, added: 2, files: 2 });
    } finally {
      await other.close();
    }
  });

  for (const hostile of CASES) {
    it(`${hostile.name}: refused with ${hostile.code}, the archive unchanged`, async () => {
      const file = await hostile.make();
      const before = archiveStateHash(receiver);
      const filesBefore = storeListing(receiver);
      let code = 'accepted';
      try {
        await importBundle(receiver.context, file);
      } catch (error) {
        code = (error as { code?: string }).code ?? String(error);
      }
      expect(code).toBe(hostile.code);
      expect(archiveStateHash(receiver)).toBe(before);
      expect(storeListing(receiver)).toEqual(filesBefore);
    });
  }
});
