import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { isMuragatError, toErrorInfo } from '../../shared/errors';
import { openArchive, type Archive } from '../core/archive';
import { ARCHIVE_DB_FILE } from '../core/layout';
import { createLoggerIfArchive } from '../core/log/logger';
import { asMuragatError } from '../core/db/sqlite';
import { ensureSampleArchive } from '../core/sample/sample-archive';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type Command, type OptionSpec, type ParsedValues } from './command';
import { backupCommand } from './commands/backup';
import { checkCommand } from './commands/check';
import { importCommand } from './commands/import';
import { listCommand, showCommand } from './commands/documents';
import { ocrCommand } from './commands/ocr';
import { reindexCommand } from './commands/reindex';
import { searchCommand } from './commands/search';
import { SAMPLE_DIR, serveCommand } from './commands/serve';
import { EXCHANGE_COMMANDS } from './commands/exchange';
import { deleteCommand, editCommand } from './commands/edit';
import { diagnosticsCommand } from './commands/diagnostics';
import { statsCommand } from './commands/stats';
import { resolveDataDir } from './data-dir';
import { printJson, processIo, type CliIo } from './output';

const COMMANDS: readonly Command[] = [importCommand, listCommand, showCommand, editCommand, deleteCommand, searchCommand, ocrCommand, statsCommand, checkCommand, backupCommand, reindexCommand, serveCommand, ...EXCHANGE_COMMANDS, diagnosticsCommand];

const GLOBAL_OPTIONS: OptionSpec = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
  version: { type: 'boolean', default: false },
};

function helpText(): string {
  const lines = [
    'muragat — offline archive of public-council documents',
    '',
    'Usage: muragat [--data DIR] COMMAND [options]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.usage.padEnd(58)} ${command.summary}`),
    '',
    'Global options:',
    '  --data DIR   archive folder (default: $MURAGAT_DATA, else the desktop app\'s archive)',
    '  --json       machine-readable output',
    '  --help       this help',
  ];
  return lines.join('\n') + '\n';
}

function commandHelp(command: Command): string {
  return `Usage: muragat [--data DIR] ${command.usage}\n\n${command.summary}\n`;
}

export async function runCli(argv: readonly string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const commandIndex = argv.findIndex((arg, index) => !arg.startsWith('-') && argv[index - 1] !== '--data');
  const commandName = commandIndex >= 0 ? argv[commandIndex] : undefined;
  const command = COMMANDS.find((candidate) => candidate.name === commandName);

  if (!command) {
    const globals = safeParse(argv, GLOBAL_OPTIONS, true);
    if (globals?.values.version) {
      io.out(`${await readVersion()}\n`);
      return EXIT_OK;
    }
    if (commandName) io.err(`muragat: unknown command '${commandName}'\n\n`);
    (commandName ? io.err : io.out)(helpText());
    return commandName ? EXIT_USAGE : globals?.values.help || argv.length === 0 ? EXIT_OK : EXIT_USAGE;
  }

  const options: OptionSpec = { ...GLOBAL_OPTIONS, ...command.options };
  const rest = [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];
  const args = command.dashWordsArePositional ? dashWordsAfterDoubleDash(rest, options) : rest;
  let parsed: { values: ParsedValues; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true }) as typeof parsed;
  } catch (error) {
    io.err(`muragat ${command.name}: ${(error as Error).message}\n\n${commandHelp(command)}`);
    return EXIT_USAGE;
  }
  if (parsed.values.help) {
    io.out(commandHelp(command));
    return EXIT_OK;
  }
  const json = parsed.values.json === true;
  const dataFlag = typeof parsed.values.data === 'string' ? parsed.values.data : undefined;
  const sample = command.sampleWhenNoData === true && !dataFlag && !env.MURAGAT_DATA;

  let archive: Archive | null = null;
  // A crash (an exception nothing caught, a rejected promise nobody awaited) still leaves its stack
  // in the archive log: the monitor only watches, Node then exits as it would have.
  let openingDir: string | undefined;
  const onCrash = (error: unknown, origin: string): void => {
    const log = archive?.context.log ?? (openingDir ? createLoggerIfArchive(openingDir, { fields: { app: 'cli', command: command.name } }) : null);
    log?.failure('process', error, { origin });
  };
  process.on('uncaughtExceptionMonitor', onCrash);
  try {
    const version = await readVersion();
    if (sample && !json) io.err('muragat: no --data given: opening the sample archive (built on first use)\n');
    const dataDir = sample ? await ensureSampleArchive({ sampleDir: SAMPLE_DIR, version }) : resolveDataDir(dataFlag, env);
    openingDir = dataDir;
    archive = await openArchive({
      dataDir,
      access: command.access ?? 'write',
      logFields: { app: 'cli', command: command.name },
      ...busyTimeout(env),
      onIndexRebuild: (done, total) => {
        if (io.isTty) io.err(`\r\x1b[2KMuragat was updated: rebuilding the search index ${done}/${total}${done === total ? '\n' : ''}`);
      },
    });
    return await command.run({ archive, positionals: parsed.positionals, values: parsed.values, json, io, sample, version });
  } catch (error) {
    const dataDir = sample ? undefined : resolveDataDir(dataFlag, env);
    // An archive that exists but does not open: a command that is still useful then runs anyway.
    if (!archive && command.runUnopened && dataDir && fs.existsSync(path.join(dataDir, ARCHIVE_DB_FILE))) {
      logFailure(null, dataDir, command.name, error);
      try {
        return await command.runUnopened({ dataDir, error, positionals: parsed.positionals, values: parsed.values, json, io, version: await readVersion() });
      } catch (fallbackError) {
        reportError(io, json, command.name, fallbackError);
        return isMuragatError(fallbackError) && fallbackError.code === 'INVALID_INPUT' ? EXIT_USAGE : EXIT_FAILED;
      }
    }
    reportError(io, json, command.name, error);
    logFailure(archive, dataDir, command.name, error);
    const mapped = asMuragatError(error);
    return isMuragatError(mapped) && mapped.code === 'INVALID_INPUT' ? EXIT_USAGE : EXIT_FAILED;
  } finally {
    process.off('uncaughtExceptionMonitor', onCrash);
    await archive?.close();
  }
}

