/**
 * Abbreviations the archive learns from its own documents (docs/ARCHITECTURE.md §6.3): an act
 * defines its short forms — "техническое и профессиональное образование (далее – ТиПО)",
 * "жоғары оқу орны (бұдан әрі – ЖОО)", "Министерство образования и науки (МОН)" — and then uses
 * only them. At indexing the definitions are found in the text (`findAbbreviationDefinitions`,
 * pure: it runs in the extraction workers with the rest of `prepareIndex`) and kept in
 * `learned_abbreviations` (migration 0120) with their document; a query then finds a document by
 * either form (`LearnedAbbreviations`, source `learned-abbreviation`).
 *
 * Only true abbreviations are learned: the short form's letters must be the initials of the
 * words just before the parenthesis (each word giving one or two leading letters; conjunctions
 * and prepositions may give none). A definition that names a thing by one of its own words —
 * "Білім және ғылым министрлігі (бұдан әрі – Министрлік)", "(далее – Правила)", "(далее –
 * Общество)" — is a different thing in every document: offered across the archive it would
 * widen every query with a common word, and the word itself is already found as typed.
 */
import type { QueryAlternative, SpanAlternatives } from '../../../shared/search/alternatives';
import { spansOf } from '../../../shared/search/abbreviations';
import { PhraseTable, shortKey, type TermConcept, type TermMatch } from '../../../shared/search/phrase-table';
import { toLoose } from '../../../shared/search/loose';
import { normalizeWord, WORD_PATTERN } from '../../../shared/text/normalize';
import { prepared, type SqliteDatabase } from '../db/sqlite';

/** One abbreviation a document defines, with how many times it does. */
export interface LearnedDefinition {
  /** The short form as first written (`ТиПО`). */
  short: string;
  /** Its key (`shortKey`: loose letters, words space-separated). */
  key: string;
  /** The full form's words, normalised, space-separated (`техническое и профессиональное образование`). */
  full: string;
  count: number;
}

/** A parenthesis that may define an abbreviation; the text before it holds the full form. */
const PARENTHESIS = /\(([^()\n]{2,120})\)/g;
/** "(далее – X)", "(далее по тексту – X)", "(бұдан әрі – X)", "(бұдан ары - X)", "(далее: X)". */
const HEREINAFTER = /^\s*(?:бұдан\s+әрі|бұдан\s+ары|далее|ары\s+қарай)(?:\s+[^-–—‐:]{1,40}?)?\s*[-–—‐:]\s*(.+?)\s*$/iu;
/** Quotes around a defined short form: «ТиПО», "ТиПО". */
const QUOTES = /^[«"“„']+|[»"”'"]+$/g;
/** Where the sentence holding the full form starts, looking back from the parenthesis. */
const CLAUSE_BREAK = /[.;:!?()[\]]/g;
/** Words that may stand in a full form without giving a letter (і in ТиПО may come from и). */
const SKIPPABLE = new Set(['және', 'мен', 'бен', 'пен', 'и', 'в', 'во', 'на', 'по', 'о', 'об', 'с', 'со', 'для', 'при', 'к', 'от', 'из', 'за'].map(toLoose));
const ROMAN_NUMERAL = /^[IVXLCDMІХ]+$/u;
const MAX_FULL_WORDS = 16;
const MAX_SHORT_LETTERS = 10;

function uppercaseCount(text: string): number {
  let n = 0;
  for (const ch of text) if (ch !== ch.toLowerCase() && ch === ch.toUpperCase()) n++;
  return n;
}

/** The short form, if the parenthesis defines one (`(далее – ТиПО)`, or a bare `(МОН)`). */
function shortFormOf(inside: string): string | null {
  const hereinafter = HEREINAFTER.exec(inside);
  const candidate = (hereinafter ? hereinafter[1]! : inside).replace(QUOTES, '').trim();
  if (!/^[\p{L}]+(?:[ -][\p{L}]+){0,2}$/u.test(candidate)) return null;
  // A convocation or a section in Roman numerals (XIV) is no abbreviation.
  if (ROMAN_NUMERAL.test(candidate)) return null;
  const letters = candidate.replace(/[^\p{L}]/gu, '');
  if (letters.length < 2 || letters.length > MAX_SHORT_LETTERS) return null;
  const first = candidate.charAt(0);
  if (first === first.toLowerCase()) return candidate.length <= 4 && hereinafter ? candidate : null; // вуз
  // Without "далее", a parenthesis is an abbreviation only when it looks like one (МОН, ТиПО).
  if (!hereinafter && uppercaseCount(candidate) < 2) return null;
  return candidate;
}

/**
 * The full form the short form abbreviates: the shortest run of words ending just before the
 * parenthesis whose initials spell it, or null. `letters` are in the loose alphabet, like
 * `words`.
 */
export function matchInitials(letters: string, words: readonly string[]): number | null {
  // From the last letter and the last word backwards: each word gives one or two leading
  // letters, a conjunction or preposition may give none (Білім және ғылым министрлігі → БҒМ).
  // Memoised: each (letters left, words left) pair is solved once, whatever the text holds.
  const memo = new Map<number, number | null>();
  const solve = (li: number, wj: number): number | null => {
    if (li === 0) return wj;
    if (wj === 0) return null;
    const key = li * 64 + wj;
    if (memo.has(key)) return memo.get(key)!;
    const start = choose(li, wj);
    memo.set(key, start);
    return start;
  };
  const choose = (li: number, wj: number): number | null => {
    const word = words[wj - 1]!;
    for (let p = 1; p <= Math.min(2, li); p++) {
      if (word.startsWith(letters.slice(li - p, li))) {
        const start = solve(li - p, wj - 1);
        if (start !== null) return start;
      }
    }
    if (li < letters.length && SKIPPABLE.has(word)) return solve(li, wj - 1);
    return null;
  };
  const start = solve(letters.length, words.length);
  return start !== null && words.length - start >= 2 ? start : null;
}

/** Abbreviation definitions in a document's pages, counted (pure; runs in extraction workers). */
export function findAbbreviationDefinitions(pageTexts: readonly string[]): LearnedDefinition[] {
  const found = new Map<string, LearnedDefinition>();
  for (const text of pageTexts) {
    if (!text.includes('(')) continue;
    for (const paren of text.matchAll(PARENTHESIS)) {
      const short = shortFormOf(paren[1]!);
      if (!short) continue;
      const key = shortKey(short);
      const letters = key.replace(/ /g, '');
      if (letters.length < 2) continue;
      // The words of the clause before the parenthesis, the nearest last.
      const before = text.slice(Math.max(0, paren.index - 400), paren.index);
      let clauseStart = 0;
      for (const brk of before.matchAll(CLAUSE_BREAK)) clauseStart = brk.index + 1;
      const raw = [...before.slice(clauseStart).matchAll(WORD_PATTERN)].map((m) => m[0]).slice(-MAX_FULL_WORDS);
      const normalized = raw.map((word) => normalizeWord(word));
      const start = matchInitials(letters, normalized.map((word) => toLoose(word)));
      if (start === null) continue;
      const full = normalized.slice(start).join(' ');
      const id = `${key}\u0000${full}`;
      const existing = found.get(id);
      if (existing) existing.count++;
      else found.set(id, { short, key, full, count: 1 });
    }
  }
  return [...found.values()];
}

/**
 * Replaces a document's learned abbreviations (inside the caller's transaction: the document,
 * its index rows and these commit together). Deleting a document removes its rows by trigger.
 */
export function recordLearnedAbbreviations(db: SqliteDatabase, seq: number, definitions: readonly LearnedDefinition[]): void {
  // Re-indexing a document whose text did not change (a title edit, a restore, a rebuild) leaves
  // its rows as they are: no new ids, no new version, no reload of the query side's table.
  const existing = prepared(db, 'SELECT key, short, full, count FROM learned_abbreviations WHERE seq = ? ORDER BY key, full').all(seq) as LearnedDefinition[];
  const wanted = [...definitions].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.full < b.full ? -1 : a.full > b.full ? 1 : 0));
  const same = existing.length === wanted.length && existing.every((row, i) => row.key === wanted[i]!.key && row.full === wanted[i]!.full && row.short === wanted[i]!.short && row.count === wanted[i]!.count);
  if (same) return;
  prepared(db, 'DELETE FROM learned_abbreviations WHERE seq = ?').run(seq);
  if (definitions.length === 0) return;
  const insert = prepared(db, 'INSERT INTO learned_abbreviations (seq, key, short, full, count) VALUES (?, ?, ?, ?, ?) ON CONFLICT (seq, key, full) DO UPDATE SET count = count + excluded.count');
  for (const definition of definitions) insert.run(seq, definition.key, definition.short, definition.full, definition.count);
}

