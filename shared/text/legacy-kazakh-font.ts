/**
 * Repair of text typed in legacy 8-bit Kazakh fonts (docs/ARCHITECTURE.md, issue 12 point 5).
 *
 * Before Windows shipped Kazakh, offices typed Kazakh in fonts ("KZ Times", "Times/Kazakh",
 * "Kazakh" versions of Arial…) that draw Kazakh letters on the code points of other letters of
 * the Windows-1251 code page. Word and every other program store what the code page says, so the
 * file holds "Ќазаќстан Республикасы Їкіметініѕ … ќаулысы": Қ became Ќ, ү became ї, ң became ѕ.
 * Detection and search cannot read such text until it is mapped back.
 *
 * Each supported font family is a real 8-bit Kazakh code page: the font draws byte B as the
 * letter that code page puts at B, while the file says what Windows-1251 puts at B. The
 * mappings below are those two tables side by side, restricted to the Kazakh letters:
 *
 * - `kz1048`: KZ-1048 (СТ РК 1048-2002, IANA "KZ-1048", iconv "rk1048"), the layout of the
 *   common "KZ" fonts. Confirmed on real Kazakh forms typed that way ("Ќазаќстан Республикасыныѕ
 *   аумаєындаєы жјне … мґлшері туралы мјліметтерді", "ЌР ЈМ", "Ґтелінетін", "Ўлттыќ").
 *   Kazakh letters land on Serbian, Macedonian, Ukrainian and Belarusian letters.
 * - `pt154`: PT154 (ParaType Asian Cyrillic, IANA "PTCP154"), the layout of ParaType's Kazakh
 *   fonts. Some letters land on Serbian/Macedonian ones (Ѓ Њ Ќ Ћ Є), others on signs that look
 *   like Latin-1 ones (‡ ‰ ¤ ¦ ± µ).
 *
 * The decision is made by word statistics, never by letter presence: Ukrainian (ї є ґ),
 * Serbian and Macedonian (ј љ њ ћ ќ ѕ ѓ) use the same letters as ordinary letters. A mapping is
 * applied only when the words it would change turn, for the most part, into Kazakh words
 * (common words and suffixes, listed below as data), and when the text does not already write
 * Kazakh with Unicode letters more often than through the font.
 *
 * Pure: no Node, no DOM. Runs in the extract worker on every format's page text (not on OCR text,
 * which Tesseract writes in Unicode).
 */

export type LegacyKazakhMapping = 'kz1048' | 'pt154';
export const LEGACY_KAZAKH_MAPPINGS: readonly LegacyKazakhMapping[] = ['kz1048', 'pt154'];

/**
 * Character read through Windows-1251 → the Kazakh letter the font draws there. Only Kazakh
 * letters are listed: a Kazakh text typed in the font never produces the other bytes.
 */
export const LEGACY_KAZAKH_TABLES: Readonly<Record<LegacyKazakhMapping, Readonly<Record<string, string>>>> = {
  kz1048: {
    Ј: 'Ә', ј: 'ә', // 0xA3, 0xBC
    Є: 'Ғ', є: 'ғ', // 0xAA, 0xBA
    Ќ: 'Қ', ќ: 'қ', // 0x8D, 0x9D
    Ѕ: 'Ң', ѕ: 'ң', // 0xBD, 0xBE
    Ґ: 'Ө', ґ: 'ө', // 0xA5, 0xB4
    Ў: 'Ұ', ў: 'ұ', // 0xA1, 0xA2
    Ї: 'Ү', ї: 'ү', // 0xAF, 0xBF
    Ћ: 'Һ', ћ: 'һ', // 0x8E, 0x9E
  },
  pt154: {
    Є: 'Ә', є: 'ә', // 0xAA, 0xBA
    Ѓ: 'Ғ', ѓ: 'ғ', // 0x81, 0x83
    Ќ: 'Қ', ќ: 'қ', // 0x8D, 0x9D
    Њ: 'Ң', њ: 'ң', // 0x8C, 0x9C
    '¤': 'Ө', µ: 'ө', // 0xA4, 0xB5
    '¦': 'Ұ', '±': 'ұ', // 0xA6, 0xB1
    '‡': 'Ү', '‰': 'ү', // 0x87, 0x89
    Ћ: 'Һ', ћ: 'һ', // 0x8E, 0x9E
  },
};

/**
 * Common words of Kazakh official texts (lower case, Unicode letters). A mapped word counts as
 * Kazakh when it is one of these, or starts with one of them followed by a suffix below.
 */
