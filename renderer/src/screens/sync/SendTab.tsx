/**
 * "Send": a two-step wizard (what to send, then create the bundle) whose result is a download
 * link in browser mode or the bundle's path on this computer in the desktop app; and, when a sync
 * folder is set, one click that writes a bundle for every trusted office into it.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { BundleExportOutcome, BundleSelection, TrustedOfficeInfo } from '../../../../shared/domain/exchange';
import { useApp } from '../../app/context';
import { formatBytes, formatDateTime, formatNumber } from '../../app/format';
import { JobProgress } from '../../app/JobProgress';
import { Busy, ErrorNotice } from '../../app/ui';
import { useI18n } from '../../i18n';
import type { Loaded } from './parts';

type Choice = 'office' | 'all';

export function SendTab(props: { offices: Loaded<TrustedOfficeInfo[]>; folder: string | null; onSent(): void; onSetUpFolder(): void }): ReactNode {
  return (
    <div className="sync-tab-body sync-send">
      <ExportWizard offices={props.offices.data ?? []} onSent={props.onSent} />
      <FolderSend folder={props.folder} offices={props.offices.data ?? []} onSent={props.onSent} onSetUpFolder={props.onSetUpFolder} />
    </div>
  );
}

function ExportWizard(props: { offices: TrustedOfficeInfo[]; onSent(): void }): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const { offices } = props;
  const [chosen, setChosen] = useState<Choice | null>(null);
  const [officeId, setOfficeId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [outcome, setOutcome] = useState<BundleExportOutcome | null>(null);
  const resultTitle = useRef<HTMLHeadingElement>(null);

  // Until the user picks, "one office" when there is one to pick.
  const choice: Choice = offices.length === 0 ? 'all' : (chosen ?? 'office');
  const office = offices.find((item) => item.archiveId === officeId) ?? offices[0];

  useEffect(() => {
    if (outcome) resultTitle.current?.focus();
  }, [outcome]);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const selection: BundleSelection | null = choice === 'all' ? { kind: 'all' } : office ? { kind: 'office', office: office.archiveId } : null;
    if (!selection) return;
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      setOutcome(await transport.invoke('exchange.export', { selection }));
      props.onSent();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="sync-send-title">
      <h2 id="sync-send-title" className="panel-title">
        {t('sync.send.title')}
      </h2>
      <form className="sync-wizard" onSubmit={(event) => void onSubmit(event)} noValidate>
        <fieldset className="sync-step" disabled={busy}>
          <legend className="sync-step-title">{t('sync.send.step1')}</legend>
          <div className="sync-choice">
            <label className="sync-radio">
              <input type="radio" name="sync-send-what" value="office" checked={choice === 'office'} disabled={offices.length === 0} onChange={() => setChosen('office')} />
              <span>{t('sync.send.office')}</span>
            </label>
            {offices.length === 0 ? (
              <p className="sync-choice-detail muted">{t('sync.send.noOffices')}</p>
            ) : (
              <div className="sync-choice-detail">
                <label className="field sync-office-select">
                  <span className="field-label">{t('sync.send.officeSelect')}</span>
                  <select
                    value={office?.archiveId ?? ''}
                    disabled={choice !== 'office'}
                    aria-describedby="sync-send-last"
                    onChange={(event) => {
                      setOfficeId(event.target.value);
                      setChosen('office');
                    }}
                  >
                    {offices.map((item) => (
                      <option key={item.archiveId} value={item.archiveId}>
                        {item.name}
                      </option>
                    ))}
                  </select>
                </label>
                {office && (
                  <p id="sync-send-last" className="field-hint">
                    {office.lastSentAt ? t('sync.send.lastSent', { date: formatDateTime(t, office.lastSentAt) }) : t('sync.send.firstTime')}
                  </p>
                )}
              </div>
            )}
          </div>
          <div className="sync-choice">
            <label className="sync-radio">
              <input type="radio" name="sync-send-what" value="all" checked={choice === 'all'} onChange={() => setChosen('all')} aria-describedby="sync-send-all-help" />
              <span>{t('sync.send.all')}</span>
            </label>
            <p id="sync-send-all-help" className="sync-choice-detail field-hint">
              {t('sync.send.allHelp')}
            </p>
          </div>
        </fieldset>
        <div className="sync-step">
          <h3 className="sync-step-title">{t('sync.send.step2')}</h3>
          <button type="submit" className="button" disabled={busy || (choice === 'office' && !office)}>
            {t('sync.send.create')}
          </button>
          {busy && <Busy label={t('sync.send.creating')} />}
          {/* The export is a job: its progress (entries written) and a way to stop it. */}
          <JobProgress kind="bundle-export" active={busy} />
        </div>
      </form>
      {error !== null && <ErrorNotice error={error} />}
      {outcome && (
        <div className="sync-result">
          <h3 ref={resultTitle} tabIndex={-1} className="sync-result-title">
            {outcome.to ? t('sync.send.doneFor', { name: outcome.to.name }) : t('sync.send.done')}
          </h3>
          <ExportCounts outcome={outcome} />
          {outcome.documents + outcome.tombstones + outcome.relations === 0 && <p className="muted">{t('sync.send.nothingNew')}</p>}
          <BundleLocation outcome={outcome} />
          <button type="button" className="link-button" onClick={() => setOutcome(null)}>
            {t('sync.send.another')}
          </button>
        </div>
      )}
    </section>
  );
}

