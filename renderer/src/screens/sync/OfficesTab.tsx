/**
 * "Offices": this office's name and key fingerprint (read aloud to the other office), the key line
 * to send them, the trusted offices, and adding one from its pasted key line after its fingerprint
 * was checked over the phone.
 */
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ExchangeIdentity, TrustedOfficeInfo } from '../../../../shared/domain/exchange';
import type { MessageKey } from '../../../../shared/i18n';
import { useApp } from '../../app/context';
import { formatDateTime } from '../../app/format';
import { formatRoute } from '../../app/routes';
import { Busy, ErrorNotice } from '../../app/ui';
import { useI18n } from '../../i18n';
import { ActionOutcome, copyText, Fingerprint, type Loaded } from './parts';
import { formatTrustLine, parseTrustLine } from './trust-line';

export function OfficesTab(props: { identity: Loaded<ExchangeIdentity>; offices: Loaded<TrustedOfficeInfo[]>; onChanged(): void }): ReactNode {
  const { identity, offices } = props;
  return (
    <div className="sync-tab-body">
      <div className="sync-columns">
        <SelfPanel identity={identity} />
        <AddOfficePanel identity={identity.data} offices={offices.data ?? []} onAdded={props.onChanged} />
      </div>
      <TrustedOfficesPanel offices={offices} onChanged={props.onChanged} />
    </div>
  );
}

function SelfPanel({ identity }: { identity: Loaded<ExchangeIdentity> }): ReactNode {
  const { t } = useI18n();
  const lineInput = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const line = identity.data ? formatTrustLine(identity.data) : '';

  const copy = async (): Promise<void> => {
    setStatus(null);
    setStatus((await copyText(line, lineInput.current)) ? 'sync.self.copied' : 'sync.self.copyFailed');
  };

  return (
    <section className="panel sync-self" aria-labelledby="sync-self-title">
      <h2 id="sync-self-title" className="panel-title">
        {t('sync.self.title')}
      </h2>
      {identity.error !== null && !identity.data && <ErrorNotice error={identity.error} onRetry={identity.reload} />}
      {!identity.data && identity.error === null && <Busy />}
      {identity.data && (
        <>
          <dl className="sync-facts">
            <dt>{t('sync.self.name')}</dt>
            <dd>
              <span className="sync-self-name">{identity.data.name}</span>{' '}
              <a className="sync-rename" href={formatRoute({ screen: 'settings' })}>
                {t('sync.self.rename')}
              </a>
            </dd>
          </dl>
          <div className="sync-fingerprint-block">
            <p className="field-label">{t('sync.fingerprint')}</p>
            <Fingerprint value={identity.data.fingerprint} large />
          </div>
          <p className="muted sync-help">{t('sync.self.fingerprintHelp')}</p>
          <div className="field sync-key-line">
            <label className="field-label" htmlFor="sync-key-line">
              {t('sync.self.keyLine')}
            </label>
            <div className="sync-inline">
              <input ref={lineInput} id="sync-key-line" type="text" className="sync-mono" readOnly value={line} aria-describedby="sync-key-line-help" onFocus={(event) => event.currentTarget.select()} />
              <button type="button" className="button" onClick={() => void copy()}>
                {t('sync.self.copy')}
              </button>
            </div>
            <p id="sync-key-line-help" className="field-hint">
              {t('sync.self.keyLineHelp')}
            </p>
          </div>
          <p className={`sync-status${status === 'sync.self.copyFailed' ? ' sync-status-warn' : ''}`} role="status" aria-live="polite">
            {status ? t(status) : ''}
          </p>
        </>
      )}
    </section>
  );
}

