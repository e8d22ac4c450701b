/**
 * Where the OCR language data is, and which languages it holds. The data ships with the app
 * (`resources/ocr/tessdata`, put there by scripts/ocr-data.mjs and packaged by electron-builder as
 * an extra resource); it is never downloaded. A missing language is reported by name.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_OCR_LANGUAGES, OCR_LANGUAGES, parseOcrLanguages, type OcrLanguage, type OcrLanguageState } from '../../../shared/domain/ocr';
import { readMeta, writeMeta } from '../db/meta';
import type { SqliteDatabase } from '../db/sqlite';
import { languageFile } from './recognizer';

/** Environment override of the data folder (tests, unusual installs). */
export const TESSDATA_ENV = 'MURAGAT_TESSDATA';

/**
 * The language data folder: the one given, else $MURAGAT_TESSDATA, else `resources/ocr/tessdata`
 * of the source tree (CLI, tests) or of the built app (`out/main/…` → `resources/`). The first
 * that exists wins; when none does, the first candidate is returned so messages name it.
 */
export function resolveTessdataDir(explicit?: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    explicit,
    process.env[TESSDATA_ENV],
    // electron/core/ocr → repository root
    path.resolve(here, '..', '..', '..', 'resources', 'ocr', 'tessdata'),
    // out/main → repository root (a development build run with `electron .`)
    path.resolve(here, '..', '..', 'resources', 'ocr', 'tessdata'),
  ].filter((dir): dir is string => typeof dir === 'string' && dir.length > 0);
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}

export function installedLanguages(tessdataDir: string): OcrLanguage[] {
  return OCR_LANGUAGES.filter((language) => existsSync(languageFile(tessdataDir, language)));
}

const LANGUAGES_KEY = 'ocr_languages';

export function configuredLanguages(db: SqliteDatabase): OcrLanguage[] {
  const stored = readMeta(db, LANGUAGES_KEY);
  if (!stored) return [...DEFAULT_OCR_LANGUAGES];
  try {
    return parseOcrLanguages(stored);
  } catch {
    return [...DEFAULT_OCR_LANGUAGES];
  }
}

export function saveConfiguredLanguages(db: SqliteDatabase, languages: readonly OcrLanguage[]): void {
  writeMeta(db, LANGUAGES_KEY, languages.join('+'));
}

export function languageState(tessdataDir: string, configured: readonly OcrLanguage[]): OcrLanguageState {
  const available = installedLanguages(tessdataDir);
  return {
    configured: [...configured],
    available,
    missing: configured.filter((language) => !available.includes(language)),
    rotationDetection: existsSync(languageFile(tessdataDir, 'osd')),
  };
}
