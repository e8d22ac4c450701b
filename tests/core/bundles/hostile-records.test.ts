/**
 * Bundles signed by a TRUSTED office whose records are garbage (a bug there, a hand-edited
 * file re-signed with the office's own key): made from a real export of a real archive, the
 * records changed, the manifest's hash and size of records.ndjson updated and signed again with
 * the same key. Each is refused with a BUNDLE_* code and the receiving archive unchanged, or
 * imported safely with `check` still green.
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
import { asValidBundle, rebuild, type ValidBundle } from '../../helpers/bundle-fixtures';
import { suiteTempDir } from '../../helpers/temp-dir';

type Rec = Record<string, unknown>;

let sender: Archive;
let receiver: Archive;
let valid: ValidBundle;
let dir: string;
let counter = 0;


/** The real bundle with records.ndjson replaced by `lines` (raw text), re-signed by the trusted office's own key. */
function resignedWithRecords(lines: string[]): Promise<string> {
  const recordsBytes = Buffer.from(lines.map((line) => `${line}\n`).join(''), 'utf8');
  return rebuild(valid, path.join(dir, `hostile-${++counter}.muragat`), {
    parts: (parts) => parts.map((part) => (part.name === 'records.ndjson' ? { ...part, data: recordsBytes } : part)),
    manifest: (manifest) => ({
      ...manifest,
      entries: manifest.entries.map((entry) =>
        entry.name === 'records.ndjson' ? { ...entry, size: recordsBytes.length, sha256: createHash('sha256').update(recordsBytes).digest('hex') } : entry,
      ),
    }),
  });
}

const documents = (): Rec[] => valid.records.filter((record) => (record as Rec).t === 'document') as Rec[];
const others = (): string[] => valid.records.slice(1).map((record) => JSON.stringify(record));
/** The first document changed by `change`, the other records as exported. */
const withFirst = (change: (doc: Rec) => Rec): string[] => [JSON.stringify(change(structuredClone(documents()[0] as Rec))), ...others()];

beforeAll(async () => {
  dir = suiteTempDir();
  sender = await tempArchive(path.join(dir, 'sender'));
  receiver = await tempArchive(path.join(dir, 'receiver'));
  trustOffice(receiver.context.db, { archiveId: sender.archiveId, name: readMeta(sender.context.db, 'name') ?? 'sender', publicKey: loadOrCreateKeyPair(sender.dataDir).publicKey }, new Date(), receiver.archiveId);
  fs.writeFileSync(path.join(dir, 'a.txt'), 'Мәслихат шешімі № 6-38: әлеуметтік маңызы бар қатынастар тізбесі.');
  fs.writeFileSync(path.join(dir, 'b.txt'), 'Решение маслихата № 7-12 о бюджете района на 2027 год.');
  await sender.importPaths([path.join(dir, 'a.txt'), path.join(dir, 'b.txt')]);
  const file = path.join(dir, 'valid.muragat');
  await exportBundle(sender.context, file, { kind: 'all' });
  valid = await asValidBundle(file, sender, dir);
  fs.writeFileSync(path.join(dir, 'own.txt'), 'Қабылдаушы кеңестің өз құжаты.');
  await receiver.importPaths([path.join(dir, 'own.txt')]);
});

afterAll(async () => {
  await sender.close();
  await receiver.close();
});

const nested = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

let bumps = 0x100;
/** The first document changed, at a newer version than any before it: the change is applied, not skipped as known. */
const withNewer = (change: (doc: Rec) => Rec): string[] =>
  withFirst((doc) => ({ ...change(doc), version: (doc.version as string).replace(/Z-[0-9a-f]{4}-/, `Z-${(++bumps).toString(16).padStart(4, '0')}-`) }));

