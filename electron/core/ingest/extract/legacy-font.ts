/**
 * The import step that maps text typed in a legacy 8-bit Kazakh font back to Unicode Kazakh
 * (shared/text/legacy-kazakh-font.ts), applied to every format's extracted text before metadata
 * detection and indexing see it. The stored original file is never touched; the document keeps a
 * note of the repair (`files.text_repair`) so the document view can say so.
 *
 * OCR text never passes here: Tesseract writes Unicode, and a scan has no font code points.
 */
import { detectLegacyKazakhFont, repairLegacyKazakhFont, type LegacyKazakhMapping } from '../../../../shared/text/legacy-kazakh-font';
import type { ExtractedDocument, ExtractedPage } from './types';

/**
 * The document with its page texts (and layout lines and embedded title) repaired when the
 * evidence says the text was typed in a legacy Kazakh font; the same object otherwise.
 *
 * A text file decoded as KZ-1048 is the same case reached earlier: its bytes are the font's
 * bytes, and the text decoder already chose the code page that reads them. It is marked repaired
 * too, so the user learns the same thing whichever format the old text came in.
 */
export function repairLegacyKazakhText(document: ExtractedDocument): ExtractedDocument {
  if (document.encoding === 'kz-1048') return { ...document, textRepair: { kind: 'legacy-kazakh-font', mapping: 'kz1048' } };
  // The pages are judged together (one document, one font), without joining them into a copy.
  const { mapping } = detectLegacyKazakhFont([document.embeddedTitle ?? '', ...document.pages.map((page) => page.text)]);
  if (!mapping) return document;
  const repair = (value: string): string => repairLegacyKazakhFont(value, mapping);
  return {
    ...document,
    pages: document.pages.map((page) => repairPage(page, mapping)),
    ...(document.embeddedTitle !== undefined ? { embeddedTitle: repair(document.embeddedTitle) } : {}),
    textRepair: { kind: 'legacy-kazakh-font', mapping },
    warnings: [...document.warnings, `text typed in a legacy Kazakh font (${mapping}) was mapped to Unicode Kazakh`],
  };
}

function repairPage(page: ExtractedPage, mapping: LegacyKazakhMapping): ExtractedPage {
  const repaired: ExtractedPage = { ...page, text: repairLegacyKazakhFont(page.text, mapping) };
  // Layout lines hold the same words as the text: detection must read them repaired too.
  if (page.lines) repaired.lines = page.lines.map((line) => ({ ...line, text: repairLegacyKazakhFont(line.text, mapping) }));
  return repaired;
}
