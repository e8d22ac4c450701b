import type { KindCode } from '../domain/kinds';
import { type TextContext, datesIn, nonBlankLineIndices } from './context';
import { type HeadingMatch, headingKind } from './headings';
import { subjectBefore } from './issuer';
import type { Requisites } from './requisites';
import { ADDRESSEE_KK_RE, ADDRESSEE_RU_RE, OPERATIVE_WORDS, SELF_REFERENCE_STEMS } from './vocabulary';
import { approvedAbove } from './requisites';
import { CandidateSet, scoreOf } from './candidates';
import { type LayoutIndex, layoutFeatures } from './layout';
import type { CandidateSource, Feature } from './weights';

/**
 * The kind, from the strongest evidence present:
 * 1. the act's own requisites statement (`№ 66 бұйрығы`, `Приказ … от … №`);
 * 2. a ПРОТОКОЛ/ХАТТАМА heading (minutes contain decisions, so this comes before 3);
 * 3. the operative word (`ШЕШТІ:`, `БҰЙЫРАМЫН:`, `РЕШИЛ:`);
 * 4. a heading line with content (`ПОЛОЖЕНИЕ об …`, `…2019 жылға арналған ЖҰМЫС ЖОСПАРЫ`);
 * 5. how the text names itself (`настоящего решения`, `осы Қағидалар`);
 * 6. a bare heading word (`Ереже`, often a web page's section name);
 * 7. letter shape (an outgoing number `Исх. №` and a salutation `Уважаемый …`);
 * 8. news shape (a dateline, or a headline/lead with a date and «өтті», «состоялась»);
 * 9. the file name (`Протокол №5.pdf`), for documents without text.
 * A document approved by an order is not an order: `…бұйрығымен бекітілген` is never read as a
 * kind, while the adilet printout of the order itself (`№ 66 бұйрығы.`) is one.
 */

export type KindSource =
  | 'requisites' | 'protocol-heading' | 'operative' | 'heading' | 'self-reference' | 'weak-heading' | 'letter'
  | 'news' | 'file-name' | 'none';

export interface KindResult {
  kind: KindCode;
  source: KindSource;
  /** The heading that decided the kind, if one did. */
  heading: HeadingMatch | null;
  /** Issuer named as the subject of the operative word. */
  issuer: string | null;
}

/** Minutes announce themselves at the very top; `Протокол заседания` further down is a table cell. */
const PROTOCOL_HEADING_LINES = 10;

/** Operative words in capitals, also letter-spaced (`Р Е Ш И Л`), followed by a colon or line end. */
const OPERATIVE_RES: ReadonlyArray<readonly [RegExp, KindCode]> = OPERATIVE_WORDS.map(([word, kind]) => {
  const spaced = [...word].map((ch) => (ch === ' ' ? '\\s+' : ch)).join('\\s?');
  return [new RegExp(`(?<![\\p{L}])${spaced}(?![\\p{L}])\\s*(?::|\\n|$)`, 'u'), kind] as const;
});

function operativeKind(ctx: TextContext): { kind: KindCode; issuer: string | null; excerpt: string } | null {
  let best: { kind: KindCode; index: number } | null = null;
  for (const [re, kind] of OPERATIVE_RES) {
    const match = re.exec(ctx.text);
    if (match && (!best || match.index < best.index)) best = { kind, index: match.index };
  }
  if (!best) return null;
  const excerpt = ctx.text.slice(Math.max(0, best.index - 100), best.index + 20).split('\n').slice(-2).join(' ');
  return { kind: best.kind, issuer: subjectBefore(ctx.text.slice(Math.max(0, best.index - 200), best.index)), excerpt };
}

const QUOTED_KINDS: ReadonlySet<KindCode> = new Set<KindCode>(['law', 'code', 'decree']);
const SELF_REFERENCE_RE = /(?<![\p{L}])(?:настоящ\p{L}*|осы)\s+(\p{L}+)/giu;

