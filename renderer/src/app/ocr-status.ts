/**
 * The background recogniser's state as screens show it: read once with `ocr.status`, then kept
 * current by `ocr.progress` events, and read again after other archive changes (an import or a
 * delete changes how many pages wait). Also the labels every OCR view shares.
 */
import { useCallback, useEffect, useState } from 'react';
import type { OcrLanguage, OcrStatus } from '../../../shared/domain/ocr';
import { errorMessageKey, type MessageKey, type Translate } from '../../../shared/i18n';
import type { Transport } from '../api/transport';

/** OCR language codes to the UI's language names (`lang.*`). */
const LANGUAGE_KEYS: Readonly<Record<OcrLanguage, MessageKey>> = { kaz: 'lang.kk', rus: 'lang.ru', eng: 'lang.en' };

export const ocrLanguageLabel = (t: Translate, language: OcrLanguage): string => t(LANGUAGE_KEYS[language]);

export const ocrLanguageList = (t: Translate, languages: readonly OcrLanguage[]): string =>
  languages.map((language) => ocrLanguageLabel(t, language)).join(', ');

/**
 * What to say about missing language data, or null when nothing is missing: OCR cannot run at
 * all (`unavailable`), or runs without some languages.
 */
export function ocrAvailabilityText(t: Translate, status: OcrStatus): string | null {
  const missing = ocrLanguageList(t, status.languages.missing);
  if (status.state === 'unavailable') return missing ? t('ocr.unavailable', { languages: missing }) : t('ocr.unavailableGeneric');
  return missing ? t('ocr.missing', { languages: missing }) : null;
}

/**
 * The recogniser's last failure in the UI language, or null. A missing-language failure is left
 * out when `ocrAvailabilityText` already names the missing languages.
 */
export function ocrLastErrorText(t: Translate, status: OcrStatus): string | null {
  const error = status.lastError;
  if (!error) return null;
  if (error.code === 'OCR_LANGUAGE_MISSING' && ocrAvailabilityText(t, status) !== null) return null;
  return t('ocr.lastError', { message: t(errorMessageKey(error.code)) });
}

/** How long archive changes may bunch up before the status is read again. */
const REFRESH_DELAY_MS = 300;

export interface OcrStatusState {
  /** Null until known (or while the core cannot tell). */
  status: OcrStatus | null;
  /** Takes the status an OCR call returned. */
  setStatus(status: OcrStatus): void;
  /** Why the last `ocr.status` failed, until a status arrives. */
  error: unknown;
}

/**
 * The recogniser's status. A failed `ocr.status` is tolerated (reported in `error`): events
 * still bring the status when the recogniser moves.
 */
export function useOcrStatus(transport: Transport): OcrStatusState {
  const [status, setStatusState] = useState<OcrStatus | null>(null);
  const [error, setError] = useState<unknown>(null);
  const setStatus = useCallback((value: OcrStatus) => {
    setStatusState(value);
    setError(null);
  }, []);

  useEffect(() => {
    let live = true;
    // Events are newer than any reply to a request sent before them.
    let eventCount = 0;
    let timer = 0;
    const read = (): void => {
      const before = eventCount;
      transport.invoke('ocr.status').then(
        (value) => {
          if (live && eventCount === before) setStatus(value);
        },
        (cause: unknown) => {
          if (live && eventCount === before) setError(cause);
        },
      );
    };
    const unsubscribe = transport.onEvent((event) => {
      if (event.name === 'ocr.progress') {
        eventCount++;
        setStatus(event.payload);
      } else if (event.name === 'archive.changed' && event.payload.reason !== 'ocr') {
        window.clearTimeout(timer);
        timer = window.setTimeout(read, REFRESH_DELAY_MS);
      }
    });
    read();
    return () => {
      live = false;
      window.clearTimeout(timer);
      unsubscribe();
    };
  }, [transport, setStatus]);

  return { status, setStatus, error };
}
