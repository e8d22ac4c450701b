/**
 * Writing a bundle: one streaming pass with yazl, so memory stays flat whatever the size.
 *
 * Entry order: records.ndjson (deflated, hashed while it is compressed), files/<sha256> (stored:
 * PDFs and scans are already compressed, and storing is as fast as a copy), then manifest.json and
 * manifest.sig, built lazily once every entry before them has streamed (their digests are known).
 * Every entry gets the same fixed date (1980-01-01, DOS timestamp only) and mode 0644: the bytes
 * depend only on the content, and the file does not leak when each document was exported (the
 * manifest's createdAt says when the bundle was made).
 *
 * The ZIP is written to `<out>.partial-<pid>-<random>` beside the target, fsynced, then renamed: a
 * bundle with the final name is always complete. On any failure the partial file is removed; if
 * the process is killed, the caller's `partials` registry lets the next process remove it
 * (store/partials.ts). A full disk is DISK_FULL, one clear error, with nothing left behind.
 */
import type { KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { MuragatError } from '../../../../shared/errors';
import { asMuragatError } from '../../db/sqlite';
import { PartialFiles } from '../../store/partials';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, FILES_PREFIX, MANIFEST_ENTRY, RECORDS_ENTRY, SIGNATURE_ENTRY, type BundleManifest } from '../format';
import { publicKeyOf, signManifest } from '../identity';
import { assertWritableManifest, serializeManifest } from './manifest';
import { useNativeCrc32InYazl } from './native-crc';
import { DigestStream } from './streams';

export interface BundleFileInput {
  sha256: string;
  /** Where the bytes are (the file store). */
  path: string;
  size: number;
}

export interface WriteBundleInput {
  manifest: Omit<BundleManifest, 'format' | 'formatVersion' | 'entries'>;
  /** An ndjson file already written by the caller; it is read once, streaming. */
  recordsFile: string;
  files: BundleFileInput[];
  privateKey: KeyObject;
  /** Where the half-written file is registered, so a killed export's partial is removed later. */
  partials?: PartialFiles;
  /** Cancels between entries (the partial file is removed). */
  signal?: AbortSignal;
  /** When the `index`-th file (from 0) starts streaming. */
  onFile?: (index: number) => void;
}

export interface WrittenBundle {
  path: string;
  /** Size of the bundle file. */
  bytes: number;
  manifest: BundleManifest;
}

/** 1980-01-01 local time: the DOS epoch, so the DOS date fields are the same in every time zone. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);
const ENTRY_OPTIONS = { mtime: FIXED_MTIME, forceDosTimestamp: true, mode: 0o100644 } as const;
const READ_CHUNK_BYTES = 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;

export async function writeBundle(outPath: string, input: WriteBundleInput): Promise<WrittenBundle> {
  useNativeCrc32InYazl();
  assertKeyMatches(input);
  const files = await checkFiles(input.files);
  // Checked again once the records digest is known; failing here saves streaming gigabytes first.
  assertWritableManifest(buildManifest(input, { bytes: 0, digest: () => '0'.repeat(64) }, files));
  const target = path.resolve(outPath);
  const partial = PartialFiles.nameFor(target);
  // Partials of earlier exports that were killed (here or anywhere else) go first.
  await input.partials?.sweep();
  const release = input.partials ? await input.partials.register(partial) : async () => undefined;
  try {
    const manifest = await streamZip(partial, input, files);
    await fsp.rename(partial, target);
    await syncDirectory(path.dirname(target));
    const { size } = await fsp.stat(target);
    return { path: target, bytes: size, manifest };
  } catch (error) {
    await fsp.rm(partial, { force: true });
    if (error instanceof MuragatError) throw error;
    const mapped = asMuragatError(error);
    if (mapped instanceof MuragatError && mapped.code === 'DISK_FULL') {
      throw new MuragatError('DISK_FULL', `the disk is full: the bundle ${path.basename(target)} could not be written (nothing was left behind); free some space and export again`, { file: path.basename(target) }, { cause: error });
    }
    throw new MuragatError('INTERNAL', `could not write the bundle ${target}: ${(error as Error).message}`, { file: path.basename(target) }, { cause: error });
  } finally {
    await release().catch(() => undefined);
  }
}

/** A manifest naming one key but signed with another would be refused by every reader. */
function assertKeyMatches(input: WriteBundleInput): void {
  if (publicKeyOf(input.privateKey) !== input.manifest.source.publicKey) {
    throw new MuragatError('INVALID_INPUT', 'the manifest names a public key that is not the signing key');
  }
}

/** Each file once, present, with the size the archive recorded (a changed size means a damaged store). */
async function checkFiles(files: readonly BundleFileInput[]): Promise<BundleFileInput[]> {
  const unique = new Map<string, BundleFileInput>();
  for (const file of files) {
    if (!SHA256.test(file.sha256)) throw new MuragatError('INVALID_INPUT', `not a SHA-256 digest: ${file.sha256.slice(0, 80)}`);
    const seen = unique.get(file.sha256);
    if (seen && seen.size !== file.size) throw new MuragatError('INVALID_INPUT', `file ${file.sha256} is listed with two sizes (${seen.size} and ${file.size})`);
    if (!seen) unique.set(file.sha256, file);
  }
  for (const file of unique.values()) await checkFileOnDisk(file);
  return [...unique.values()];
}

