/**
 * "Receive": a bundle is opened (dropped, chosen, handed over by the desktop shell, or picked from
 * the sync folder), checked completely and previewed — who sent it, when, what it would change —
 * and imported only when the user says so. An unknown sender needs the user's word that its
 * fingerprint was checked with the office. Any failure says that nothing was changed.
 *
 * An upload (browser mode) survives `exchange.inspect` and is consumed by `exchange.import`, so
 * the same upload id is inspected and then imported.
 */
import { useDropTarget } from '../../app/use-drop-target';
import { useEffect, useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { BundleImportOutcome, BundleInspection, SyncFolderBundle } from '../../../../shared/domain/exchange';
import type { ImportSource } from '../../../../shared/domain/import';
import { isMessageKey, type MessageKey } from '../../../../shared/i18n';
import { useApp } from '../../app/context';
import { formatDateTime, formatNumber } from '../../app/format';
import { formatRoute } from '../../app/routes';
import { JobProgress } from '../../app/JobProgress';
import { Busy, ErrorNotice, errorText, toApiError } from '../../app/ui';
import { useI18n } from '../../i18n';
import { ActionOutcome, baseName, Fingerprint, ImportCounts, isBundleName, joinPath, useLoaded } from './parts';

/** A bundle to open and the name to show for it. */
interface Opened {
  source: ImportSource;
  label: string;
}

type Stage =
  | { step: 'idle' }
  | { step: 'uploading' }
  | { step: 'checking'; bundle: Opened }
  | { step: 'inspected'; bundle: Opened; inspection: BundleInspection }
  | { step: 'importing'; bundle: Opened; inspection: BundleInspection }
  | { step: 'imported'; bundle: Opened; outcome: BundleImportOutcome }
  | { step: 'failed'; bundle: Opened | null; phase: 'inspect' | 'import'; error: unknown };

export function ReceiveTab(props: {
  folder: string | null;
  reloadKey: string;
  /** Asks for the folder field to take the focus (from the Send tab's "set the sync folder"). */
  focusFolder: number;
  onFolderChanged(): void;
  onImported(): void;
  onShowConflicts(): void;
}): ReactNode {
  const { t } = useI18n();
  const { transport, info, pendingBundlePaths, takePendingBundlePaths } = useApp();
  const desktop = info?.host === 'desktop';
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const [queue, setQueue] = useState<Opened[]>([]);
  const [pickProblem, setPickProblem] = useState<MessageKey | null>(null);
  const [pickError, setPickError] = useState<unknown>(null);
  const [trustChecked, setTrustChecked] = useState(false);
  const busy = stage.step === 'uploading' || stage.step === 'checking' || stage.step === 'importing';
  const cardTitle = useRef<HTMLHeadingElement>(null);

  const inspect = async (bundle: Opened): Promise<void> => {
    setStage({ step: 'checking', bundle });
    setTrustChecked(false);
    try {
      const inspection = await transport.invoke('exchange.inspect', { source: bundle.source });
      setStage({ step: 'inspected', bundle, inspection });
    } catch (error) {
      setStage({ step: 'failed', bundle, phase: 'inspect', error });
    }
  };

  const open = (bundles: Opened[]): void => {
    const [first, ...rest] = bundles;
    if (!first) return;
    setPickProblem(null);
    setPickError(null);
    setQueue((waiting) => [...waiting, ...rest]);
    void inspect(first);
  };

  const next = (): void => {
    const [first, ...rest] = queue;
    setQueue(rest);
    if (first) void inspect(first);
    else setStage({ step: 'idle' });
  };

  // Bundles the desktop shell handed over (file association, menu, a second launch).
  useEffect(() => {
    if (busy || pendingBundlePaths.length === 0) return;
    const paths = takePendingBundlePaths();
    const bundles = paths.map((path) => ({ source: { type: 'path' as const, path }, label: baseName(path) }));
    if (stage.step === 'inspected') setQueue((waiting) => [...waiting, ...bundles]);
    else open(bundles);
    // takePendingBundlePaths is a fresh function on every render of the shell; the list is what matters.
  }, [pendingBundlePaths, busy]);

  // Each new card (preview, result, failure) takes the focus, so that it is read out.
  useEffect(() => {
    if (stage.step === 'inspected' || stage.step === 'imported' || stage.step === 'failed') cardTitle.current?.focus();
  }, [stage.step]);

  const openFiles = async (files: File[]): Promise<void> => {
    const bundles = files.filter((file) => isBundleName(file.name));
    setPickError(null);
    setPickProblem(bundles.length < files.length ? 'sync.receive.notBundle' : null);
    if (bundles.length === 0) return;
    setStage({ step: 'uploading' });
    try {
      const sources = await transport.sourcesForFiles(bundles);
      open(sources.map((source, index) => ({ source, label: bundles[index]?.name ?? '' })));
    } catch (error) {
      setStage({ step: 'failed', bundle: null, phase: 'inspect', error });
    }
  };

  const pickDesktop = async (): Promise<void> => {
    setPickError(null);
    setPickProblem(null);
    try {
      const paths = await transport.invoke('app.pickImportPaths', { folders: false });
      const bundles = paths.filter(isBundleName);
      if (bundles.length < paths.length) setPickProblem('sync.receive.notBundle');
      open(bundles.map((path) => ({ source: { type: 'path', path }, label: baseName(path) })));
    } catch (error) {
      setPickError(error);
    }
  };

  const runImport = async (): Promise<void> => {
    if (stage.step !== 'inspected') return;
    const { bundle, inspection } = stage;
    setStage({ step: 'importing', bundle, inspection });
    try {
      const params = inspection.signer === 'unknown' ? { source: bundle.source, trustSigner: true } : { source: bundle.source };
      const outcome = await transport.invoke('exchange.import', params);
      setStage({ step: 'imported', bundle, outcome });
      props.onImported();
    } catch (error) {
      setStage({ step: 'failed', bundle, phase: 'import', error });
    }
  };

  const openFromFolder = (entry: SyncFolderBundle): void => {
    if (!props.folder || busy) return;
    open([{ source: { type: 'path', path: joinPath(props.folder, entry.fileName) }, label: entry.fileName }]);
  };

  const onScreen = stage.step !== 'idle';
  return (
    <div className="sync-tab-body">
      <BundleDropZone
        compact={onScreen}
        desktop={desktop}
        busy={busy}
        onFiles={(files) => void openFiles(files)}
        onPickDesktop={() => void pickDesktop()}
      />
      {pickProblem && (
        <p className="notice sync-note" role="status">
          {t(pickProblem)} <a href={formatRoute({ screen: 'import' })}>{t('nav.import')}</a>
        </p>
      )}
      {pickError !== null && <ErrorNotice error={pickError} />}
      {stage.step === 'uploading' && <Busy label={t('sync.receive.uploading')} />}
      {stage.step === 'checking' && <Busy label={t('sync.receive.checking')} />}
      {(stage.step === 'inspected' || stage.step === 'importing') && (
        <InspectionCard
          titleRef={cardTitle}
          bundle={stage.bundle}
          inspection={stage.inspection}
          importing={stage.step === 'importing'}
          trustChecked={trustChecked}
          onTrustChecked={setTrustChecked}
          onImport={() => void runImport()}
          onCancel={next}
        />
      )}
      {stage.step === 'imported' && (
        <ResultCard titleRef={cardTitle} outcome={stage.outcome} more={queue.length > 0} onNext={next} onShowConflicts={props.onShowConflicts} />
      )}
      {stage.step === 'failed' && <FailureCard titleRef={cardTitle} phase={stage.phase} error={stage.error} label={stage.bundle?.label ?? null} more={queue.length > 0} onNext={next} />}
      {queue.length > 0 && <p className="muted">{t('sync.receive.queue', { n: queue.length })}</p>}
      <SyncFolderPanel
        folder={props.folder}
        reloadKey={props.reloadKey}
        focusFolder={props.focusFolder}
        desktop={desktop}
        busy={busy}
        onChanged={props.onFolderChanged}
        onOpen={openFromFolder}
      />
    </div>
  );
}

function BundleDropZone(props: { compact: boolean; desktop: boolean; busy: boolean; onFiles(files: File[]): void; onPickDesktop(): void }): ReactNode {
  const { t } = useI18n();
  const { over, handlers } = useDropTarget(props.busy, (event) => props.onFiles(Array.from(event.dataTransfer.files)));
  const input = useRef<HTMLInputElement>(null);


  return (
    <section
      className={`panel sync-drop${over ? ' sync-drop-over' : ''}${props.compact ? ' sync-drop-compact' : ''}`}
      aria-labelledby="sync-drop-title"
      aria-describedby="sync-drop-help"
      {...handlers}
    >
      <svg className="sync-drop-icon" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
        <rect x="9" y="8" width="30" height="34" rx="4" fill="none" stroke="currentColor" strokeWidth="2.5" />
        <path d="M17 20h14M17 27h14M17 34h8" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
        <circle cx="36" cy="36" r="7" fill="currentColor" />
        <path d="m33 36 2 2 4-4" fill="none" stroke="#fff" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <div className="sync-drop-text">
        <h2 id="sync-drop-title" className="sync-drop-title">
          {t('sync.receive.drop')}
        </h2>
        <p id="sync-drop-help" className="muted">
          {t('sync.receive.dropHelp')}
        </p>
      </div>
      <button type="button" className="button" disabled={props.busy} onClick={() => (props.desktop ? props.onPickDesktop() : input.current?.click())}>
        {t('sync.receive.choose')}
      </button>
      {!props.desktop && (
        <input
          ref={input}
          className="visually-hidden"
          type="file"
          accept=".muragat"
          multiple
          tabIndex={-1}
          aria-hidden="true"
          data-testid="sync-bundle-input"
          onChange={(event) => {
            const files = Array.from(event.currentTarget.files ?? []);
            // Cleared so that choosing the same file again still fires `change`.
            event.currentTarget.value = '';
            props.onFiles(files);
          }}
        />
      )}
    </section>
  );
}

function InspectionCard(props: {
  titleRef: RefObject<HTMLHeadingElement | null>;
  bundle: Opened;
  inspection: BundleInspection;
  importing: boolean;
  trustChecked: boolean;
  onTrustChecked(checked: boolean): void;
  onImport(): void;
  onCancel(): void;
}): ReactNode {
  const { t } = useI18n();
  const { inspection } = props;
  const unknown = inspection.signer === 'unknown';
  const blocked = inspection.alreadyImported || (unknown && !props.trustChecked);
  return (
    <section className={`panel sync-card${unknown ? ' sync-card-warn' : ''}`} aria-labelledby="sync-inspect-title">
      <h2 id="sync-inspect-title" ref={props.titleRef} tabIndex={-1} className="panel-title">
        {t('sync.inspect.title', { name: inspection.from.name })}
      </h2>
      <dl className="sync-facts">
        <dt>{t('sync.fingerprint')}</dt>
        <dd>
          <Fingerprint value={inspection.from.fingerprint} />
        </dd>
        <dt>{t('sync.inspect.created')}</dt>
        <dd>{formatDateTime(t, inspection.createdAt)}</dd>
        <dt>{t('sync.folder.col.file')}</dt>
        <dd className="sync-file-name">{props.bundle.label}</dd>
      </dl>
      {inspection.signer === 'trusted' && (
        <p className="sync-ok">
          <span className="sync-ok-mark" aria-hidden="true">
            ✓
          </span>
          {t('sync.inspect.trusted')}
        </p>
      )}
      {inspection.signer === 'self' && <p className="notice sync-note">{t('sync.inspect.self')}</p>}
      {unknown && (
        <div className="notice sync-unknown" role="group" aria-labelledby="sync-unknown-title">
          <h3 id="sync-unknown-title" className="notice-title">
            <span className="sync-warn-mark" aria-hidden="true">
              !
            </span>
            {t('sync.inspect.unknownTitle')}
          </h3>
          <p>{t('sync.inspect.unknownHelp', { name: inspection.from.name })}</p>
          <p className="sync-unknown-fingerprint">
            <Fingerprint value={inspection.from.fingerprint} large />
          </p>
          <label className="sync-check">
            <input type="checkbox" checked={props.trustChecked} disabled={props.importing} onChange={(event) => props.onTrustChecked(event.target.checked)} />
            <span>{t('sync.inspect.unknownConfirm')}</span>
          </label>
          <p className="field-hint">{t('sync.inspect.unknownNote')}</p>
        </div>
      )}
      {inspection.alreadyImported && (
        <p className="notice sync-note" role="status">
          {t('sync.inspect.already')}
        </p>
      )}
      <h3 className="panel-subtitle">{t('sync.inspect.preview')}</h3>
      <ImportCounts counts={inspection.counts} label={t('sync.inspect.preview')} />
      {inspection.counts.conflicts > 0 && <p className="muted sync-help">{t('sync.inspect.conflictsNote')}</p>}
      <div className="sync-actions">
        <button type="button" className="button" disabled={blocked || props.importing} onClick={props.onImport}>
          {t('sync.inspect.import')}
        </button>
        <button type="button" className="button button-secondary" disabled={props.importing} onClick={props.onCancel}>
          {inspection.alreadyImported ? t('common.close') : t('common.cancel')}
        </button>
        {props.importing && <Busy label={t('sync.inspect.importing')} />}
        {/* The import is a job: files taken from the bundle, and Stop before anything is applied. */}
        <JobProgress kind="bundle-import" active={props.importing} />
      </div>
    </section>
  );
}

function ResultCard(props: {
  titleRef: RefObject<HTMLHeadingElement | null>;
  outcome: BundleImportOutcome;
  more: boolean;
  onNext(): void;
  onShowConflicts(): void;
}): ReactNode {
  const { t, locale } = useI18n();
  const { outcome } = props;
  return (
    <section className="panel sync-card sync-card-ok" aria-labelledby="sync-result-title">
      <h2 id="sync-result-title" ref={props.titleRef} tabIndex={-1} className="panel-title">
        {t('sync.result.title')}
      </h2>
      <p className="muted">{t('sync.result.from', { name: outcome.from.name })}</p>
      {outcome.applied ? (
        <ImportCounts counts={outcome} label={t('sync.result.title')} />
      ) : (
        <p className="notice sync-note">{t('sync.result.already')}</p>
      )}
      {outcome.conflicts > 0 && (
        <p className="sync-conflicts-line">
          {t('sync.result.conflicts', { n: formatNumber(locale, outcome.conflicts) })}{' '}
          <button type="button" className="link-button" onClick={props.onShowConflicts}>
            {t('sync.result.showConflicts')}
          </button>
        </p>
      )}
      <div className="sync-actions">
        <button type="button" className="button button-secondary" onClick={props.onNext}>
          {props.more ? t('sync.result.next') : t('sync.result.another')}
        </button>
      </div>
    </section>
  );
}

function FailureCard(props: {
  titleRef: RefObject<HTMLHeadingElement | null>;
  phase: 'inspect' | 'import';
  error: unknown;
  label: string | null;
  more: boolean;
  onNext(): void;
}): ReactNode {
  const { t } = useI18n();
  const apiError = toApiError(props.error);
  return (
    <section className="panel sync-card sync-card-error" role="alert" aria-labelledby="sync-failure-title">
      <h2 id="sync-failure-title" ref={props.titleRef} tabIndex={-1} className="panel-title">
        {props.phase === 'inspect' ? t('sync.error.inspectTitle') : t('sync.error.importTitle')}
      </h2>
      {props.label && <p className="sync-file-name">{props.label}</p>}
      <p className="sync-error-text" title={apiError.message}>
        {errorText(t, apiError)}
      </p>
      <p className="sync-reassure">{t('sync.error.nothingChanged')}</p>
      <div className="sync-actions">
        <button type="button" className="button button-secondary" onClick={props.onNext}>
          {props.more ? t('sync.result.next') : t('sync.error.another')}
        </button>
      </div>
    </section>
  );
}

/** The message for an error code the core reported as text (a damaged bundle in the sync folder). */
function errorKey(code: string): MessageKey {
  const key = `error.${code}`;
  return isMessageKey(key) ? key : 'error.generic';
}

function SyncFolderPanel(props: {
  folder: string | null;
  reloadKey: string;
  focusFolder: number;
  desktop: boolean;
  busy: boolean;
  onChanged(): void;
  onOpen(entry: SyncFolderBundle): void;
}): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const current = props.folder ?? '';
  const [value, setValue] = useState(current);
  const [edited, setEdited] = useState(false);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [error, setError] = useState<unknown>(null);
  const input = useRef<HTMLInputElement>(null);
  const waiting = useLoaded(transport, 'exchange.syncList', `${props.reloadKey}|${current}`);

  useEffect(() => {
    if (!edited) setValue(current);
  }, [current, edited]);

  useEffect(() => {
    if (props.focusFolder > 0) input.current?.focus();
  }, [props.focusFolder]);

  const save = async (folder: string | null, done: MessageKey): Promise<void> => {
    setSaving(true);
    setError(null);
    setStatus(null);
    try {
      const result = await transport.invoke('exchange.setSyncFolder', { folder });
      setValue(result.folder ?? '');
      setEdited(false);
      setStatus(done);
      props.onChanged();
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    const folder = value.trim();
    void save(folder || null, folder ? 'sync.folder.saved' : 'sync.folder.cleared');
  };

  const choose = async (): Promise<void> => {
    setError(null);
    try {
      const [folder] = await transport.invoke('app.pickImportPaths', { folders: true });
      if (folder) await save(folder, 'sync.folder.saved');
    } catch (cause) {
      setError(cause);
    }
  };

  // Bundles ready to import first, damaged ones after them.
  const entries = [...(waiting.data ?? [])].sort((x, y) => Number(x.errorCode !== null) - Number(y.errorCode !== null));
  return (
    <section className="panel" aria-labelledby="sync-folder-title">
      <h2 id="sync-folder-title" className="panel-title">
        {t('sync.folder.title')}
      </h2>
      <p className="muted sync-help">{t('sync.folder.help')}</p>
      {props.desktop ? (
        <form className="sync-folder-form" onSubmit={onSubmit} noValidate>
          <div className="field sync-folder-field">
            <label className="field-label" htmlFor="sync-folder">
              {t('sync.folder.label')}
            </label>
            <input
              ref={input}
              id="sync-folder"
              type="text"
              className="sync-mono"
              value={value}
              spellCheck={false}
              autoComplete="off"
              onChange={(event) => {
                setValue(event.target.value);
                setEdited(true);
                setStatus(null);
              }}
            />
          </div>
          <div className="sync-folder-buttons">
            <button type="submit" className="button" disabled={saving || value.trim() === current}>
              {t('common.save')}
            </button>
            <button type="button" className="button button-secondary" disabled={saving} onClick={() => void choose()}>
              {t('sync.folder.choose')}
            </button>
            {props.folder && (
              <button type="button" className="button button-secondary" disabled={saving} onClick={() => void save(null, 'sync.folder.cleared')}>
                {t('sync.folder.clear')}
              </button>
            )}
          </div>
        </form>
      ) : (
        // A browser never sets a folder of the serving computer: whoever starts the server does.
        <div className="sync-folder-browser">
          <p>
            {t('sync.folder.label')}: {props.folder ? <span className="sync-mono-text">{props.folder}</span> : t('sync.folder.notSet')}
          </p>
          <p className="field-hint">{t('sync.folder.browserNote', { command: 'muragat serve --sync-folder …' })}</p>
        </div>
      )}
      <ActionOutcome error={error} status={status ? t(status) : ''} />

      {props.folder && (
        <>
          <div className="sync-subhead">
            <h3 id="sync-waiting-title" className="panel-subtitle">
              {t('sync.folder.waiting')}
            </h3>
            <button type="button" className="button button-secondary button-small" disabled={waiting.loading} onClick={waiting.reload}>
              {t('sync.folder.refresh')}
            </button>
          </div>
          {waiting.error !== null && <ErrorNotice error={waiting.error} onRetry={waiting.reload} />}
          {waiting.loading && !waiting.data && <Busy />}
          {waiting.data && entries.length === 0 && <p className="sync-empty">{t('sync.folder.noneWaiting')}</p>}
          {entries.length > 0 && (
            <div className="sync-scroll" tabIndex={0} role="region" aria-labelledby="sync-waiting-title">
              <table className="sync-table">
                <thead>
                  <tr>
                    <th scope="col">{t('sync.folder.col.from')}</th>
                    <th scope="col">{t('sync.folder.col.date')}</th>
                    <th scope="col">{t('sync.folder.col.state')}</th>
                    <th scope="col">{t('sync.folder.col.file')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('sync.offices.col.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((entry) => (
                    <tr key={entry.fileName}>
                      <th scope="row">
                        {entry.from ? (
                          <>
                            {entry.from.name}
                            <span className="sync-subtle">
                              <Fingerprint value={entry.from.fingerprint} />
                            </span>
                          </>
                        ) : (
                          <span className="sync-dim">—</span>
                        )}
                      </th>
                      <td>{entry.createdAt ? formatDateTime(t, entry.createdAt) : ''}</td>
                      <td>
                        {entry.errorCode ? (
                          <span className="sync-state-error" title={entry.errorCode}>
                            {t(errorKey(entry.errorCode))}
                          </span>
                        ) : (
                          <span className="sync-state-ok">{t('sync.folder.ready')}</span>
                        )}
                      </td>
                      <td className="sync-file-name">{entry.fileName}</td>
                      <td className="sync-row-actions">
                        {!entry.errorCode && (
                          <button
                            type="button"
                            className="button button-small"
                            disabled={props.busy}
                            aria-label={t('sync.folder.openLabel', { file: entry.from ? `${entry.from.name}, ${formatDateTime(t, entry.createdAt)}` : entry.fileName })}
                            onClick={() => props.onOpen(entry)}
                          >
                            {t('sync.folder.open')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}
