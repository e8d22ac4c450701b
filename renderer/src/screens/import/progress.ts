/** Rate and time-left of an import job, from what its progress events report. */
import type { ImportJobProgress } from '../../../../shared/domain/import';

export interface JobRate {
  filesPerMinute: number;
  bytesPerSecond: number;
  /** Seconds left, or null while there is too little to judge by. */
  secondsLeft: number | null;
}

/** Before this much time and one file, a rate is noise. */
const MIN_ELAPSED_MS = 2000;

export function rateOf(progress: ImportJobProgress): JobRate | null {
  const seconds = progress.elapsedMs / 1000;
  if (progress.elapsedMs < MIN_ELAPSED_MS || progress.filesDone === 0) return null;
  const filesPerMinute = (progress.filesDone / seconds) * 60;
  const bytesPerSecond = progress.bytesDone / seconds;
  let secondsLeft: number | null = null;
  if (progress.state === 'running') {
    // Bytes predict better than files: one 300-page scan takes longer than fifty one-page letters.
    if (progress.bytesTotal > 0 && bytesPerSecond > 0) secondsLeft = Math.max(0, progress.bytesTotal - progress.bytesDone) / bytesPerSecond;
    else if (progress.filesTotal > 0) secondsLeft = (Math.max(0, progress.filesTotal - progress.filesDone) / filesPerMinute) * 60;
  }
  return { filesPerMinute, bytesPerSecond, secondsLeft };
}

/** Share done, 0–100; by files, which is what the bar is labelled with. */
export function percentOf(done: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(100, Math.max(0, Math.round((done / total) * 100)));
}