async function checkFileOnDisk(file: BundleFileInput): Promise<void> {
  let size: number;
  try {
    const stat = await fsp.stat(file.path);
    if (!stat.isFile()) throw new MuragatError('FILE_VANISHED', `stored file ${file.sha256} is not a regular file: ${file.path}`, { file: file.path });
    size = stat.size;
  } catch (error) {
    throw vanished(file, error);
  }
  if (size !== file.size) {
    throw new MuragatError('ARCHIVE_CORRUPT', `stored file ${file.sha256} is ${size} bytes on disk but ${file.size} in the archive: the file store is damaged`, {
      file: file.path,
      expected: file.size,
      found: size,
    });
  }
}

function vanished(file: BundleFileInput, error: unknown): MuragatError {
  if (error instanceof MuragatError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new MuragatError('FILE_VANISHED', `stored file ${file.sha256} is missing from the file store: ${file.path}`, { file: file.path }, { cause: error });
  return new MuragatError('FILE_UNREADABLE', `cannot read stored file ${file.sha256} (${file.path}): ${(error as Error).message}`, { file: file.path }, { cause: error });
}

/** Streams the whole ZIP into `partial` (fsynced on close); resolves with the manifest written. */
async function streamZip(partial: string, input: WriteBundleInput, files: readonly BundleFileInput[]): Promise<BundleManifest> {
  const zip = new yazl.ZipFile();
  // yazl's output is a PassThrough; the typings only say ReadableStream.
  const zipOutput = zip.outputStream as Readable;
  const sources = new Set<Readable>();
  let failure: Error | null = null;
  const fail = (error: Error): void => {
    if (failure) return;
    failure = error;
    for (const source of sources) source.destroy();
    zipOutput.destroy(error);
  };
  // After a failure yazl may still write into the destroyed stream; that is expected, not a crash.
  zipOutput.on('error', () => undefined);
  zip.on('error', (error: Error) => fail(error));
  const cancelled = (): MuragatError => new MuragatError('CANCELLED', 'the bundle export was cancelled');
  const onAbort = (): void => fail(cancelled());
  if (input.signal?.aborted) fail(cancelled());
  input.signal?.addEventListener('abort', onAbort, { once: true });

  const track = <T extends Readable>(stream: T, onError: (error: Error) => Error): T => {
    sources.add(stream);
    stream.on('error', (error) => fail(onError(error)));
    stream.on('close', () => sources.delete(stream));
    return stream;
  };
  const openFile = (file: string, onError: (error: Error) => Error) => track(fs.createReadStream(file, { highWaterMark: READ_CHUNK_BYTES }), onError);

  const records = new DigestStream(input.recordsFile, null);
  zip.addReadStreamLazy(RECORDS_ENTRY, { ...ENTRY_OPTIONS, compress: true }, (callback) => {
    const source = openFile(input.recordsFile, (error) => recordsError(input.recordsFile, error));
    callback(null, source.pipe(records));
  });
  files.forEach((file, index) => {
    zip.addReadStreamLazy(`${FILES_PREFIX}${file.sha256}`, { ...ENTRY_OPTIONS, compress: false, size: file.size }, (callback) => {
      input.onFile?.(index);
      callback(null, openFile(file.path, (error) => vanished(file, error)));
    });
  });

  let manifest: BundleManifest | null = null;
  let signature = '';
  zip.addReadStreamLazy(MANIFEST_ENTRY, { ...ENTRY_OPTIONS, compress: false }, (callback) => {
    try {
      manifest = completeManifest(input, records, files);
      const bytes = serializeManifest(manifest);
      signature = signManifest(bytes, input.privateKey);
      callback(null, Readable.from([bytes]));
    } catch (error) {
      fail(error as Error);
    }
  });
  zip.addReadStreamLazy(SIGNATURE_ENTRY, { ...ENTRY_OPTIONS, compress: false }, (callback) => {
    callback(null, Readable.from([Buffer.from(signature, 'ascii')]));
  });
  zip.end();

  const output = fs.createWriteStream(partial, { flags: 'wx', mode: 0o644, flush: true });
  try {
    await pipeline(zipOutput, output);
  } catch (error) {
    fail(error as Error);
    throw failure ?? error;
  } finally {
    input.signal?.removeEventListener('abort', onAbort);
  }
  if (failure) throw failure;
  if (!manifest) throw new Error('the ZIP ended before its manifest was written');
  return manifest;
}

function recordsError(file: string, error: Error): MuragatError {
  return new MuragatError('FILE_UNREADABLE', `cannot read the records file ${file}: ${error.message}`, { file }, { cause: error });
}

/** Runs when every entry before manifest.json has streamed, so the records digest is final. */
function completeManifest(input: WriteBundleInput, records: DigestStream, files: readonly BundleFileInput[]): BundleManifest {
  const manifest = buildManifest(input, records, files);
  assertWritableManifest(manifest);
  return manifest;
}

function buildManifest(input: WriteBundleInput, records: Pick<DigestStream, 'bytes' | 'digest'>, files: readonly BundleFileInput[]): BundleManifest {
  return {
    ...input.manifest,
    format: BUNDLE_FORMAT,
    formatVersion: BUNDLE_FORMAT_VERSION,
    entries: [
      { name: RECORDS_ENTRY, size: records.bytes, sha256: records.digest() },
      ...files.map((file) => ({ name: `${FILES_PREFIX}${file.sha256}`, size: file.size, sha256: file.sha256 })),
    ],
  };
}

async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await fsp.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems (network shares, FAT) cannot fsync a folder; the file itself is synced.
  }
}