const KAZAKH_WORDS: readonly string[] = [
  'және', 'мен', 'бен', 'пен', 'туралы', 'бойынша', 'үшін', 'сәйкес', 'байланысты', 'арқылы', 'дейін', 'кейін',
  'қазақстан', 'республика', 'үкімет', 'қаулы', 'шешім', 'бұйрық', 'өкім', 'жарлық', 'заң', 'кодекс', 'ереже',
  'мәслихат', 'әкімдік', 'әкім', 'облыс', 'облыстық', 'аудан', 'аудандық', 'қала', 'қалалық', 'ауыл', 'кент',
  'министрлік', 'министр', 'комитет', 'кеңес', 'қоғамдық', 'депутат', 'хатшы', 'төраға', 'басшы', 'басқарма',
  'мемлекеттік', 'жергілікті', 'бюджет', 'қаржы', 'тәртіп', 'тәртібі', 'өзгеріс', 'толықтыру', 'қосымша',
  'тармақ', 'тармақша', 'бап', 'бөлім', 'тарау', 'жыл', 'жылғы', 'күн', 'ай', 'нөмір', 'тіркеу', 'тіркелген',
  'нормативтік', 'құқықтық', 'акт', 'бекіту', 'бекітілсін', 'енгізу', 'енгізілсін', 'күшіне', 'енеді', 'ресми',
  'жариялансын', 'жарияланған', 'бастап', 'күнтізбелік', 'алғашқы', 'орындалуын', 'бақылау', 'жүктелсін',
  'қабылданған', 'қабылдады', 'шешті', 'етеді', 'етсін', 'берілсін', 'алынсын', 'танылсын', 'деп', 'осы',
  'бұл', 'сол', 'оның', 'олардың', 'біз', 'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз',
  'он', 'жиырма', 'отыз', 'қырық', 'елу', 'жүз', 'мың', 'қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым',
  'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан', 'халық', 'ұлттық', 'ұйым', 'мекеме', 'кәсіпорын',
  'қызмет', 'қызметкер', 'жұмыс', 'білім', 'ғылым', 'денсаулық', 'сақтау', 'әлеуметтік', 'құрылыс', 'жер',
  'су', 'мүлік', 'салық', 'төлем', 'ақша', 'банк', 'қарыз', 'несие', 'шот', 'тұлға', 'азамат', 'құқық',
  'міндет', 'тарап', 'шарт', 'келісім', 'өтініш', 'сұрау', 'жауап', 'хат', 'анықтама', 'есеп', 'жоспар',
  'бағдарлама', 'жоба', 'іс', 'шара', 'мақсат', 'мәселе', 'талап', 'ұсыныс', 'қорытынды', 'хаттама', 'отырыс',
  'сессия', 'шақырылым', 'тағайындау', 'босату', 'лауазым', 'мерзім', 'мөлшер', 'сома', 'теңге', 'тиын',
  'өзге', 'басқа', 'барлық', 'әрбір', 'жалпы', 'жаңа', 'үкіметінің', 'көрсету', 'қамтамасыз', 'жүзеге', 'асыру',
  'тұрғын', 'үй', 'мектеп', 'бала', 'жас', 'ана', 'тіл', 'қазақ', 'орыс', 'мәтін', 'мәлімет', 'бөлігі',
];

/**
 * Kazakh inflections: case endings, possessives, plurals, participles. Only endings that, after
 * mapping, sit on a Kazakh letter or follow Kazakh vowel harmony; "-да", "-ы" alone are too
 * common in other languages to count.
 */
const KAZAKH_SUFFIXES: readonly string[] = [
  'ның', 'нің', 'дың', 'дің', 'тың', 'тің', 'ға', 'ге', 'қа', 'ке', 'на', 'не',
  'дағы', 'дегі', 'тағы', 'тегі', 'ндағы', 'ндегі', 'лары', 'лері', 'дары', 'дері', 'тары', 'тері',
  'ларының', 'лерінің', 'ларына', 'леріне', 'ларын', 'лерін', 'лар', 'лер', 'дар', 'дер', 'тар', 'тер',
  'ғы', 'гі', 'қы', 'кі', 'сы', 'сі', 'ы', 'і', 'ын', 'ін', 'сын', 'сін', 'ды', 'ді', 'ты', 'ті', 'ны', 'ні',
  'ымен', 'імен', 'мен', 'бен', 'пен', 'лық', 'лік', 'дық', 'дік', 'тық', 'тік', 'шы', 'ші',
  'ған', 'ген', 'қан', 'кен', 'атын', 'етін', 'йтын', 'йтін', 'уы', 'уі', 'ың', 'ің', 'ңыз', 'ңіз',
  'мыз', 'міз', 'сыз', 'сіз', 'да', 'де', 'та', 'те', 'нда', 'нде', 'дан', 'ден', 'тан', 'тен', 'нан', 'нен',
  'сын', 'сін', 'сынан', 'сінен', 'сына', 'сіне', 'сында', 'сінде', 'ық', 'ік', 'қ', 'ғ', 'ң',
];