/**
 * Every failed command goes into the archive log: a bug (INTERNAL) with its stack, a refusal by
 * its code. When the archive could not be opened, the log of its folder still takes the line,
 * but only if that folder is an archive (a mistyped --data must not grow a `logs` folder).
 */
function logFailure(archive: Archive | null, dataDir: string | undefined, commandName: string, thrown: unknown): void {
  const log = archive?.context.log ?? (dataDir ? createLoggerIfArchive(dataDir, { fields: { app: 'cli', command: commandName } }) : null);
  log?.failure('cli', asMuragatError(thrown));
}

/** `MURAGAT_BUSY_TIMEOUT_MS`: how long a write waits for another process (tests shorten it). */
function busyTimeout(env: NodeJS.ProcessEnv): { busyTimeoutMs?: number } {
  const value = Number(env.MURAGAT_BUSY_TIMEOUT_MS);
  return env.MURAGAT_BUSY_TIMEOUT_MS && Number.isInteger(value) && value >= 0 ? { busyTimeoutMs: value } : {};
}

function reportError(io: CliIo, json: boolean, commandName: string, thrown: unknown): void {
  // A busy database, a full disk or read-only media is the user's to act on: one line, no stack.
  const error = asMuragatError(thrown);
  const info = toErrorInfo(error);
  if (json) printJson(io, { error: info });
  io.err(`muragat ${commandName}: ${info.message}${info.code === 'INTERNAL' && error instanceof Error && error.stack ? `\n${error.stack}` : ''}\n`);
}

/**
 * Moves every argument that is not one of the command's options behind a `--`, in order, so
 * that `search -жоба` or `search закон -жоба` reads the dash-words as query words (a leading
 * `-word` excludes it) instead of failing as an unknown option. Known options keep their
 * meaning anywhere on the line; an unknown `--name` is still refused (a mistyped option); a
 * `--` given by the user ends the options.
 */
export function dashWordsAfterDoubleDash(args: readonly string[], options: OptionSpec): string[] {
  const optionArgs: string[] = [];
  const words: string[] = [];
  const shortNames = new Map(Object.entries(options).flatMap(([name, spec]) => (spec.short ? [[spec.short, name] as const] : [])));
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    let name: string | undefined;
    if (arg.startsWith('--')) name = arg.slice(2).split('=')[0];
    else if (/^-[^-]$/.test(arg)) name = shortNames.get(arg.slice(1));
    const spec = name === undefined ? undefined : options[name];
    // An unknown `--name` stays an (invalid) option: it is a mistyped option, not a query word.
    if (!arg.startsWith('-') || arg === '-' || (!spec && !arg.startsWith('--'))) {
      words.push(arg);
      continue;
    }
    optionArgs.push(arg);
    // A string option given as `--name value` takes the next argument whatever it looks like.
    if (spec?.type === 'string' && !arg.includes('=') && i + 1 < args.length) optionArgs.push(args[++i] as string);
  }
  return words.length ? [...optionArgs, '--', ...words] : optionArgs;
}

function safeParse(argv: readonly string[], options: OptionSpec, lenient: boolean): { values: ParsedValues } | null {
  try {
    return parseArgs({ args: [...argv], options, allowPositionals: true, strict: !lenient }) as { values: ParsedValues };
  } catch {
    return null;
  }
}

async function readVersion(): Promise<string> {
  const pkg = await import('../../package.json', { with: { type: 'json' } });
  return (pkg.default as { version: string }).version;
}
