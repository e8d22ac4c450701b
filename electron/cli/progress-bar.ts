import type { ImportProgress } from '../core/ingest/import-files';
import { fitLeft, formatBytes, formatDuration, terminalSafe, type CliIo } from './output';

/**
 * One-line import progress on a terminal: files done of total, rate, time left, current file.
 * Redrawn at most ten times a second; nothing is drawn when stderr is not a terminal.
 */
export class ImportProgressBar {
  private lastDraw = 0;
  private readonly started = Date.now();
  private drawn = false;

  constructor(private readonly io: CliIo) {}

  update(progress: ImportProgress, force = false): void {
    if (!this.io.isTty) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const elapsedSec = Math.max(0.001, (now - this.started) / 1000);
    const fraction = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : progress.filesTotal > 0 ? progress.filesDone / progress.filesTotal : 1;
    const rateBytes = progress.bytesDone / elapsedSec;
    const leftMs = rateBytes > 0 ? ((progress.bytesTotal - progress.bytesDone) / rateBytes) * 1000 : NaN;
    const barWidth = 24;
    const filled = Math.round(Math.min(1, fraction) * barWidth);
    const bar = '█'.repeat(filled) + '░'.repeat(barWidth - filled);
    const stats = `${progress.filesDone}/${progress.filesTotal} files · ${(progress.filesDone / elapsedSec).toFixed(1)} files/s · ${formatBytes(rateBytes)}/s · ${formatDuration(leftMs)} left`;
    const head = `${bar} ${Math.floor(fraction * 100)}% ${stats}`;
    const room = this.io.columns - head.length - 3;
    const current = progress.current && room > 10 ? ` ${fitLeft(terminalSafe(progress.current), room)}` : '';
    this.io.err(`\r\x1b[2K${head}${current}`);
    this.drawn = true;
  }

  /** Clears the bar so that a message can be printed on a clean line. */
  clear(): void {
    if (this.drawn && this.io.isTty) this.io.err('\r\x1b[2K');
  }
}
