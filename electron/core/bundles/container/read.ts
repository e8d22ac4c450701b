/**
 * Reading a bundle, trusting nothing until it is checked, in this order:
 *   1. the first bytes (a ZIP at all?) and the central directory: names, duplicates, sizes, ratios,
 *      totals, entry count (docs/ARCHITECTURE.md §7 "Reading") — no entry data read yet;
 *   2. manifest.json and manifest.sig, refused by their declared size before being read;
 *   3. the manifest: our format? not newer? signed by the key it names? well-formed?
 *   4. the ZIP's entries are exactly the manifest's, with the sizes it declares.
 * Entry data is then only ever streamed through a counter + SHA-256 that stops at the declared
 * size, and compared with the manifest at the end of each entry.
 *
 * Whether the signer is trusted is not decided here: `fingerprint` names the signer, the caller
 * compares it with the trusted offices.
 */
import * as fs from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import { MuragatError } from '../../../../shared/errors';
import { DEFAULT_BUNDLE_LIMITS, FILES_PREFIX, MANIFEST_ENTRY, RECORDS_ENTRY, SIGNATURE_ENTRY, type BundleLimits, type BundleManifest, type ManifestEntry } from '../format';
import { fingerprintOf } from '../identity';
import { CentralDirectoryCheck, COMPRESSION_DEFLATE, decodeEntryName, mapZipError, showName, unsafe, ZIP_LOCAL_HEADER_SIGNATURE, type CentralEntry } from '../zip-safety';
import { readManifest } from './manifest';
import { DigestStream, splitLines } from './streams';

export interface OpenedBundle {
  readonly path: string;
  /** Checked: signed by `manifest.source.publicKey`, which may or may not be trusted. */
  readonly manifest: BundleManifest;
  /** Fingerprint of the signer's key, to compare with the trusted offices. */
  readonly fingerprint: string;
  /**
   * The records, parsed, one at a time. CONTRACT: the SHA-256 of records.ndjson is only known at
   * the end, so the iteration throws BUNDLE_TAMPERED *after* the last record if the bytes differ
   * from the manifest. Collect or preview while iterating, but apply nothing until the loop has
   * finished without throwing (or call `verifyAll()` first).
   */
  records(): AsyncIterable<unknown>;
  /** Streams `files/<sha256>` to `targetPath`; on any mismatch the target is removed. Not fsynced. */
  extractFile(sha256: string, targetPath: string): Promise<void>;
  /** Streams every entry once, checking its size and SHA-256 against the manifest. */
  /** Reads every entry (except `skip`), checking size and SHA-256 against the manifest. */
  verifyAll(options?: { skip?: ReadonlySet<string> }): Promise<void>;
  close(): Promise<void>;
}

const READ_CHUNK_BYTES = 1024 * 1024;
const LOCAL_HEADER_BYTES = 30;

