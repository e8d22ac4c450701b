/** "History": the bundles this archive sent and received, newest first. */
import type { ReactNode } from 'react';
import type { BundleHistoryEntry } from '../../../../shared/domain/exchange';
import type { Locale, MessageKey, Translate } from '../../../../shared/i18n';
import { formatBytes, formatDateTime, formatNumber } from '../../app/format';
import { Busy, ErrorNotice } from '../../app/ui';
import { useI18n } from '../../i18n';
import type { Loaded } from './parts';

/** The summary keys the core writes (export: documents…bytes; import: added…files), in display order. */
const SUMMARY_LABELS: ReadonlyArray<[string, MessageKey]> = [
  ['documents', 'sync.count.documents'],
  ['added', 'sync.count.added'],
  ['updated', 'sync.count.updated'],
  ['unchanged', 'sync.count.unchanged'],
  ['conflicts', 'sync.count.conflicts'],
  ['deleted', 'sync.count.deleted'],
  ['tombstones', 'sync.count.tombstones'],
  ['relations', 'sync.count.relations'],
  ['files', 'sync.count.files'],
];

function Summary(props: { summary: Record<string, number>; t: Translate; locale: Locale }): ReactNode {
  const { summary, t, locale } = props;
  const parts = SUMMARY_LABELS.filter(([key]) => (summary[key] ?? 0) > 0).map(([key, label]) => `${t(label)}: ${formatNumber(locale, summary[key] ?? 0)}`);
  if (typeof summary.bytes === 'number') parts.push(formatBytes(locale, t, summary.bytes));
  if (parts.length === 0) return '—';
  return parts.map((part, index) => (
    <span key={index} className="sync-summary-part">
      {index > 0 && ' · '}
      {part}
    </span>
  ));
}

export function HistoryTab({ history }: { history: Loaded<BundleHistoryEntry[]> }): ReactNode {
  const { t, locale } = useI18n();
  const list = history.data ?? [];
  return (
    <div className="sync-tab-body">
      <section className="panel" aria-labelledby="sync-history-title">
        <h2 id="sync-history-title" className="panel-title">
          {t('sync.history.title')}
        </h2>
        {history.error !== null && <ErrorNotice error={history.error} onRetry={history.reload} />}
        {!history.data && history.error === null && <Busy />}
        {history.data && list.length === 0 && <p className="sync-empty">{t('sync.history.none')}</p>}
        {list.length > 0 && (
          <div className="sync-scroll" tabIndex={0} role="region" aria-labelledby="sync-history-title">
            <table className="sync-table">
              <thead>
                <tr>
                  <th scope="col">{t('sync.history.col.date')}</th>
                  <th scope="col">{t('sync.history.col.direction')}</th>
                  <th scope="col">{t('sync.history.col.office')}</th>
                  <th scope="col">{t('sync.history.col.contents')}</th>
                  <th scope="col">{t('sync.history.col.file')}</th>
                </tr>
              </thead>
              <tbody>
                {list.map((entry) => (
                  <tr key={`${entry.direction}-${entry.bundleId}`}>
                    <td className="sync-nowrap">{formatDateTime(t, entry.loggedAt)}</td>
                    <td>
                      <span className={`badge sync-direction sync-direction-${entry.direction}`}>
                        <span aria-hidden="true">{entry.direction === 'sent' ? '↑ ' : '↓ '}</span>
                        {entry.direction === 'sent' ? t('sync.history.sent') : t('sync.history.received')}
                      </span>
                    </td>
                    <th scope="row">{entry.officeName || t('sync.history.everyone')}</th>
                    <td>
                      <Summary summary={entry.summary} t={t} locale={locale} />
                    </td>
                    <td className="sync-file-name">{entry.fileName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
