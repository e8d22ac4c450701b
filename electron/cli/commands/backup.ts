import { EXIT_OK, usageError, type Command } from '../command';
import { formatBytes, printJson } from '../output';

export const backupCommand: Command = {
  name: 'backup',
  access: 'read',
  summary: 'consistent copy of the archive into an empty folder, while it stays in use',
  usage: 'backup OUT',
  options: {},
  async run({ archive, positionals, json, io }) {
    const out = positionals[0];
    if (!out) throw usageError('give the folder to write the backup to');
    const report = await archive.backup(out, (done, total) => {
      if (!json && io.isTty) io.err(`\r\x1b[2Kcopying files ${done}/${total}`);
    });
    if (!json && io.isTty) io.err('\r\x1b[2K');
    if (json) printJson(io, report);
    else io.out(`backup written to ${report.out}: database ${formatBytes(report.databaseBytes)}, ${report.files} files (${formatBytes(report.fileBytes)}) in ${(report.elapsedMs / 1000).toFixed(1)} s\n`);
    return EXIT_OK;
  },
};
