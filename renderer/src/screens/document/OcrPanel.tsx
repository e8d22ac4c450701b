/**
 * The document screen's text recognition (OCR) panel: how many pages were recognised from the
 * scan and how many wait, "recognise text" (replacing text the pages already have only after a
 * confirmation), the progress while this document's pages are read, and why OCR cannot run.
 */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PageText } from '../../../../shared/domain/document';
import { useApp } from '../../app/context';
import { ocrAvailabilityText, ocrLastErrorText, useOcrStatus } from '../../app/ocr-status';
import { errorText } from '../../app/ui';
import { useI18n } from '../../i18n';

export interface OcrPanelProps {
  documentId: string;
  /** The document's pages (null while they load). */
  pages: PageText[] | null;
}

export function OcrPanel(props: OcrPanelProps): ReactNode {
  const { documentId, pages } = props;
  const { t } = useI18n();
  const { transport } = useApp();
  const { status, setStatus } = useOcrStatus(transport);
  const [confirming, setConfirming] = useState(false);
  const [requested, setRequested] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const counts = useMemo(
    () => ({
      recognised: pages?.filter((page) => page.textSource === 'ocr').length ?? 0,
      waiting: pages?.filter((page) => page.needsOcr).length ?? 0,
    }),
    [pages],
  );

  const current = status?.state === 'running' && status.current?.documentId === documentId ? status.current : null;
  // Asked for and not yet being read: another document's pages go first.
  const queued = requested && status?.state === 'running' && !current;
  useEffect(() => {
    if (status?.state !== 'running') setRequested(false);
  }, [status?.state]);

  const start = async (force: boolean): Promise<void> => {
    setConfirming(false);
    setBusy(true);
    setError(null);
    try {
      setStatus(await transport.invoke('ocr.start', { ids: [documentId], ...(force ? { force: true } : {}) }));
      setRequested(true);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  // Pages waiting are recognised as they are; pages with text only after the user agrees that
  // their text is replaced.
  const onRecognise = (): void => {
    if (counts.waiting > 0) void start(false);
    else setConfirming(true);
  };

  const availability = status ? ocrAvailabilityText(t, status) : null;
  const lastError = status ? ocrLastErrorText(t, status) : null;
  return (
    <section className="panel ocr-panel" aria-labelledby="document-ocr-title">
      <h2 id="document-ocr-title" className="panel-title">
        {t('ocr.title')}
      </h2>
      {pages !== null && (
        <ul className="ocr-counts">
          {counts.recognised > 0 && <li>{t('ocr.doc.recognised', { n: counts.recognised })}</li>}
          {counts.waiting > 0 && <li>{t('ocr.doc.waiting', { n: counts.waiting })}</li>}
          {counts.recognised === 0 && counts.waiting === 0 && <li>{t('ocr.doc.allText')}</li>}
        </ul>
      )}
      {availability && <p className="ocr-availability">{availability}</p>}
      <p className="ocr-progress" role="status" aria-live="polite">
        {current ? t('ocr.doc.progress', { page: current.pageNo, total: current.pageCount }) : queued ? t('ocr.doc.queued') : ''}
      </p>
      {confirming ? (
        <div className="ocr-confirm" role="group" aria-labelledby="document-ocr-confirm">
          <p id="document-ocr-confirm" className="ocr-confirm-title">
            {t('ocr.doc.confirmTitle')}
          </p>
          <p className="ocr-confirm-help">{t('ocr.doc.confirmHelp')}</p>
          <div className="ocr-confirm-actions">
            <button type="button" className="button" onClick={() => void start(true)}>
              {t('ocr.doc.confirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      ) : (
        <button
          type="button"
          className="button button-secondary"
          disabled={busy || pages === null || current !== null || status?.state === 'unavailable'}
          onClick={onRecognise}
        >
          {t('ocr.doc.recognise')}
        </button>
      )}
      {lastError && <p className="field-error ocr-last-error">{lastError}</p>}
      {error !== null && (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </section>
  );
}