export async function openBundle(file: string, limits: BundleLimits = DEFAULT_BUNDLE_LIMITS): Promise<OpenedBundle> {
  const handle = await openFile(file);
  try {
    const size = (await handle.stat()).size;
    await checkLooksLikeZip(file, handle, size);
    const entries = await readCentralDirectory(file, handle, size, limits);
    const bundle = new ZipBundle(file, handle, size, entries, limits);
    await bundle.load();
    return bundle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}

/**
 * A FileHandle rather than a bare fd: its close() waits for reads in flight, and a read after
 * close fails instead of reading whatever file reused the descriptor number.
 */
async function openFile(file: string): Promise<FileHandle> {
  try {
    return await fs.promises.open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const name = path.basename(file);
    if (code === 'ENOENT') throw new MuragatError('NOT_FOUND', `no such bundle: ${file}`, { file: name }, { cause: error });
    throw new MuragatError('FILE_UNREADABLE', `cannot open the bundle ${file}: ${(error as Error).message}`, { file: name }, { cause: error });
  }
}

/** Before yauzl: an empty file, a PDF or random bytes are not a bundle, whatever else they are. */
async function checkLooksLikeZip(file: string, handle: FileHandle, size: number): Promise<void> {
  const name = path.basename(file);
  if (size === 0) throw new MuragatError('BUNDLE_NOT_A_BUNDLE', `${name} is empty (0 bytes), not a Muragat bundle`, { file: name });
  const head = Buffer.alloc(Math.min(size, 8));
  await handle.read(head, 0, head.length, 0);
  if (head.subarray(0, 4).equals(ZIP_LOCAL_HEADER_SIGNATURE)) return;
  const what = head.subarray(0, 5).toString('latin1') === '%PDF-' ? 'a PDF document' : 'not a ZIP file';
  throw new MuragatError('BUNDLE_NOT_A_BUNDLE', `${name} is ${what}, not a Muragat bundle`, { file: name });
}

/** Every central directory record, checked; no entry data is read. */
async function readCentralDirectory(file: string, handle: FileHandle, size: number, limits: BundleLimits): Promise<Map<string, CentralEntry>> {
  const zip = await openZip(file, handle, size);
  try {
    const check = new CentralDirectoryCheck(file, size, limits);
    check.checkCount(zip.entryCount);
    await eachEntry(file, zip, (entry, index) => {
      const name = decodeEntryName(file, entry.fileNameRaw, index);
      check.add(
        {
          name,
          compressionMethod: entry.compressionMethod,
          compressedSize: entry.compressedSize,
          uncompressedSize: entry.uncompressedSize,
          relativeOffsetOfLocalHeader: entry.relativeOffsetOfLocalHeader,
          generalPurposeBitFlag: entry.generalPurposeBitFlag,
        },
        entry.extraFields.map((field) => field.id),
      );
    });
    return new Map(check.finish().map((entry) => [entry.name, entry]));
  } finally {
    zip.close();
  }
}

function openZip(file: string, handle: FileHandle, size: number): Promise<yauzl.ZipFile> {
  // decodeStrings and validateEntrySizes off: zip-safety.ts makes the same checks (names, stored
  // sizes) with messages that name the entry, where yauzl stops at the first problem with a generic
  // one. Entry data never goes through yauzl: DigestStream counts it against the declared size.
  const options = { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: false, strictFileNames: true };
  return new Promise((resolve, reject) => {
    try {
      yauzl.fromRandomAccessReader(new HandleReader(handle), size, options, (error, zip) => {
        if (error) reject(endOfCentralDirectoryError(file, error));
        else resolve(zip);
      });
    } catch (error) {
      reject(mapZipError(file, error, 'opening'));
    }
  });
}

/** The file starts like a ZIP (checked before), so a missing end record means it was cut. */
function endOfCentralDirectoryError(file: string, error: Error): MuragatError {
  const name = path.basename(file);
  if (/end of central directory record signature not found/i.test(error.message)) {
    return new MuragatError('BUNDLE_TRUNCATED', `${name} starts like a bundle but its end (the ZIP central directory) is missing: the file is cut short`, { file: name }, { cause: error });
  }
  return mapZipError(file, error, 'reading the end of the ZIP');
}

function eachEntry(file: string, zip: yauzl.ZipFile, visit: (entry: yauzl.Entry, index: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let index = 0;
    const stop = (error: unknown) => {
      zip.removeAllListeners('entry');
      reject(mapZipError(file, error, `central directory record #${index + 1}`));
    };
    zip.on('entry', (entry: yauzl.Entry) => {
      try {
        visit(entry, index++);
        zip.readEntry();
      } catch (error) {
        stop(error);
      }
    });
    zip.once('end', () => resolve());
    zip.on('error', stop);
    zip.readEntry();
  });
}

class ZipBundle implements OpenedBundle {
  manifest!: BundleManifest;
  fingerprint = '';
  private closed = false;

  constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly fileSize: number,
    private readonly entries: ReadonlyMap<string, CentralEntry>,
    private readonly limits: BundleLimits,
  ) {}

  /** Steps 2–4 of the header comment. */
  async load(): Promise<void> {
    const manifestEntry = this.entries.get(MANIFEST_ENTRY);
    if (!manifestEntry) throw new MuragatError('BUNDLE_NOT_A_BUNDLE', `${this.name} is a ZIP without manifest.json, not a Muragat bundle`, { file: this.name });
    const signatureEntry = this.entries.get(SIGNATURE_ENTRY);
    if (!signatureEntry) throw new MuragatError('BUNDLE_BAD_SIGNATURE', `${this.name} is not signed: manifest.sig is missing`, { file: this.name });
    const bytes = await this.readSmall(manifestEntry);
    const signature = await this.readSmall(signatureEntry);
    this.manifest = readManifest(this.path, bytes, signature);
    this.checkEntriesMatch();
    this.fingerprint = fingerprintOf(this.manifest.source.publicKey);
  }

  async *records(): AsyncGenerator<unknown> {
    const expected = this.manifestEntry(RECORDS_ENTRY);
    const { output, digest } = await this.openVerified(expected);
    const tooLong = (line: number) =>
      unsafe(this.path, `line ${line} of records.ndjson is longer than the limit of ${this.limits.maxRecordLineBytes} bytes`, { entry: RECORDS_ENTRY, limit: this.limits.maxRecordLineBytes });
    let lineNumber = 0;
    try {
      for await (const line of splitLines(output, this.limits.maxRecordLineBytes, tooLong)) {
        lineNumber++;
        if (isBlank(line)) continue;
        yield this.parseRecord(line, lineNumber);
      }
    } catch (error) {
      throw this.readError(expected, error);
    } finally {
      output.destroy();
    }
    digest.check();
  }

  async extractFile(sha256: string, targetPath: string): Promise<void> {
    const expected = this.manifestEntry(`${FILES_PREFIX}${sha256}`);
    try {
      const { output, digest } = await this.openVerified(expected);
      await pipeline(output, fs.createWriteStream(targetPath, { highWaterMark: 4 * READ_CHUNK_BYTES }));
      digest.check();
    } catch (error) {
      await fs.promises.rm(targetPath, { force: true });
      throw this.readError(expected, error);
    }
  }

  async verifyAll(options: { skip?: ReadonlySet<string> } = {}): Promise<void> {
    for (const expected of this.manifest.entries) {
      // Entries the caller already read in full through records() or extractFile() (each checks
      // size and hash as it streams): reading them again would only halve the import's speed.
      if (options.skip?.has(expected.name)) continue;
      try {
        const { output, digest } = await this.openVerified(expected);
        await pipeline(output, discard());
        digest.check();
      } catch (error) {
        throw this.readError(expected, error);
      }
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.handle.close();
  }

  private get name(): string {
    return path.basename(this.path);
  }

  /** manifest.json or manifest.sig: already limited by their declared size; the stream enforces it. */
  private async readSmall(entry: CentralEntry): Promise<Buffer> {
    const expected = { name: entry.name, size: entry.uncompressedSize, sha256: null };
    const chunks: Buffer[] = [];
    try {
      const { output, digest } = await this.openVerified(expected);
      for await (const chunk of output) chunks.push(chunk as Buffer);
      digest.check();
    } catch (error) {
      throw this.readError(expected, error);
    }
    return Buffer.concat(chunks);
  }

  /** The ZIP holds exactly the manifest's entries (plus the manifest and signature), sizes equal. */
  private checkEntriesMatch(): void {
    const listed = new Set(this.manifest.entries.map((entry) => entry.name));
    for (const name of this.entries.keys()) {
      if (name !== MANIFEST_ENTRY && name !== SIGNATURE_ENTRY && !listed.has(name)) {
        throw this.tampered(`entry ${showName(name)} is in the ZIP but not in the manifest`, { entry: name });
      }
    }
    for (const expected of this.manifest.entries) {
      const actual = this.entries.get(expected.name);
      if (!actual) throw this.tampered(`entry ${showName(expected.name)} is in the manifest but missing from the ZIP`, { entry: expected.name });
      if (actual.uncompressedSize !== expected.size) {
        throw this.tampered(`entry ${showName(expected.name)} is ${actual.uncompressedSize} bytes in the ZIP but ${expected.size} in the manifest`, {
          entry: expected.name,
          expected: expected.size,
          found: actual.uncompressedSize,
        });
      }
    }
  }

  private manifestEntry(name: string): ManifestEntry {
    const entry = this.manifest.entries.find((candidate) => candidate.name === name);
    if (!entry) throw new MuragatError('NOT_FOUND', `${this.name} has no entry ${showName(name)}`, { file: this.name, entry: name });
    return entry;
  }

  /** Entry data (inflated if deflated) through a DigestStream bound to the declared size. */
  private async openVerified(expected: { name: string; size: number; sha256: string | null }): Promise<{ output: Readable; digest: DigestStream }> {
    if (this.closed) throw new MuragatError('INVALID_INPUT', `${this.name} is closed`);
    const entry = this.entries.get(expected.name);
    if (!entry) throw this.tampered(`entry ${showName(expected.name)} is missing from the ZIP`, { entry: expected.name });
    const start = await this.dataStart(entry);
    const raw = new RangeReader(this.handle, start, start + entry.compressedSize);
    const digest = new DigestStream(this.path, expected);
    const streams: NodeJS.ReadWriteStream[] = entry.compressionMethod === COMPRESSION_DEFLATE ? [createInflateRaw(), digest] : [digest];
    let output: Readable = raw;
    for (const next of streams) output = chain(output, next);
    return { output, digest };
  }

  /** Reads the local header (its name and extra field lengths place the data) and checks it. */
  private async dataStart(entry: CentralEntry): Promise<number> {
    const header = Buffer.alloc(LOCAL_HEADER_BYTES);
    const offset = entry.relativeOffsetOfLocalHeader;
    const { bytesRead } = await this.handle.read(header, 0, header.length, offset);
    if (bytesRead < header.length || !header.subarray(0, 4).equals(ZIP_LOCAL_HEADER_SIGNATURE)) {
      throw new MuragatError('BUNDLE_TRUNCATED', `${this.name}: entry ${showName(entry.name)} has no local header at offset ${offset}: the file is cut short or damaged`, {
        file: this.name,
        entry: entry.name,
      });
    }
    const nameLength = header.readUInt16LE(26);
    const localName = Buffer.alloc(nameLength);
    await this.handle.read(localName, 0, nameLength, offset + LOCAL_HEADER_BYTES);
    if (localName.toString('utf8') !== entry.name) {
      // Tools that read local headers would see another name than the one we checked.
      throw unsafe(this.path, `entry ${showName(entry.name)} is named ${showName(localName.toString('utf8'))} in its local header`, { entry: entry.name });
    }
    const start = offset + LOCAL_HEADER_BYTES + nameLength + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.fileSize) {
      throw new MuragatError('BUNDLE_TRUNCATED', `${this.name}: entry ${showName(entry.name)} ends after the end of the file: the file is cut short`, { file: this.name, entry: entry.name });
    }
    return start;
  }

  private parseRecord(line: Buffer, lineNumber: number): unknown {
    try {
      return JSON.parse(line.toString('utf8')) as unknown;
    } catch {
      throw this.tampered(`line ${lineNumber} of records.ndjson is not valid JSON`, { entry: RECORDS_ENTRY, line: lineNumber });
    }
  }

  private tampered(message: string, details: Record<string, string | number>): MuragatError {
    return new MuragatError('BUNDLE_TAMPERED', `${this.name}: ${message}`, { file: this.name, ...details });
  }

  /** Stream errors as codes: damaged deflate data, a read that failed (drive removed). */
  private readError(expected: { name: string }, error: unknown): MuragatError {
    if (error instanceof MuragatError) return error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const message = (error as Error).message ?? String(error);
    const details = { file: this.name, entry: expected.name };
    if (code === 'Z_BUF_ERROR') {
      return new MuragatError('BUNDLE_TRUNCATED', `${this.name}: entry ${showName(expected.name)} ends early (${message})`, details, { cause: error });
    }
    if (code.startsWith('Z_') || code.startsWith('ERR_ZLIB')) {
      return new MuragatError('BUNDLE_TAMPERED', `${this.name}: entry ${showName(expected.name)} is damaged: its compressed data is invalid (${message})`, details, { cause: error });
    }
    return new MuragatError('BUNDLE_TRUNCATED', `${this.name}: could not read entry ${showName(expected.name)} (${message}); was the drive removed?`, details, { cause: error });
  }
}

