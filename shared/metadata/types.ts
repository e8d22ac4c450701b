import type { KindCode, LanguageCode } from '../domain/kinds';

/** What the importer knows about a file when it asks for metadata. */
export interface MetadataInput {
  /** Extracted text, one entry per page (one entry for non-paginated formats). */
  pages: readonly string[];
  /** Original file name; used only as a last hint for the kind of a document without text. */
  fileName?: string;
  /** Title stored inside the file (PDF Info, DOCX core properties, HTML <title>), if any. */
  embeddedTitle?: string;
}

/**
 * Metadata guessed from a document's text. Every field is a suggestion the user confirms or
 * corrects in the import batch, so a field is null whenever the evidence is weak: a wrong date
 * costs the secretary more than an empty one.
 */
export interface DetectedMetadata {
  /** 'other' when nothing points to a kind. */
  kind: KindCode;
  /** The act's own number without the № sign, e.g. `383-V ҚРЗ`, `6-38`, `66`. */
  number: string | null;
  /** ISO `YYYY-MM-DD`. */
  date: string | null;
  lang: LanguageCode | null;
  /** At most 300 characters, single-spaced. */
  title: string | null;
  /** The issuing body as named in the header, e.g. `Алматы облыстық мәслихаты`. */
  issuer: string | null;
}