function ExportCounts({ outcome }: { outcome: BundleExportOutcome }): ReactNode {
  const { t, locale } = useI18n();
  const items: Array<[string, string]> = [
    [t('sync.count.documents'), formatNumber(locale, outcome.documents)],
    [t('sync.count.tombstones'), formatNumber(locale, outcome.tombstones)],
    [t('sync.count.relations'), formatNumber(locale, outcome.relations)],
    [t('sync.count.files'), formatNumber(locale, outcome.files)],
    [t('sync.count.size'), formatBytes(locale, t, outcome.bytes)],
  ];
  return (
    <dl className="sync-counts">
      {items.map(([label, value]) => (
        <div key={label} className="sync-count">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Browser mode downloads the bundle; the desktop app says where the file already is. */
function BundleLocation({ outcome }: { outcome: BundleExportOutcome }): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const url = transport.bundleUrl(outcome.fileName);
  if (url) {
    return (
      <div className="sync-location">
        <a className="button sync-download" href={url} download={outcome.fileName}>
          {t('sync.send.download')}
        </a>
        <span className="sync-dim sync-mono-text">{outcome.fileName}</span>
        <p className="field-hint">{t('sync.send.downloadHelp')}</p>
      </div>
    );
  }
  return (
    <div className="sync-location">
      <p className="sync-saved">
        {t('sync.send.savedAt')} <span className="path">{outcome.path}</span>
      </p>
      <p className="field-hint">{t('sync.send.savedHelp')}</p>
    </div>
  );
}

function FolderSend(props: { folder: string | null; offices: TrustedOfficeInfo[]; onSent(): void; onSetUpFolder(): void }): ReactNode {
  const { t, locale } = useI18n();
  const { transport } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [results, setResults] = useState<BundleExportOutcome[] | null>(null);

  const send = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setResults(null);
    try {
      setResults(await transport.invoke('exchange.syncSend', {}));
      props.onSent();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="sync-folder-send-title">
      <h2 id="sync-folder-send-title" className="panel-title">
        {t('sync.send.folderTitle')}
      </h2>
      {props.folder ? (
        <>
          <p className="muted sync-help">
            {t('sync.send.folderHelp')} <span className="path">{props.folder}</span>
          </p>
          {props.offices.length === 0 && <p className="muted sync-help">{t('sync.send.noOffices')}</p>}
          <button type="button" className="button" disabled={busy || props.offices.length === 0} onClick={() => void send()}>
            {t('sync.send.folderButton')}
          </button>
          {busy && <Busy label={t('sync.send.folderSending')} />}
        </>
      ) : (
        <>
          <p className="muted sync-help">{t('sync.send.folderNone')}</p>
          <button type="button" className="button button-secondary" onClick={props.onSetUpFolder}>
            {t('sync.send.folderSetUp')}
          </button>
        </>
      )}
      {error !== null && <ErrorNotice error={error} />}
      <div role="status" aria-live="polite">
        {results && (
          <>
            <p className="sync-status">{t('sync.send.folderDone', { n: formatNumber(locale, results.length) })}</p>
            <ul className="sync-sent-list">
              {results.map((result) => (
                <li key={result.bundleId}>
                  <strong>{result.to?.name ?? t('sync.history.everyone')}</strong>
                  {' — '}
                  {t('sync.count.documents')}: {formatNumber(locale, result.documents)}, {t('sync.count.tombstones')}: {formatNumber(locale, result.tombstones)},{' '}
                  {t('sync.count.files')}: {formatNumber(locale, result.files)}, {formatBytes(locale, t, result.bytes)}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
