/**
 * What the long commands (reindex, export-bundle, import-bundle) share: a progress line on a
 * terminal, and Ctrl+C turned into the job's AbortSignal, so the work stops between its items
 * and cleans up (no partial bundle, no half-applied import, the old index intact) instead of the
 * process dying mid-write.
 */
import { isMuragatError } from '../../../shared/errors';
import { printJson, type CliIo } from '../output';

/** A `\r`-rewritten status line on stderr, at most ten times a second; nothing when not a terminal or with --json. */
export function progressLine(io: CliIo, json: boolean, label: string, unit: string): { update: (done: number, total: number) => void; clear: () => void } {
  const shown = !json && io.isTty;
  let last = 0;
  return {
    update(done, total) {
      const now = Date.now();
      if (!shown || (now - last < 100 && done < total)) return;
      last = now;
      io.err(`\r\x1b[2K${label} ${done}/${total} ${unit}`);
    },
    clear() {
      if (shown) io.err('\r\x1b[2K');
    },
  };
}

/**
 * Runs `work` with a signal that Ctrl+C (SIGINT) aborts. Resolves with the work's result, or
 * `null` when it was cancelled (the work threw CANCELLED after cleaning up).
 */
export async function cancellableOnSigint<T>(work: (signal: AbortSignal) => Promise<T>): Promise<{ value: T } | null> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    return { value: await work(controller.signal) };
  } catch (error) {
    if (controller.signal.aborted && isMuragatError(error) && error.code === 'CANCELLED') return null;
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/**
 * A long command's whole run: a progress line, Ctrl+C as cancel, and on cancel the JSON
 * `{ cancelled: true }` or `cancelledMessage` said once. `null` when cancelled (exit 1).
 */
export async function runCancellable<T>(
  io: CliIo,
  json: boolean,
  progress: { label: string; unit: string },
  cancelledMessage: string,
  work: (signal: AbortSignal, onProgress: (done: number, total: number) => void) => Promise<T>,
): Promise<{ value: T } | null> {
  const line = progressLine(io, json, progress.label, progress.unit);
  let outcome: { value: T } | null;
  try {
    outcome = await cancellableOnSigint((signal) => work(signal, line.update));
  } finally {
    line.clear();
  }
  if (!outcome) {
    if (json) printJson(io, { cancelled: true });
    else io.err(`${cancelledMessage}\n`);
  }
  return outcome;
}
