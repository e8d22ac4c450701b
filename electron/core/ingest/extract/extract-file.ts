import { MuragatError } from '../../../../shared/errors';
import { withAllocationGuard } from './allocation-guard';
import { repairLegacyKazakhText } from './legacy-font';
import { assertMarkupWithinLimit, assertTextWithinLimit } from './limits';
import { extractNonPdf } from './non-pdf';
import { extractPdf } from './pdf';
import { sniffFormat } from './sniff';
import type { ExtractedDocument } from './types';

export type ExtractionOutcome = { kind: 'extracted'; document: ExtractedDocument } | { kind: 'unsupported'; reason: string };

/** Decides the format from the bytes and the name, then extracts the text of every page. */
export async function extractFile(bytes: Uint8Array, fileName: string): Promise<ExtractionOutcome> {
  if (bytes.byteLength === 0) throw new MuragatError('FILE_EMPTY', 'the file is empty (0 bytes)');
  const sniffed = await sniffFormat(bytes, fileName);
  if ('unsupported' in sniffed) return { kind: 'unsupported', reason: sniffed.reason };
  assertMarkupWithinLimit(sniffed.format, bytes.byteLength);
  const document = await withAllocationGuard(() => (sniffed.format === 'pdf' ? extractPdf(bytes) : extractNonPdf(bytes, sniffed.format, fileName)));
  assertTextWithinLimit(document.pages);
  // Every format's text passes here, so text typed in a legacy Kazakh font is read as Unicode
  // Kazakh by detection, the index and the document view alike (the file itself is kept as is).
  return { kind: 'extracted', document: repairLegacyKazakhText(document) };
}
