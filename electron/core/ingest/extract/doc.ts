/**
 * Legacy Word (.doc, OLE2 compound file) to text with word-extractor.
 *
 * word-extractor also accepts DOCX and then garbles multi-byte letters (docs/ARCHITECTURE.md §14), so only
 * OLE2 bytes are ever handed to it. Kept: the body, text boxes in the body, footnotes and
 * endnotes. Left out, as in the other formats: headers and footers (page numbers and letterheads
 * repeated on every page) and comments.
 */
import WordExtractor from 'word-extractor';
import { MuragatError } from '../../../../shared/errors';
import { assertOle2Structure } from './ole2-limits';
import { MEDIA_TYPES } from './sniff';
import { joinParagraphs } from './text';
import type { ExtractedDocument } from './types';
import { asBuffer } from './zip';

const OLE2_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function isOle2(bytes: Uint8Array): boolean {
  return bytes.length >= OLE2_MAGIC.length && OLE2_MAGIC.every((byte, i) => bytes[i] === byte);
}

/**
 * Word's special characters that word-extractor may leave in: field marks (0x13-0x15), the
 * cell/row mark (0x07) and the inline picture anchor (0x01, 0x08). Cell marks separate cells.
 */
function cleanWordText(text: string): string {
  // eslint-disable-next-line no-control-regex -- Word's control marks are exactly what is removed
  return text.replace(/\u0007/g, '\t').replace(/[\u0001\u0008\u0013\u0014\u0015]/g, '');
}

/** A DOC file as one page. */
export async function extractDoc(bytes: Uint8Array): Promise<ExtractedDocument> {
  if (!isOle2(bytes)) throw new MuragatError('DOC_CORRUPT', 'the file is not a Word 97-2003 document (no OLE2 header)');
  // word-extractor follows looping sector chains until it runs out of memory: checked here first.
  assertOle2Structure(bytes);
  let document: WordExtractor.Document;
  try {
    document = await new WordExtractor().extract(asBuffer(bytes));
  } catch (error) {
    throw new MuragatError('DOC_CORRUPT', `the DOC file cannot be read: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  }
  const parts = [
    document.getBody(),
    document.getTextboxes({ includeBody: true, includeHeadersAndFooters: false }),
    document.getFootnotes(),
    document.getEndnotes(),
  ];
  const text = joinParagraphs(parts.map(cleanWordText).flatMap((part) => part.split('\n')));
  return {
    format: 'doc',
    mediaType: MEDIA_TYPES.doc,
    pages: [{ pageNo: 1, text, needsOcr: false }],
    warnings: [],
  };
}