function AddOfficePanel(props: { identity: ExchangeIdentity | null; offices: TrustedOfficeInfo[]; onAdded(): void }): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const [text, setText] = useState('');
  const [checked, setChecked] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [added, setAdded] = useState<string | null>(null);

  const parsed = useMemo(() => (text.trim() ? parseTrustLine(text) : null), [text]);
  const own = parsed?.ok === true && parsed.office.archiveId === props.identity?.archiveId;
  const candidate = parsed?.ok === true && !own ? parsed : null;
  const problem: MessageKey | null = parsed === null ? null : !parsed.ok ? 'sync.add.invalid' : own ? 'sync.add.self' : null;
  const showProblem = problem !== null && checked;
  const existing = candidate ? props.offices.find((office) => office.archiveId === candidate.office.archiveId) : undefined;

  // A pasted line that reads as a key shows its fingerprint at once; "Check" explains a line that does not.
  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    setChecked(true);
    setAdded(null);
  };

  const trust = async (): Promise<void> => {
    if (!candidate) return;
    setSaving(true);
    setError(null);
    try {
      const office = await transport.invoke('exchange.trust', candidate.office);
      setAdded(office.name);
      setText('');
      setChecked(false);
      props.onAdded();
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  const cancel = (): void => {
    setText('');
    setChecked(false);
    setError(null);
    document.getElementById('sync-add-line')?.focus();
  };

  return (
    <section className="panel sync-add" aria-labelledby="sync-add-title">
      <h2 id="sync-add-title" className="panel-title">
        {t('sync.add.title')}
      </h2>
      <form className="sync-add-form" onSubmit={onSubmit} noValidate>
        <div className="field">
          <label className="field-label" htmlFor="sync-add-line">
            {t('sync.add.label')}
          </label>
          <textarea
            id="sync-add-line"
            className="sync-mono"
            rows={3}
            value={text}
            spellCheck={false}
            autoComplete="off"
            aria-invalid={showProblem || undefined}
            aria-describedby={showProblem ? 'sync-add-error' : 'sync-add-help'}
            onChange={(event) => {
              setText(event.target.value);
              setAdded(null);
              setError(null);
            }}
          />
          {showProblem && problem ? (
            <p id="sync-add-error" className="field-error">
              {t(problem)}
            </p>
          ) : (
            <p id="sync-add-help" className="field-hint">
              {t('sync.add.help')}
            </p>
          )}
        </div>
        {!candidate && (
          <button type="submit" className="button button-secondary" disabled={!text.trim()}>
            {t('sync.add.check')}
          </button>
        )}
      </form>
      {candidate && (
        <div className="sync-confirm" role="group" aria-labelledby="sync-add-confirm-title">
          <h3 id="sync-add-confirm-title" className="sync-confirm-title">
            {t('sync.add.confirmTitle', { name: candidate.office.name })}
          </h3>
          <p className="sync-help">{t('sync.add.confirmHelp')}</p>
          <div className="sync-fingerprint-block">
            <p className="field-label">{t('sync.fingerprint')}</p>
            <Fingerprint value={candidate.fingerprint} large />
          </div>
          <dl className="sync-facts">
            <dt>{t('sync.archiveId')}</dt>
            <dd className="sync-mono-text">{candidate.office.archiveId}</dd>
          </dl>
          {existing && <p className="notice sync-note">{t('sync.add.replaces')}</p>}
          <div className="sync-actions">
            <button type="button" className="button" disabled={saving} onClick={() => void trust()}>
              {t('sync.add.confirm')}
            </button>
            <button type="button" className="button button-secondary" disabled={saving} onClick={cancel}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
      <ActionOutcome error={error} status={added ? t('sync.add.added', { name: added }) : ''} />
    </section>
  );
}

function TrustedOfficesPanel(props: { offices: Loaded<TrustedOfficeInfo[]>; onChanged(): void }): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const { offices } = props;
  const [confirming, setConfirming] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [removed, setRemoved] = useState<string | null>(null);

  const remove = async (office: TrustedOfficeInfo): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await transport.invoke('exchange.untrust', { archiveId: office.archiveId });
      setConfirming(null);
      setRemoved(office.name);
      props.onChanged();
      document.getElementById('sync-offices-title')?.focus();
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const cancel = (archiveId: string): void => {
    setConfirming(null);
    window.setTimeout(() => document.getElementById(`sync-remove-${archiveId}`)?.focus(), 0);
  };

  const list = offices.data ?? [];
  return (
    <section className="panel" aria-labelledby="sync-offices-title">
      <h2 id="sync-offices-title" className="panel-title" tabIndex={-1}>
        {t('sync.offices.title')}
      </h2>
      <p className="muted sync-help">{t('sync.offices.help')}</p>
      {offices.error !== null && <ErrorNotice error={offices.error} onRetry={offices.reload} />}
      {!offices.data && offices.error === null && <Busy />}
      {offices.data && list.length === 0 && <p className="sync-empty">{t('sync.offices.none')}</p>}
      {list.length > 0 && (
        <div className="sync-scroll" tabIndex={0} role="region" aria-labelledby="sync-offices-title">
          <table className="sync-table">
            <thead>
              <tr>
                <th scope="col">{t('sync.offices.col.name')}</th>
                <th scope="col">{t('sync.fingerprint')}</th>
                <th scope="col">{t('sync.offices.col.last')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('sync.offices.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((office) => (
                <OfficeRows
                  key={office.archiveId}
                  office={office}
                  confirming={confirming === office.archiveId}
                  busy={busy}
                  onAsk={() => {
                    setConfirming(office.archiveId);
                    setRemoved(null);
                  }}
                  onCancel={() => cancel(office.archiveId)}
                  onRemove={() => void remove(office)}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActionOutcome error={error} status={removed ? t('sync.offices.removed', { name: removed }) : ''} />
    </section>
  );
}

function OfficeRows(props: { office: TrustedOfficeInfo; confirming: boolean; busy: boolean; onAsk(): void; onCancel(): void; onRemove(): void }): ReactNode {
  const { t } = useI18n();
  const { office } = props;
  // The question takes the focus on its safe answer: Enter does not remove by accident.
  const no = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (props.confirming) no.current?.focus();
  }, [props.confirming]);
  return (
    <>
      <tr>
        <th scope="row" className="sync-office-name">
          {office.name}
          <span className="sync-subtle sync-mono-text">{office.archiveId}</span>
        </th>
        <td>
          <Fingerprint value={office.fingerprint} />
        </td>
        <td>
          <dl className="sync-last">
            <dt>{t('sync.offices.col.lastSent')}</dt>
            <dd>{office.lastSentAt ? formatDateTime(t, office.lastSentAt) : <span className="sync-dim">{t('sync.never')}</span>}</dd>
            <dt>{t('sync.offices.col.lastReceived')}</dt>
            <dd>{office.lastReceivedAt ? formatDateTime(t, office.lastReceivedAt) : <span className="sync-dim">{t('sync.never')}</span>}</dd>
          </dl>
        </td>
        <td className="sync-row-actions">
          <button
            id={`sync-remove-${office.archiveId}`}
            type="button"
            className="button button-secondary button-small"
            aria-label={t('sync.offices.removeLabel', { name: office.name })}
            aria-expanded={props.confirming}
            disabled={props.confirming}
            onClick={props.onAsk}
          >
            {t('sync.offices.remove')}
          </button>
        </td>
      </tr>
      {props.confirming && (
        <tr className="sync-confirm-row">
          <td colSpan={4}>
            <div className="sync-remove-confirm" role="group" aria-labelledby={`sync-remove-q-${office.archiveId}`}>
              <p id={`sync-remove-q-${office.archiveId}`}>{t('sync.offices.removeConfirm', { name: office.name })}</p>
              <div className="sync-actions">
                <button type="button" className="button button-danger" disabled={props.busy} onClick={props.onRemove}>
                  {t('sync.offices.removeYes')}
                </button>
                <button ref={no} type="button" className="button button-secondary" disabled={props.busy} onClick={props.onCancel}>
                  {t('common.cancel')}
                </button>
              </div>
            </div>
          </td>
        </tr>
      )}
    </>
  );
}
