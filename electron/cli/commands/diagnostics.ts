import { writeDiagnostics } from '../../core/log/diagnostics';
import { EXIT_OK, usageError, type Command } from '../command';
import { formatBytes, printJson } from '../output';

export const diagnosticsCommand: Command = {
  name: 'diagnostics',
  access: 'read',
  summary: 'zip for support: the log, versions, check report, counts and settings (no document text, no keys)',
  usage: 'diagnostics OUT.zip [--no-check]',
  options: { 'no-check': { type: 'boolean', default: false } },
  async run({ archive, positionals, values, json, io, version }) {
    const out = positionals[0];
    if (!out) throw usageError('give the zip file to write, e.g. muragat diagnostics diagnostics.zip');
    if (!json && io.isTty) io.err('collecting diagnostics (checking every stored file)…');
    const result = await writeDiagnostics(archive, out, { appVersion: version, check: values['no-check'] !== true });
    if (!json && io.isTty) io.err('\r\x1b[2K');
    if (json) printJson(io, result);
    else io.out(`diagnostics written to ${result.path} (${formatBytes(result.bytes)}): ${result.entries.join(', ')}\n`);
    return EXIT_OK;
  },
};
