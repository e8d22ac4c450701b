/**
 * Russian (Snowball) and English (Porter) stemmers from `@orama/stemmers` — the fastest of the
 * packages compared in the feasibility probe (docs/ARCHITECTURE.md §14), same stems as the others. Input is a
 * normalised lower-case word (ё already folded to е).
 */

import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';

/** Snowball Russian stem of a lower-case word. */
export function stemRussian(word: string): string {
  const stem = russianStemmer(word);
  return stem.length > 0 ? stem : word;
}

/** Porter stem of a lower-case English word. */
export function stemEnglish(word: string): string {
  const stem = englishStemmer(word);
  return stem.length > 0 ? stem : word;
}
