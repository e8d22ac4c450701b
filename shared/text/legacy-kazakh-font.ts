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
  /**
   * Words the mapping would change (they hold one of its letters beside another Cyrillic
   * letter). None of them reads as Kazakh before mapping (the font's letters are not Kazakh
   * letters), so the share of Kazakh words among them rises from 0 to `kazakhAfter / changedWords`.
   */
  changedWords: number;
  /** Of those, how many read as Kazakh once mapped. */
  kazakhAfter: number;
  /** Words already written with Unicode Kazakh letters (ә ғ қ ң ө ұ ү һ). */
  unicodeKazakhWords: number;
}

export interface LegacyKazakhDetection {
  /** The mapping to apply, or null when the text is left as it is. */
  mapping: LegacyKazakhMapping | null;
  /** The figures for every mapping tried, best first: for logs and tests. */
  evidence: LegacyKazakhEvidence[];
}

/*
 * Texts reach 32 million characters, so words are found by one pass over char codes with a
 * class table, not by regular expressions per word (a 30 MB legacy text took 37 s that way).
 */
const LETTER = 1;
const CYRILLIC_LETTER = 2;
const UNICODE_KAZAKH = 4;
const SOURCE_BIT: Readonly<Record<LegacyKazakhMapping, number>> = { kz1048: 8, pt154: 16 };

let classes: Uint8Array | null = null;
const targets: Partial<Record<LegacyKazakhMapping, Uint16Array>> = {};

function charClasses(): Uint8Array {
  if (classes) return classes;
  const table = new Uint8Array(0x10000);
  for (let code = 0; code < 0x10000; code++) {
    if (code >= 0xd800 && code <= 0xdfff) continue; // astral characters end a word
    const ch = String.fromCharCode(code);
    if (!/[\p{L}\p{M}]/u.test(ch)) continue;
    table[code] = LETTER | (CYRILLIC.test(ch) ? CYRILLIC_LETTER : 0) | (UNICODE_KAZAKH_ONLY.test(ch) ? UNICODE_KAZAKH : 0);
  }
  for (const mapping of LEGACY_KAZAKH_MAPPINGS) for (const ch of Object.keys(LEGACY_KAZAKH_TABLES[mapping])) table[ch.charCodeAt(0)]! |= SOURCE_BIT[mapping];
  classes = table;
  return table;
}

/** The mapping as code units: every source and target is one UTF-16 unit, so lengths are kept. */
function targetCodes(mapping: LegacyKazakhMapping): Uint16Array {
  const cached = targets[mapping];
  if (cached) return cached;
  const table = new Uint16Array(0x10000);
  for (const [legacy, kazakh] of Object.entries(LEGACY_KAZAKH_TABLES[mapping])) table[legacy.charCodeAt(0)] = kazakh.charCodeAt(0);
  targets[mapping] = table;
  return table;
}

/**
 * Calls `onWord` for each word the mapping changes: a run of letters and the mapping's sources
 * (PT154's ‡ ‰ ¤ ¦ ± are not letters) that holds a source and a Cyrillic letter that is not one.
 * So "±" in "5 ± 2" or "µ" in "µm" stay, "б±лу" does not; for KZ-1048, whose sources are all
 * Cyrillic, a word made only of sources ("ЌЌ") is left too. Returns the number of words written
 * with Unicode Kazakh letters.
 */
function scanWords(text: string, mapping: LegacyKazakhMapping, onWord: (start: number, end: number) => void): number {
  const table = charClasses();
  const source = SOURCE_BIT[mapping];
  const wordBits = LETTER | source;
  let unicodeKazakhWords = 0;
  let start = -1;
  let flags = 0;
  let otherCyrillic = false;
  const length = text.length;
  for (let i = 0; i <= length; i++) {
    const cls = i < length ? table[text.charCodeAt(i)]! : 0;
    if (cls & wordBits) {
      if (start < 0) {
        start = i;
        flags = 0;
        otherCyrillic = false;
      }
      flags |= cls;
      if (cls & CYRILLIC_LETTER && !(cls & source)) otherCyrillic = true;
      continue;
    }
    if (start < 0) continue;
    if (flags & UNICODE_KAZAKH) unicodeKazakhWords++;
    if (flags & source && otherCyrillic) onWord(start, i);
    start = -1;
  }
  return unicodeKazakhWords;
}

