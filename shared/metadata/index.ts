import { decide, type FieldDecision } from './candidates';
import { type TextContext, buildContext, datesIn, nonBlankLineIndices } from './context';
import { findHeadings } from './headings';
import { detectKind } from './kind';
import { languageWithConfidence } from './language';
import { buildLayoutIndex } from './layout';
import { letterCount } from './context';
import { languageSample } from './normalize';
import { prepareText } from './prepare';
import { findRequisites } from './requisites';
import { detectTitle } from './title';
import { CONFIDENCE_THRESHOLD, type DetectedField, type DetectedMetadata, type FieldCandidate, type MetadataInput } from './types';
import { emptyConfidence } from './weights';

export type { DetectedField, DetectedMetadata, FieldCandidate, LayoutLine, MetadataInput } from './types';
export { CONFIDENCE_THRESHOLD, DETECTED_FIELDS, uncertainFields } from './types';
export { detectLanguage } from './language';
export { findDates, toIsoDate } from './dates';
export { findNumbers, normaliseNumber } from './numbers';

/**
 * Guess a document's kind, number, date, language, title and issuer from its text.
 *
 * The text is first prepared (`prepare.ts`: running headers dropped, the e-signature log cut off,
 * one-line text split). Kind, number, date and title come from the header (the first two pages,
 * at most 6000 characters: requisites and titles are at the top, and dates deeper in the body are
 * usually not the document's) plus the signature block at the very end; the language from a
 * larger sample spread over the document. Each field is chosen among candidates scored by the
 * weight table (`weights.ts`), and left empty when the best scores below CONFIDENCE_THRESHOLD.
 * Pure and synchronous, never throws on any text, and bounded in time by the sample sizes, not by
 * the document's length.
 */
export function detectMetadata(input: MetadataInput): DetectedMetadata {
  const pages = Array.isArray(input.pages) ? input.pages.filter((page): page is string => typeof page === 'string') : [];
  const layoutPages = Array.isArray(input.layout) ? input.layout : undefined;
  const prepared = prepareText(pages, layoutPages);
  const layout = buildLayoutIndex(layoutPages);
  const header = buildContext(prepared.header);
  const tail = buildContext(prepared.tail);
  const readable = letterCount(prepared.header) >= 20;

  const language = languageWithConfidence(languageSample(pages));
  const lang = language.lang;
  const requisites = findRequisites(header, tail, layout);
  const headings = findHeadings(header);
  const kind = detectKind(header, requisites, headings, input.fileName, layout);

  const number = decide(requisites.candidates.number);
  if (kind.kind === 'press_release' && (requisites.candidates.date.ranked()[0]?.score ?? 0) < CONFIDENCE_THRESHOLD) {
    // A news item's date is the first one in its headline or lead.
    const news = newsDate(header);
    if (news) requisites.candidates.date.add({ value: news.iso, source: 'dateline', excerpt: news.line });
  }
  const date = decide(requisites.candidates.date);
  const kindDecision = decide(kind.candidates);
  const title = detectTitle({
    ctx: header, lang, kind, headings, requisites, layout, running: prepared.running,
    ...(input.embeddedTitle !== undefined ? { embeddedTitle: input.embeddedTitle } : {}),
  });
  const titleDecision = decide(title.candidates);
  const issuer = requisites.issuer ?? kind.issuer;

  const chosenKind = kindDecision.value !== null ? kind.kind : 'other';
  const confidence = {
    kind: confidenceOf('kind', kindDecision, readable),
    number: confidenceOf('number', number, readable),
    date: confidenceOf('date', date, readable),
    lang: language.confidence,
    title: confidenceOf('title', titleDecision, readable),
    issuer: issuer ? 0.7 : emptyConfidence('issuer', readable, 0),
  } satisfies Record<DetectedField, number>;
  const candidates: DetectedMetadata['candidates'] = {};
  const keep = (field: DetectedField, list: FieldCandidate[]): void => {
    const useful = list.filter((c) => c.score > 0.05);
    if (useful.length > 0) candidates[field] = useful;
  };
  keep('kind', kindDecision.candidates);
  keep('number', number.candidates);
  keep('date', date.candidates);
  keep('title', titleDecision.candidates);
  if (lang) candidates.lang = [{ value: lang, score: language.confidence, evidence: ['word-statistics'] }];
  if (issuer) candidates.issuer = [{ value: issuer, score: 0.7, evidence: ['requisites-phrase'] }];

  return {
    kind: chosenKind,
    number: number.value,
    date: date.value,
    lang,
    title: titleDecision.value,
    issuer,
    confidence,
    candidates,
  };
}

function confidenceOf(field: DetectedField, decision: FieldDecision, readable: boolean): number {
  return decision.score ?? emptyConfidence(field, readable, decision.bestRejected);
}

/** A news item's date is the first one in its headline or lead (`… 2019 жылғы 9 сәуірінде … өтті`). */
function newsDate(ctx: TextContext): { iso: string; line: string } | null {
  for (const i of nonBlankLineIndices(ctx, 3)) {
    const line = ctx.lines[i];
    const date = line ? datesIn(ctx, line.start, line.end)[0] : undefined;
    if (date && line) return { iso: date.iso, line: line.text };
  }
  return null;
}
