import { EXIT_FAILED, EXIT_OK, type Command } from '../command';
import { printJson } from '../output';
import { runCancellable } from './job-progress';

export const reindexCommand: Command = {
  name: 'reindex',
  summary: 'rebuild the search index from the stored page texts',
  usage: 'reindex',
  options: {},
  async run({ archive, json, io }) {
    const started = Date.now();
    // Ctrl+C stops between batches: the new index is dropped, the old one stays whole.
    const outcome = await runCancellable(io, json, { label: 'indexing', unit: 'documents' }, 'reindex cancelled: the search index is as it was', (signal, onProgress) =>
      archive.reindexJob({ signal, onProgress }),
    );
    if (!outcome) return EXIT_FAILED;
    const { documents, pages } = outcome.value;
    const elapsedMs = Date.now() - started;
    if (json) printJson(io, { documents, pages, elapsedMs });
    else io.out(`reindexed ${documents} documents (${pages} pages) in ${(elapsedMs / 1000).toFixed(1)} s\n`);
    return EXIT_OK;
  },
};
