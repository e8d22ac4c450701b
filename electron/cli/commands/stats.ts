import { EXIT_OK, type Command } from '../command';
import { formatBytes, printJson } from '../output';

export const statsCommand: Command = {
  name: 'stats',
  access: 'read',
  summary: 'counts of documents, pages and files, by kind, language and year',
  usage: 'stats',
  options: {},
  async run({ archive, json, io }) {
    const stats = archive.stats();
    if (json) {
      printJson(io, stats);
      return EXIT_OK;
    }
    const dict = (record: Record<string, number>): string => Object.entries(record).map(([key, n]) => `${key} ${n}`).join(', ') || '—';
    io.out(
      [
        `archive   ${stats.archiveName} (${stats.archiveId}) at ${archive.dataDir}`,
        `documents ${stats.documents} (${stats.needsOcr} need OCR)`,
        `pages     ${stats.pages}`,
        `files     ${stats.files}, ${formatBytes(stats.storedBytes)}; database ${formatBytes(stats.databaseBytes)}`,
        `by kind   ${dict(stats.byKind)}`,
        `by lang   ${dict(stats.byLang)}`,
        `by year   ${dict(stats.byYear)}`,
      ].join('\n') + '\n',
    );
    return EXIT_OK;
  },
};
