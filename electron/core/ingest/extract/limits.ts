/**
 * Caps on what one file may produce, whatever its format. A file that passes the decompression
 * checks can still expand while being read (repeated spaces in an ODT, a PDF that draws the same
 * text a million times); the text kept per file is bounded so one file cannot exhaust a worker,
 * the index or the database.
 */
import { MuragatError } from '../../../../shared/errors';

/**
 * Most characters of text kept from one file. The longest real document of the corpora (the
 * Tax Code of Kazakhstan, a 13.7 MB document.xml) has 2.46 million characters: a margin of 13×.
 * (Its extraction peaks at 680 MB RSS in a worker, under EXTRACT_WORKER_HEAP_MB.)
 * 32 Mi UTF-16 characters are 64 MiB of string, several times that while it is indexed.
 */
export const MAX_TEXT_CHARS = 32 * 1024 * 1024;

export function textLimitError(found: number, limit = MAX_TEXT_CHARS): MuragatError {
  return new MuragatError(
    'EXTRACTION_LIMIT',
    `the file gives more than ${limit} characters of text (the limit; found at least ${found}), too much for one document`,
    { limit, found },
  );
}

/** Throws EXTRACTION_LIMIT when the pages together hold more text than allowed. */
export function assertTextWithinLimit(pages: ReadonlyArray<{ text: string }>, limit = MAX_TEXT_CHARS): void {
  let total = 0;
  for (const page of pages) {
    total += page.text.length;
    if (total > limit) throw textLimitError(total, limit);
  }
}

/**
 * Most bytes of a file read as text or markup (plain text, Markdown, HTML). Such a file is
 * decoded whole into one string and parsed, several copies at once: 300 MB of plain text peaked
 * at 2.2 GB and 210 MB of empty HTML tags at 1.6 GB, whatever text they hold. The largest real
 * text or HTML file of the corpora is 2.2 MB (the Labour Code from pravo.gov.ru); 64 MiB is twice
 * the characters kept per file (MAX_TEXT_CHARS). PDF, DOCX, ODT, DOC and RTF carry pictures and
 * have their own limits.
 */
export const MAX_MARKUP_BYTES = 64 * 1024 * 1024;

const MARKUP_FORMATS: ReadonlySet<string> = new Set(['txt', 'markdown', 'html']);

/** Throws EXTRACTION_LIMIT when a text or markup file is larger than is read as text. */
export function assertMarkupWithinLimit(format: string, bytes: number, limit = MAX_MARKUP_BYTES): void {
  if (!MARKUP_FORMATS.has(format) || bytes <= limit) return;
  throw new MuragatError(
    'EXTRACTION_LIMIT',
    `the ${format === 'html' ? 'HTML' : 'text'} file is ${(bytes / 1024 / 1024).toFixed(1)} MB; text files over ${limit / 1024 / 1024} MB are not read (the limit)`,
    { limit, found: bytes },
  );
}
