/**
 * Which stemmer a word gets (docs/ARCHITECTURE.md §6.1 step 3). Heuristics, in order:
 *
 * Cyrillic words
 *   1. A Kazakh-only letter (ә ғ қ ң ө ұ ү һ і) → Kazakh, whatever the hint.
 *   2. Otherwise endings are scored: Russian inflections (-ого -ему -ыми -ами -иях -ость -ение
 *      -ться, adjective endings, ь/ъ/щ/э/ё …) against Kazakh suffix chains that Russian does not
 *      have (-лары -дардың -ында -ынан -дағы -сын …).
 *   3. The hint decides unless the other language's evidence is strong: `kk` → Kazakh unless the
 *      word has a strong Russian ending; `ru` → Russian unless it has a strong Kazakh suffix chain;
 *      `mixed`/`en`/unknown → the higher score, ties to Russian (a bare Cyrillic word without
 *      Kazakh letters in a document of unknown language is more often Russian, and neither stemmer
 *      changes a bare root much).
 * Latin words
 *   Kazakh signs: the letters of the 2018/2021 alphabets (ä ğ ñ ö ū ü ş á ǵ ń ó ú ý ı), 2017
 *   apostrophes (s' g' n'), `q` not before `u`, Kazakh suffix chains (-lar/-ler …, -nyń, -daǵy).
 *   English signs: th, w, c, x, -tion/-ment/-ness/-ing…, common function words. The hint
 *   decides between near scores as above; unknown ties go to English.
 */

export type LanguageHint = 'kk' | 'ru' | 'en' | 'mixed' | null | undefined;

export type Script = 'cyrillic' | 'latin' | 'number' | 'other';

const KAZAKH_LETTERS = /[әғқңөұүһі]/;

export function hasKazakhLetters(word: string): boolean {
  return KAZAKH_LETTERS.test(word);
}

/** The script of a normalised word: digits anywhere make it a number-like token. */
export function scriptOf(word: string): Script {
  let cyrillic = 0;
  let latin = 0;
  for (let k = 0; k < word.length; k++) {
    const code = word.charCodeAt(k);
    if (code >= 0x30 && code <= 0x39) return 'number';
    if (code >= 0x400 && code <= 0x4ff) cyrillic++;
    else if ((code >= 0x61 && code <= 0x7a) || (code >= 0xc0 && code <= 0x24f)) latin++;
    else if (code >= 0x660 && code <= 0x669) return 'number';
  }
  if (cyrillic === 0 && latin === 0) return /\p{N}/u.test(word) ? 'number' : 'other';
  return cyrillic >= latin ? 'cyrillic' : 'latin';
}

// ---------------------------------------------------------------------------------------------
// Cyrillic: Kazakh or Russian
// ---------------------------------------------------------------------------------------------

const RU_STRONG =
  /(?:ого|его|ому|ему|ыми|ими|ями|иях|ость|ости|остью|остей|ение|ения|ению|ением|ений|ании|ание|ания|анию|анием|аний|ться|тся|ешь|ете|ишь|ует|уют|ают|яют|ает|яет|ский|ская|ское|ские|ских|ским|ской|скую|ный|ная|ное|ные|ных|ным|ной|ную|ными|ами|ции|цией|ции|ция)$/;
const RU_WEAK = /(?:ий|ый|ой|ая|яя|ое|ее|ые|ие|ую|юю|ов|ев|ей|ия|ию|ии|ам|ах|ям|ях|ом|ем|ть|ет|ит|ут|ют|ят|ла|ло|ли|ка|ки|ку|ке|ой)$/;
const RU_LETTERS = /[ьъщэё]/;

const KK_STRONG =
  /(?:(?:лар|лер|дар|дер|тар|тер)(?:ы|ды|ты|ны|да|та|дан|тан|мен|ын|ына|ында|ынан|ымен)|(?:сы|ы)(?:на|нда|нан|мен|н)|дағы|тағы|ндағы|ында|ынан|ына|ысы|ымыз|ыныз)$/;
const KK_WEAK = /(?:лар|лер|дар|дер|тар|тер|сы|мен|бен|пен|дан|тан|нан|ды|ты|ны|ын|ша)$/;