/** Letters of the Kazakh Cyrillic alphabet (lower case). */
const KAZAKH_LETTERS = new Set('абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюяә');
/** Letters only Kazakh (among Cyrillic languages written here) writes in Unicode. */
const UNICODE_KAZAKH_ONLY = /[әғқңөұүһӘҒҚҢӨҰҮҺ]/u;
/** Latin look-alikes found inside Kazakh words (a Latin 'i' for 'і' is the usual one). */
const LATIN_LOOKALIKE: Readonly<Record<string, string>> = { i: 'і', a: 'а', e: 'е', o: 'о', c: 'с', p: 'р', x: 'х', y: 'у', k: 'к', h: 'һ' };
const CYRILLIC = /\p{Script=Cyrillic}/u;

const WORD_SET = new Set(KAZAKH_WORDS);
const SUFFIXES_LONGEST_FIRST = [...new Set(KAZAKH_SUFFIXES)].sort((a, b) => b.length - a.length);

/** Words the mapping would change must number at least this many before any repair. */
const MIN_CHANGED_WORDS = 3;
/** And at least this share of them must read as Kazakh once mapped. */
const MIN_KAZAKH_SHARE = 0.6;

export interface LegacyKazakhEvidence {
  mapping: LegacyKazakhMapping;
  /** Words the mapping would change (they hold one of its letters beside a Cyrillic letter). */
  changedWords: number;
  /** Of those, how many read as Kazakh once mapped. */
  kazakhAfter: number;
  /** Of those, how many read as Kazakh as they stand (0 unless the text mixes scripts oddly). */
  kazakhBefore: number;
  /** Words already written with Unicode Kazakh letters (ә ғ қ ң ө ұ ү һ). */
  unicodeKazakhWords: number;
}

export interface LegacyKazakhDetection {
  /** The mapping to apply, or null when the text is left as it is. */
  mapping: LegacyKazakhMapping | null;
  /** The figures for every mapping tried, best first: for logs and tests. */
  evidence: LegacyKazakhEvidence[];
}

const escapeClass = (chars: string): string => chars.replace(/[\\\]^-]/g, '\\$&');

/** Runs of letters plus the mapping's source characters (PT154's ‡ ‰ ¤ ¦ ± are not letters). */
const TOKEN_PATTERN: Readonly<Record<LegacyKazakhMapping, RegExp>> = {
  kz1048: new RegExp(`[\\p{L}\\p{M}${escapeClass(Object.keys(LEGACY_KAZAKH_TABLES.kz1048).join(''))}]+`, 'gu'),
  pt154: new RegExp(`[\\p{L}\\p{M}${escapeClass(Object.keys(LEGACY_KAZAKH_TABLES.pt154).join(''))}]+`, 'gu'),
};

/**
 * A token is mapped only when it holds a source character and a Cyrillic letter that is not one:
 * "±" in "5 ± 2" or "µ" in "µm" stay, "б±лу" does not. For KZ-1048, whose sources are all
 * Cyrillic, a word made only of sources ("ЌЌ") is left too.
 */
function changes(token: string, table: Readonly<Record<string, string>>): boolean {
  let source = false;
  let otherCyrillic = false;
  for (const ch of token) {
    if (table[ch] !== undefined) source = true;
    else if (CYRILLIC.test(ch)) otherCyrillic = true;
    if (source && otherCyrillic) return true;
  }
  return false;
}

function mapToken(token: string, table: Readonly<Record<string, string>>): string {
  let out = '';
  for (const ch of token) out += table[ch] ?? ch;
  return out;
}