/** A short form's meanings offered at most (the most often defined first). */
const MAX_MEANINGS = 4;

interface LearnedRow {
  key: string;
  short: string;
  full: string;
  uses: number;
}

/**
 * The query side: the learned abbreviations of live documents as a phrase table, rebuilt when
 * the table changes in any process: triggers bump `archive_meta.learned_abbreviations_version`
 * on every row added or removed (migration 0130), one cheap read per search.
 */
export class LearnedAbbreviations {
  private table: PhraseTable | null = null;
  private builtAt: string | null = null;

  constructor(private readonly db: SqliteDatabase) {}

  private version(): string {
    return (prepared(this.db, "SELECT value FROM archive_meta WHERE key = 'learned_abbreviations_version'").pluck().get() as string | undefined) ?? '';
  }

  private ensureTable(): PhraseTable {
    const version = this.version();
    if (this.table && version === this.builtAt) return this.table;
    const rows = prepared(
      this.db,
      `SELECT l.key AS key, min(l.short) AS short, l.full AS full, sum(l.count) AS uses
         FROM learned_abbreviations l JOIN documents d ON d.seq = l.seq AND d.deleted = 0
        GROUP BY l.key, l.full ORDER BY l.key, uses DESC, l.full`,
    ).all() as LearnedRow[];
    const concepts: TermConcept[] = [];
    let current: { key: string; concept: TermConcept; meanings: number } | null = null;
    for (const row of rows) {
      if (!current || current.key !== row.key) {
        current = { key: row.key, concept: { forms: [{ text: row.short, kind: 'short', lang: 'any' }] }, meanings: 0 };
        concepts.push(current.concept);
      }
      if (current.meanings >= MAX_MEANINGS) continue;
      current.meanings++;
      current.concept.forms.push({ text: row.full, kind: 'full', lang: 'any' });
    }
    this.table = new PhraseTable(concepts);
    this.builtAt = version;
    return this.table;
  }

  /** Alternatives for the query words: a typed short form offers its full forms, and the reverse. */
  find(words: ReadonlyArray<string | null>): SpanAlternatives[] {
    const table = this.ensureTable();
    return spansOf(table.find(words), (match) => this.alternativesOf(match));
  }

  private alternativesOf(match: TermMatch): QueryAlternative[] {
    // A full form offers the short form only; a short form offers its full forms. Other full
    // forms of the same short form are different things (ПП: two acts defining it differently).
    const offered = match.matched.kind === 'short' ? match.concept.forms.filter((form) => form.kind === 'full') : match.concept.forms.filter((form) => form.kind === 'short');
    return offered.map((form) => ({ words: form.text.split(/\s+/).filter(Boolean), source: 'learned-abbreviation' as const }));
  }
}
