/**
 * Dates as they are written in Kazakh, Russian and English official texts:
 * `2015 жылғы 2 қарашадағы`, `2014 жылғы 7-сәуірдегі`, `«21» қаңтар 2019 жыл`,
 * `от 2 ноября 2015 года`, `«29» июня 2023 г.`, `02.11.2015`, `09/06/2016`, `2023-06-29`,
 * `2 November 2015`, `November 2, 2015`.
 * Every match is validated (real calendar day, years MIN_YEAR..MAX_YEAR); the caller decides which
 * date is the document's.
 */

export const MIN_YEAR = 1990;
export const MAX_YEAR = 2100;

export interface DateMatch {
  /** ISO `YYYY-MM-DD`. */
  iso: string;
  /** Position of the match in the searched text, end exclusive. */
  index: number;
  end: number;
}

/** Month name stems: a Kazakh month takes case endings (`қарашадағы`, `желтоқсанында`). */
const KK_MONTHS = ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'];
/** Russian genitive (`ноября`) and nominative (`ноябрь`, seen on official sites) both occur. */
const RU_MONTHS = ['январ', 'феврал', 'март', 'апрел', 'ма[йя]', 'июн', 'июл', 'август', 'сентябр', 'октябр', 'ноябр', 'декабр'];
const EN_MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const MONTH_ALTERNATION = [...KK_MONTHS, ...RU_MONTHS, ...EN_MONTHS].join('|');
/** A month word: stem plus any ending; not preceded by a letter. */
const MONTH = `(?<![\\p{L}])(${MONTH_ALTERNATION})\\p{L}*`;
const DAY = `[«"“']?(\\d{1,2})[»"”']?`;
/** `28-29 мамырында`: a range of days keeps its first day. */
const DAY_RANGE_TAIL = `(?:\\s*[-–]\\s*\\d{1,2})?`;
const YEAR = `((?:19|20|21)\\d{2})`;
/** Words after a Kazakh year: `2015 жылғы`, `2016 жылы`, `2017 ЖЫЛДЫҢ`, `2019 ж.` */
const KK_YEAR_WORD = `(?:\\s*(?:жылғы|жылы|жылдың|жыл|ж\\.?)(?![\\p{L}]))?`;

/** `2015 жылғы 2 қарашадағы`, `2014 жылғы 7-сәуірдегі`, `2019 жылғы «13» наурыздағы`. */
const YEAR_FIRST_RE = new RegExp(`(?<!\\d)${YEAR}${KK_YEAR_WORD}\\s*${DAY}${DAY_RANGE_TAIL}\\s*[-–]?\\s*${MONTH}`, 'giu');
/**
 * `2 ноября 2015 года`, `«21» қаңтар 2019 жыл`, `2 November 2015`; also `15-наурыз 2023 жыл` (a
 * hyphen after the day, as Kazakh is often typed) and a blank filled in over its underscores
 * (`«15» __наурыз__ 2023 ж.`).
 */
const DAY_FIRST_RE = new RegExp(`(?<![\\d.])${DAY}${DAY_RANGE_TAIL}[\\s_]*[-–]?[\\s_]*${MONTH}[\\s_]*,?[\\s_]*${YEAR}(?!\\d)`, 'giu');
/** `November 2, 2015`. */
const MONTH_FIRST_RE = new RegExp(`(?<![\\p{L}])(${EN_MONTHS.join('|')})\\s+(\\d{1,2}),?\\s+${YEAR}(?!\\d)`, 'giu');
/** `02.11.2015`, `09/06/2016`, `27-07-2021`: day first, as everywhere in Kazakhstan. */
// A stray space beside a separator (`09 .09.2025ж`) is common in typed and OCR'd stamps.
const NUMERIC_DMY_RE = /(?<![\d.,/-])(\d{1,2}) ?([./-]) ?(\d{1,2}) ?\2 ?((?:19|20|21)\d{2})(?![\d])/g;
/**
 * A blank's date with the month in digits after a quoted day: `«28» 08 2020 ж.`, `«15» 03. 2023 г.`.
 * The quotes mark the day field, so loose spacing is safe here.
 */
const QUOTED_NUMERIC_RE = /[«"“](\d{1,2})[»"”][\s._]*(\d{1,2})[\s._]+((?:19|20)\d{2})(?!\d)/g;
/**
 * A two-digit year on a blank (`15.03.23 ж.`, `15.03.23г.`): counted only with the year word after
 * it, as section numbers (`1.2.3`) look the same.
 */
const SHORT_YEAR_RE = /(?<![\d.,/-])(\d{2})\.(\d{2})\.(\d{2})(?=\s?(?:ж|жыл\p{L}*|г|года?)(?![\p{L}]))/gu;
/** `2023-06-29`. */
const ISO_RE = /(?<![\d.,/-])((?:19|20|21)\d{2})-(\d{2})-(\d{2})(?![\d])/g;

function monthNumber(word: string): number | null {
  const lower = word.toLowerCase();
  for (let i = 0; i < 12; i++) {
    if (lower.startsWith(KK_MONTHS[i] ?? '\u0000')) return i + 1;
    if (lower.startsWith(EN_MONTHS[i] ?? '\u0000')) return i + 1;
  }
  const ru = RU_MONTHS.findIndex((stem) => new RegExp(`^${stem}`, 'u').test(lower));
  return ru >= 0 ? ru + 1 : null;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** ISO date, or null when the parts do not make a real day in the accepted years. */
export function toIsoDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null;
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1) return null;
  if (day > daysInMonth(year, month)) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** All valid dates in `text`, in order of position, overlapping matches removed (longest wins). */
export function findDates(text: string): DateMatch[] {
  const found: DateMatch[] = [];
  const add = (match: RegExpExecArray, year: string | undefined, month: number | null, day: string | undefined): void => {
    if (year === undefined || day === undefined || month === null) return;
    const iso = toIsoDate(Number(year), month, Number(day));
    if (iso) found.push({ iso, index: match.index, end: match.index + match[0].length });
  };
  for (const m of text.matchAll(YEAR_FIRST_RE)) add(m, m[1], monthNumber(m[3] ?? ''), m[2]);
  for (const m of text.matchAll(DAY_FIRST_RE)) add(m, m[3], monthNumber(m[2] ?? ''), m[1]);
  for (const m of text.matchAll(MONTH_FIRST_RE)) add(m, m[3], monthNumber(m[1] ?? ''), m[2]);
  for (const m of text.matchAll(NUMERIC_DMY_RE)) add(m, m[4], Number(m[3]), m[1]);
  for (const m of text.matchAll(ISO_RE)) add(m, m[1], Number(m[2]), m[3]);
  for (const m of text.matchAll(QUOTED_NUMERIC_RE)) add(m, m[3], Number(m[2]), m[1]);
  for (const m of text.matchAll(SHORT_YEAR_RE)) add(m, `20${m[3] ?? ''}`, Number(m[2]), m[1]);

  found.sort((a, b) => a.index - b.index || b.end - a.end);
  const result: DateMatch[] = [];
  for (const date of found) {
    const last = result[result.length - 1];
    if (last && date.index < last.end) {
      // Overlap: `2019 жылғы 13 наурыз 2019` style collisions; keep the longer match.
      if (date.end - date.index > last.end - last.index) result[result.length - 1] = date;
      continue;
    }
    result.push(date);
  }
  return result;
}
