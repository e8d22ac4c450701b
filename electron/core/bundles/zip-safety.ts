/**
 * Rules a bundle's ZIP structure must pass before a single byte of entry data is read: names that
 * cannot escape a folder or fool a file system, no duplicates, honest sizes, no zip bombs. Pure
 * functions over the central directory, so every rule is testable without a ZIP.
 */
import * as path from 'node:path';
import { MuragatError } from '../../../shared/errors';
import { MANIFEST_ENTRY, SIGNATURE_ENTRY, type BundleLimits } from './format';

/** What the container keeps of one central directory record. */
export interface CentralEntry {
  name: string;
  compressionMethod: number;
  compressedSize: number;
  uncompressedSize: number;
  relativeOffsetOfLocalHeader: number;
  generalPurposeBitFlag: number;
}

export const ZIP_LOCAL_HEADER_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
export const COMPRESSION_STORED = 0;
export const COMPRESSION_DEFLATE = 8;
/** A central directory record is at least this long: a count above fileSize / 46 is a lie. */
export const CENTRAL_RECORD_MIN_BYTES = 46;
const LOCAL_HEADER_MIN_BYTES = 30;
/**
 * Entries smaller than this are not ratio-checked: a short run of identical bytes legitimately
 * deflates beyond any ratio, and a "bomb" this small harms nobody (the total limit still counts it).
 */
export const RATIO_CHECK_FLOOR_BYTES = 1024 * 1024;
/** manifest.sig holds 88 characters of base64; anything bigger is not ours. */
export const MAX_SIGNATURE_BYTES = 1024;
const MAX_NAME_BYTES = 1024;
const INFO_ZIP_UNICODE_PATH_FIELD = 0x7075;
const FLAG_ENCRYPTED = 0x1;
const FLAG_STRONG_ENCRYPTION = 0x40;

/** An entry name as it may appear in a message: quoted, control characters escaped, bounded. */
export function showName(name: string): string {
  const shown = JSON.stringify(name.length > 200 ? `${name.slice(0, 200)}…` : name);
  return shown;
}

export function unsafe(file: string, message: string, details: Record<string, string | number> = {}): MuragatError {
  return new MuragatError('BUNDLE_UNSAFE', `${path.basename(file)}: ${message}`, { file: path.basename(file), ...details });
}

/**
 * Decodes a raw entry name (always as UTF-8: yazl writes UTF-8 names and ours are ASCII) and
 * returns it, or throws BUNDLE_UNSAFE saying why it could be dangerous when extracted by any tool.
 */
export function decodeEntryName(file: string, raw: Buffer, index: number): string {
  if (raw.length === 0) throw unsafe(file, `entry #${index + 1} has an empty name`);
  if (raw.length > MAX_NAME_BYTES) throw unsafe(file, `entry #${index + 1} has a name of ${raw.length} bytes (at most ${MAX_NAME_BYTES})`);
  let name: string;
  try {
    name = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw unsafe(file, `entry #${index + 1} has a name that is not valid UTF-8`);
  }
  const problem = entryNameProblem(name);
  if (problem) throw unsafe(file, `entry ${showName(name)} ${problem}`, { entry: name });
  return name;
}

/** Why a name is unsafe, or null. Every rule here is one a hostile ZIP has used against some unzipper. */
export function entryNameProblem(name: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(name)) return 'contains a control character';
  if (/^[A-Za-z]:/.test(name)) return 'starts with a drive letter';
  if (name.startsWith('/')) return 'is an absolute path';
  if (name.includes('\\')) return 'contains a backslash (a Windows path separator)';
  if (name.includes(':')) return 'contains a colon (a drive letter or an NTFS stream)';
  const segments = name.split('/');
  if (segments.includes('..')) return 'climbs out of the bundle with ".."';
  if (segments.includes('.')) return 'contains a "." path segment';
  // A trailing slash (a folder entry) is only unexpected, not dangerous: the manifest check reports it.
  if (segments.slice(0, -1).includes('')) return 'contains an empty path segment ("//")';
  return null;
}

/**
 * Checks the central directory record by record, accumulating what only the whole directory can
 * tell (duplicates, total size, overlapping data). No entry data is read.
 */
export class CentralDirectoryCheck {
  private readonly seen = new Set<string>();
  private readonly seenFolded = new Map<string, string>();
  private totalBytes = 0;
  private readonly entries: CentralEntry[] = [];

  constructor(
    private readonly file: string,
    private readonly fileSize: number,
    private readonly limits: BundleLimits,
  ) {}

  /** The entry count from the end-of-central-directory record, before any record is read. */
  checkCount(entryCount: number): void {
    if (entryCount > this.limits.maxEntries) {
      throw unsafe(this.file, `it has ${entryCount} entries, more than the limit of ${this.limits.maxEntries}`, { found: entryCount, limit: this.limits.maxEntries });
    }
    if (entryCount * CENTRAL_RECORD_MIN_BYTES > this.fileSize) {
      throw new MuragatError(
        'BUNDLE_TRUNCATED',
        `${path.basename(this.file)}: the central directory lists ${entryCount} entries, which cannot fit in ${this.fileSize} bytes: the file is cut short or damaged`,
        { file: path.basename(this.file) },
      );
    }
  }

