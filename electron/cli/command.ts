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
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
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
