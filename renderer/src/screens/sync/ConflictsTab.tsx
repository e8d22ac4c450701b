/**
 * "Conflicts": documents both offices changed. The archive applied one side and kept the other in
 * history; each conflict shows the differing fields as "our version" and "their version" (marking
 * which one is in the archive now) and lets the user keep either.
 *
 * `losingSide` is the side that lost: 'mine' means their version is current and "keep mine"
 * brings ours back; 'theirs' means ours is current and "keep theirs" applies theirs.
 */
import { useState, type ReactNode } from 'react';
import type { ConflictInfo } from '../../../../shared/domain/exchange';
import { isMessageKey, type Translate } from '../../../../shared/i18n';
import { useApp } from '../../app/context';
import { formatDate, formatDateTime } from '../../app/format';
import { formatRoute } from '../../app/routes';
import { Busy, ErrorNotice, errorText, kindLabel, langLabel, statusLabel } from '../../app/ui';
import { useI18n } from '../../i18n';
import type { Loaded } from './parts';

export function ConflictsTab(props: { conflicts: Loaded<ConflictInfo[]>; onResolved(): void }): ReactNode {
  const { t } = useI18n();
  const { conflicts } = props;
  const [resolved, setResolved] = useState<string | null>(null);
  const list = conflicts.data ?? [];
  return (
    <div className="sync-tab-body">
      <section className="panel" aria-labelledby="sync-conflicts-title">
        <h2 id="sync-conflicts-title" className="panel-title" tabIndex={-1}>
          {t('sync.conflicts.title')}
        </h2>
        <p className="muted sync-help">{t('sync.conflicts.help')}</p>
        {conflicts.error !== null && <ErrorNotice error={conflicts.error} onRetry={conflicts.reload} />}
        {!conflicts.data && conflicts.error === null && <Busy />}
        {conflicts.data && list.length === 0 && <p className="sync-empty">{t('sync.conflicts.none')}</p>}
        <p className="sync-status" role="status" aria-live="polite">
          {resolved ? t('sync.conflicts.resolved', { title: resolved }) : ''}
        </p>
      </section>
      {list.map((conflict) => (
        <ConflictCard
          key={conflict.id}
          conflict={conflict}
          onResolved={() => {
            setResolved(conflict.title);
            props.onResolved();
            document.getElementById('sync-conflicts-title')?.focus();
          }}
        />
      ))}
    </div>
  );
}

function ConflictCard(props: { conflict: ConflictInfo; onResolved(): void }): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const { conflict } = props;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const mineLost = conflict.losingSide === 'mine';
  const titleId = `sync-conflict-${conflict.id}`;
  const differences = conflict.differences.filter((difference) => normalised(difference.field, difference.current) !== normalised(difference.field, difference.losing));

  const keep = async (side: 'mine' | 'theirs'): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await transport.invoke('exchange.resolve', { id: conflict.id, keep: side });
      props.onResolved();
    } catch (cause) {
      setError(cause);
      setBusy(false);
    }
  };

  const current = <span className="badge sync-current">{t('sync.conflicts.current')}</span>;
  return (
    <article className="panel sync-conflict" aria-labelledby={titleId}>
      <h3 id={titleId} className="sync-conflict-title">
        <a href={formatRoute({ screen: 'document', id: conflict.documentId })}>{conflict.title}</a>
      </h3>
      <p className="muted">
        {t('sync.conflicts.since', { date: formatDateTime(t, conflict.createdAt) })} · {mineLost ? t('sync.conflicts.nowTheirs') : t('sync.conflicts.nowMine')}
      </p>
      {differences.length === 0 ? (
        <p className="muted">{t('sync.conflicts.noDifferences')}</p>
      ) : (
        <div className="sync-scroll" tabIndex={0} role="region" aria-labelledby={titleId}>
          <table className="sync-table sync-diff">
            <thead>
              <tr>
                <th scope="col">{t('sync.conflicts.field')}</th>
                <th scope="col" className={mineLost ? undefined : 'sync-diff-current'}>
                  {t('sync.conflicts.mine')} {!mineLost && current}
                </th>
                <th scope="col" className={mineLost ? 'sync-diff-current' : undefined}>
                  {t('sync.conflicts.theirs')} {mineLost && current}
                </th>
              </tr>
            </thead>
            <tbody>
              {differences.map((difference) => {
                const mine = mineLost ? difference.losing : difference.current;
                const theirs = mineLost ? difference.current : difference.losing;
                return (
                  <tr key={difference.field}>
                    <th scope="row">{fieldLabel(t, difference.field)}</th>
                    <td className={mineLost ? undefined : 'sync-diff-current'}>{valueLabel(t, difference.field, mine)}</td>
                    <td className={mineLost ? 'sync-diff-current' : undefined}>{valueLabel(t, difference.field, theirs)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <div className="sync-actions" role="group" aria-labelledby={titleId}>
        <button type="button" className="button" disabled={busy} onClick={() => void keep('mine')}>
          {t('sync.conflicts.keepMine')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void keep('theirs')}>
          {t('sync.conflicts.keepTheirs')}
        </button>
      </div>
      {error !== null && (
        <p className="field-error sync-error-line" role="alert">
          {errorText(t, error)}
        </p>
      )}
    </article>
  );
}

/** A document field's name from the document screen's labels where there is one. */
function fieldLabel(t: Translate, field: string): string {
  if (field === 'deleted') return t('sync.field.deleted');
  const key = `document.field.${field}`;
  return isMessageKey(key) ? t(key) : field;
}

/**
 * A value in one form for comparing: the core may give the deletion flag as '', '0' or 'false' for
 * a live document (SQLite integer on one side, a missing key on the other).
 */
function normalised(field: string, value: string): string {
  if (field === 'deleted') return value === '1' || value === 'true' ? 'true' : 'false';
  return value;
}

function valueLabel(t: Translate, field: string, value: string): ReactNode {
  if (field === 'deleted') return normalised(field, value) === 'true' ? t('common.yes') : t('common.no');
  if (value === '') return <span className="sync-dim">{t('sync.emptyValue')}</span>;
  switch (field) {
    case 'kind':
      return kindLabel(t, value);
    case 'lang':
      return langLabel(t, value);
    case 'status':
      return statusLabel(t, value);
    case 'date':
      return formatDate(t, value);
    default:
      return value;
  }
}