  add(entry: CentralEntry, extraFieldIds: readonly number[]): void {
    const shown = showName(entry.name);
    this.checkDuplicate(entry.name);
    if (entry.generalPurposeBitFlag & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION)) throw unsafe(this.file, `entry ${shown} is encrypted`, { entry: entry.name });
    if (extraFieldIds.includes(INFO_ZIP_UNICODE_PATH_FIELD)) {
      // Other unzippers would show and extract this second name instead of the one checked here.
      throw unsafe(this.file, `entry ${shown} carries a second (Info-ZIP Unicode) name`, { entry: entry.name });
    }
    if (entry.compressionMethod !== COMPRESSION_STORED && entry.compressionMethod !== COMPRESSION_DEFLATE) {
      throw unsafe(this.file, `entry ${shown} uses compression method ${entry.compressionMethod} (only stored and deflate are allowed)`, { entry: entry.name });
    }
    this.checkHeldInMemory(entry);
    this.checkSizes(entry, shown);
    this.entries.push(entry);
  }

  /** After the last record: data ranges that overlap (one byte counted by several entries). */
  finish(): CentralEntry[] {
    const byOffset = [...this.entries].sort((a, b) => a.relativeOffsetOfLocalHeader - b.relativeOffsetOfLocalHeader);
    for (let i = 1; i < byOffset.length; i++) {
      const before = byOffset[i - 1] as CentralEntry;
      const after = byOffset[i] as CentralEntry;
      if (before.relativeOffsetOfLocalHeader + LOCAL_HEADER_MIN_BYTES + before.compressedSize > after.relativeOffsetOfLocalHeader) {
        throw unsafe(this.file, `entries ${showName(before.name)} and ${showName(after.name)} overlap (the same bytes counted twice: a zip bomb trick)`);
      }
    }
    return this.entries;
  }

  private checkDuplicate(name: string): void {
    if (this.seen.has(name)) throw unsafe(this.file, `entry ${showName(name)} appears more than once`, { entry: name });
    // Case or Unicode-form variants become one file on Windows and macOS: refuse them too.
    const folded = name.normalize('NFC').toLowerCase();
    const other = this.seenFolded.get(folded);
    if (other !== undefined) throw unsafe(this.file, `entries ${showName(other)} and ${showName(name)} differ only in letter case or Unicode form`, { entry: name });
    this.seen.add(name);
    this.seenFolded.set(folded, name);
  }

  /** The two entries the reader holds in memory are refused by their declared size, unread. */
  private checkHeldInMemory(entry: CentralEntry): void {
    const limit = entry.name === MANIFEST_ENTRY ? this.limits.maxManifestBytes : entry.name === SIGNATURE_ENTRY ? MAX_SIGNATURE_BYTES : null;
    if (limit !== null && entry.uncompressedSize > limit) {
      throw unsafe(this.file, `${entry.name} declares ${entry.uncompressedSize} bytes, more than the limit of ${limit}; it was not read`, {
        entry: entry.name,
        found: entry.uncompressedSize,
        limit,
      });
    }
  }

  private checkSizes(entry: CentralEntry, shown: string): void {
    const { compressedSize, uncompressedSize } = entry;
    if (!Number.isSafeInteger(compressedSize) || !Number.isSafeInteger(uncompressedSize)) throw unsafe(this.file, `entry ${shown} declares an impossible size`, { entry: entry.name });
    if (entry.compressionMethod === COMPRESSION_STORED && compressedSize !== uncompressedSize) {
      throw unsafe(this.file, `entry ${shown} is stored uncompressed but declares ${uncompressedSize} bytes for ${compressedSize} bytes of data`, {
        entry: entry.name,
        expected: uncompressedSize,
        found: compressedSize,
      });
    }
    if (entry.relativeOffsetOfLocalHeader + LOCAL_HEADER_MIN_BYTES + compressedSize > this.fileSize) {
      throw new MuragatError(
        'BUNDLE_TRUNCATED',
        `${path.basename(this.file)}: entry ${shown} would end past the end of the file (${this.fileSize} bytes): the file is cut short`,
        { file: path.basename(this.file), entry: entry.name },
      );
    }
    const ratio = uncompressedSize / Math.max(compressedSize, 1);
    if (uncompressedSize > RATIO_CHECK_FLOOR_BYTES && ratio > this.limits.maxCompressionRatio) {
      throw unsafe(this.file, `entry ${shown} expands ${Math.round(ratio)} times (${compressedSize} to ${uncompressedSize} bytes), more than the limit of ${this.limits.maxCompressionRatio} (a zip bomb)`, {
        entry: entry.name,
        found: Math.round(ratio),
        limit: this.limits.maxCompressionRatio,
      });
    }
    this.totalBytes += uncompressedSize;
    if (this.totalBytes > this.limits.maxTotalBytes) {
      throw unsafe(this.file, `its entries add up to more than ${this.limits.maxTotalBytes} bytes uncompressed (reached at entry ${shown})`, {
        entry: entry.name,
        limit: this.limits.maxTotalBytes,
      });
    }
  }
}

/**
 * yauzl's structural errors, as codes. A file that never was a ZIP is caught before yauzl by its
 * first bytes, so whatever yauzl cannot parse in a file that starts like a ZIP is a cut or damaged one.
 */
export function mapZipError(file: string, error: unknown, where: string): MuragatError {
  if (error instanceof MuragatError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const name = path.basename(file);
  if (/multi-disk/i.test(message)) {
    return new MuragatError('BUNDLE_NOT_A_BUNDLE', `${name} is a multi-part ZIP, not a Muragat bundle`, { file: name }, { cause: error });
  }
  return new MuragatError('BUNDLE_TRUNCATED', `${name} is cut short or damaged (${where}: ${message})`, { file: name }, { cause: error });
}
