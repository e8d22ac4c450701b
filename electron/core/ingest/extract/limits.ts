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
