import { collapseSpaces } from './normalize';
import { INSTITUTION_RE } from './vocabulary';

/**
 * The issuing body, taken from the phrase that names it next to the act's requisites. Best effort:
 * null unless the phrase clearly names an institution. Kazakh genitives and the Russian genitive
 * after a kind word are turned back into the nominative where that is mechanical.
 */

const MAX_WORDS = 12;
const MAX_CHARS = 160;

/** `м.а.` (acting), `и.о.`: the acting official signs for the body; the body is the issuer. */
const ACTING_RE = /\s*(?:м\.\s?а\.?|міндетін атқарушы|и\.\s?о\.?|временно исполняющ\p{L}*)\s*$/iu;

const KK_PHRASE_BOUNDARY_RE = /туралы|[»"”;:]|\.\s|\n\s*\n/gu;

/** Kazakh genitive ending on the last word: `министрінің` → `министрі`, `мәслихаттың` → `мәслихат`. */
function kazakhNominative(phrase: string): string {
  return phrase.replace(/(\p{L}{3,}?)(?:ның|нің|дың|дің|тың|тің)$/u, '$1');
}

/** Russian head nouns in the genitive, as they follow `Приказ`, `Решение`, `решением`. */
const RU_HEAD_NOUNS: Readonly<Record<string, string>> = {
  министра: 'Министр', министерства: 'Министерство', председателя: 'Председатель', правления: 'Правление',
  правительства: 'Правительство', президента: 'Президент', маслихата: 'маслихат', акимата: 'акимат',
  акима: 'аким', агентства: 'Агентство', комитета: 'Комитет', совета: 'Совет', департамента: 'Департамент',
  управления: 'Управление', директора: 'Директор', ректора: 'Ректор', парламента: 'Парламент',
  сената: 'Сенат', мажилиса: 'Мажилис', собрания: 'собрание', суда: 'суд', министерств: 'Министерство',
};
/** Adjectives with a stressed ending, which the regular rule would get wrong. */
const RU_STRESSED_ADJECTIVES: Readonly<Record<string, string>> = {
  областного: 'областной', городского: 'городской', окружного: 'окружной', международного: 'международный',
};

function russianAdjectiveNominative(word: string): string {
  const lower = word.toLowerCase();
  const fixed = RU_STRESSED_ADJECTIVES[lower] ?? lower
    .replace(/(ск|цк)ого$/u, '$1ий')
    .replace(/ного$/u, 'ный')
    .replace(/его$/u, 'ий')
    .replace(/ого$/u, 'ый');
  return word[0] === word[0]?.toUpperCase() ? capitalise(fixed) : fixed;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * `Министра образования и науки Республики Казахстан` → `Министр образования и науки Республики
 * Казахстан`; `Енбекшиказахского районного маслихата` → `Енбекшиказахский районный маслихат`.
 * Words after the head noun are its genitive complements and stay as they are.
 */
function russianNominative(phrase: string): string {
  const words = phrase.split(' ');
  const head = words.findIndex((word) => RU_HEAD_NOUNS[word.toLowerCase()] !== undefined);
  if (head < 0 || head > 4) return phrase;
  const out = words.map((word, i) => {
    if (i < head) return russianAdjectiveNominative(word);
    if (i === head) return RU_HEAD_NOUNS[word.toLowerCase()] ?? word;
    return word;
  });
  return capitalise(out.join(' '));
}

function acceptable(phrase: string): string | null {
  const clean = collapseSpaces(phrase).replace(/^[\s,.;:–—-]+|[\s,;:–—-]+$/gu, '');
  if (clean.length < 4 || clean.length > MAX_CHARS) return null;
  if (!INSTITUTION_RE.test(clean)) return null;
  if (!/^[\p{Lu}«"]/u.test(clean)) return null;
  return clean;
}

/** Keep the last `MAX_WORDS` words and start at a capitalised one (`… туралы Қазақстан …`). */
function trimToNamedStart(phrase: string): string {
  const words = collapseSpaces(phrase).split(' ').slice(-MAX_WORDS);
  const first = words.findIndex((word) => /^[\p{Lu}«"]/u.test(word));
  return first < 0 ? '' : words.slice(first).join(' ');
}

/**
 * Kazakh issuer before the date of a requisites statement:
 * `… туралы Қазақстан Республикасы Білім және ғылым министрінің м.а. 2017 жылғы …`
 * → `Қазақстан Республикасы Білім және ғылым министрі`.
 */
export function kazakhIssuerBefore(textBeforeDate: string): string | null {
  let phrase = textBeforeDate.replace(ACTING_RE, '');
  // Start after the last boundary: the end of the title (`…туралы`, a closing quote) or a sentence.
  let cut = 0;
  for (const match of phrase.matchAll(KK_PHRASE_BOUNDARY_RE)) cut = match.index + match[0].length;
  phrase = trimToNamedStart(phrase.slice(cut));
  if (!phrase) return null;
  return acceptable(kazakhNominative(phrase));
}

/**
 * Russian issuer after a kind word or an approval instrumental:
 * `Приказ| Министра образования и науки Республики Казахстан от …` → `Министр образования …`.
 */
export function russianIssuerAfter(textAfterWord: string): string | null {
  // A trailing space lets the stop words match at the very end (`… Казахстан от`).
  let phrase = `${collapseSpaces(textAfterWord)} `;
  const stop = /\s(?:от|№|N)\s|\s(?:от|№)\d|№|\d|\(|\.\s|,\s(?:утвержд|согласно)/u.exec(phrase);
  if (stop) phrase = phrase.slice(0, stop.index);
  const words = phrase.split(' ').filter(Boolean).slice(0, MAX_WORDS);
  if (words.length === 0) return null;
  return acceptable(russianNominative(words.join(' ')));
}

/**
 * The subject of an operative word: `…сәйкес, Алматы облыстық мәслихаты ШЕШТІ:` →
 * `Алматы облыстық мәслихаты`; `…, Алматинский областной маслихат РЕШИЛ:`.
 */
export function subjectBefore(textBeforeVerb: string): string | null {
  const parts = textBeforeVerb.split(/[,;:)]|\.\s|\n\s*\n/u);
  const last = parts[parts.length - 1] ?? '';
  const words = collapseSpaces(last).split(' ').filter(Boolean);
  if (words.length === 0 || words.length > 8) return null;
  return acceptable(words.join(' '));
}