function cyrillicScores(word: string): { kk: number; ru: number } {
  let ru = 0;
  let kk = 0;
  if (RU_STRONG.test(word)) ru += 2;
  else if (RU_WEAK.test(word)) ru += 1;
  if (RU_LETTERS.test(word)) ru += 1;
  if (KK_STRONG.test(word)) kk += 2;
  else if (KK_WEAK.test(word) && word.length >= 5) kk += 1;
  return { kk, ru };
}

export interface LanguageChoice<L extends string> {
  /** The language whose stemmer the index uses for this word. */
  primary: L;
  /** Both languages are plausible: a query should try both stems. */
  ambiguous: boolean;
}

/** Kazakh or Russian for a normalised Cyrillic word. */
export function chooseCyrillicLanguage(word: string, hint: LanguageHint): LanguageChoice<'kk' | 'ru'> {
  if (hasKazakhLetters(word)) return { primary: 'kk', ambiguous: false };
  const { kk, ru } = cyrillicScores(word);
  const diff = kk - ru;
  if (hint === 'kk') return { primary: ru >= 2 && diff < 0 ? 'ru' : 'kk', ambiguous: diff <= 0 };
  if (hint === 'ru') return { primary: kk >= 2 && diff > 0 ? 'kk' : 'ru', ambiguous: diff >= 0 };
  return { primary: diff > 0 ? 'kk' : 'ru', ambiguous: Math.abs(diff) < 2 };
}

// ---------------------------------------------------------------------------------------------
// Latin: Kazakh or English
// ---------------------------------------------------------------------------------------------

const KK_LATIN_LETTERS = /[äğñöūüşáǵńóúýı]/;
const KK_LATIN_APOSTROPHE = /[agnouscy]'/;
const KK_LATIN_Q = /q(?!u)/;
const KK_LATIN_SUFFIX =
  /(?:(?:lar|ler|dar|der|tar|ter)(?:dy|di|ty|ti|y|i|yn|in|yna|ine|ynda|inde|ynan|inen|ymen|imen|da|de|ta|te|dan|den|tan|ten|ga|ge|qa|ke|men|ben|pen|dyn|din|nyn|nin)?|nyn|dyn|tyn|nyng|dyng|tyng|dagy|degi|tagy|tegi|ndagy|ndegi|ynda|inde|ynan|inen|yna|ine|ymen|imen|syna|sinda|synda|lyq|dyq|tyq|lik|dik|tik)$/;
const EN_LETTERS = /th|w|c(?!h)|x|ee|oo|ea|ou/;
const EN_SUFFIX = /(?:tion|sion|ment|ness|ship|able|ible|ing|ed|ous|ive|ful|less|ity|ism|ist|ance|ence|er|est)$/;
const EN_WORDS = new Set([
  'the', 'of', 'and', 'to', 'in', 'is', 'for', 'on', 'with', 'by', 'as', 'at', 'from', 'this', 'that', 'be',
  'are', 'was', 'were', 'or', 'an', 'it', 'not', 'will', 'has', 'have', 'had', 'which', 'their', 'its', 'into',
]);

function latinScores(word: string): { kk: number; en: number } {
  let kk = 0;
  let en = 0;
  if (KK_LATIN_LETTERS.test(word)) kk += 3;
  if (KK_LATIN_APOSTROPHE.test(word)) kk += 2;
  if (KK_LATIN_Q.test(word)) kk += 2;
  if (word.length >= 5 && KK_LATIN_SUFFIX.test(word)) kk += 2;
  if (EN_WORDS.has(word)) en += 3;
  if (EN_LETTERS.test(word)) en += 2;
  if (EN_SUFFIX.test(word)) en += 1;
  return { kk, en };
}

/** Kazakh (in Latin letters) or English for a normalised Latin word. */
export function chooseLatinLanguage(word: string, hint: LanguageHint): LanguageChoice<'kk' | 'en'> {
  const { kk, en } = latinScores(word);
  const diff = kk - en;
  if (hint === 'kk') return { primary: diff < -1 ? 'en' : 'kk', ambiguous: diff < 2 };
  if (hint === 'en') return { primary: diff > 1 ? 'kk' : 'en', ambiguous: diff > -2 };
  return { primary: diff > 0 ? 'kk' : 'en', ambiguous: Math.abs(diff) < 2 };
}