/** The first way the text names itself: `настоящего решения`, `осы Қағидалар`, `Настоящая Политика`. */
function selfReferenceKind(ctx: TextContext): KindCode | null {
  for (const match of ctx.text.matchAll(SELF_REFERENCE_RE)) {
    const noun = match[1]?.toLowerCase() ?? '';
    const found = SELF_REFERENCE_STEMS.find(([stem]) => noun.startsWith(stem));
    // Web pages and commentaries quote laws and codes (`осы Заңның`, `настоящим Кодексом`); a real
    // law or code has its own heading or requisites, so quotes of them never decide the kind.
    if (found && !QUOTED_KINDS.has(found[1])) return found[1];
  }
  return null;
}

const EVENT_VERB_RE = /(?<![\p{L}])(?:өтті|өткізілді|состоял(?:ся|ась|ось|ись)|прош(?:ел|ёл|ла|ло|ли)|проведен[аоы]?|took place|was held)(?![\p{L}])/iu;

/**
 * A lead paragraph opening with the day of the event, in the Kazakh locative (`2018 жылдың 28-29
 * мамырында …`, `…15 наурызда`) — an act's preamble cites a date in the attributive (`…
 * мамырдағы № 5 Заңына`) instead.
 */
const KK_EVENT_DATE_RE = /(?:ында|інде|нда|нде|да|де|та|те)$/u;
const LEAD_PARAGRAPH = 150;

function opensWithEventDate(ctx: TextContext, index: number): boolean {
  const line = ctx.lines[index];
  if (!line || line.text.length < LEAD_PARAGRAPH) return false;
  const date = datesIn(ctx, line.start, line.end)[0];
  if (!date || date.index - line.start > 40) return false;
  const word = /(\p{L}+)$/u.exec(ctx.text.slice(date.index, date.end))?.[1] ?? '';
  return KK_EVENT_DATE_RE.test(word) && !/(?:дағы|дегі|тағы|тегі)$/u.test(word);
}

/** A news item: the headline or lead paragraph dates an event that took place. */
export function looksLikeNews(ctx: TextContext): boolean {
  return nonBlankLineIndices(ctx, 4).some((i) => {
    const line = ctx.lines[i];
    if (line === undefined) return false;
    return (EVENT_VERB_RE.test(line.text) && datesIn(ctx, line.start, line.end).length > 0) || opensWithEventDate(ctx, i);
  });
}

const OUTGOING_NUMBER_RE = /^(?:исх|исходящий|шығ|шығыс|out)\.?\s*(?:№|N|No)/imu;
const SALUTATION_RE = /(?<![\p{L}])(?:[Уу]важаем\p{L}*|[Ққ]ұрметті|[Dd]ear)\s+\p{Lu}/u;

/** A letter: an outgoing number (`Исх. № 01-12/345`, `Шығ. №`) at the top and a salutation. */
function looksLikeLetter(ctx: TextContext): boolean {
  const top = nonBlankLineIndices(ctx, 15).map((i) => ctx.lines[i]?.text ?? '').join('\n');
  return OUTGOING_NUMBER_RE.test(top) && SALUTATION_RE.test(ctx.text.slice(0, 3000));
}

/**
 * A letter without a stamp: its first lines are the addressee block in the dative
 * (`Председателю Наблюдательного совета`, `… кеңесінің төрағасына`), before any heading.
 */
function looksAddressed(ctx: TextContext): boolean {
  const top = nonBlankLineIndices(ctx, 4).map((i) => ctx.lines[i]?.text ?? '');
  return top.some((text, rank) => (rank === 0 && ADDRESSEE_RU_RE.test(text)) || (text.length <= 80 && ADDRESSEE_KK_RE.test(text)));
}

function fileNameKind(fileName: string | undefined): KindCode | null {
  if (!fileName) return null;
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').replace(/[_+]+/g, ' ');
  const found = headingKind(base);
  return found && found.position === 'first' ? found.kind : null;
}

export interface KindDetection extends KindResult {
  candidates: CandidateSet;
}

const SOURCE_OF: Record<Exclude<KindSource, 'none'>, CandidateSource> = {
  requisites: 'kind-statement',
  'protocol-heading': 'minutes-heading',
  operative: 'operative-word',
  heading: 'heading',
  'self-reference': 'self-reference',
  'weak-heading': 'bare-heading',
  letter: 'letter-shape',
  news: 'news-shape',
  'file-name': 'file-name',
};