/**
 * yauzl reads the central directory through this, not through `fromFd`: yauzl closes an fd it was
 * given when its zip file is closed, while the handle must live until the bundle is closed.
 */
const READ_AHEAD_BYTES = 1024 * 1024;

class HandleReader extends yauzl.RandomAccessReader {
  /**
   * yauzl reads the central directory a record at a time (two small reads each): one file read
   * per call made a bundle of a million tiny entries take 50 s just to be refused. Reads are
   * served from a window read ahead in one go.
   */
  private window = Buffer.alloc(0);
  private windowStart = 0;

  constructor(private readonly handle: FileHandle) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return new RangeReader(this.handle, start, end);
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (error: Error | null, bytesRead?: number) => void): void {
    const fromWindow = (): number => {
      const start = position - this.windowStart;
      return this.window.copy(buffer, offset, start, Math.min(start + length, this.window.length));
    };
    if (position >= this.windowStart && position + length <= this.windowStart + this.window.length) {
      // Never synchronously: yauzl asks for the next entry from this callback, a million deep.
      const copied = fromWindow();
      queueMicrotask(() => callback(null, copied));
      return;
    }
    const window = Buffer.allocUnsafe(Math.max(length, READ_AHEAD_BYTES));
    this.handle.read(window, 0, window.length, position).then(
      ({ bytesRead }) => {
        this.window = window.subarray(0, bytesRead);
        this.windowStart = position;
        callback(null, fromWindow());
      },
      (error: Error) => callback(error),
    );
  }

  override close(callback: (error: Error | null) => void): void {
    setImmediate(() => callback(null));
  }
}