function mapSlice(text: string, start: number, end: number, codes: Uint16Array): string {
  let out = '';
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    out += String.fromCharCode(codes[code] || code);
  }
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

/** Texts repeat their words: each distinct mapped word is judged once (bounded, for huge texts). */
const MAX_REMEMBERED_WORDS = 50_000;

function measure(texts: readonly string[], mapping: LegacyKazakhMapping): LegacyKazakhEvidence {
  const codes = targetCodes(mapping);
  const judged = new Map<string, boolean>();
  let changedWords = 0;
  let kazakhAfter = 0;
  let unicodeKazakhWords = 0;
  for (const text of texts) {
    unicodeKazakhWords += scanWords(text, mapping, (start, end) => {
      changedWords++;
      const mapped = mapSlice(text, start, end, codes);
      let kazakh = judged.get(mapped);
      if (kazakh === undefined) {
        kazakh = looksKazakh(mapped);
        if (judged.size >= MAX_REMEMBERED_WORDS) judged.clear();
        judged.set(mapped, kazakh);
      }
      if (kazakh) kazakhAfter++;
    });
  }
  return { mapping, changedWords, kazakhAfter, unicodeKazakhWords };
}

/** Whether the figures are strong enough to rewrite the text. */
function convincing(e: LegacyKazakhEvidence): boolean {
  if (e.changedWords < MIN_CHANGED_WORDS || e.kazakhAfter < MIN_CHANGED_WORDS) return false;
  if (e.kazakhAfter / e.changedWords < MIN_KAZAKH_SHARE) return false;
  // A Unicode Kazakh text quoting a few Serbian or Ukrainian words (or a legacy fragment pasted
  // into it) is left alone: the font must be how most of the Kazakh in it was written.
  return e.kazakhAfter > e.unicodeKazakhWords;
}

const ANY_SOURCE = /[ЈјЄєЌќЅѕҐґЎўЇїЋћЃѓЊњ¤µ¦±‡‰]/u;

/**
 * Which legacy font, if any, the text (or the pages of one document, judged together) was typed
 * in. A text without any of the fonts' letters costs one search; the rest one pass per mapping.
 */
export function detectLegacyKazakhFont(text: string | readonly string[]): LegacyKazakhDetection {
  const texts = typeof text === 'string' ? [text] : text;
  if (!texts.some((one) => ANY_SOURCE.test(one))) return { mapping: null, evidence: [] };
  const evidence = LEGACY_KAZAKH_MAPPINGS.map((mapping) => measure(texts, mapping)).sort(
    (a, b) => b.kazakhAfter - a.kazakhAfter || b.kazakhAfter / Math.max(1, b.changedWords) - a.kazakhAfter / Math.max(1, a.changedWords),
  );
  const best = evidence.find(convincing);
  return { mapping: best?.mapping ?? null, evidence };
}

/**
 * Maps the font's letters back to Unicode Kazakh in every word the mapping changes (see
 * `scanWords`); numbers, signs and Latin words are untouched. The length in UTF-16 units is kept.
 */
export function repairLegacyKazakhFont(text: string, mapping: LegacyKazakhMapping): string {
  if (!ANY_SOURCE.test(text)) return text;
  const codes = targetCodes(mapping);
  // Mapped in place in a copy of the code units (lengths are kept), then turned back into a
  // string in blocks: millions of small word strings joined took seconds on a 30 MB text.
  const ranges: number[] = [];
  scanWords(text, mapping, (start, end) => ranges.push(start, end));
  if (ranges.length === 0) return text;
  const mapped = new Uint16Array(text.length);
  for (let i = 0; i < text.length; i++) mapped[i] = text.charCodeAt(i);
  for (let r = 0; r < ranges.length; r += 2) {
    for (let i = ranges[r]!; i < ranges[r + 1]!; i++) mapped[i] = codes[mapped[i]!] || mapped[i]!;
  }
  const blocks: string[] = [];
  for (let i = 0; i < mapped.length; i += 8192) blocks.push(String.fromCharCode.apply(null, mapped.subarray(i, i + 8192) as unknown as number[]));
  return blocks.join('');
}

/**
 * How a stored file's text was changed from what its bytes say, as the document view reports it.
 * One kind today; the original file is never touched.
 */
export interface TextRepair {
  kind: 'legacy-kazakh-font';
  mapping: LegacyKazakhMapping;
}
