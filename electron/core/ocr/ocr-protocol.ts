import type { OcrLanguage, OcrWord } from '../../../shared/domain/ocr';
import type { QuarterTurn } from './page-image';

/** Message to an OCR worker: one page of a stored PDF to read. */
export interface OcrPageRequest {
  /** The stored PDF (read-only; the worker keeps the last document open between its pages). */
  filePath: string;
  pageNo: number;
  languages: OcrLanguage[];
  /** Folder holding `<lang>.traineddata` (and `osd.traineddata` for rotation detection). */
  tessdataDir: string;
  /** Rendering resolution; lowered for huge pages so an image stays under MAX_PAGE_PIXELS. */
  dpi: number;
  detectRotation: boolean;
}

export interface OcrPageResult {
  pageNo: number;
  /** Pages in the PDF (so a caller learns it from the first page read). */
  pageCount: number;
  /** The rendering actually used (after the size cap). */
  dpi: number;
  width: number;
  height: number;
  rotation: QuarterTurn;
  /** Reading-order text built from the kept words: lines by '\n', paragraphs by a blank line. */
  text: string;
  words: OcrWord[];
  /** Mean confidence of the kept words, 0…100. */
  confidence: number;
  /** Nothing printed on the page (OCR was not run). */
  blank: boolean;
  timings: { renderMs: number; rotationMs: number; recognizeMs: number };
}
