/**
 * Optical character recognition of scanned pages: the languages, the recognised words with their
 * boxes, and the state of the background recogniser, as the UI, the CLI and the core see them.
 * Pure TypeScript (no Node, DOM or Electron).
 */
import type { ErrorInfo } from '../errors';

/** Tesseract language codes the app ships data for, in the order they are offered. */
export const OCR_LANGUAGES = ['kaz', 'rus', 'eng'] as const;
export type OcrLanguage = (typeof OCR_LANGUAGES)[number];

/** Kazakh first: its model also reads Russian letters, the Russian one does not read Ә, Ғ, Қ… */
export const DEFAULT_OCR_LANGUAGES: readonly OcrLanguage[] = ['kaz', 'rus', 'eng'];

export function isOcrLanguage(value: unknown): value is OcrLanguage {
  return typeof value === 'string' && (OCR_LANGUAGES as readonly string[]).includes(value);
}

/**
 * Parses `kaz+rus`, `kaz,rus` or `kaz rus` into known codes without repeats; throws on an unknown
 * code so that a typo is not silently ignored.
 */
export function parseOcrLanguages(text: string): OcrLanguage[] {
  const codes = text
    .split(/[+,\s]+/)
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);
  const out: OcrLanguage[] = [];
  for (const code of codes) {
    if (!isOcrLanguage(code)) throw new Error(`unknown OCR language "${code}" (known: ${OCR_LANGUAGES.join(', ')})`);
    if (!out.includes(code)) out.push(code);
  }
  if (out.length === 0) throw new Error('no OCR language given');
  return out;
}

/** When to recognise text while importing. */
export type OcrMode = 'auto' | 'never' | 'always';
export const OCR_MODES: readonly OcrMode[] = ['auto', 'never', 'always'];

/** Why a page was recognised. */
export type OcrReason = 'no-text' | 'garbage' | 'forced';

/**
 * One recognised word. The box is in fractions (0…1) of the page as it is displayed (the PDF
 * page's own /Rotate applied), origin top left, so it fits the page at any zoom.
 */
export interface OcrWord {
  text: string;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Tesseract's word confidence, 0…100. */
  confidence: number;
}

/** What OCR found on one page. */
export interface PageOcr {
  pageNo: number;
  words: OcrWord[];
  /** Mean word confidence, 0…100 (0 for a page with no words). */
  confidence: number;
  languages: OcrLanguage[];
  /** Clockwise rotation applied to the page image before recognition (the scan lay sideways). */
  rotation: 0 | 90 | 180 | 270;
  reason: OcrReason;
  recognizedAt: string;
}

export interface OcrLanguageState {
  /** Languages chosen in the archive's settings. */
  configured: OcrLanguage[];
  /** Languages whose data is installed with the app. */
  available: OcrLanguage[];
  /** Configured but not installed: OCR runs without them (or not at all if none is left). */
  missing: OcrLanguage[];
  /** Page rotation detection needs `osd` data; without it pages are read as they lie. */
  rotationDetection: boolean;
}

/** The background recogniser, as the status bar and the document screen show it. */
export interface OcrStatus {
  state: 'idle' | 'running' | 'unavailable';
  /** Pages waiting for OCR in the whole archive (scans found at import, forced documents). */
  pendingPages: number;
  pendingDocuments: number;
  /** The run in progress: pages done and to do in it. */
  run: {
    done: number;
    failed: number;
    total: number;
    startedAt: string;
    /** Pages per minute so far (null until the first page is done). */
    pagesPerMinute: number | null;
  } | null;
  /** The page being read now. */
  current: { documentId: string; title: string; pageNo: number; pageCount: number } | null;
  languages: OcrLanguageState;
  workers: number;
  /** Why the last page or run failed (damaged image, missing language data…). */
  lastError: ErrorInfo | null;
}
