/**
 * Scores detected document metadata against hand-made truth (bench/metadata-truth.json).
 *
 * Per field: precision = correct / predicted, recall = correct-where-expected / expected.
 * - A field is *predicted* when the detector returned a value: non-null, and for `kind` anything
 *   but 'other' — except that 'other' is a prediction (a correct one) when the truth is 'other'
 *   too. 'other' is the detector's "don't know", so it costs recall, never precision, unless it
 *   was right.
 * - A field is *expected* when the truth has a value (every row has a kind) that can be read from
 *   the text: not on a scan (`scan: true`: image-only or unreadable text layer), and not listed in
 *   `notInText` (a value a human knows from elsewhere, e.g. metadata kept beside the text).
 *   Predictions on such rows still count: a value invented for a scan is still wrong.
 * - Titles match leniently: both normalised (NFC, lower case, ё→е, Latin look-alikes inside
 *   Cyrillic words made Cyrillic, punctuation dropped); at least 60% of the truth title's words must
 *   occur in the detected title, a word matching an equal word or, for words of 5+ letters, one
 *   sharing its first 5 letters (Kazakh and Russian inflect: `қағидаларын` ~ `қағидалары`).
 * - Numbers compare without spaces and case; dates and languages exactly.
 */
import type { KindCode, LanguageCode } from '../shared/domain/kinds';
import type { DetectedMetadata } from '../shared/metadata';

export const METADATA_FIELDS = ['kind', 'number', 'date', 'lang', 'title'] as const;
export type MetadataField = (typeof METADATA_FIELDS)[number];

export interface TruthRow {
  /** Path relative to the corpus directory, `/`-separated. */
  file: string;
  kind: KindCode;
  number: string | null;
  /** ISO YYYY-MM-DD. */
  date: string | null;
  lang: LanguageCode | null;
  /** The main words of the title; matched leniently. */
  title: string | null;
  /** Image-only PDF or unreadable text layer: nothing can be read from the extracted text. */
  scan?: boolean;
  /** Fields whose true value is known but absent from the text. */
  notInText?: MetadataField[];
  note?: string;
}

export interface FieldScore {
  precision: number;
  recall: number;
  correct: number;
  predicted: number;
  expected: number;
}

export interface MetadataMiss {
  file: string;
  field: MetadataField;
  expected: string | null;
  detected: string | null;
  /** wrong: a value other than the truth; missed: nothing where a value was expected. */
  type: 'wrong' | 'missed';
}

export interface MetadataScore {
  perField: Record<MetadataField, FieldScore>;
  misses: MetadataMiss[];
}

const TITLE_MIN_OVERLAP = 0.6;
const TITLE_PREFIX = 5;

export function scoreMetadata(truth: readonly TruthRow[], detected: ReadonlyMap<string, DetectedMetadata>): MetadataScore {
  const counts = Object.fromEntries(
    METADATA_FIELDS.map((field) => [field, { correct: 0, predicted: 0, expected: 0, found: 0 }]),
  ) as Record<MetadataField, { correct: number; predicted: number; expected: number; found: number }>;
  const misses: MetadataMiss[] = [];

  for (const row of truth) {
    const found = detected.get(row.file);
    for (const field of METADATA_FIELDS) {
      const expectedValue = row[field];
      const detectedValue = found ? found[field] : null;
      const readable = !row.scan && !(row.notInText ?? []).includes(field);
      const expected = readable && expectedValue !== null;
      const predicted =
        field === 'kind'
          ? detectedValue !== null && (detectedValue !== 'other' || expectedValue === 'other')
          : detectedValue !== null;
      const correct = predicted && fieldMatches(field, expectedValue, detectedValue);
      const count = counts[field];
      if (expected) count.expected++;
      if (predicted) count.predicted++;
      if (correct) count.correct++;
      if (correct && expected) count.found++;
      if (predicted && !correct) misses.push({ file: row.file, field, expected: expectedValue, detected: detectedValue, type: 'wrong' });
      else if (expected && !correct) misses.push({ file: row.file, field, expected: expectedValue, detected: detectedValue, type: 'missed' });
    }
  }

  const perField = Object.fromEntries(
    METADATA_FIELDS.map((field) => {
      const { correct, predicted, expected, found } = counts[field];
      return [field, { precision: predicted ? correct / predicted : 1, recall: expected ? found / expected : 1, correct, predicted, expected }];
    }),
  ) as Record<MetadataField, FieldScore>;
  return { perField, misses };
}

function fieldMatches(field: MetadataField, expected: string | null, detected: string | null): boolean {
  if (expected === null || detected === null) return expected === detected;
  switch (field) {
    case 'title':
      return titleMatches(expected, detected);
    case 'number':
      return compactNumber(expected) === compactNumber(detected);
    default:
      return expected === detected;
  }
}

function compactNumber(value: string): string {
  return value.normalize('NFC').replace(/^№\s*/u, '').replace(/\s+/g, '').toUpperCase();
}

const LATIN_TO_CYRILLIC: Readonly<Record<string, string>> = {
  a: 'а', c: 'с', e: 'е', o: 'о', p: 'р', x: 'х', y: 'у', k: 'к', i: 'і', h: 'һ', m: 'м', t: 'т', b: 'в',
};

/** Lower-case words of a title, Cyrillic look-alikes repaired, punctuation dropped. */
export function titleWords(title: string): string[] {
  return (title.normalize('NFC').toLowerCase().replace(/ё/g, 'е').match(/[\p{L}\p{N}]+/gu) ?? []).map((word) =>
    /\p{Script=Cyrillic}/u.test(word) ? word.replace(/[a-z]/g, (ch) => LATIN_TO_CYRILLIC[ch] ?? ch) : word,
  );
}

export function titleMatches(expected: string, detected: string): boolean {
  const want = [...new Set(titleWords(expected))];
  if (want.length === 0) return false;
  const have = titleWords(detected);
  const hits = want.filter((word) =>
    have.some((other) =>
      other === word ||
      (word.length >= TITLE_PREFIX && other.length >= TITLE_PREFIX && other.slice(0, TITLE_PREFIX) === word.slice(0, TITLE_PREFIX)),
    ),
  );
  return hits.length / want.length >= TITLE_MIN_OVERLAP;
}
