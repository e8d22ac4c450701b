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
  /** Returns the process exit code. */
  run(context: CommandContext): Promise<number>;
}

export const EXIT_OK = 0;
/** Something failed (a file in an import, a check problem, an error). */
export const EXIT_FAILED = 1;
/** The command line itself was wrong. */
export const EXIT_USAGE = 2;

export function usageError(message: string): MuragatError {
  return new MuragatError('INVALID_INPUT', message);
}
