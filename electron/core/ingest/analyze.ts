/**
 * What the importer learns from an extracted document before it is stored: the detected metadata.
 * One function, so the extract worker, OCR re-detection and the metadata benchmark
 * (`npm run bench -- metadata`) judge a document by exactly the same code.
 */
import { type DetectedMetadata, type LayoutLine, detectMetadata } from '../../../shared/metadata';
import type { ExtractedDocument } from './extract/types';

export interface Analysis {
  detected: DetectedMetadata;
}

export function analyzeExtracted(document: ExtractedDocument, fileName: string): Analysis {
  const layout = document.pages.map((page) => (page as { lines?: LayoutLine[] }).lines);
  const detected = detectMetadata({
    pages: document.pages.map((page) => page.text),
    ...(layout.some((lines) => lines !== undefined) ? { layout } : {}),
    fileName,
    ...(document.embeddedTitle ? { embeddedTitle: document.embeddedTitle } : {}),
  });
  return { detected };
}
