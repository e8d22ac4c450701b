/**
 * Settings of text recognition (OCR): which languages pages are read in (at least one; those
 * whose data is not installed cannot be chosen), whether sideways scans are turned upright, and
 * the background run: its progress, "recognise all waiting pages" and "stop".
 */
import { useState, type ReactNode } from 'react';
import { OCR_LANGUAGES, type OcrLanguage, type OcrStatus } from '../../../../shared/domain/ocr';
import type { MessageKey } from '../../../../shared/i18n';
import { useApp } from '../../app/context';
import { formatNumber } from '../../app/format';
import { ocrAvailabilityText, ocrLanguageLabel, ocrLastErrorText, useOcrStatus } from '../../app/ocr-status';
import { ErrorNotice, errorText } from '../../app/ui';
import { useI18n } from '../../i18n';

/** The languages after toggling `language`, in the order they are offered. */
export function toggledLanguages(configured: readonly OcrLanguage[], language: OcrLanguage): OcrLanguage[] {
  return OCR_LANGUAGES.filter((code) => (code === language ? !configured.includes(code) : configured.includes(code)));
}

export function OcrSection(): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const { status, setStatus, error: statusError } = useOcrStatus(transport);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // Every call returns the new status; failures show below the controls.
  const call = async (action: () => Promise<OcrStatus>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      setStatus(await action());
      return true;
    } catch (cause) {
      setError(cause);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const availability = status ? ocrAvailabilityText(t, status) : null;
  const lastError = status ? ocrLastErrorText(t, status) : null;
  return (
    <section className="panel settings-section" aria-labelledby="settings-ocr">
      <h2 id="settings-ocr" className="panel-title">
        {t('ocr.title')}
      </h2>
      <p className="muted">{t('ocr.settings.help')}</p>
      {!status && statusError !== null && <ErrorNotice error={statusError} />}
      {status && (
        <>
          {availability && <p className="notice settings-notice">{availability}</p>}
          <LanguageChoice status={status} busy={busy} onChange={(languages) => call(() => transport.invoke('ocr.setLanguages', { languages }))} />
          <p className="muted ocr-rotation">{t(status.languages.rotationDetection ? 'ocr.settings.rotationOn' : 'ocr.settings.rotationOff')}</p>
          <RunStatus status={status} />
          <div className="ocr-actions">
            <button
              type="button"
              className="button"
              disabled={busy || status.state === 'unavailable' || status.pendingPages === 0}
              onClick={() => void call(() => transport.invoke('ocr.start', {}))}
            >
              {t('ocr.settings.startAll')}
            </button>
            {status.state === 'running' && (
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void call(() => transport.invoke('ocr.cancel'))}>
                {t('ocr.settings.stop')}
              </button>
            )}
          </div>
          {lastError && <p className="field-error ocr-last-error">{lastError}</p>}
        </>
      )}
      {error !== null && (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}

/** One checkbox per language; refuses to clear the last one. */
function LanguageChoice(props: { status: OcrStatus; busy: boolean; onChange(languages: OcrLanguage[]): Promise<boolean> }): ReactNode {
  const { status, busy, onChange } = props;
  const { t } = useI18n();
  // A key, not a string: the message follows a language switch.
  const [message, setMessage] = useState<{ key: MessageKey; refused: boolean } | null>(null);
  const { configured, available } = status.languages;

  const toggle = async (language: OcrLanguage): Promise<void> => {
    const next = toggledLanguages(configured, language);
    if (next.length === 0) {
      setMessage({ key: 'ocr.settings.lastLanguage', refused: true });
      return;
    }
    setMessage(null);
    if (await onChange(next)) setMessage({ key: 'ocr.settings.saved', refused: false });
  };

  return (
    <>
      <fieldset className="language-choice ocr-languages">
        <legend className="field-label">
          {t('ocr.settings.languages')}
        </legend>
        {OCR_LANGUAGES.map((language) => {
          const checked = configured.includes(language);
          const installed = available.includes(language);
          return (
            <label key={language} className="language-radio ocr-language" data-installed={installed ? undefined : 'false'}>
              {/* A language without data cannot be chosen, but one already chosen can be cleared. */}
              <input type="checkbox" checked={checked} disabled={busy || (!installed && !checked)} onChange={() => void toggle(language)} />
              <span>{ocrLanguageLabel(t, language)}</span>
              {!installed && <span className="ocr-language-note">({t('ocr.settings.notInstalled')})</span>}
            </label>
          );
        })}
      </fieldset>
      {message?.refused && (
        <p className="field-error" role="alert">
          {t(message.key)}
        </p>
      )}
      <p className="settings-status" role="status" aria-live="polite">
        {message && !message.refused ? t(message.key) : ''}
      </p>
    </>
  );
}

/** Idle with the pages waiting, or the run's progress, speed, failures and current page. */
function RunStatus({ status }: { status: OcrStatus }): ReactNode {
  const { t, locale } = useI18n();
  const parts: string[] = [];
  if (status.state === 'running' && status.run) {
    const { done, total, failed, pagesPerMinute } = status.run;
    parts.push(t('ocr.status.running', { done: formatNumber(locale, done), total: formatNumber(locale, total) }));
    // A tenth matters when a page takes several seconds.
    if (pagesPerMinute !== null) parts.push(t('ocr.status.speed', { n: formatNumber(locale, pagesPerMinute, pagesPerMinute < 10 ? 1 : 0) }));
    if (failed > 0) parts.push(t('ocr.status.failed', { n: formatNumber(locale, failed) }));
    if (status.current) parts.push(t('ocr.status.current', { title: status.current.title, page: status.current.pageNo }));
  } else if (status.state === 'idle') {
    parts.push(t('ocr.status.idle'));
  }
  if (status.pendingPages > 0) {
    parts.push(t('ocr.status.waiting', { pages: formatNumber(locale, status.pendingPages), documents: formatNumber(locale, status.pendingDocuments) }));
  }
  if (parts.length === 0) return null;
  return (
    <ul className="ocr-run-status">
      {parts.map((part) => (
        <li key={part}>{part}</li>
      ))}
    </ul>
  );
}
