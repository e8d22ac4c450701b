import type { KindCode } from '../domain/kinds';
import { type TextContext, datesIn, nonBlankLineIndices } from './context';
import { type HeadingMatch, headingKind } from './headings';
import { subjectBefore } from './issuer';
import type { Requisites } from './requisites';
import { OPERATIVE_WORDS, SELF_REFERENCE_STEMS } from './vocabulary';

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

function operativeKind(ctx: TextContext): { kind: KindCode; issuer: string | null } | null {
  let best: { kind: KindCode; index: number } | null = null;
  for (const [re, kind] of OPERATIVE_RES) {
    const match = re.exec(ctx.text);
    if (match && (!best || match.index < best.index)) best = { kind, index: match.index };
  }
  if (!best) return null;
  return { kind: best.kind, issuer: subjectBefore(ctx.text.slice(Math.max(0, best.index - 200), best.index)) };
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

/** A news item: the headline or lead paragraph dates an event that took place. */
export function looksLikeNews(ctx: TextContext): boolean {
  return nonBlankLineIndices(ctx, 4).some((i) => {
    const line = ctx.lines[i];
    return line !== undefined && EVENT_VERB_RE.test(line.text) && datesIn(ctx, line.start, line.end).length > 0;
  });
}

const OUTGOING_NUMBER_RE = /^(?:исх|исходящий|шығ|шығыс|out)\.?\s*(?:№|N|No)/imu;
const SALUTATION_RE = /(?<![\p{L}])(?:[Уу]важаем\p{L}*|[Ққ]ұрметті|[Dd]ear)\s+\p{Lu}/u;

/** A letter: an outgoing number (`Исх. № 01-12/345`, `Шығ. №`) at the top and a salutation. */
function looksLikeLetter(ctx: TextContext): boolean {
  const top = nonBlankLineIndices(ctx, 15).map((i) => ctx.lines[i]?.text ?? '').join('\n');
  return OUTGOING_NUMBER_RE.test(top) && SALUTATION_RE.test(ctx.text.slice(0, 3000));
}

function fileNameKind(fileName: string | undefined): KindCode | null {
  if (!fileName) return null;
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '').replace(/[_+]+/g, ' ');
  const found = headingKind(base);
  return found && found.position === 'first' ? found.kind : null;
}

export function detectKind(
  ctx: TextContext,
  requisites: Requisites,
  headings: readonly HeadingMatch[],
  fileName?: string,
): KindResult {
  const result = (kind: KindCode, source: KindSource, heading: HeadingMatch | null = null, issuer: string | null = null): KindResult =>
    ({ kind, source, heading, issuer });
  const operative = operativeKind(ctx);

  if (requisites.kind) return result(requisites.kind, 'requisites', null, operative?.issuer ?? null);

  const topLines = new Set(nonBlankLineIndices(ctx, PROTOCOL_HEADING_LINES));
  const protocol = headings.find((h) => h.kind === 'protocol' && !h.weak && topLines.has(h.line));
  if (protocol) return result('protocol', 'protocol-heading', protocol);

  if (operative) return result(operative.kind, 'operative', null, operative.issuer);

  const strong = headings.find((h) => !h.weak);
  if (strong) return result(strong.kind, 'heading', strong);

  const self = selfReferenceKind(ctx);
  if (self) return result(self, 'self-reference');

  const weak = headings[0];
  if (weak) return result(weak.kind, 'weak-heading', weak);

  if (looksLikeLetter(ctx)) return result('letter', 'letter');
  if (requisites.datelineLine !== null || looksLikeNews(ctx)) return result('press_release', 'news');

  const fromName = fileNameKind(fileName);
  if (fromName && ctx.text.trim().length === 0) return result(fromName, 'file-name');

  return result('other', 'none');
}