/**
 * Every clue to the kind becomes a candidate (see the list above for the clues); the weight table
 * ranks them in the order listed, layout emphasis lifts a heading, and agreeing clues corroborate.
 */
export function detectKind(
  ctx: TextContext,
  requisites: Requisites & { candidates?: { outgoing: boolean } },
  headings: readonly HeadingMatch[],
  fileName?: string,
  layout?: LayoutIndex,
): KindDetection {
  const set = new CandidateSet();
  const found: Array<{ kind: KindCode; source: KindSource; heading: HeadingMatch | null; issuer: string | null; score: number }> = [];
  const add = (kind: KindCode, source: Exclude<KindSource, 'none'>, heading: HeadingMatch | null, issuer: string | null, excerpt?: string, features: Feature[] = []): void => {
    const candidateSource = SOURCE_OF[source];
    set.add({ value: kind, source: candidateSource, features, ...(excerpt ? { excerpt } : {}) });
    found.push({ kind, source, heading, issuer, score: scoreOf(candidateSource, features) });
  };
  const operative = operativeKind(ctx);
  const lineOf = (index: number | null): string | undefined => (index === null ? undefined : ctx.lines[index]?.text);

  if (requisites.kind) add(requisites.kind, 'requisites', null, operative?.issuer ?? null, lineOf(requisites.statementLine));

  const topLines = new Set(nonBlankLineIndices(ctx, PROTOCOL_HEADING_LINES));
  // `Рассмотрен и одобрен на заседании … / Протокол № 1 от …` on a plan's cover names the minutes
  // that approved it: the document is the plan.
  const protocol = headings.find((h) => h.kind === 'protocol' && !h.weak && topLines.has(h.line) && !approvedAbove(ctx, h.line));
  if (protocol) add('protocol', 'protocol-heading', protocol, null, protocol.block);

  if (operative) add(operative.kind, 'operative', null, operative.issuer, operative.excerpt);

  const layoutOf = (text: string): Feature[] => (layout ? layoutFeatures(layout, text).filter((f) => f !== 'plain') : []);
  // The first heading names the kind; a later one counts only when it is set as a heading (bold,
  // centred, large) — headings further down are mostly table cells and section names.
  // `Приказ Министерства обороны №____` on a blank form is a field to fill in, not a heading.
  const strong = headings.filter((h) => !h.weak && !approvedAbove(ctx, h.line) && !(ctx.lines[h.line]?.text ?? '').includes('___'));
  strong.slice(0, 6).forEach((heading, rank) => {
    const features = layoutOf(ctx.lines[heading.line]?.text ?? '');
    if (rank === 0 || features.length > 0) add(heading.kind, 'heading', heading, null, heading.block, features);
  });

  const self = selfReferenceKind(ctx);
  if (self) add(self, 'self-reference', null, null);

  const weak = headings.find((h) => h.weak);
  if (weak) add(weak.kind, 'weak-heading', weak, null, weak.block, layoutOf(ctx.lines[weak.line]?.text ?? ''));

  if (looksLikeLetter(ctx)) add('letter', 'letter', null, null);
  else if (requisites.candidates?.outgoing) set.add({ value: 'letter', source: 'outgoing-only' });
  else if (looksAddressed(ctx)) set.add({ value: 'letter', source: 'addressee-shape' });
  if (requisites.datelineLine !== null || looksLikeNews(ctx)) add('press_release', 'news', null, null, lineOf(requisites.datelineLine));

  const fromName = fileNameKind(fileName);
  if (fromName && ctx.text.trim().length === 0) add(fromName, 'file-name', null, null);

  const best = set.ranked()[0];
  // The clue that decided: the strongest finding of the winning kind.
  const decided = best
    ? found.filter((f) => f.kind === best.value).sort((a, b) => b.score - a.score)[0]
    : undefined;
  if (!best || !decided) {
    if (best?.value === 'letter') return { kind: 'letter', source: 'letter', heading: null, issuer: null, candidates: set };
    return { kind: 'other', source: 'none', heading: null, issuer: null, candidates: set };
  }
  return { kind: decided.kind, source: decided.source, heading: decided.heading, issuer: decided.issuer ?? operative?.issuer ?? null, candidates: set };
}
