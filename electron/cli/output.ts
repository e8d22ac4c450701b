/** Where the CLI writes. Injected so tests can capture output without spawning a process. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
  /** True when stderr is a terminal: progress bars are drawn only then. */
  isTty: boolean;
  columns: number;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTty: Boolean(process.stderr.isTTY),
  columns: process.stderr.columns || 100,
};

// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const TERMINAL_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from files and documents (a file name, a title, an error naming a path) as a terminal may
 * show it: a name holding ESC sequences, a newline or a direction override must not recolour the
 * terminal, forge an output line or reverse what follows. Each such character is shown escaped
 * (for one-line names; page text keeps its line breaks through `terminalText`).
 */
export function terminalSafe(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (char) => (char === '\n' ? '\\n' : char === '\t' ? '\\t' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`));
}

/**
 * Text from the archive (titles, numbers, page text, file names: from imported files and other
 * offices' bundles) made safe to print on a terminal: an ESC sequence in a title could clear
 * the screen, retitle the window or hide lines, and a carriage return overwrite the line. Page
 * and line breaks stay line breaks; every other control character becomes a visible �.
 */
export function terminalText(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  return text.replace(/[\f\v]/g, '\n').replace(/\r\n/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value) + '\n');
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.round(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '--:--';
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const mmss = `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** Cuts a string to a display width, keeping the end (file names are told apart by their ends). */
export function fitLeft(text: string, width: number): string {
  if (width <= 1) return '';
  return text.length <= width ? text : '…' + text.slice(text.length - width + 1);
}

export function fitRight(text: string, width: number): string {
  if (width <= 1) return '';
  return text.length <= width ? text : text.slice(0, width - 1) + '…';
}
