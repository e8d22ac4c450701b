import { EXIT_FAILED, EXIT_OK, type Command } from '../command';
import { formatBytes, printJson } from '../output';

export const checkCommand: Command = {
  name: 'check',
  access: 'read',
  summary: 'verify the database and every stored file against its SHA-256',
  usage: 'check',
  options: {},
  async run({ archive, json, io }) {
    const report = await archive.check((done, total) => {
      if (!json && io.isTty) io.err(`\r\x1b[2Kchecking files ${done}/${total}`);
    });
    if (!json && io.isTty) io.err('\r\x1b[2K');
    if (json) printJson(io, report);
    else {
      for (const problem of report.problems) io.out(`problem ${problem.code}: ${problem.message}\n`);
      for (const copies of report.duplicateContent) io.out(`note: the same file is stored as ${copies.documentIds.length} documents: ${copies.documentIds.join(', ')}\n`);
      io.out(
        report.ok
          ? `ok: ${report.documents} documents, ${report.filesChecked} files (${formatBytes(report.bytesChecked)}) verified\n`
          : `${report.problems.length} problem(s) found in ${report.documents} documents, ${report.filesChecked} files\n`,
      );
    }
    return report.ok ? EXIT_OK : EXIT_FAILED;
  },
};
