/**
 * Text extraction for every format except PDF. Each non-paginated format gives exactly one page.
 * Library failures that escaped an extractor's own mapping become EXTRACTION_FAILED, so the
 * importer always receives a MuragatError with a code it can show.
 */
import { MuragatError, isMuragatError } from '../../../../shared/errors';
import { extractDoc } from './doc';
import { extractDocx } from './docx';
import { extractHtml } from './html';
import { extractMarkdown } from './markdown';
import { extractOdt } from './odt';
import { extractRtf } from './rtf';
import { extractTxt } from './text';
import type { ExtractedDocument, SourceFormat } from './types';

export type NonPdfFormat = Exclude<SourceFormat, 'pdf'>;

const EXTRACTORS: Readonly<Record<NonPdfFormat, (bytes: Uint8Array) => ExtractedDocument | Promise<ExtractedDocument>>> = {
  docx: extractDocx,
  doc: extractDoc,
  odt: extractOdt,
  rtf: extractRtf,
  txt: extractTxt,
  html: extractHtml,
  markdown: extractMarkdown,
};

/**
 * Extracts the text of a non-PDF file whose format was decided by `sniffFormat`.
 * @throws MuragatError FILE_EMPTY, DOCX_CORRUPT, DOC_CORRUPT, ODT_CORRUPT, RTF_CORRUPT,
 *   TEXT_UNDECODABLE, EXTRACTION_FAILED (with `fileName` and `format` in the details).
 */
export async function extractNonPdf(bytes: Uint8Array, format: NonPdfFormat, fileName: string): Promise<ExtractedDocument> {
  if (bytes.byteLength === 0) throw new MuragatError('FILE_EMPTY', 'the file is empty (0 bytes)', { fileName });
  const extractor = EXTRACTORS[format];
  try {
    return await extractor(bytes);
  } catch (error) {
    if (isMuragatError(error)) {
      throw new MuragatError(error.code, error.message, { ...error.details, fileName, format }, { cause: error.cause ?? error });
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new MuragatError('EXTRACTION_FAILED', `${format} extraction failed: ${message}`, { fileName, format }, { cause: error });
  }
}
