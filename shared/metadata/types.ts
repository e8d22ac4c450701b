import type { KindCode, LanguageCode } from '../domain/kinds';

/**
 * One line of a page as it was laid out: a PDF line (text items on one baseline), a DOCX or ODT
 * paragraph, an HTML block. Every property but `text` is optional: each format fills what it
 * knows, and detection treats an absent property as "unknown", never as false.
 */
export interface LayoutLine {
  text: string;
  /** Font size relative to the page's body text (the most common size) — 1 is body text. */
  size?: number;
  /** Set in bold (PDF font name or weight, DOCX `w:b`, HTML `<b>`/`<strong>`/`<h1>`…). */
  bold?: boolean;
  /** Paragraph alignment; for PDF lines, inferred from the line's position across the page. */
  align?: 'left' | 'center' | 'right' | 'justify';
  /** PDF: top of the line as a fraction of the page height (0 = top edge). */
  y?: number;
  /** PDF: left edge as a fraction of the page width. */
  x?: number;
  /** Style or element name: a DOCX style id (`Heading1`, `Title`), an HTML tag (`h1`, `td`). */
  style?: string;
  /** Inside a table cell (DOCX `w:tc`, HTML `td`/`th`). */
  inTable?: boolean;
  /** The same text sits at the same place on most pages: a running header or footer. */
  repeated?: boolean;
}

/** What the importer knows about a file when it asks for metadata. */
export interface MetadataInput {
  /** Extracted text, one entry per page (one entry for non-paginated formats). */
  pages: readonly string[];
  /**
   * The layout of the same text, one entry per page, when the format gives it. A page's lines
   * hold the same words as its text (the text may differ in line breaks and spaces).
   */
  layout?: readonly (readonly LayoutLine[] | undefined)[];
  /** Original file name; used only as a last hint for the kind of a document without text. */
  fileName?: string;
  /** Title stored inside the file (PDF Info, DOCX core properties, HTML <title>), if any. */
  embeddedTitle?: string;
}

/** The fields detection fills. */
export const DETECTED_FIELDS = ['kind', 'number', 'date', 'lang', 'title', 'issuer'] as const;
export type DetectedField = (typeof DETECTED_FIELDS)[number];

/**
 * One possible value of a field, with the evidence for it. Candidates are what the review list
 * offers as one-click choices, so each says where it was found.
 */
export interface FieldCandidate {
  /** The value as the field stores it (a kind code, an ISO date, a number without `№`…). */
  value: string;
  /** 0…1: how sure detection is that this is the document's own value. */
  score: number;
  /** Short codes of the features that scored it, e.g. `head-block`, `outgoing-stamp`, `in-citation`. */
  evidence: string[];
  /** The line it was read from (at most 160 characters), for the reviewer. */
  excerpt?: string;
}

/**
 * A field whose best candidate scores below this is left empty (kind: `other`) and its document
 * goes to the review list: a wrong date costs the secretary more than an empty one.
 */
export const CONFIDENCE_THRESHOLD = 0.6;

/**
 * Metadata guessed from a document's text. Every field is a suggestion the user confirms or
 * corrects, so a field is null whenever the evidence is weak (see `CONFIDENCE_THRESHOLD`).
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
  /**
   * 0…1 per field: the score of the value chosen, or, for an empty field, how sure detection is
   * that the document has none (a news item without a number: high; a scan: low).
   */
  confidence: Record<DetectedField, number>;
  /** Best first, at most 4 per field; the chosen value, when there is one, is the first. */
  candidates: Partial<Record<DetectedField, FieldCandidate[]>>;
}

/** Fields a reviewer should look at: empty or chosen with a confidence below the threshold. */
export function uncertainFields(detected: Pick<DetectedMetadata, 'confidence'>): DetectedField[] {
  return DETECTED_FIELDS.filter((field) => (detected.confidence[field] ?? 0) < CONFIDENCE_THRESHOLD);
}
