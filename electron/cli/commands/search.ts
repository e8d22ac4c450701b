import type { SearchRequest } from '../../../shared/domain/search';
import { isKindCode, isLanguageCode, KIND_CODES, LANGUAGE_CODES } from '../../../shared/domain/kinds';
import { EXIT_OK, usageError, type Command, type ParsedValues } from '../command';
import { fitRight, printJson, terminalText } from '../output';
import { wholeNumberOption } from './documents';

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

function wholeNumber(values: ParsedValues, name: string, fallback: number): number {
  return wholeNumberOption(values[name], name) ?? fallback;
}

function list(values: ParsedValues, name: string): string[] {
  const raw = values[name];
  const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return items.flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter(Boolean);
}

/** `--from 2016` means the first day of 2016, `--to 2016` the last. */
function fullDate(value: string, end: boolean): string {
  if (value.length === 4) return end ? `${value}-12-31` : `${value}-01-01`;
  if (value.length === 7) {
    if (!end) return `${value}-01`;
    const [year, month] = value.split('-').map(Number) as [number, number];
    return `${value}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
  }
  return value;
}

export function searchRequestFrom(positionals: string[], values: ParsedValues): SearchRequest {
  const query = positionals.join(' ');
  const kinds = list(values, 'kind');
  for (const kind of kinds) if (!isKindCode(kind)) throw usageError(`unknown kind '${kind}'; one of: ${KIND_CODES.join(', ')}`);
  const langs = list(values, 'lang');
  for (const lang of langs) if (!isLanguageCode(lang)) throw usageError(`unknown language '${lang}'; one of: ${LANGUAGE_CODES.join(', ')}`);
  const request: SearchRequest = { query, limit: wholeNumber(values, 'limit', 20), offset: wholeNumber(values, 'offset', 0) };
  if (kinds.length) request.kinds = kinds.filter(isKindCode);
  if (langs.length) request.langs = langs.filter(isLanguageCode);
  for (const name of ['from', 'to'] as const) {
    const raw = values[name];
    if (typeof raw !== 'string') continue;
    if (!ISO_DATE.test(raw)) throw usageError(`--${name} takes a date YYYY-MM-DD (or YYYY-MM, YYYY)`);
    request[name] = fullDate(raw, name === 'to');
  }
  const sort = values.sort;
  if (sort !== undefined) {
    if (sort !== 'relevance' && sort !== 'date') throw usageError('--sort is relevance or date');
    request.sort = sort;
  }
  if (values['as-typed'] === true) request.asTyped = true;
  return request;
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'find documents and pages; matched words are marked [like this]',
  usage: 'search QUERY [--kind K] [--lang L] [--from D] [--to D] [--sort relevance|date] [--limit N] [--offset N] [--as-typed]',
  access: 'read',
  dashWordsArePositional: true,
  options: {
    kind: { type: 'string', multiple: true },
    lang: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    sort: { type: 'string' },
    limit: { type: 'string' },
    offset: { type: 'string' },
    'as-typed': { type: 'boolean' },
  },
  async run({ archive, positionals, values, json, io }) {
    const request = searchRequestFrom(positionals, values);
    if (request.limit === 0) throw usageError('--limit must be at least 1');
    const result = archive.search(request);
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
          missing: hit.missing,
          viaTranslation: hit.viaTranslation,
          twins: hit.twins,
        })),
        fullMatches: result.fullMatches,
        ignoredWords: result.ignoredWords,
        corrections: result.corrections,
        facets: result.facets,
        didYouMean: result.didYouMean,
        warnings: result.warnings,
        rankedPartially: result.rankedPartially,
        totalIsEstimate: result.totalIsEstimate,
        facetsPartial: result.facetsPartial,
      });
      return EXIT_OK;
    }
    if (result.total === 0) {
      // The query as typed, shortened: a 100 KB query is not printed back whole.
      io.out(terminalText(`Nothing found for “${fitRight(request.query, 200)}”.${result.didYouMean ? ` Did you mean: ${result.didYouMean}?` : ''}`) + '\n');
      return EXIT_OK;
    }
    if (result.corrections.length) {
      const words = (pick: (c: { typed: string; searched: string }) => string): string => result.corrections.map(pick).join(' ');
      io.out(terminalText(`Showing results for: ${words((c) => c.searched)} (search instead for ${words((c) => c.typed)} with --as-typed)`) + '\n');
    }
    if (result.ignoredWords.length) io.out(terminalText(`Question words not required: ${result.ignoredWords.join(', ')}`) + '\n');
    const offset = request.offset ?? 0;
    result.hits.forEach((hit, index) => {
      const line = (text: string): string => `${terminalText(text).replace(/\n/g, ' ')}\n`;
      io.out(line(`${offset + index + 1}. ${fitRight(hit.title, 100)}`));
      io.out(line(`   ${[hit.kind, hit.date, hit.number ? `№ ${hit.number}` : null, hit.lang, hit.file].filter(Boolean).join(' · ')}  ${hit.id}`));
      for (const twin of hit.twins) io.out(line(`   also in ${twin.lang ?? '?'}: ${fitRight(twin.title, 90)}  ${twin.id}`));
      if (hit.viaTranslation) io.out(line('   found through the other language'));
      if (hit.missing.length) io.out(line(`   not found: ${hit.missing.join(', ')}`));
      for (const page of hit.pages) io.out(line(`   p.${page.page}: ${page.snippet}`));
    });
    const facet = (name: string, counts: Array<{ value: string; count: number }>): string => `${name}: ${counts.slice(0, 8).map((c) => `${c.value} ${c.count}`).join(', ')}`;
    const partial = result.total - result.fullMatches;
    io.out(`${result.totalIsEstimate ? "about " : ""}${result.total} document(s)${partial > 0 ? ` (${partial} with only some of the words)` : ''} in ${result.tookMs} ms\n${facet('kind', result.facets.kind)}\n${facet('year', result.facets.year)}\n${facet('lang', result.facets.lang)}\n`);
    if (result.didYouMean) io.out(terminalText(`Did you mean: ${result.didYouMean}?`) + '\n');
    return EXIT_OK;
  },
};
