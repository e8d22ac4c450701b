import { type TextContext, datesIn, nonBlankLineIndices, startsLowerCase } from './context';
import { opensNext } from './headings';
import { isPersonName, isPositionLine } from './title-people';

export { isNoiseLine } from './title-noise';
export { isPositionLine } from './title-people';

/**
 * Lines near the top that a clerk never takes for the title, whatever their layout: the approval
 * or agreement stamp with the lines that belong to it (`УТВЕРЖДАЮ` / `Председатель …` /
 * `______ Г. Егенбаева` / `«___» ______ 2017 год`), an addressee or signatory's position
 * (`Председателю Наблюдательного совета`), the issuer's letterhead (`МИНИСТЕРСТВО ОБОРОНЫ`,
 * `ЖШС “Гүлден-KZ” бөбекжай бақшасы`) and OCR noise (`20 2.1 жыл Хе 2 Jb`).
 */

/** A stamp's opening word: approval, agreement, an annex's reference. */
const STAMP_OPEN_RE =
  /^[«"“]?\s*(?:утвержд\p{L}*|бекітемін|бекітілді|бекітілген|согласовано|согласован\p{L}*|согласен|келісемін|келісілді|приложение|қосымша|approved|рассмотрен[оаы]?|одобрен[оаы]?|қаралды|мақұлданды)(?![\p{L}])/iu;
/** A form field's caption in brackets: `(фамилия, имя, отчество)`, `(қолы)`. */
const CAPTION_RE = /^\(.*\)$/u;
/** A genitive first word (`РЕСПУБЛИКИ`, `ОБОРОНЫ`, `ГОРОДСКОГО`): the name above goes on. */
const RU_GENITIVE_START_RE = /^\p{L}+(?:ого|его|ой|ей|ых|их|ии|ки|ти|ы)(?![\p{L}])/iu;
/** A table's column header (`№ п/п Наименование …`, `№ Қаралатын мәселелер …`). */
const COLUMN_HEADER_RE = /^№\s*(?:п\s*\/\s*п\s*)?\p{L}/u;
/** A line opening with an organisation's acronym (`ГКП на ПХВ «…»`): an addressee's or signatory's post goes on. */
const ACRONYM_START_RE = /^\p{Lu}{2,5}(?:\s|$)/u;
/**
 * An organisation's name on its own line: it opens with a legal form or an authority
 * (`Учреждение "…колледж"`, `ТОО …`, `МИНИСТЕРСТВО ОБОРОНЫ`) or, in Kazakh, closes with one
 * (`… бөбекжай бақшасы`, `… Мекемесі`, `… министрлігі`).
 */
const RU_ORGANISATION_RE =
  /^(?:учреждение|государственное\s+учреждение|коммунальное\s+государственное|государственное\s+коммунальное|республиканское\s+государственное|министерство|комитет|департамент|управление|акимат|товарищество|акционерное\s+общество|филиал|тоо|ао|гу|ргп|ргу|гкп|кгп|кгу|гккп|нао|ип)(?![\p{L}])/iu;
const KK_ORGANISATION_RE =
  /(?:(?:мекемесі|мекеме|бақшасы|колледжі|мектебі|министрлігі|әкімдігі|басқармасы|бөлімі|кәсіпорны|кәсіпорны|серіктестігі|қоғамы|орталығы|комитеті|департаменті|филиалы)[»"”]?$)/iu;
/** A line holding a kind word: the heading, never a letterhead (`МИНИСТЕРСТВО … ПРИКАЗ`). */
const KIND_WORD_RE =
  /(?:приказ|решение|постановление|протокол|план|положение|правила|отчет|отчёт|справка|бұйрық|шешім|қаулы|хаттама|жоспар|ереже|қағида|есеп|анықтама)/iu;

export interface NonTitleLines {
  /** Stamp blocks, positions, names. */
  blocked: ReadonlySet<number>;
  /** The issuer's letterhead lines. */
  letterhead: ReadonlySet<number>;
}

/** Lines of the first `limit` non-blank lines that are never the title (see the module comment). */
export function nonTitleLines(ctx: TextContext, limit: number): NonTitleLines {
  const blocked = new Set<number>();
  const letterhead = new Set<number>();
  const indices = nonBlankLineIndices(ctx, limit);
  let inStamp = false;
  let inPosition = false;
  let inLetterhead = false;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k] ?? -1;
    const text = ctx.lines[i]?.text ?? '';
    if (STAMP_OPEN_RE.test(text)) {
      blocked.add(i);
      inStamp = true;
      inLetterhead = false;
      continue;
    }
    if (isPositionLine(text) || isPersonName(text) || COLUMN_HEADER_RE.test(text) || CAPTION_RE.test(text.trim())) {
      blocked.add(i);
      inPosition = isPositionLine(text);
      continue;
    }
    // `Председателю Наблюдательного` / `совета ГКП на ПХВ «Городской` / `онкологический центр»`.
    if (inPosition && (startsLowerCase(text) || ACRONYM_START_RE.test(text) || opensNext(ctx.lines[indices[k - 1] ?? -1]?.text ?? ''))) {
      blocked.add(i);
      continue;
    }
    inPosition = false;
    // `Рассмотрен и одобрен на заседании педсовета` / `Протокол №1 от 28 августа 2020 года`: the approving minutes.
    const approvingMinutes = inStamp && blocked.has(indices[k - 1] ?? -1) && STAMP_OPEN_RE.test(ctx.lines[indices[k - 1] ?? -1]?.text ?? '') &&
      /^(?:протокол\p{L}*|хаттама\p{L}*)\s*(?:№|N\s?\d)/iu.test(text);
    if (inStamp && (approvingMinutes || belongsToStamp(ctx, i))) {
      blocked.add(i);
      continue;
    }
    inStamp = false;
    // A letterhead is a name on its own: a line continued in lower case starts a sentence (a title).
    const next = ctx.lines[indices[k + 1] ?? -1]?.text ?? '';
    if (isLetterheadLine(text) && !startsLowerCase(next)) {
      letterhead.add(i);
      inLetterhead = true;
      continue;
    }
    // `МИНИСТЕРСТВО ОБОРОНЫ` / `РЕСПУБЛИКИ КАЗАХСТАН`: capitals continuing a letterhead's name in the genitive.
    if (inLetterhead && isCapitals(text) && RU_GENITIVE_START_RE.test(text) && !KIND_WORD_RE.test(text)) {
      letterhead.add(i);
      continue;
    }
    inLetterhead = false;
  }
  return { blocked, letterhead };
}

/** A stamp's own lines: the rest of its sentence, blanks to sign and date, the form's number. */
function belongsToStamp(ctx: TextContext, index: number): boolean {
  const line = ctx.lines[index];
  if (!line) return false;
  const text = line.text.trim();
  return (
    startsLowerCase(text) ||
    text.includes('___') ||
    /^(?:форма|нысан|пішін)\s*(?:№\s*)?\d/iu.test(text) ||
    /^[«"“]?\s*_*\s*[»"”]?\s*(?:\p{L}+\s+)?(?:19|20)\d{2}\s*(?:г\.?|года?|ж\.?|жыл\p{L}*)?$/u.test(text) ||
    (datesIn(ctx, line.start, line.end).length > 0 && text.length <= 40 && !KIND_WORD_RE.test(text))
  );
}


export function isLetterheadLine(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > 160 || KIND_WORD_RE.test(trimmed) || /[.:;]$/u.test(trimmed)) return false;
  return RU_ORGANISATION_RE.test(trimmed) || KK_ORGANISATION_RE.test(trimmed);
}

function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length >= 3 && letters === letters.toUpperCase();
}
