/**
 * What the importer learns from a document's text before it is stored: the detected metadata.
 * Two entry points over one detector, so the extract worker, OCR re-detection and the metadata
 * benchmark (`npm run bench -- metadata`) judge a document by exactly the same code:
 * `analyzeExtracted` for the text an extractor gave, `analyzeRecognised` once OCR has read pages.
 */
import { type DetectedMetadata, detectMetadata } from '../../../shared/metadata';
import { layoutOfRecognisedPages, type RecognisedPage } from '../ocr/ocr-layout';
import type { ExtractedDocument } from './extract/types';

export interface Analysis {
  detected: DetectedMetadata;
}

export function analyzeExtracted(document: ExtractedDocument, fileName: string): Analysis {
  const layout = document.pages.map((page) => page.lines);
  const detected = detectMetadata({
    pages: document.pages.map((page) => page.text),
    ...(layout.some((lines) => lines !== undefined) ? { layout } : {}),
    fileName,
    ...(document.embeddedTitle ? { embeddedTitle: document.embeddedTitle } : {}),
  });
  return { detected };
}

/** A page after OCR: its text, and what the recogniser found when it was the one that read it. */
export interface PageAfterOcr {
  text: string;
  recognised: RecognisedPage | null;
}

/**
 * A document whose scanned pages OCR has read: the recognised lines' boxes are the scan's layout
 * (heading size, centred title, running headers).
 */
export function analyzeRecognised(pages: readonly PageAfterOcr[], fileName: string): Analysis {
  const layout = layoutOfRecognisedPages(pages.map((page) => page.recognised));
  const detected = detectMetadata({ pages: pages.map((page) => page.text), ...(layout.some(Boolean) ? { layout } : {}), fileName });
  return { detected };
}
