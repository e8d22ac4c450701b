import { EXIT_OK, usageError, type Command } from '../command';
import { fitRight, printJson } from '../output';

export const searchCommand: Command = {
  name: 'search',
  summary: 'find documents and pages; matched words are marked [like this]',
  usage: 'search QUERY [--limit N] [--offset N]',
  options: { limit: { type: 'string' }, offset: { type: 'string' } },
  async run({ archive, positionals, values, json, io }) {
    const query = positionals.join(' ');
    if (!query.trim()) throw usageError('give words to search for');
    const limit = values.limit !== undefined ? Number(values.limit) : 20;
    const offset = values.offset !== undefined ? Number(values.offset) : 0;
    if (!Number.isInteger(limit) || limit < 1 || !Number.isInteger(offset) || offset < 0) throw usageError('--limit and --offset take whole numbers');
    const result = archive.search(query, { limit, offset });
    if (json) {
      printJson(io, {
        total: result.total,
        tookMs: result.tookMs,
        hits: result.hits.map((hit) => ({
          id: hit.id,
          title: hit.title,
          kind: hit.kind,
          date: hit.date,
          number: hit.number,
          lang: hit.lang,
          file: hit.file,
          score: hit.score,
          pages: hit.pages,
        })),
      });
      return EXIT_OK;
    }
    if (result.total === 0) {
      io.out(`Nothing found for “${query}”.\n`);
      return EXIT_OK;
    }
    result.hits.forEach((hit, index) => {
      io.out(`${offset + index + 1}. ${fitRight(hit.title, 100)}\n   ${[hit.kind, hit.date, hit.number ? `№ ${hit.number}` : null, hit.lang, hit.file].filter(Boolean).join(' · ')}  ${hit.id}\n`);
      for (const page of hit.pages) io.out(`   p.${page.page}: ${page.snippet}\n`);
    });
    io.out(`${result.total} document(s) in ${result.tookMs} ms\n`);
    return EXIT_OK;
  },
};
