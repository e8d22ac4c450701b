import { type TextContext, buildContext, datesIn, nonBlankLineIndices } from './context';
import { findHeadings } from './headings';
import { detectKind } from './kind';
import { detectLanguage } from './language';
import { headerText, languageSample, tailText } from './normalize';
import { findRequisites } from './requisites';
import { detectTitle } from './title';
import { DETECTED_FIELDS, type DetectedMetadata, type MetadataInput } from './types';

export type { DetectedField, DetectedMetadata, FieldCandidate, LayoutLine, MetadataInput } from './types';
export { CONFIDENCE_THRESHOLD, DETECTED_FIELDS, uncertainFields } from './types';
export { detectLanguage } from './language';
export { findDates, toIsoDate } from './dates';
export { findNumbers, normaliseNumber } from './numbers';

/**
 * Guess a document's kind, number, date, language, title and issuer from its text.
 *
 * Kind, number, date and title come from the header (the first two pages, at most 6000
 * characters: requisites and titles are at the top, and dates deeper in the body are usually
 * not the document's) plus the signature block at the very end; the language from a larger
 * sample spread over the document. Pure and synchronous, never throws on any text, and bounded
 * in time by the sample sizes, not by the document's length.
 */
export function detectMetadata(input: MetadataInput): DetectedMetadata {
  const pages = Array.isArray(input.pages) ? input.pages.filter((page): page is string => typeof page === 'string') : [];
  const header = buildContext(headerText(pages));
  const tail = buildContext(tailText(pages));

  const lang = detectLanguage(languageSample(pages));
  const requisites = findRequisites(header, tail);
  const headings = findHeadings(header);
  const kind = detectKind(header, requisites, headings, input.fileName);
  const date = requisites.date ?? (kind.kind === 'press_release' ? newsDate(header) : null);
  const title = detectTitle({ ctx: header, lang, kind, headings, requisites, embeddedTitle: input.embeddedTitle });

  const values = { kind: kind.kind, number: requisites.number, date, lang, title, issuer: requisites.issuer ?? kind.issuer };
  return { ...values, ...provisionalConfidence(values) };
}

// Provisional until the candidate scorer lands: a found value is trusted as before, an empty one is uncertain.
function provisionalConfidence(values: Omit<DetectedMetadata, 'confidence' | 'candidates'>): Pick<DetectedMetadata, 'confidence' | 'candidates'> {
  const confidence = {} as DetectedMetadata['confidence'];
  const candidates: DetectedMetadata['candidates'] = {};
  for (const field of DETECTED_FIELDS) {
    const value = values[field];
    const found = value !== null && !(field === 'kind' && value === 'other');
    confidence[field] = found ? 0.8 : 0.5;
    if (found) candidates[field] = [{ value, score: 0.8, evidence: [] }];
  }
  return { confidence, candidates };
}

/** A news item's date is the first one in its headline or lead (`… 2019 жылғы 9 сәуірінде … өтті`). */
function newsDate(ctx: TextContext): string | null {
  for (const i of nonBlankLineIndices(ctx, 3)) {
    const line = ctx.lines[i];
    const date = line ? datesIn(ctx, line.start, line.end)[0] : undefined;
    if (date) return date.iso;
  }
  return null;
}
