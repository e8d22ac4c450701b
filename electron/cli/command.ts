import type { ParseArgsConfig } from 'node:util';
import { MuragatError } from '../../shared/errors';
import type { Archive } from '../core/archive';
import type { CliIo } from './output';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type ParsedValues = Record<string, string | boolean | string[] | undefined>;

export interface CommandContext {
  archive: Archive;
  positionals: string[];
  values: ParsedValues;
  json: boolean;
  io: CliIo;
  /** True when the command opened the embedded sample archive (see `sampleWhenNoData`). */
  sample: boolean;
  /** The application version (package.json). */
  version: string;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** With neither --data nor MURAGAT_DATA, open the sample archive instead of the user's own. */
  sampleWhenNoData?: boolean;
  /**
   * `read`: the command never changes the archive, so it opens it read-only: it works on
   * read-only media and never waits for another process's write lock (WAL readers don't block).
   * `write` (the default) opens it for writing and fails with ARCHIVE_READ_ONLY where it cannot.
   */
  access?: 'read' | 'write';
  /**
   * The positionals are a search query: an unknown `-word` is a query word (the exclude
   * operator), not an option, so `muragat search -жоба` works without `--`.
   */
  dashWordsArePositional?: boolean;
  /** Returns the process exit code. */
  run(context: CommandContext): Promise<number>;
  /**
   * Runs instead of failing when the archive exists but cannot be opened (damaged, newer, locked):
   * for commands still useful then (`diagnostics`). Returns the exit code.
   */
  runUnopened?(context: Omit<CommandContext, 'archive' | 'sample'> & { dataDir: string; error: unknown }): Promise<number>;
}

export const EXIT_OK = 0;
/** Something failed (a file in an import, a check problem, an error). */
export const EXIT_FAILED = 1;
/** The command line itself was wrong. */
export const EXIT_USAGE = 2;

export function usageError(message: string): MuragatError {
  return new MuragatError('INVALID_INPUT', message);
}