/**
 * Reads [start, end) of the bundle through the shared handle. (fs.createReadStream on a shared fd
 * would close it when destroyed, breaking every other reader.) A short read just ends the stream:
 * the DigestStream then reports the entry as cut short.
 */
class RangeReader extends Readable {
  private position: number;

  constructor(
    private readonly handle: FileHandle,
    start: number,
    private readonly end: number,
  ) {
    super({ highWaterMark: 4 * READ_CHUNK_BYTES });
    this.position = start;
  }

  override _read(): void {
    const length = Math.min(READ_CHUNK_BYTES, this.end - this.position);
    if (length <= 0) {
      this.push(null);
      return;
    }
    this.handle.read(Buffer.allocUnsafe(length), 0, length, this.position).then(
      ({ bytesRead, buffer }) => {
        if (this.destroyed) return;
        if (bytesRead === 0) {
          this.push(null);
          return;
        }
        this.position += bytesRead;
        this.push(bytesRead === length ? buffer : buffer.subarray(0, bytesRead));
      },
      (error: Error) => this.destroy(error),
    );
  }
}

/** `a.pipe(b)` that also forwards `a`'s errors to `b`, so the consumer sees every failure once. */
function chain(source: Readable, next: NodeJS.ReadWriteStream): Readable {
  const target = next as unknown as Readable & NodeJS.WritableStream;
  source.on('error', (error) => target.destroy(error));
  target.on('close', () => source.destroy());
  return source.pipe(target) as unknown as Readable;
}

function discard(): Writable {
  return new Writable({
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
}

function isBlank(line: Buffer): boolean {
  for (const byte of line) if (byte !== 0x20 && byte !== 0x0d && byte !== 0x09) return false;
  return true;
}
