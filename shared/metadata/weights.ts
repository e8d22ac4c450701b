import type { DetectedField } from './types';

/**
 * How much each piece of evidence is worth. A candidate's score is the weight of the place it was
 * found (its *source*, one per candidate) plus the adjustments of its other features, clamped to
 * 0…1; candidates with the same value are merged (see `candidates.ts`). A field takes its best
 * candidate only when it scores at least CONFIDENCE_THRESHOLD (0.6): the table is set so that the
 * shapes in which documents state their own details clear it, and everything else — a date in
 * running text, a number near the addressee, a title guessed from the first line — does not.
 *
 * The weights follow how sure a clerk is, not a fitted model: the values were set by hand on the
 * development documents and are meant to be read and argued with.
 */
export const SOURCE_WEIGHTS = {
  // --- number and date -----------------------------------------------------------------------
  /** `…2016 жылғы 22 қаңтардағы № 66 бұйрығы.`, `Приказ … от … № 66`, `ПРОТОКОЛ № 5` + its date. */
  'own-statement': 0.95,
  /** A letter's outgoing stamp: `Исх. № 01-12/345 от 02.03.2024`, `Шығ. №`. */
  'outgoing-stamp': 0.93,
  /** An approval stamp at the top of an approved document: `Утверждено решением … № 22-22`. */
  'approval-stamp': 0.85,
  /** `Принята на референдуме 30 августа 1995 года`. */
  adoption: 0.79,
  /** A news dateline: `АСТАНА, 10 июня 2016 года — …`. */
  dateline: 0.8,
  /** A short line near the top holding only a date or a number: `15.04.2021 жыл`. */
  'requisites-line': 0.76,
  /** The signature block at the very end: `Москва, Кремль / 30 декабря 2001 года / № 197-ФЗ`. */
  'signature-block': 0.8,
  /** `Дата проведения: 30 июля 2021 года`. */
  labelled: 0.72,
  /** An annex's stamp (`Приложение к постановлению … от … №`) after the body: used only when the body has none. */
  'annex-stamp': 0.66,
  /** `№ 13487 болып тіркелді`: the Ministry of Justice register; a last resort for the number. */
  registration: 0.62,
  /** Any other date or number in the head block, not inside a citation: shown to the reviewer, never chosen. */
  'head-text': 0.4,

  // --- kind -------------------------------------------------------------------------------------
  /** The kind named by the act's own requisites statement. */
  'kind-statement': 0.95,
  /** `ПРОТОКОЛ`/`ХАТТАМА` at the top (minutes contain decisions, so this outranks the operative word). */
  'minutes-heading': 0.92,
  /** The operative word: `ШЕШТІ:`, `БҰЙЫРАМЫН:`, `РЕШИЛ:`. */
  'operative-word': 0.9,
  /** A heading line naming the kind with content: `ПОЛОЖЕНИЕ об …`, `…ЖҰМЫС ЖОСПАРЫ`. */
  heading: 0.85,
  /** A letter's shape: an outgoing stamp and a salutation. */
  'letter-shape': 0.82,
  /** A number with a law's suffix (`№ 383-V ҚРЗ`) on the requisites line. */
  'law-number': 0.8,
  /** How the text names itself: `настоящего решения`, `осы Қағидалар`. */
  'self-reference': 0.72,
  /** A news item's shape: a dateline, or a headline with a date and «өтті», «состоялась». */
  'news-shape': 0.72,
  /** An outgoing stamp without a salutation. */
  'outgoing-only': 0.7,
  /**
   * A letter's addressee block in the dative at the very top (`Председателю …`, `… директорына`),
   * and no heading: a submission or letter without a stamp. Any heading naming a kind outranks it.
   */
  'addressee-shape': 0.66,
  /** A bare heading word (`Ереже`): often a web page's section name. */
  'bare-heading': 0.64,
  /** The file name, for a document without any text. */
  'file-name': 0.6,

  // --- title ------------------------------------------------------------------------------------
  /** The subject line next to the act's own requisites (`…бекіту туралы`, `Об утверждении …`). */
  'subject-line': 0.9,
  /** The heading that decided the kind, with its block (`Протокол № 5 заседания …`). */
  'heading-block': 0.86,
  /** A Kazakh `…туралы` or Russian `О …` title block near the top. */
  'act-title': 0.84,
  /** A news item's headline above its dateline. */
  headline: 0.8,
  /** The title stored in the file, repeated by a line at the top of the text. */
  'embedded-confirmed': 0.72,
  /** The title stored in the file, not found in the text: used before a guess from the first line. */
  embedded: 0.66,
  /** The first line that reads like a name. */
  'first-line': 0.62,
} as const;

export type CandidateSource = keyof typeof SOURCE_WEIGHTS;

/** Adjustments added to a source's weight by a candidate's other features. */
export const FEATURE_WEIGHTS = {
  /**
   * Layout: the line is set bold or larger than the body (together at most +0.02; centring is
   * recorded but weighs nothing: PDF alignment is inferred, and many body lines are centred). Layout
   * breaks ties between candidates of one kind of place (two first lines); it never lifts a weaker
   * place over a stronger one (an annex's bold heading over the act's operative word), nor reorders
   * the headings the rules ranked.
   */
  bold: 0.02,
  centred: 0,
  large: 0.02,
  /** The layout is known and the line is plain body text: a title is rarely set so. */
  plain: -0.02,
  /** Another value from a source as strong: two requisites lines with different dates. */
  competing: -0.1,
  /** Stated together with the number chosen (`от 22 января 2016 года № 66`). */
  paired: 0.05,
  /** In the first lines of the head block. */
  'head-block': 0.02,
  /** Inside a citation of another act (`… бұйрығына өзгерістер`, `в соответствии с Законом … от … №`). */
  'in-citation': -0.5,
  /** The number of the request a letter answers (`На № … от …`, `… хатыңызға`). */
  'incoming-reference': -0.5,
  /** Inside an annex after the body. */
  'in-annex': -0.2,
  /** A title guessed from a table cell (a form's or price list's content): offered for review, never chosen. */
  'in-table': -0.1,
  /** A list of repealed or amended acts: never the document's own. */
  'repealed-list': -1,
  /** A running header or footer (`Стенографиялық есеп 1` on every page). */
  'running-header': -1,
} as const;

export type Feature = keyof typeof FEATURE_WEIGHTS;

/**
 * A second source agreeing with the first adds this share of what is left to 1 (times the second
 * score): agreement is evidence, but never lifts a weak place above a strong one.
 */
export const CORROBORATION = 0.2;

/**
 * An empty field's confidence that the document has no such value: sure when nothing at all was
 * found in a readable text, less sure when rejected candidates exist (the best one pulls it down).
 */
export function emptyConfidence(field: DetectedField, readable: boolean, bestRejected: number): number {
  if (!readable) return 0.2;
  const base = field === 'title' || field === 'kind' ? 0.5 : 0.8;
  return Math.max(0.1, Math.min(base, 1 - bestRejected));
}
