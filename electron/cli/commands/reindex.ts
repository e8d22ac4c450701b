import { EXIT_OK, type Command } from '../command';
import { printJson } from '../output';

export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'rebuild the search index from the stored page texts',
  usage: 'reindex',
  options: {},
  async run({ archive, json, io }) {
    const started = Date.now();
    const { documents, pages } = archive.reindex((done, total) => {
      if (!json && io.isTty) io.err(`\r\x1b[2Kindexing documents ${done}/${total}`);
    });
    if (!json && io.isTty) io.err('\r\x1b[2K');
    const elapsedMs = Date.now() - started;
    if (json) printJson(io, { documents, pages, elapsedMs });
    else io.out(`reindexed ${documents} documents (${pages} pages) in ${(elapsedMs / 1000).toFixed(1)} s\n`);
    return EXIT_OK;
  },
};
