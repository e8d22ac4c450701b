/**
 * Reading ZIP containers (DOCX, ODT) from memory with yauzl, with limits.
 *
 * Office files are ZIP archives, and a ZIP archive can claim anything: an entry of a few
 * kilobytes may inflate to gigabytes (a "zip bomb"). Every entry we read is checked against its
 * declared size and compression ratio before inflating, and the inflated byte count is checked
 * again while streaming (yauzl also refuses entries whose real size differs from the declared one).
 * A broken limit is EXTRACTION_LIMIT (the file may be well formed, and hostile); damage becomes a
 * MuragatError with the caller's format-specific code (DOCX_CORRUPT, …).
 */
import { Parser } from 'htmlparser2';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { MuragatError, type ErrorCode } from '../../../../shared/errors';

export interface ZipLimits {
  /** Largest uncompressed size accepted for one entry, in bytes. */
  maxEntryBytes: number;
  /** Largest uncompressed size of all entries together, in bytes. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio accepted for one entry… */
  maxRatio: number;
  /**
   * …once the entry is at least this large. Small XML parts legitimately compress very well
   * (a few KB of repeated markup), and they cannot hurt us; the ratio matters for big entries.
   */
  ratioAppliesAboveBytes: number;
}

/**
 * Measured on the DOCX and ODT files of ../shared/corpus and ../shared/corpus2: the largest entry
 * is 13.7 MB (the Tax Code's word/document.xml), the largest ratio of an entry over 100 kB is 30.
 * Margins: about 9× on the entry size, 6.7× on the ratio. The total is what mammoth (JSZip) may
 * hold inflated at once.
 */
export const DEFAULT_ZIP_LIMITS: Readonly<ZipLimits> = {
  maxEntryBytes: 128 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioAppliesAboveBytes: 1024 * 1024,
};

/** The declared sizes of an entry, as found in the central directory. */
export interface EntrySizes {
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * Why an entry must not be inflated, or null when it is acceptable.
 * Pure, so the guard is testable without building a real bomb.
 */
export function entrySizeProblem(sizes: EntrySizes, limits: Readonly<ZipLimits> = DEFAULT_ZIP_LIMITS): string | null {
  const { compressedSize, uncompressedSize } = sizes;
  if (uncompressedSize > limits.maxEntryBytes) {
    return `uncompressed size ${uncompressedSize} bytes exceeds the limit of ${limits.maxEntryBytes}`;
  }
  if (uncompressedSize >= limits.ratioAppliesAboveBytes) {
    // A stored (uncompressed) entry has ratio 1; a zero compressed size with content is impossible.
    const ratio = compressedSize === 0 ? Number.POSITIVE_INFINITY : uncompressedSize / compressedSize;
    if (ratio > limits.maxRatio) {
      return `compression ratio ${Number.isFinite(ratio) ? ratio.toFixed(0) : 'infinite'} exceeds the limit of ${limits.maxRatio}`;
    }
  }
  return null;
}

export interface ZipArchive {
  /** Entry names in central-directory order (directories included, with a trailing '/'). */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** Declared sizes of an entry, or undefined when it is absent. */
  sizes(name: string): EntrySizes | undefined;
  /** Inflates one entry, within the limits. Undefined when the entry does not exist. */
  read(name: string): Promise<Buffer | undefined>;
  /** Checks every entry's declared sizes; throws on the first one that breaks the limits. */
  assertAllWithinLimits(): void;
  /**
   * Inflates every entry, discarding the output (memory O(chunk)), so that each entry's real size
   * is known to match its declared one before a library without limits (JSZip) inflates it.
   */
  verifyAllEntries(): Promise<void>;
  close(): void;
}

/** Views the bytes as a Buffer without copying them. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Opens a ZIP archive held in memory and reads its central directory.
 * @param corruptCode the error code to throw when the archive is damaged (limits: EXTRACTION_LIMIT).
 */
export async function openZip(
  bytes: Uint8Array,
  corruptCode: ErrorCode,
  limits: Readonly<ZipLimits> = DEFAULT_ZIP_LIMITS,
): Promise<ZipArchive> {
  let zip: ZipFile;
  try {
    // lazyEntries: we walk the directory ourselves; autoClose off so entries can be read afterwards.
    zip = await yauzl.fromBufferPromise(asBuffer(bytes), { lazyEntries: true, autoClose: false, strictFileNames: false });
  } catch (error) {
    throw new MuragatError(corruptCode, `the file is not a readable ZIP archive: ${describe(error)}`, {}, { cause: error });
  }
  const entries = new Map<string, Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      // Keep the first of duplicated names: later ones are a classic way to smuggle content.
      if (!entries.has(entry.fileName)) entries.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    throw new MuragatError(corruptCode, `the ZIP directory is damaged: ${describe(error)}`, {}, { cause: error });
  }
  return new InMemoryZip(zip, entries, corruptCode, limits);
}

class InMemoryZip implements ZipArchive {
  readonly names: readonly string[];

