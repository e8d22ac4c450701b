/**
 * The text extractors' common shape. Each extractor turns the bytes of one file into page texts.
 * Non-paginated formats (DOCX, DOC, ODT, RTF, TXT, HTML, Markdown) give exactly one page.
 * Extractors never touch the database or the file store: they are pure functions of the bytes,
 * so a failure leaves nothing behind by construction.
 */
import type { LayoutLine } from '../../../../shared/metadata/types';
import type { TextRepair } from '../../../../shared/text/legacy-kazakh-font';

/** The formats Muragat reads. `pdf` pages come from the text layer. */
export type SourceFormat = 'pdf' | 'docx' | 'doc' | 'odt' | 'rtf' | 'txt' | 'html' | 'markdown';

export interface ExtractedPage {
  /** 1-based page number. */
  pageNo: number;
  /** Page text with paragraphs separated by '\n'. Never null; '' for an empty page. */
  text: string;
  /** True when the page carries an image but no usable text (a scan): OCR will fill it later. */
  needsOcr: boolean;
  /**
   * The page's lines as laid out (style, bold, alignment, size, position…), when the format gives
   * them: input to metadata detection only, never stored. They hold the words of `text` in its
   * order (for HTML and DOCX, joined by '\n' they are `text`; a PDF line that a wide gap parts,
   * such as an outgoing stamp beside the addressee, is two lines here and one in `text`).
   */
  lines?: LayoutLine[];
}

export interface ExtractedDocument {
  format: SourceFormat;
  /** IANA media type of the original file, e.g. 'application/pdf'. */
  mediaType: string;
  pages: ExtractedPage[];
  /** Title found in the file's own metadata (PDF Info /Title, DOCX core.xml, HTML <title>), if any. */
  embeddedTitle?: string;
  /** For text formats: the character encoding that was detected, e.g. 'utf-8', 'windows-1251'. */
  encoding?: string;
  /**
   * Set when the text was typed in a legacy 8-bit Kazakh font and its pages were mapped to
   * Unicode Kazakh before detection and indexing (see ingest/extract/legacy-font.ts).
   */
  textRepair?: TextRepair;
  /** Non-fatal remarks (e.g. "3 images skipped"), in English, for logs. */
  warnings: string[];
}
