/**
 * A cap on single byte-array allocations inside an extraction worker: the backstop for what
 * the PDF stream scan (pdf-limits.ts) cannot see, chiefly encrypted PDFs, whose streams are
 * ciphertext until pdf.js decrypts them.
 *
 * Why it is needed: pdf.js decodes a stream into one Uint8Array that it doubles as it grows
 * (DecodeStream.ensureBuffer). Such buffers live outside the JavaScript heap, where a worker's
 * `resourceLimits` do not reach, and pdf.js exports neither its stream classes nor an option to
 * bound them. So the extraction worker, and only it, wraps the byte-array constructors: asking for
 * more than MAX_ALLOCATION_BYTES in one array throws a RangeError (as a failed allocation would),
 * and `withAllocationGuard` turns the outcome into EXTRACTION_LIMIT even when pdf.js caught the
 * error and went on with an empty page.
 *
 * Only numeric lengths are checked: copies of existing data (`new Uint8Array(bytes)`, the file
 * itself) are bounded by the file size limit already.
 *
 * pdf.js 5 inflates with the native DecompressionStream when there is one, collecting every
 * output chunk before it allocates the result: the guard also counts what a DecompressionStream
 * gives and errors it past the limit (pdf.js then falls back to its own decoder, which the
 * constructor guard stops at its next doubling).
 */
import { MuragatError } from '../../../../shared/errors';

const MiB = 1024 * 1024;

/**
 * The per-stream cap of pdf-limits.ts: pdf.js grows a stream's buffer in powers of two from
 * 512 bytes, so every stream the scan accepts fits in a buffer of at most 128 MiB; a stream past
 * it is refused at the doubling to 256 MiB.
 */
export const MAX_ALLOCATION_BYTES = 128 * MiB;

/** Whether the work now running has asked for more than the limit (lets long loops stop early). */
export function allocationRefused(): boolean {
  return refusedBytes !== null;
}

let installed = false;
let refusedBytes: number | null = null;

/**
 * Wraps the global Uint8Array and Uint8ClampedArray constructors of this thread. Call it once,
 * at the start of an extraction worker; never in the main thread.
 */
export function installAllocationGuard(limit = MAX_ALLOCATION_BYTES): void {
  if (installed) return;
  installed = true;
  const globals = globalThis as unknown as Record<string, unknown>;
  for (const name of ['Uint8Array', 'Uint8ClampedArray'] as const) {
    const original = globals[name] as Uint8ArrayConstructor;
    globals[name] = new Proxy(original, {
      construct(target, args: unknown[], newTarget: () => unknown) {
        const [first] = args;
        if (typeof first === 'number' && first * target.BYTES_PER_ELEMENT > limit) {
          refusedBytes = Math.max(refusedBytes ?? 0, first * target.BYTES_PER_ELEMENT);
          throw new RangeError(`Array buffer allocation failed: ${first} bytes refused, the limit is ${limit}`);
        }
        return Reflect.construct(target, args, newTarget) as object;
      },
    });
  }
  const NativeDecompressionStream = globalThis.DecompressionStream;
  if (typeof NativeDecompressionStream === 'function') {
    class LimitedDecompressionStream {
      readonly readable: ReadableStream<Uint8Array>;
      readonly writable: WritableStream<BufferSource>;
      constructor(format: CompressionFormat) {
        const inner = new NativeDecompressionStream(format);
        let total = 0;
        this.writable = inner.writable;
        this.readable = inner.readable.pipeThrough(
          new TransformStream<Uint8Array, Uint8Array>({
            transform(chunk, controller) {
              total += chunk.byteLength;
              if (total > limit) {
                refusedBytes = Math.max(refusedBytes ?? 0, total);
                controller.error(new RangeError(`decompressed data passes the limit of ${limit} bytes`));
                return;
              }
              controller.enqueue(chunk);
            },
          }),
        );
      }
    }
    globals.DecompressionStream = LimitedDecompressionStream;
  }
}

/**
 * Runs `work`, and throws EXTRACTION_LIMIT if it asked for a byte array over the limit, whether
 * or not the RangeError was caught on the way.
 */
export async function withAllocationGuard<T>(work: () => Promise<T>, limit = MAX_ALLOCATION_BYTES): Promise<T> {
  refusedBytes = null;
  const refused = (): MuragatError =>
    new MuragatError('EXTRACTION_LIMIT', `reading the file needs a single block of ${refusedBytes ?? 0} bytes, more than the limit of ${limit}; it looks like a decompression bomb`, {
      limit,
      found: refusedBytes ?? 0,
    });
  let result: T;
  try {
    result = await work();
  } catch (error) {
    if (refusedBytes !== null) throw refused();
    throw error;
  }
  if (refusedBytes !== null) throw refused();
  return result;
}