  constructor(
    private readonly zip: ZipFile,
    private readonly entries: ReadonlyMap<string, Entry>,
    private readonly corruptCode: ErrorCode,
    private readonly limits: Readonly<ZipLimits>,
  ) {
    this.names = [...entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  sizes(name: string): EntrySizes | undefined {
    const entry = this.entries.get(name);
    return entry && { compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize };
  }

  assertAllWithinLimits(): void {
    let total = 0;
    for (const entry of this.entries.values()) {
      this.assertWithinLimits(entry);
      total += entry.uncompressedSize;
      if (total > this.limits.maxTotalBytes) {
        throw new MuragatError(
          'EXTRACTION_LIMIT',
          `the ZIP entries together uncompress to more than ${this.limits.maxTotalBytes} bytes (the limit; found at least ${total}), which looks like a decompression bomb`,
          { limit: this.limits.maxTotalBytes, found: total },
        );
      }
    }
  }

  async verifyAllEntries(): Promise<void> {
    this.assertAllWithinLimits();
    for (const entry of this.entries.values()) {
      if (entry.fileName.endsWith('/')) continue;
      try {
        await this.inflate(entry, false);
      } catch (error) {
        const cause = error instanceof MuragatError ? error.cause : error;
        // More bytes than declared: the file contradicts itself (damage, or a lie to get past the
        // size checks), and a reader without limits would inflate all of it: refused, whatever the entry.
        if (cause instanceof Error && /too many bytes/.test(cause.message)) {
          throw new MuragatError(this.corruptCode, `ZIP entry ${entry.fileName} inflates to more than the ${entry.uncompressedSize} bytes it declares`, {
            entry: entry.fileName,
            declared: entry.uncompressedSize,
          });
        }
        // Other damage matters in the XML parts a reader parses; a damaged picture (never
        // read) must not cost the user the document's text.
        if (!isBinaryPart(entry.fileName)) throw error;
      }
    }
  }

  private assertWithinLimits(entry: Entry): void {
    const problem = entrySizeProblem(entry, this.limits);
    if (problem) {
      // A limit, not damage: the file may be perfectly formed, and hostile.
      throw new MuragatError('EXTRACTION_LIMIT', `ZIP entry ${entry.fileName} refused: ${problem}, which looks like a decompression bomb`, {
        entry: entry.fileName,
        uncompressedSize: entry.uncompressedSize,
        compressedSize: entry.compressedSize,
      });
    }
  }

  async read(name: string): Promise<Buffer | undefined> {
    const entry = this.entries.get(name);
    if (!entry) return undefined;
    this.assertWithinLimits(entry);
    return this.inflate(entry, true);
  }

  private async inflate(entry: Entry, keep: boolean): Promise<Buffer> {
    const name = entry.fileName;
    if (entry.isEncrypted()) {
      throw new MuragatError(this.corruptCode, `ZIP entry ${name} is encrypted`, { entry: name });
    }
    let total = 0;
    try {
      const stream = await this.zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        // Belt and braces: yauzl already stops at the declared size, this guards the limit itself.
        if (total > this.limits.maxEntryBytes) {
          stream.destroy();
          throw new MuragatError('EXTRACTION_LIMIT', `ZIP entry ${name} inflates beyond ${this.limits.maxEntryBytes} bytes (the limit)`, {
            entry: name,
            limit: this.limits.maxEntryBytes,
            found: total,
          });
        }
        if (keep) chunks.push(chunk);
      }
      return keep ? Buffer.concat(chunks, total) : Buffer.alloc(0);
    } catch (error) {
      if (error instanceof MuragatError) throw error;
      throw new MuragatError(this.corruptCode, `ZIP entry ${name} cannot be read: ${describe(error)}`, { entry: name }, { cause: error });
    }
  }

  close(): void {
    this.zip.close();
  }
}

/** Pictures, fonts and embedded objects: parts no text reader parses. */
function isBinaryPart(name: string): boolean {
  return /\.(?:png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|webp|odttf|ttf|bin|ole)$/i.test(name) || /(?:^|\/)(?:media|embeddings|fonts|Pictures)\//.test(name);
}

/** Opens the archive, runs `use`, and always closes it. */
export async function withZip<T>(
  bytes: Uint8Array,
  corruptCode: ErrorCode,
  use: (zip: ZipArchive) => Promise<T>,
  limits: Readonly<ZipLimits> = DEFAULT_ZIP_LIMITS,
): Promise<T> {
  const zip = await openZip(bytes, corruptCode, limits);
  try {
    return await use(zip);
  } finally {
    zip.close();
  }
}

/**
 * The `dc:title` of an office metadata part (DOCX docProps/core.xml, ODT meta.xml), trimmed;
 * undefined when the part or the title is missing or unreadable: metadata is optional, and a
 * broken metadata part must not cost the user the document's text.
 */
export async function readDublinCoreTitle(zip: ZipArchive, part: string): Promise<string | undefined> {
  let xml: Buffer | undefined;
  try {
    xml = await zip.read(part);
  } catch {
    return undefined;
  }
  if (!xml) return undefined;
  let depth = 0;
  let title = '';
  const parser = new Parser(
    {
      onopentag: (name) => {
        if (name === 'dc:title') depth++;
      },
      onclosetag: (name) => {
        if (name === 'dc:title') depth = Math.max(0, depth - 1);
      },
      ontext: (text) => {
        if (depth > 0) title += text;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml.toString('utf8'));
  const trimmed = title.replace(/\s+/g, ' ').trim().normalize('NFC');
  return trimmed === '' ? undefined : trimmed;
}
