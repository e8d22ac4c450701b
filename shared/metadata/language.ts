import type { LanguageCode } from '../domain/kinds';

/**
 * Document language from letters and function words. Kazakh is told from Russian by the letters
 * only Kazakh has (ә ғ қ ң ө ұ ү һ і) and by its function words; Russian by its function words
 * and adjective/verb endings Kazakh does not use; Latin-script Kazakh (the 2021 alphabet, the 2018
 * acute one and common informal spellings) by its letters and function words; English by function
 * words.
 *
 * The text is cut into windows of WINDOW_WORDS words and each window votes, so a bilingual
 * document (Kazakh and Russian texts of one act, a bilingual cover page) shows up as two shares.
 * Mojibake (a broken PDF text layer) has words but no evidence, and gets no language.
 */

const WINDOW_WORDS = 40;
/** Below this much evidence in the whole sample the language is unknown. */
const MIN_EVIDENCE = 3;
/**
 * The second language must hold this share of the evidence for the document to be mixed. Below it
 * sit names, quotations and untranslated fragments (a list of members with Kazakh organisation
 * names on a Russian page reaches a quarter).
 */
export const MIXED_SHARE = 0.3;
/** At least this share of the words must sit in windows that voted, or the text is not language. */
const MIN_VOTING_SHARE = 0.3;

const KK_CYRILLIC_LETTERS_RE = /[әғқңөұүһі]/u;
/** The 2021 alphabet (ä ğ ñ ö ū ü ı ş) and the 2018 acute one (á ǵ ń ó ú ý ı). */
const KK_LATIN_LETTERS_RE = /[äğñöūüışǵńý]/u;
const CYRILLIC_RE = /\p{Script=Cyrillic}/u;
const LATIN_RE = /\p{Script=Latin}/u;

const KK_WORDS = new Set([
  'және', 'бойынша', 'туралы', 'үшін', 'мен', 'бен', 'пен', 'бұл', 'осы', 'да', 'де', 'та', 'те', 'ол', 'сол',
  'бар', 'жоқ', 'деп', 'еді', 'болып', 'болады', 'жылы', 'жылғы', 'арқылы', 'сияқты', 'немесе', 'тиіс', 'сәйкес',
  'жөніндегі', 'кейін', 'дейін', 'бірақ', 'әрі', 'ал', 'ретінде', 'барлық', 'оның', 'олар', 'өз', 'бір',
  'қатысты', 'арналған', 'болған', 'керек', 'қажет', 'мына', 'сондай', 'ақ', 'ғана', 'емес', 'ма', 'ме',
  'қазақстан', 'республикасы', 'республикасының', 'аудандық', 'облыстық',
]);
const KK_LATIN_WORDS = new Set([
  'jäne', 'jane', 'men', 'ben', 'pen', 'turaly', 'boiynşa', 'boiynsha', 'boyinsha', 'üşin', 'ushin', 'bul', 'osy',
  'dep', 'bolyp', 'bolady', 'jyly', 'jylğy', 'arqyly', 'qazaqstan', 'qazaqstannyñ', 'respublikasy',
  'respublikasynyñ', 'biraq', 'öz', 'ol', 'olar', 'barlyq', 'kerek', 'qajet', 'degen', 'edi', 'joq', 'sondai',
  'retinde', 'keiin', 'deiin', 'jönindegi', 'säikes', 'tiis', 'emes', 'ğana', 'büginde', 'atap', 'ötti',
  // 2018 spellings
  'jáne', 'týraly', 'boıynsha', 'úshin', 'sondaı', 'keıin', 'deıin', 'sáıkes', 'jónindegi', 'óz', 'ǵana',
]);
const RU_WORDS = new Set([
  'и', 'в', 'во', 'на', 'не', 'что', 'по', 'для', 'от', 'с', 'со', 'к', 'ко', 'о', 'об', 'за', 'из', 'у', 'при', 'до',
  'или', 'как', 'это', 'его', 'ее', 'её', 'а', 'но', 'же', 'так', 'также', 'которые', 'который', 'которая',
  'которых', 'года', 'году', 'был', 'была', 'были', 'быть', 'является', 'этого', 'этой', 'всех', 'все',
  'только', 'после', 'между', 'через', 'под', 'над', 'без', 'согласно', 'она', 'они', 'мы', 'вы', 'он', 'их',
  'ли', 'бы', 'уже', 'еще', 'ещё', 'республики', 'настоящего', 'соответствии',
]);
const EN_WORDS = new Set([
  'the', 'of', 'and', 'to', 'in', 'is', 'for', 'on', 'that', 'with', 'by', 'as', 'are', 'was', 'be', 'this', 'it',
  'from', 'at', 'or', 'an', 'which', 'not', 'have', 'has', 'were', 'will', 'their', 'its', 'these', 'those',
  'such', 'shall', 'may', 'been', 'would', 'should', 'into', 'than', 'other', 'any', 'all', 'also',
]);
/** Russian endings that Kazakh words (even loanwords) do not take. Half a vote each. */
const RU_ENDING_RE = /(?:ого|его|ому|ему|ыми|ими|ых|их|ые|ие|ая|яя|ое|ее|ться|ется|ются|ость|ости|ение|ения|ании|ении|ций|ции)$/u;

type Votes = Record<'kk' | 'ru' | 'en', number>;

