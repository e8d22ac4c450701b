import MiniSearch from 'minisearch';
import { analyzeQueryWord } from '../../../shared/search/analyzer';
import { describeQuery, parseQuery, type ParsedQuery, type QueryAtom } from '../../../shared/search/query';
import { normalizeWord } from '../../../shared/text/normalize';
import type { SqliteDatabase } from '../db/sqlite';
import { CHANGED_SINCE, changeLogHead } from '../documents/repository';
import { ftsToken } from './fts-forms';
import { indexGeneration } from './indexer';

/**
 * What FTS5 cannot do, MiniSearch does (docs/ARCHITECTURE.md §6.3): a typo-tolerant "did you mean" over the
 * archive's own vocabulary, and an instant finder of documents by title or number for the UI's
 * quick-open. Both are built lazily on first use and follow the change log afterwards.
 */

/**
 * In a large archive, words seen in a single passage are mostly typos themselves and are not
 * offered as corrections; in a small one every word counts.
 */
function minSuggestionDf(db: SqliteDatabase): number {
  const passages = (db.prepare('SELECT count(*) AS n FROM search_chunks').get() as { n: number }).n;
  return passages > 10_000 ? 2 : 1;
}

interface VocabularyEntry {
  id: number;
  term: string;
}

export class DidYouMean {
  private index: MiniSearch<VocabularyEntry> | null = null;
  /** Change-log head and index generation it was built at: a reindex by any process rebuilds it. */
  private builtAt = '';
  /*
   * Term and frequency by MiniSearch id, kept here rather than as MiniSearch stored fields (an
   * object per term): at 100,000 documents the vocabulary has hundreds of thousands of words.
   */
  private terms: string[] = [];
  private dfs = new Uint32Array(0);

  constructor(private readonly db: SqliteDatabase) {}

  /** Passages containing this form in any column (0: the archive never saw it). */
  private documentFrequency(form: string): number {
    return (this.db.prepare('SELECT coalesce(sum(doc), 0) AS n FROM search_vocab WHERE term = ?').get(ftsToken(form)) as { n: number }).n;
  }

  private ensureIndex(): MiniSearch<VocabularyEntry> {
    const head = `${changeLogHead(this.db)}/${indexGeneration(this.db)}`;
    if (this.index && head === this.builtAt) return this.index;
    const index = new MiniSearch<VocabularyEntry>({ fields: ['term'], idField: 'id' });
    const rows = this.db
      .prepare("SELECT term, doc FROM search_vocab WHERE col = 'exact' AND doc >= ? AND length(term) >= 3")
      .raw()
      
      .iterate(minSuggestionDf(this.db)) as IterableIterator<[string, number]>;
    const terms: string[] = [];
    const dfs: number[] = [];
    for (const [term, df] of rows) {
      if (!/^[\p{L}]+$/u.test(term)) continue;
      index.add({ id: terms.length, term });
      terms.push(term);
      dfs.push(df);
    }
    this.terms = terms;
    this.dfs = Uint32Array.from(dfs);
    this.index = index;
    this.builtAt = head;
    return index;
  }

  /** Memory the vocabulary holds, roughly, for reports. */
  get vocabularySize(): number {
    return this.terms.length;
  }

  private correct(word: string): string | null {
    const index = this.ensureIndex();
    const normalized = normalizeWord(word);
    // Edits allowed grow with the word: one for a short word, two from eight letters. More lets a
    // real but unseen word ("жоғалып") become another word ("жоғары"), and costs more to look up.
    const results = index.search(normalized, { fuzzy: (term) => (term.length <= 7 ? 1 : 2), prefix: false, combineWith: 'OR' });
    let best: { term: string; score: number } | null = null;
    for (const result of results.slice(0, 20)) {
      const id = Number(result.id);
      const term = this.terms[id]!;
      if (term === normalized) continue;
      // Closeness first, then how common the word is in this archive.
      const score = result.score * Math.log(2 + this.dfs[id]!);
      if (!best || score > best.score) best = { term, score };
    }
    return best?.term ?? null;
  }

