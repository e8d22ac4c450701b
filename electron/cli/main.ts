import { parseArgs } from 'node:util';
import { isMuragatError, toErrorInfo } from '../../shared/errors';
import { openArchive, type Archive } from '../core/archive';
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
import { statsCommand } from './commands/stats';
import { resolveDataDir } from './data-dir';
import { printJson, processIo, type CliIo } from './output';

const COMMANDS: readonly Command[] = [importCommand, listCommand, showCommand, editCommand, deleteCommand, searchCommand, ocrCommand, statsCommand, checkCommand, backupCommand, reindexCommand, serveCommand, ...EXCHANGE_COMMANDS];

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

  const args = [...argv.slice(0, commandIndex), ...argv.slice(commandIndex + 1)];
  let parsed: { values: ParsedValues; positionals: string[] };
  try {
    parsed = parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true }) as typeof parsed;
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
  try {
    const version = await readVersion();
    if (sample && !json) io.err('muragat: no --data given: opening the sample archive (built on first use)\n');
    const dataDir = sample ? await ensureSampleArchive({ sampleDir: SAMPLE_DIR, version }) : resolveDataDir(dataFlag, env);
    archive = await openArchive({
      dataDir,
      onIndexRebuild: (done, total) => {
        if (io.isTty) io.err(`\r\x1b[2KMuragat was updated: rebuilding the search index ${done}/${total}${done === total ? '\n' : ''}`);
      },
    });
    return await command.run({ archive, positionals: parsed.positionals, values: parsed.values, json, io, sample, version });
  } catch (error) {
    reportError(io, json, command.name, error);
    return isMuragatError(error) && error.code === 'INVALID_INPUT' ? EXIT_USAGE : EXIT_FAILED;
  } finally {
    await archive?.close();
  }
}

function reportError(io: CliIo, json: boolean, commandName: string, error: unknown): void {
  const info = toErrorInfo(error);
  if (json) printJson(io, { error: info });
  io.err(`muragat ${commandName}: ${info.message}${info.code === 'INTERNAL' && error instanceof Error && error.stack ? `\n${error.stack}` : ''}\n`);
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
