/**
 * Bundles for the container tests: one valid bundle written by `writeBundle`, and functions that
 * MAKE hostile or damaged ones from it — by rebuilding the ZIP with yazl (signed by any key, so a
 * forgery is self-consistent and reaches the deeper checks) or by patching bytes (names yazl refuses
 * to write, sizes that lie, files cut short). Each returns the path of the file it wrote.
 */
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import type { Archive } from '../../electron/core/archive';
import { openBundle, writeBundle } from '../../electron/core/bundles/container';
import { BUNDLE_FORMAT_VERSION, FILES_PREFIX, MANIFEST_ENTRY, RECORDS_ENTRY, SIGNATURE_ENTRY, type BundleManifest } from '../../electron/core/bundles/format';
import { loadOrCreateKeyPair, publicKeyOf, signManifest, type ArchiveKeyPair } from '../../electron/core/bundles/identity';

export const sha256Of = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

export interface ValidBundle {
  path: string;
  manifest: BundleManifest;
  keys: ArchiveKeyPair;
  records: unknown[];
  recordsBytes: Buffer;
  files: Array<{ sha256: string; bytes: Buffer }>;
}

export const SAMPLE_RECORDS: unknown[] = [
  { kind: 'document', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', title: 'Атырау облысы қоғамдық кеңесінің шешімі', version: '2026-11-26T07:03:30.123Z-0000-1f2e3d4c5b6a7980' },
  { kind: 'document', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c', title: 'Протокол заседания общественного совета', version: '2026-11-26T07:03:31.000Z-0001-1f2e3d4c5b6a7980' },
  { kind: 'tombstone', id: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5d', version: '2026-11-26T07:03:32.000Z-0000-1f2e3d4c5b6a7980' },
];

/** A valid bundle with three records and two files, signed by a key in `<dir>/data`. */
export async function makeValidBundle(dir: string, options: { records?: unknown[]; files?: Buffer[]; name?: string } = {}): Promise<ValidBundle> {
  const records = options.records ?? SAMPLE_RECORDS;
  const fileBytes = options.files ?? [Buffer.from('%PDF-1.4\n% первый документ\n'), randomBytes(70_000)];
  const keys = loadOrCreateKeyPair(path.join(dir, 'data'));
  const storeDir = path.join(dir, 'store');
  fs.mkdirSync(storeDir, { recursive: true });
  const files = fileBytes.map((bytes) => ({ sha256: sha256Of(bytes), bytes }));
  for (const file of files) fs.writeFileSync(path.join(storeDir, file.sha256), file.bytes);
  const recordsBytes = Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
  const recordsFile = path.join(dir, 'records.ndjson');
  fs.writeFileSync(recordsFile, recordsBytes);
  const written = await writeBundle(path.join(dir, options.name ?? 'valid.muragat'), {
    manifest: sampleManifestHead(keys.publicKey),
    recordsFile,
    files: files.map((file) => ({ sha256: file.sha256, path: path.join(storeDir, file.sha256), size: file.bytes.length })),
    privateKey: keys.privateKey,
  });
  return { path: written.path, manifest: written.manifest, keys, records, recordsBytes, files };
}

export function sampleManifestHead(publicKey: string): Omit<BundleManifest, 'format' | 'formatVersion' | 'entries'> {
  return {
    bundleId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
    createdAt: '2026-11-26T07:05:00.000Z',
    source: { archiveId: '1f2e3d4c5b6a7980', name: 'Атырау облысы қоғамдық кеңесі', publicKey },
    recipient: { archiveId: '0a1b2c3d4e5f6a7b', name: 'Маңғыстау облысы қоғамдық кеңесі' },
    hlc: { from: '2026-11-26T07:03:30.123Z-0000-1f2e3d4c5b6a7980', to: '2026-11-26T07:03:32.000Z-0000-1f2e3d4c5b6a7980' },
    counts: { documents: 2, tombstones: 1, relations: 0, files: 2 },
  };
}

// ---- Building ZIPs ----------------------------------------------------------------------------

export interface ZipPart {
  name: string;
  data: Buffer | (() => Readable);
  compress?: boolean;
}

/** Writes the parts, in order, as a ZIP with yazl. */
export async function writeZip(outPath: string, parts: readonly ZipPart[]): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const part of parts) {
    const options = { compress: part.compress ?? false, mtime: new Date(1980, 0, 1), forceDosTimestamp: true };
    if (Buffer.isBuffer(part.data)) zip.addBuffer(part.data, part.name, options);
    else zip.addReadStream(part.data(), part.name, options);
  }
  zip.end();
  await pipeline(zip.outputStream as Readable, fs.createWriteStream(outPath));
  return outPath;
}

export interface Signer {
  privateKey: KeyObject;
  publicKey: string;
}

export function newSigner(): Signer {
  const { privateKey } = generateKeyPairSync('ed25519');
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

/** manifest.json and manifest.sig for any manifest object (even one our writer would refuse). */
export function signedManifestParts(manifest: unknown, privateKey: KeyObject): ZipPart[] {
  const bytes = Buffer.from(JSON.stringify(manifest), 'utf8');
  return [
    { name: MANIFEST_ENTRY, data: bytes },
    { name: SIGNATURE_ENTRY, data: Buffer.from(signManifest(bytes, privateKey)) },
  ];
}

/** The valid bundle's entries as parts (records deflated, files stored), without manifest and signature. */
export function contentParts(valid: ValidBundle): ZipPart[] {
  return [
    { name: RECORDS_ENTRY, data: valid.recordsBytes, compress: true },
    ...valid.files.map((file) => ({ name: `${FILES_PREFIX}${file.sha256}`, data: file.bytes })),
  ];
}

function cloneManifest(valid: ValidBundle): BundleManifest {
  return structuredClone(valid.manifest);
}

/** Rebuilds the valid bundle with changed parts and/or manifest, signed by `signer` (its own key by default). */
export async function rebuild(
  valid: ValidBundle,
  outPath: string,
  change: { parts?: (parts: ZipPart[]) => ZipPart[]; manifest?: (manifest: BundleManifest) => unknown; signer?: Signer } = {},
): Promise<string> {
  const parts = change.parts ? change.parts(contentParts(valid)) : contentParts(valid);
  const manifest = change.manifest ? change.manifest(cloneManifest(valid)) : cloneManifest(valid);
  const key = change.signer?.privateKey ?? valid.keys.privateKey;
  return writeZip(outPath, [...parts, ...signedManifestParts(manifest, key)]);
}

// ---- Patching bytes -----------------------------------------------------------------------------

interface CentralRecord {
  /** Offset of the central directory record. */
  offset: number;
  name: string;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
}

function endOfCentralDirectory(zip: Buffer): number {
  const at = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (at < 0) throw new Error('no end of central directory record');
  return at;
}

/** The central directory of a small (non-ZIP64) ZIP. */
export function centralRecords(zip: Buffer): CentralRecord[] {
  const eocd = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const records: CentralRecord[] = [];
  for (let i = 0; i < count; i++) {
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    records.push({
      offset,
      name: zip.subarray(offset + 46, offset + 46 + nameLength).toString('utf8'),
      compressedSize: zip.readUInt32LE(offset + 20),
      uncompressedSize: zip.readUInt32LE(offset + 24),
      localOffset: zip.readUInt32LE(offset + 42),
    });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return records;
}

export function centralDirectoryOffset(zip: Buffer): number {
  return zip.readUInt32LE(endOfCentralDirectory(zip) + 16);
}

function record(zip: Buffer, name: string): CentralRecord {
  const found = centralRecords(zip).find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no entry ${name}`);
  return found;
}

/** Where an entry's data starts (after its local header). */
export function dataOffset(zip: Buffer, name: string): number {
  const { localOffset } = record(zip, name);
  return localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
}

/** Sets the uncompressed size the central directory declares for an entry. */
export function patchDeclaredSize(zip: Buffer, name: string, uncompressedSize: number): void {
  zip.writeUInt32LE(uncompressedSize, record(zip, name).offset + 24);
}

/** Replaces every occurrence of a name (local header and central directory); same byte length. */
export function renameInPlace(zip: Buffer, from: string, to: string): void {
  const a = Buffer.from(from, 'utf8');
  const b = Buffer.from(to, 'utf8');
  if (a.length !== b.length) throw new Error('names must have the same byte length');
  let replaced = 0;
  for (let at = zip.indexOf(a); at >= 0; at = zip.indexOf(a, at + 1)) {
    b.copy(zip, at);
    replaced++;
  }
  if (replaced === 0) throw new Error(`name ${from} not found`);
}

// ---- Hostile bundles ----------------------------------------------------------------------------

export type CutPoint = 'half' | 'before-central-directory' | 'last-byte' | 'first-kilobyte';

/** A copy cut short, as when the USB stick is pulled out while copying. */
export function truncatedBundle(valid: ValidBundle, outPath: string, at: CutPoint): string {
  const zip = fs.readFileSync(valid.path);
  const end = { half: Math.floor(zip.length / 2), 'before-central-directory': centralDirectoryOffset(zip), 'last-byte': zip.length - 1, 'first-kilobyte': 1024 }[at];
  fs.writeFileSync(outPath, zip.subarray(0, end));
  return outPath;
}

/**
 * A file shorter than its central directory says: bytes cut out of the last file's data, with the
 * end record moved to point at the (intact) central directory again.
 */
export function shortenedBundle(valid: ValidBundle, outPath: string, removeBytes = 1000): string {
  const zip = fs.readFileSync(valid.path);
  const last = valid.files[valid.files.length - 1];
  if (!last) throw new Error('the valid bundle has no file');
  const cut = dataOffset(zip, `${FILES_PREFIX}${last.sha256}`) + 10;
  const shorter = Buffer.concat([zip.subarray(0, cut), zip.subarray(cut + removeBytes)]);
  const eocd = endOfCentralDirectory(shorter);
  shorter.writeUInt32LE(shorter.readUInt32LE(eocd + 16) - removeBytes, eocd + 16);
  fs.writeFileSync(outPath, shorter);
  return outPath;
}

/** One byte of a stored file changed: sizes and signature intact, the SHA-256 differs. */
export function flippedFileByteBundle(valid: ValidBundle, outPath: string): string {
  const zip = fs.readFileSync(valid.path);
  const file = valid.files[0];
  if (!file) throw new Error('the valid bundle has no file');
  const at = dataOffset(zip, `${FILES_PREFIX}${file.sha256}`) + 5;
  zip.writeUInt8(zip.readUInt8(at) ^ 0x01, at);
  fs.writeFileSync(outPath, zip);
  return outPath;
}

/** One byte of manifest.json changed (a letter of an ASCII id, so the JSON still parses). */
export function flippedManifestByteBundle(valid: ValidBundle, outPath: string): string {
  const zip = fs.readFileSync(valid.path);
  const start = dataOffset(zip, MANIFEST_ENTRY);
  const manifestBytes = zip.subarray(start, start + record(zip, MANIFEST_ENTRY).compressedSize);
  const at = manifestBytes.indexOf(Buffer.from(valid.manifest.source.archiveId)) + 3;
  manifestBytes[at] = manifestBytes[at] === 0x61 ? 0x62 : 0x61;
  fs.writeFileSync(outPath, zip);
  return outPath;
}

/** The manifest changed and signed by another key, still naming the original key. */
export function signedByOtherKeyBundle(valid: ValidBundle, outPath: string): Promise<string> {
  return rebuild(valid, outPath, { manifest: (manifest) => ({ ...manifest, createdAt: '2030-01-01T00:00:00.000Z' }), signer: newSigner() });
}

/**
 * Re-signed with a key of its own: a records line changed, the manifest updated and signed by
 * `signer` naming `signer`'s key. The container opens it (it is consistent); only the trust list
 * can refuse it, by its fingerprint.
 */
export function resignedByOtherKeyBundle(valid: ValidBundle, outPath: string, signer: Signer = newSigner()): Promise<string> {
  const records = Buffer.from(valid.recordsBytes.toString('utf8').replace('шешімі', 'ШЕШІМІ'), 'utf8');
  return rebuild(valid, outPath, {
    signer,
    parts: (parts) => parts.map((part) => (part.name === RECORDS_ENTRY ? { ...part, data: records } : part)),
    manifest: (manifest) => ({
      ...manifest,
      source: { ...manifest.source, publicKey: signer.publicKey },
      entries: manifest.entries.map((entry) => (entry.name === RECORDS_ENTRY ? { ...entry, size: records.length, sha256: sha256Of(records) } : entry)),
    }),
  });
}

/** A file listed in the manifest but left out of the ZIP. */
export function missingEntryBundle(valid: ValidBundle, outPath: string): Promise<string> {
  const gone = `${FILES_PREFIX}${valid.files[0]?.sha256}`;
  return rebuild(valid, outPath, { parts: (parts) => parts.filter((part) => part.name !== gone) });
}

/** A file in the ZIP the manifest does not list. */
export function extraEntryBundle(valid: ValidBundle, outPath: string): Promise<string> {
  const extra = Buffer.from('not listed');
  return rebuild(valid, outPath, { parts: (parts) => [...parts, { name: `${FILES_PREFIX}${sha256Of(extra)}`, data: extra }] });
}

/** An extra entry named `name` (any bytes, even ones yazl refuses: written under a placeholder, then patched). */
export async function unsafeNameBundle(valid: ValidBundle, outPath: string, name: string): Promise<string> {
  const placeholder = 'Q'.repeat(Buffer.byteLength(name, 'utf8'));
  await rebuild(valid, outPath, { parts: (parts) => [...parts, { name: placeholder, data: Buffer.from('evil') }] });
  const zip = fs.readFileSync(outPath);
  renameInPlace(zip, placeholder, name);
  fs.writeFileSync(outPath, zip);
  return outPath;
}

/** Two entries with the same name (yazl refuses: the second is written under another name, then patched). */
export async function duplicateEntryBundle(valid: ValidBundle, outPath: string): Promise<string> {
  const file = valid.files[0];
  if (!file) throw new Error('the valid bundle has no file');
  const name = `${FILES_PREFIX}${file.sha256}`;
  const placeholder = `${FILES_PREFIX}${'f'.repeat(64)}`;
  await rebuild(valid, outPath, { parts: (parts) => [...parts, { name: placeholder, data: file.bytes }] });
  const zip = fs.readFileSync(outPath);
  renameInPlace(zip, placeholder, name);
  fs.writeFileSync(outPath, zip);
  return outPath;
}

function zeros(total: number): () => Readable {
  return () =>
    Readable.from(
      (function* () {
        const chunk = Buffer.alloc(1024 * 1024);
        for (let left = total; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
      })(),
    );
}

/**
 * A zip bomb: `bytes` of zeros deflated to a few hundred KB, listed honestly in a validly signed
 * manifest, so only the compression ratio gives it away.
 */
export async function zipBombBundle(valid: ValidBundle, outPath: string, bytes = 300 * 1024 * 1024): Promise<string> {
  const digest = createHash('sha256');
  for await (const chunk of zeros(bytes)()) digest.update(chunk as Buffer);
  const sha256 = digest.digest('hex');
  return rebuild(valid, outPath, {
    parts: (parts) => [...parts, { name: `${FILES_PREFIX}${sha256}`, data: zeros(bytes), compress: true }],
    manifest: (manifest) => ({ ...manifest, entries: [...manifest.entries, { name: `${FILES_PREFIX}${sha256}`, size: bytes, sha256 }] }),
  });
}

/**
 * records.ndjson whose central directory declares fewer bytes than its deflate data expands to,
 * with a validly signed manifest that agrees with the lie: only reading it reveals the extra bytes.
 */
export async function declaredSizeLieBundle(valid: ValidBundle, outPath: string): Promise<string> {
  const declared = valid.recordsBytes.length - 20;
  await rebuild(valid, outPath, {
    manifest: (manifest) => ({ ...manifest, entries: manifest.entries.map((entry) => (entry.name === RECORDS_ENTRY ? { ...entry, size: declared } : entry)) }),
  });
  const zip = fs.readFileSync(outPath);
  patchDeclaredSize(zip, RECORDS_ENTRY, declared);
  fs.writeFileSync(outPath, zip);
  return outPath;
}

/** A stored file whose central directory declares another size than its data has. */
export function storedSizeLieBundle(valid: ValidBundle, outPath: string): string {
  const zip = fs.readFileSync(valid.path);
  const file = valid.files[1] ?? valid.files[0];
  if (!file) throw new Error('the valid bundle has no file');
  patchDeclaredSize(zip, `${FILES_PREFIX}${file.sha256}`, file.bytes.length * 2);
  fs.writeFileSync(outPath, zip);
  return outPath;
}

/** manifest.json deflated, its central directory declaring 1 GiB: must be refused unread. */
export async function hugeManifestBundle(valid: ValidBundle, outPath: string): Promise<string> {
  const [manifest, signature] = signedManifestParts(valid.manifest, valid.keys.privateKey) as [ZipPart, ZipPart];
  await writeZip(outPath, [...contentParts(valid), { ...manifest, compress: true }, signature]);
  const zip = fs.readFileSync(outPath);
  patchDeclaredSize(zip, MANIFEST_ENTRY, 1024 * 1024 * 1024);
  fs.writeFileSync(outPath, zip);
  return outPath;
}

/** A bundle from a future Muragat, validly signed. */
export function newerFormatBundle(valid: ValidBundle, outPath: string, formatVersion = BUNDLE_FORMAT_VERSION + 1): Promise<string> {
  return rebuild(valid, outPath, { manifest: (manifest) => ({ ...manifest, formatVersion, somethingNew: { shape: 'unknown' } }) });
}

/** The ZIP without manifest.sig. */
export function unsignedBundle(valid: ValidBundle, outPath: string): Promise<string> {
  const [manifest] = signedManifestParts(valid.manifest, valid.keys.privateKey) as [ZipPart];
  return writeZip(outPath, [...contentParts(valid), manifest]);
}

/** A ZIP that is not a bundle at all (a DOCX, say): no manifest. */
export function plainZip(outPath: string): Promise<string> {
  return writeZip(outPath, [
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types/>') },
    { name: 'word/document.xml', data: Buffer.from('<w:document/>'), compress: true },
  ]);
}

/** A records line that is not JSON, in an otherwise valid, signed bundle. */
export function badRecordLineBundle(valid: ValidBundle, outPath: string): Promise<string> {
  const records = Buffer.concat([valid.recordsBytes, Buffer.from('{"kind": "document", "title": \n')]);
  return rebuild(valid, outPath, {
    parts: (parts) => parts.map((part) => (part.name === RECORDS_ENTRY ? { ...part, data: records } : part)),
    manifest: (manifest) => ({
      ...manifest,
      entries: manifest.entries.map((entry) => (entry.name === RECORDS_ENTRY ? { ...entry, size: records.length, sha256: sha256Of(records) } : entry)),
    }),
  });
}

export function renamedPdf(outPath: string): string {
  fs.writeFileSync(outPath, Buffer.concat([Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'), randomBytes(4096), Buffer.from('\n%%EOF\n')]));
  return outPath;
}

export function emptyFile(outPath: string): string {
  fs.writeFileSync(outPath, Buffer.alloc(0));
  return outPath;
}

export function randomBytesFile(outPath: string, size = 64 * 1024): string {
  const bytes = randomBytes(size);
  bytes[0] = 0x00; // never a ZIP signature by chance
  fs.writeFileSync(outPath, bytes);
  return outPath;
}

/**
 * A real bundle an archive exported, read back in the shape the fixture makers take (records,
 * file bytes, the archive's own keys), so a test can tamper with it and re-sign it as that office.
 * `scratch` is a folder for the extracted files.
 */
export async function asValidBundle(file: string, archive: Archive, scratch: string): Promise<ValidBundle> {
  const bundle = await openBundle(file);
  try {
    const records: unknown[] = [];
    for await (const record of bundle.records()) records.push(record);
    const files = [];
    for (const entry of bundle.manifest.entries.filter((e) => e.name.startsWith('files/'))) {
      const sha256 = entry.name.slice('files/'.length);
      const target = path.join(scratch, `extract-${sha256}`);
      await bundle.extractFile(sha256, target);
      files.push({ sha256, bytes: fs.readFileSync(target) });
    }
    const recordsBytes = Buffer.from(records.map((record) => `${JSON.stringify(record)}\n`).join(''), 'utf8');
    return { path: file, manifest: bundle.manifest, keys: loadOrCreateKeyPair(archive.dataDir), records, recordsBytes, files };
  } finally {
    await bundle.close();
  }
}