  /**
   * The closest archive word to a word the archive does not contain (the caller has checked that
   * none of its forms matches), or null when nothing is close enough.
   */
  closestWord(word: string): string | null {
    const forms = analyzeQueryWord(word);
    if (!forms.exact || /\d/.test(forms.exact) || forms.exact.length < 3) return null;
    return this.correct(word);
  }

  /**
   * A rewritten query when some of its words occur nowhere in the archive (in any form) and a
   * close word does; null when every word is known or nothing close exists.
   */
  suggest(query: string): string | null {
    const parsed = parseQuery(query);
    let changed = false;
    const fix = (atom: QueryAtom): QueryAtom => {
      if (atom.type !== 'word' || atom.prefix) return atom;
      const forms = analyzeQueryWord(atom.text);
      if (!forms.exact || /\d/.test(forms.exact)) return atom;
      const known = [forms.exact, ...forms.stems, ...forms.loose].some((form) => this.documentFrequency(form) > 0);
      if (known) return atom;
      const correction = this.correct(atom.text);
      if (!correction) return atom;
      changed = true;
      return { ...atom, text: correction };
    };
    const rewritten: ParsedQuery = { ...parsed, clauses: parsed.clauses.map((clause) => ({ alternatives: clause.alternatives.map(fix) })) };
    return changed ? describeQuery(rewritten) : null;
  }
}

export interface QuickFindHit {
  id: string;
  title: string;
  number: string | null;
  score: number;
}

interface TitleEntry {
  id: string;
  title: string;
  number: string;
}

/** Title and number finder for quick-open: prefix and typo-tolerant, updated from the change log. */
export class TitleFinder {
  private index: MiniSearch<TitleEntry> | null = null;
  private builtAt = -1;

  constructor(private readonly db: SqliteDatabase) {}

  private static create(): MiniSearch<TitleEntry> {
    return new MiniSearch<TitleEntry>({
      fields: ['title', 'number'],
      // Nothing stored: titles and numbers of the few hits shown are read from the database
      // (stored fields would keep a copy of every title, tens of MB at 100,000 documents).
      processTerm: (term) => normalizeWord(term) || null,
      searchOptions: { boost: { number: 2 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' },
    });
  }

  private refresh(): MiniSearch<TitleEntry> {
    const head = changeLogHead(this.db);
    if (this.index && head === this.builtAt) return this.index;
    if (!this.index) {
      const index = TitleFinder.create();
      const rows = this.db.prepare('SELECT id, title, coalesce(number, \'\') AS number FROM documents WHERE deleted = 0').all() as TitleEntry[];
      index.addAll(rows);
      this.index = index;
    } else {
      const changed = this.db
        .prepare(
          `SELECT id, title, coalesce(number, '') AS number, deleted FROM documents
           WHERE ${CHANGED_SINCE}`,
        )
        .all(this.builtAt) as Array<TitleEntry & { deleted: number }>;
      for (const row of changed) {
        if (this.index.has(row.id)) this.index.discard(row.id);
        if (row.deleted === 0) this.index.add({ id: row.id, title: row.title, number: row.number });
      }
    }
    this.builtAt = head;
    return this.index;
  }

  find(text: string, limit = 10): QuickFindHit[] {
    const query = text.trim().slice(0, 200);
    if (!query) return [];
    const hits = this.refresh()
      .search(query)
      .slice(0, Math.max(1, Math.min(limit, 50)));
    const row = this.db.prepare('SELECT title, number FROM documents WHERE id = ?');
    return hits.flatMap((hit) => {
      const doc = row.get(hit.id) as { title: string; number: string | null } | undefined;
      return doc ? [{ id: String(hit.id), title: doc.title, number: doc.number || null, score: Math.round(hit.score * 100) / 100 }] : [];
    });
  }
}
