import { writeDiagnostics, writeDiagnosticsUnopened, type DiagnosticsResult } from '../../core/log/diagnostics';
import { EXIT_FAILED, EXIT_OK, usageError, type Command } from '../command';
import { formatBytes, printJson, type CliIo } from '../output';

function zipPath(positionals: readonly string[]): string {
  const out = positionals[0];
  if (!out) throw usageError('give the zip file to write, e.g. muragat diagnostics diagnostics.zip');
  return out;
}

function report(io: CliIo, json: boolean, result: DiagnosticsResult): void {
  if (json) printJson(io, result);
  else io.out(`diagnostics written to ${result.path} (${formatBytes(result.bytes)}): ${result.entries.join(', ')}\n`);
}

export const diagnosticsCommand: Command = {
  name: 'diagnostics',
  access: 'read',
  summary: 'zip for support: the log, versions, check report, counts and settings (no document text, no keys)',
  usage: 'diagnostics OUT.zip [--no-check]',
  options: { 'no-check': { type: 'boolean', default: false } },
  async run({ archive, positionals, values, json, io, version }) {
    const out = zipPath(positionals);
    if (!json && io.isTty) io.err('collecting diagnostics (checking every stored file)…');
    const result = await writeDiagnostics(archive, out, { appVersion: version, check: values['no-check'] !== true });
    if (!json && io.isTty) io.err('\r\x1b[2K');
    report(io, json, result);
    return EXIT_OK;
  },
  // An archive that does not open is when support is needed most: the log and versions still go.
  async runUnopened({ dataDir, error, positionals, json, io, version }) {
    const out = zipPath(positionals);
    const result = await writeDiagnosticsUnopened(dataDir, error, out, { appVersion: version });
    if (!json) io.err(`muragat diagnostics: the archive did not open (${(error as { code?: string }).code ?? 'INTERNAL'}); the zip holds the log and versions only\n`);
    report(io, json, result);
    return EXIT_FAILED;
  },
};
