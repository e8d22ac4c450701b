/**
 * A running job's progress line with a Stop button (`jobs.cancel`), for screens that wait on one
 * call that the core runs as a job (a bundle export or import).
 */
import type { ReactNode } from 'react';
import type { JobKind } from '../../../shared/domain/jobs';
import { useI18n } from '../i18n';
import { useApp } from './context';
import { formatNumber } from './format';
import { useRunningJob } from './jobs';

export function JobProgress(props: { kind: JobKind; active: boolean }): ReactNode {
  const { t, locale } = useI18n();
  const { transport } = useApp();
  const job = useRunningJob(props.kind, props.active);
  if (!props.active || !job) return null;
  return (
    <p className="sync-job-progress muted">
      {job.progress.total > 0 && t('sync.job.progress', { done: formatNumber(locale, job.progress.done), total: formatNumber(locale, job.progress.total) })}{' '}
      {job.cancellable && (
        <button type="button" className="button button-secondary" onClick={() => void transport.invoke('jobs.cancel', { jobId: job.jobId }).catch(() => undefined)}>
          {t('sync.job.stop')}
        </button>
      )}
    </p>
  );
}
