/**
 * The review table's editing model, kept pure so it is easy to test: a draft holds only the
 * fields the user touched, validation refuses what the core would refuse (an empty title, a date
 * that is not on the calendar), and the patch carries only what really changed.
 */
import type { DocumentPatch, LibraryItem } from '../../../../shared/domain/library';
import type { KindCode, LanguageCode } from '../../../../shared/domain/kinds';
import type { MessageKey } from '../../../../shared/i18n';

export interface ReviewFields {
  title: string;
  kind: KindCode;
  number: string;
  /** As typed: YYYY-MM-DD or DD.MM.YYYY, or empty for "no date". */
  date: string;
  issuer: string;
  /** '' for "not known". */
  lang: LanguageCode | '';
}

export type ReviewDraft = Partial<ReviewFields>;
export type ReviewErrors = Partial<Record<'title' | 'date', MessageKey>>;

export function fieldsOf(item: LibraryItem): ReviewFields {
  return {
    title: item.title,
    kind: item.kind,
    number: item.number ?? '',
    date: item.date ?? '',
    issuer: item.issuer ?? '',
    lang: item.lang ?? '',
  };
}

export function currentFields(item: LibraryItem, draft: ReviewDraft | undefined): ReviewFields {
  return { ...fieldsOf(item), ...draft };
}

/**
 * A typed date as ISO YYYY-MM-DD, or null when it is not a real date. Secretaries often type the
 * Kazakh/Russian order (15.03.2021), so that is accepted too.
 */
export function parseDateInput(text: string): string | null {
  const value = text.trim();
  let year: number;
  let month: number;
  let day: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  const dotted = /^(\d{1,2})[./](\d{1,2})[./](\d{4})$/.exec(value);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (dotted) {
    [day, month, year] = [Number(dotted[1]), Number(dotted[2]), Number(dotted[3])];
  } else {
    return null;
  }
  if (year < 1000 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  // Date.UTC rolls 31 April over to 1 May: a real date survives the round trip unchanged.
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function validate(fields: ReviewFields): ReviewErrors {
  const errors: ReviewErrors = {};
  if (!fields.title.trim()) errors.title = 'import.review.titleRequired';
  if (fields.date.trim() && parseDateInput(fields.date) === null) errors.date = 'import.review.dateInvalid';
  return errors;
}

export function hasErrors(errors: ReviewErrors): boolean {
  return errors.title !== undefined || errors.date !== undefined;
}

const orNull = (text: string): string | null => (text.trim() ? text.trim() : null);

/** Only the fields whose value differs from the stored one; empty when nothing changed. */
export function patchOf(item: LibraryItem, draft: ReviewDraft | undefined): DocumentPatch {
  const patch: DocumentPatch = {};
  if (!draft) return patch;
  if (draft.title !== undefined && draft.title.trim() !== item.title) patch.title = draft.title.trim();
  if (draft.kind !== undefined && draft.kind !== item.kind) patch.kind = draft.kind;
  if (draft.number !== undefined && orNull(draft.number) !== item.number) patch.number = orNull(draft.number);
  if (draft.date !== undefined) {
    const date = draft.date.trim() ? parseDateInput(draft.date) : null;
    if (date !== item.date) patch.date = date;
  }
  if (draft.issuer !== undefined && orNull(draft.issuer) !== item.issuer) patch.issuer = orNull(draft.issuer);
  if (draft.lang !== undefined && (draft.lang || null) !== item.lang) patch.lang = draft.lang || null;
  return patch;
}

export function isEmptyPatch(patch: DocumentPatch): boolean {
  return Object.keys(patch).length === 0;
}
