/**
 * Other ways of writing what some words of a query mean, which a document may hold instead:
 * the full form of an abbreviation and the reverse (`ҚР` ↔ `Қазақстан Республикасы` ↔ `РК`),
 * an abbreviation an act defines for itself ("(бұдан әрі – Министрлік)"), a date or a number
 * written another way, the word of the other language. The core ORs each alternative into the
 * query at the place of the words it replaces (docs/ARCHITECTURE.md §6.3), so a document with
 * either the typed words or an alternative matches.
 *
 * Providers see the query's plain words only: quoted phrases, prefixes, `OR` groups, exclusions
 * and filters keep their strict meaning and are never widened.
 */
import type { LanguageHint } from './language';

/** Where an alternative comes from (shown to the user, and used to rank it below the typed words). */
export type AlternativeSource = 'abbreviation' | 'learned-abbreviation' | 'date' | 'number' | 'translation';

/** One alternative spelling of a span of query words. */
export interface QueryAlternative {
  /**
   * Words matched as a phrase of their analysed forms, like a quoted phrase (one word: any of its
   * forms). Empty when `tokens` is given.
   */
  words: string[];
  /**
   * Index tokens matched as they are, any of them (for forms the indexer writes itself, such as a
   * date's normal form); each must already be in the index's token alphabet.
   */
  tokens?: string[];
  /**
   * The language of `words` when the provider knows it (a Kazakh or Russian full form): they are
   * analysed as that language rather than by the query's hint, so `мектепке дейінгі ұйым` is
   * stemmed as Kazakh (мектеп, not the Russian guess мектепк) and meets the indexed text.
   */
  lang?: 'kk' | 'ru';
  source: AlternativeSource;
}

/** Alternatives for the query words `start` … `end - 1` taken together (indexes into the word list). */
export interface SpanAlternatives {
  start: number;
  end: number;
  alternatives: QueryAlternative[];
}

/**
 * Finds alternatives in a query. `words[i]` is the text of the query's i-th AND-ed clause when
 * that clause is one plain word, else null (a phrase, a prefix, an OR group): a span never
 * crosses a null. Spans may overlap; the compiler keeps the longest non-overlapping ones.
 */
export type AlternativesProvider = (words: ReadonlyArray<string | null>, hint: LanguageHint) => SpanAlternatives[];

/** All providers' spans, in order. */
export function combineProviders(...providers: AlternativesProvider[]): AlternativesProvider {
  return (words, hint) => providers.flatMap((provider) => provider(words, hint));
}

/**
 * The spans to apply: longest first, then leftmost, none overlapping another; alternatives of
 * identical spans merged. Spans crossing a null word or out of range are dropped.
 */
export function chooseSpans(words: ReadonlyArray<string | null>, spans: readonly SpanAlternatives[]): SpanAlternatives[] {
  const merged = new Map<string, SpanAlternatives>();
  for (const span of spans) {
    if (span.start < 0 || span.end > words.length || span.end <= span.start || span.alternatives.length === 0) continue;
    if (words.slice(span.start, span.end).some((word) => word === null)) continue;
    const key = `${span.start}:${span.end}`;
    const existing = merged.get(key);
    if (existing) existing.alternatives.push(...span.alternatives);
    else merged.set(key, { start: span.start, end: span.end, alternatives: [...span.alternatives] });
  }
  const ordered = [...merged.values()].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken = new Array<boolean>(words.length).fill(false);
  const chosen: SpanAlternatives[] = [];
  for (const span of ordered) {
    let free = true;
    for (let i = span.start; i < span.end; i++) if (taken[i]) free = false;
    if (!free) continue;
    for (let i = span.start; i < span.end; i++) taken[i] = true;
    chosen.push(span);
  }
  return chosen.sort((a, b) => a.start - b.start);
}