/** Whether a word (after mapping) reads as Kazakh: only Kazakh letters, a known word or stem + suffix. */
export function looksKazakh(word: string): boolean {
  let lower = '';
  for (const ch of word.toLowerCase()) lower += LATIN_LOOKALIKE[ch] ?? ch;
  if (lower.length < 2) return false;
  for (const ch of lower) if (!KAZAKH_LETTERS.has(ch)) return false;
  if (WORD_SET.has(lower)) return true;
  for (const suffix of SUFFIXES_LONGEST_FIRST) {
    if (!lower.endsWith(suffix)) continue;
    const stem = lower.slice(0, lower.length - suffix.length);
    if (WORD_SET.has(stem)) return true;
    // An unknown stem counts only with an ending that Russian, Ukrainian and South Slavic words
    // do not have: one holding a Kazakh-only letter, and a stem of at least three letters.
    if (stem.length >= 3 && UNICODE_KAZAKH_ONLY.test(suffix)) return true;
  }
  // Inside the stem: a Kazakh-only letter next to the vowel harmony of Kazakh (і/ы after it).
  return /[әғқңөұү][аеыіоуұүөә]|[аеыіоұүөә][ғқң]/u.test(lower) && /[ыі]/u.test(lower) && lower.length >= 4;
}

function measure(text: string, mapping: LegacyKazakhMapping, unicodeKazakhWords: number): LegacyKazakhEvidence {
  const table = LEGACY_KAZAKH_TABLES[mapping];
  let changedWords = 0;
  let kazakhAfter = 0;
  let kazakhBefore = 0;
  for (const token of text.match(TOKEN_PATTERN[mapping]) ?? []) {
    if (!changes(token, table)) continue;
    changedWords++;
    if (looksKazakh(mapToken(token, table))) kazakhAfter++;
    if (looksKazakh(token)) kazakhBefore++;
  }
  return { mapping, changedWords, kazakhAfter, kazakhBefore, unicodeKazakhWords };
}

function countUnicodeKazakhWords(text: string): number {
  let count = 0;
  for (const token of text.match(/\p{L}+/gu) ?? []) if (UNICODE_KAZAKH_ONLY.test(token)) count++;
  return count;
}

/** Whether the figures are strong enough to rewrite the text. */
function convincing(e: LegacyKazakhEvidence): boolean {
  if (e.changedWords < MIN_CHANGED_WORDS || e.kazakhAfter < MIN_CHANGED_WORDS) return false;
  const after = e.kazakhAfter / e.changedWords;
  const before = e.kazakhBefore / e.changedWords;
  if (after < MIN_KAZAKH_SHARE || after - before < 0.5) return false;
  // A Unicode Kazakh text quoting a few Serbian or Ukrainian words (or a legacy fragment pasted
  // into it) is left alone: the font must be how most of the Kazakh in it was written.
  return e.kazakhAfter > e.unicodeKazakhWords;
}

/**
 * Which legacy font, if any, the text was typed in. Texts without any source character cost one
 * scan; the rest are measured once per mapping.
 */
export function detectLegacyKazakhFont(text: string): LegacyKazakhDetection {
  if (!/[ЈјЄєЌќЅѕҐґЎўЇїЋћЃѓЊњ¤µ¦±‡‰]/u.test(text)) return { mapping: null, evidence: [] };
  const unicodeKazakhWords = countUnicodeKazakhWords(text);
  const evidence = LEGACY_KAZAKH_MAPPINGS.map((mapping) => measure(text, mapping, unicodeKazakhWords)).sort(
    (a, b) => b.kazakhAfter - a.kazakhAfter || b.kazakhAfter / Math.max(1, b.changedWords) - a.kazakhAfter / Math.max(1, a.changedWords),
  );
  const best = evidence.find(convincing);
  return { mapping: best?.mapping ?? null, evidence };
}

/**
 * Maps the font's letters back to Unicode Kazakh in every word the mapping changes (see
 * `changes`); numbers, signs and Latin words are untouched. The length in UTF-16 units is kept.
 */
export function repairLegacyKazakhFont(text: string, mapping: LegacyKazakhMapping): string {
  const table = LEGACY_KAZAKH_TABLES[mapping];
  return text.replace(TOKEN_PATTERN[mapping], (token) => (changes(token, table) ? mapToken(token, table) : token));
}

/**
 * How a stored file's text was changed from what its bytes say, as the document view reports it.
 * One kind today; the original file is never touched.
 */
export interface TextRepair {
  kind: 'legacy-kazakh-font';
  mapping: LegacyKazakhMapping;
}
