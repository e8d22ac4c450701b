/**
 * The top bar's note that scans are being recognised in the background ("12 / 40"), linking to
 * the settings where the run can be stopped. The live region is always there, empty when idle,
 * so screen readers announce the run when it starts.
 */
import type { ReactNode } from 'react';
import type { OcrStatus } from '../../../shared/domain/ocr';
import { useI18n } from '../i18n';
import { formatRoute } from './routes';

export function OcrIndicator(props: { status: OcrStatus | null }): ReactNode {
  const { t } = useI18n();
  const run = props.status?.state === 'running' ? props.status.run : null;
  return (
    <div className="ocr-indicator" role="status" aria-live="polite">
      {run && (
        <a className="ocr-indicator-link" href={formatRoute({ screen: 'settings' })} title={t('ocr.indicator.open')}>
          <span className="spinner ocr-indicator-spinner" aria-hidden="true" />
          {t('ocr.indicator', { done: run.done, total: run.total })}
        </a>
      )}
    </div>
  );
}