/** Refused: a BUNDLE_* code, the receiving archive unchanged (before: an uncoded SqliteError or HlcError, a version from 2099 applied). */
const REFUSED: Array<{ name: string; code?: RegExp; lines: () => string[] }> = [
  { name: 'a title of 10 MB', code: /^BUNDLE_(UNSAFE|TAMPERED)$/, lines: () => withFirst((doc) => ({ ...doc, title: 'Ә'.repeat(10 * 1024 * 1024) })) },
  { name: 'the date 9999-99-99', lines: () => withFirst((doc) => ({ ...doc, date: '9999-99-99' })) },
  { name: 'an id that is not a UUID', lines: () => withFirst((doc) => ({ ...doc, id: 'not-a-uuid' })) },
  { name: 'an id with a slash', lines: () => withFirst((doc) => ({ ...doc, id: '../../0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' })) },
  { name: 'a file whose sha256 is not hex', lines: () => withFirst((doc) => ({ ...doc, files: (doc.files as Rec[]).map((file) => ({ ...file, sha256: 'z'.repeat(64) })) })) },
  { name: 'a file whose sha256 is ../ in hex clothing', lines: () => withFirst((doc) => ({ ...doc, files: (doc.files as Rec[]).map((file) => ({ ...file, sha256: '../'.repeat(21) + 'a' })) })) },
  { name: 'a line of 100,000 nested arrays', lines: () => [nested(100_000), ...others()] },
  { name: 'nested arrays in a field', lines: () => [JSON.stringify(documents()[0]).replace(/"notes":"[^"]*"/, `"notes":${nested(100_000)}`), ...others()] },
  { name: 'the same page number twice', lines: () => withFirst((doc) => ({ ...doc, pages: [...(doc.pages as Rec[]), ...(doc.pages as Rec[])] })) },
  { name: 'a version in month 99', lines: () => withFirst((doc) => ({ ...doc, version: (doc.version as string).replace(/^(\d{4})-\d{2}/, '$1-99') })) },
  { name: 'a version years ahead of this computer', lines: () => withFirst((doc) => ({ ...doc, version: (doc.version as string).replace(/^\d{4}/, '2099') })) },
  { name: 'an ancestor in month 99', lines: () => withFirst((doc) => ({ ...doc, ancestors: ['2026-99-01T00:00:00.000Z-0000-0000000000000000'] })) },
  { name: '__proto__ and constructor keys', lines: () => [JSON.stringify(documents()[0]).replace('{', '{"__proto__":{"deleted":true},"constructor":{"prototype":{"x":1}},'), ...others()] },
  { name: 'the number 1e308 as page count', lines: () => withFirst((doc) => ({ ...doc, pageCount: 1e308 })) },
  { name: 'NaN-ish strings for numbers', lines: () => withFirst((doc) => ({ ...doc, pageCount: 'NaN' })) },
  { name: 'a version that is not a clock', lines: () => withFirst((doc) => ({ ...doc, version: "' OR 1=1 --" })) },
  { name: 'a file the bundle does not carry', lines: () => withNewer((doc) => ({ ...doc, files: (doc.files as Rec[]).map((file) => ({ ...file, sha256: 'ab'.repeat(32) })) })) },
  { name: 'a page count that disagrees with the pages', lines: () => withNewer((doc) => ({ ...doc, pageCount: 99_999 })) },
];

/** Imported safely: applied, and `check` stays green. */
const IMPORTED: Array<{ name: string; lines: () => string[] }> = [
  { name: 'the same tag twice', lines: () => withNewer((doc) => ({ ...doc, tags: ['бюджет', 'бюджет'] })) },
  { name: 'the same file twice', lines: () => withNewer((doc) => ({ ...doc, files: [...(doc.files as Rec[]), ...(doc.files as Rec[])] })) },
  { name: 'the same document twice with different versions', lines: () => [...withNewer((doc) => doc), ...withNewer((doc) => ({ ...doc, title: 'second', version: (doc.version as string).replace(/Z-[0-9a-f]{4}-/, 'Z-fffe-') }))] },
  {
    name: 'a relation from a document to itself and to a document nobody has',
    lines: () => {
      const doc = documents()[0] as Rec;
      const relation = (toId: string): string => JSON.stringify({ t: 'relation', fromId: doc.id, toId, type: 'amends', version: doc.version, origin: doc.origin, deleted: false, createdAt: doc.createdAt });
      return [...withNewer((d) => d), relation(doc.id as string), relation('0190a1b2-c3d4-7e5f-8a9b-000000000000')];
    },
  },
  { name: 'created and updated times that are not times', lines: () => withNewer((doc) => ({ ...doc, createdAt: 'вчера', updatedAt: '' })) },
];

describe('records of a trusted office that are garbage', () => {
  for (const hostile of REFUSED) {
    it(`${hostile.name}: refused with a BUNDLE_* code, the archive unchanged`, async () => {
      const file = await resignedWithRecords(hostile.lines());
      const before = archiveStateHash(receiver);
      const error = await importBundle(receiver.context, file).then(
        () => null,
        (caught: unknown) => caught as { code?: string; message?: string },
      );
      expect(error?.code, error?.message).toMatch(hostile.code ?? /^BUNDLE_TAMPERED$/);
      expect(archiveStateHash(receiver)).toBe(before);
    });
  }

  for (const hostile of IMPORTED) {
    it(`${hostile.name}: imported, and check stays green`, async () => {
      const file = await resignedWithRecords(hostile.lines());
      const result = await importBundle(receiver.context, file);
      expect(result.applied).toBe(true);
      expect(result.updated + result.added + result.conflicts).toBeGreaterThan(0);
      expect(await receiver.check()).toMatchObject({ ok: true });
    });
  }
});

/**
 * A ZIP of `count` empty stored entries (ZIP64: more than 65,535), written byte by byte: no
 * ZIP library makes a million entries in a test's time.
 */
function zipOfEmptyEntries(file: string, count: number): void {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const name = Buffer.from(i === 0 ? 'manifest.json' : `f/${i}`);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name);
    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    central.push(record, name);
    offset += 30 + name.length;
  }
  const centralBytes = Buffer.concat(central);
  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(count), 24);
  zip64End.writeBigUInt64LE(BigInt(count), 32);
  zip64End.writeBigUInt64LE(BigInt(centralBytes.length), 40);
  zip64End.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + centralBytes.length), 8);
  locator.writeUInt32LE(1, 16);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(0xffff, 8);
  end.writeUInt16LE(0xffff, 10);
  end.writeUInt32LE(centralBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...parts, centralBytes, zip64End, locator, end]));
}

describe('a bundle of a million tiny entries', () => {
  it('is refused with a BUNDLE_* code in seconds, the archive unchanged', async () => {
    const file = path.join(dir, 'million.muragat');
    zipOfEmptyEntries(file, 1_000_000);
    const before = archiveStateHash(receiver);
    const started = Date.now();
    const error = await importBundle(receiver.context, file).then(
      () => null,
      (caught: unknown) => caught as { code?: string; message?: string },
    );
    // Before the read-ahead: 50 s (two file reads per central directory record); now about 5.
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(error?.code, error?.message).toMatch(/^BUNDLE_/);
    expect(archiveStateHash(receiver)).toBe(before);
    fs.rmSync(file);
  }, 60_000);
});