/** Roman numerals, often typed with Cyrillic І and Х (`ХХІІ сессия`, `І тоқсан`): no language. */
const ROMAN_NUMERAL_RE = /^(?=\p{L}*[IVXІХ])[IVXLCMІХСМ]+$/u;

/**
 * One word's votes. `original` keeps the case: a capitalised word with Kazakh letters is often a
 * Kazakh name inside Russian text (`Ілебаев Айбек Қасымханулы`) and counts half.
 */
function wordVotes(original: string, votes: Votes): void {
  if (ROMAN_NUMERAL_RE.test(original)) return;
  const word = original.toLowerCase();
  if (CYRILLIC_RE.test(word)) {
    if (KK_WORDS.has(word)) votes.kk += 1;
    else if (KK_CYRILLIC_LETTERS_RE.test(word)) votes.kk += original[0] === word[0] ? 1 : 0.5;
    else if (RU_WORDS.has(word)) votes.ru += 1;
    else if (word.length >= 5 && RU_ENDING_RE.test(word)) votes.ru += 0.5;
  } else if (LATIN_RE.test(word)) {
    if (KK_LATIN_WORDS.has(word) || (KK_LATIN_LETTERS_RE.test(word) && word.length >= 3)) votes.kk += 1;
    else if (EN_WORDS.has(word)) votes.en += 1;
  }
}

export interface LanguageShares {
  kk: number;
  ru: number;
  en: number;
  /** Share of the words that sit in windows with language evidence; low for mojibake. */
  voting: number;
}

function wordsOf(text: string): string[] {
  return text.match(/[\p{L}][\p{L}\p{M}'’-]*/gu) ?? [];
}

/** How the text's words divide between the languages (shares of the evidence, summing to 1). */
export function languageShares(text: string): LanguageShares {
  return sharesOf(wordsOf(text));
}

function sharesOf(words: readonly string[]): LanguageShares {

  const totals: Votes = { kk: 0, ru: 0, en: 0 };
  let votingWords = 0;
  for (let start = 0; start < words.length; start += WINDOW_WORDS) {
    const window = words.slice(start, start + WINDOW_WORDS);
    const votes: Votes = { kk: 0, ru: 0, en: 0 };
    for (const word of window) wordVotes(word.replace(/['’-]+$/u, ''), votes);
    const sum = votes.kk + votes.ru + votes.en;
    // A window needs some evidence; random Latin mojibake matches a function word now and then.
    if (sum < 2 || sum / window.length < 0.08) continue;
    votingWords += window.length;
    // The window's words are shared out in proportion to the votes, so a window that is half
    // Kazakh and half Russian counts for both.
    for (const lang of ['kk', 'ru', 'en'] as const) totals[lang] += (votes[lang] / sum) * window.length;
  }

  const evidence = totals.kk + totals.ru + totals.en;
  if (evidence === 0) return { kk: 0, ru: 0, en: 0, voting: 0 };
  return { kk: totals.kk / evidence, ru: totals.ru / evidence, en: totals.en / evidence, voting: votingWords / words.length };
}

export function detectLanguage(text: string): LanguageCode | null {
  return languageWithConfidence(text).lang;
}

/**
 * A frame in one language around a body in another (a Kazakh verbatim record whose speakers talk
 * Russian): the head is in the frame's language, and the frame holds at least this share overall.
 * A Russian act with a Kazakh letterhead stays Russian: a letterhead is far below this share.
 */
const FRAME_SHARE = 0.15;
const FRAME_HEAD_WORDS = 150;
const FRAME_HEAD_SHARE = 0.6;

/**
 * The language and how sure: the leading share, lowered for thin evidence; for `mixed`, how
 * clearly the second language passes its threshold.
 */
export function languageWithConfidence(text: string): { lang: LanguageCode | null; confidence: number } {
  const words = wordsOf(text);
  const shares = sharesOf(words);
  if (shares.voting < MIN_VOTING_SHARE || !hasEnoughEvidence(words)) return { lang: null, confidence: words.length < 20 ? 0.5 : 0.8 };
  const ranked = (['kk', 'ru', 'en'] as const).map((lang) => ({ lang, share: shares[lang] })).sort((a, b) => b.share - a.share);
  const [first, second] = ranked;
  if (!first || first.share === 0) return { lang: null, confidence: 0.5 };
  const thin = Math.min(1, words.length / 60);
  if (second && second.share >= MIXED_SHARE) return { lang: 'mixed', confidence: round(0.75 + 0.25 * Math.min(1, (second.share - MIXED_SHARE) / 0.1)) };
  if (second && second.share >= FRAME_SHARE && words.length > FRAME_HEAD_WORDS * 2) {
    const head = sharesOf(words.slice(0, FRAME_HEAD_WORDS));
    if (head[second.lang] >= FRAME_HEAD_SHARE) return { lang: 'mixed', confidence: 0.7 };
  }
  return { lang: first.lang, confidence: round(Math.max(0.3, Math.min(1, first.share + 0.05) * (0.6 + 0.4 * thin))) };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

/** Too little text (a caption, a stray line) says nothing reliable about the language. */
function hasEnoughEvidence(words: readonly string[]): boolean {
  const votes: Votes = { kk: 0, ru: 0, en: 0 };
  for (const word of words.slice(0, 400)) wordVotes(word, votes);
  return Math.max(votes.kk, votes.ru, votes.en) >= MIN_EVIDENCE;
}
