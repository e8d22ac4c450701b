/**
 * Streaming pieces of the container: a byte counter + SHA-256 that refuses to pass more bytes than
 * an entry declares (a zip bomb stops at its declared size, not at the end of the disk), and a
 * line splitter that never holds more than one line.
 */
import { createHash, type Hash } from 'node:crypto';
import * as path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { MuragatError } from '../../../../shared/errors';
import { showName, unsafe } from '../zip-safety';

const BUFFERED_BYTES = 4 * 1024 * 1024;

export interface ExpectedEntry {
  name: string;
  size: number;
  /** Null while writing (the digest is what we are computing). */
  sha256: string | null;
}

/** Counts and hashes what passes through; fails as soon as more than the declared size arrives. */
export class DigestStream extends Transform {
  bytes = 0;
  private readonly hash: Hash = createHash('sha256');
  private hex: string | null = null;

  constructor(
    private readonly file: string,
    private readonly expected: ExpectedEntry | null,
  ) {
    // Room for a few 1 MiB chunks each side, so reading, hashing and writing overlap.
    super({ highWaterMark: BUFFERED_BYTES });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.expected && this.bytes > this.expected.size) {
      callback(
        unsafe(this.file, `entry ${showName(this.expected.name)} holds more than the ${this.expected.size} bytes it declares (a zip bomb or a forged size)`, {
          entry: this.expected.name,
          expected: this.expected.size,
        }),
      );
      return;
    }
    this.hash.update(chunk);
    callback(null, chunk);
  }

  /** Hex SHA-256 of everything that passed; only once the stream has ended. */
  digest(): string {
    this.hex ??= this.hash.digest('hex');
    return this.hex;
  }

  /** After the end: the entry is exactly what the manifest says, or the right error. */
  check(): void {
    const expected = this.expected;
    if (!expected) return;
    const name = path.basename(this.file);
    if (this.bytes < expected.size) {
      throw new MuragatError('BUNDLE_TRUNCATED', `${name}: entry ${showName(expected.name)} ends early: ${this.bytes} of ${expected.size} bytes`, {
        file: name,
        entry: expected.name,
        expected: expected.size,
        found: this.bytes,
      });
    }
    const found = this.digest();
    if (expected.sha256 !== null && found !== expected.sha256) {
      throw new MuragatError('BUNDLE_TAMPERED', `${name}: entry ${showName(expected.name)} does not match the manifest: SHA-256 ${expected.sha256} expected, ${found} found`, {
        file: name,
        entry: expected.name,
        expected: expected.sha256,
        found,
      });
    }
  }
}

/**
 * Yields the lines of a byte stream (without the newline). A line longer than `maxLineBytes` throws
 * what `tooLong` returns as soon as it is seen, before it is assembled. A trailing line without a
 * newline is still yielded.
 */
export async function* splitLines(source: AsyncIterable<Buffer>, maxLineBytes: number, tooLong: (lineNumber: number) => Error): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let lineNumber = 1;
  for await (const chunk of source) {
    let start = 0;
    for (let newline = chunk.indexOf(0x0a, start); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      const piece = chunk.subarray(start, newline);
      if (pendingBytes + piece.length > maxLineBytes) throw tooLong(lineNumber);
      yield pending.length === 0 ? piece : Buffer.concat([...pending, piece]);
      pending = [];
      pendingBytes = 0;
      start = newline + 1;
      lineNumber++;
    }
    if (start < chunk.length) {
      pendingBytes += chunk.length - start;
      if (pendingBytes > maxLineBytes) throw tooLong(lineNumber);
      pending.push(chunk.subarray(start));
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}
