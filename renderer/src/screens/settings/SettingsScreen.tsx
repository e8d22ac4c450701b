/**
 * Settings: the UI language (switches at once, no restart), the archive's name (what other
 * offices see in exchanged bundles), where the data lives, text recognition of scans (OCR),
 * what the archive holds, a diagnostics zip for support, and the version for support calls.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { DiagnosticsOutcome } from '../../../../shared/contract';
import type { ArchiveStats } from '../../../../shared/domain/document';
import { LOCALE_NAMES, LOCALES, type MessageKey } from '../../../../shared/i18n';
import { useApp } from '../../app/context';
import { formatBytes, formatNumber } from '../../app/format';
import { ErrorNotice, errorText } from '../../app/ui';
import { useI18n } from '../../i18n';
import { OcrSection } from './OcrSection';
import './settings.css';

/** The core's limit (contract schema). */
const NAME_MAX = 200;

export function SettingsScreen(): ReactNode {
  const { t } = useI18n();
  return (
    <div className="settings-screen">
      <h1 className="screen-title">{t('settings.title')}</h1>
      <LanguageSection />
      <NameSection />
      <DataFolderSection />
      <OcrSection />
      <StatsSection />
      <DiagnosticsSection />
      <AboutSection />
    </div>
  );
}

function LanguageSection(): ReactNode {
  const { t, locale, setLocale } = useI18n();
  return (
    <section className="panel settings-section" aria-labelledby="settings-language">
      <h2 id="settings-language" className="panel-title">
        {t('settings.language.title')}
      </h2>
      <fieldset className="language-choice">
        <legend className="muted">{t('settings.language.help')}</legend>
        {LOCALES.map((code) => (
          <label key={code} className="language-radio" lang={code}>
            <input type="radio" name="ui-language" value={code} checked={locale === code} onChange={() => setLocale(code)} />
            <span>{LOCALE_NAMES[code]}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function nameError(name: string): MessageKey | null {
  if (!name.trim()) return 'settings.name.required';
  if (name.trim().length > NAME_MAX) return 'settings.name.tooLong';
  return null;
}

function NameSection(): ReactNode {
  const { t } = useI18n();
  const { transport, info, refreshInfo } = useApp();
  const current = info?.archiveName ?? '';
  const [name, setName] = useState(current);
  const [edited, setEdited] = useState(false);
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  // A key, not a string: the message follows a language switch.
  const [status, setStatus] = useState<MessageKey | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Follows a rename from elsewhere (another window, the CLI) until the user starts typing.
  useEffect(() => {
    if (!edited) setName(current);
  }, [current, edited]);

  const problem = nameError(name);
  const showProblem = problem !== null && (tried || edited);

  const onSubmit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setTried(true);
    setStatus(null);
    setError(null);
    if (problem) return;
    setSaving(true);
    try {
      await transport.invoke('archive.rename', { name: name.trim() });
      refreshInfo();
      setEdited(false);
      setTried(false);
      setStatus('settings.name.saved');
    } catch (cause) {
      setError(cause);
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel settings-section" aria-labelledby="settings-name">
      <h2 id="settings-name" className="panel-title">
        {t('settings.name.title')}
      </h2>
      <p className="muted">{t('settings.name.help')}</p>
      <form className="name-form" onSubmit={(event) => void onSubmit(event)} noValidate>
        <div className="field name-field">
          <label className="field-label" htmlFor="archive-name">
            {t('settings.name.label')}
          </label>
          <input
            id="archive-name"
            type="text"
            value={name}
            autoComplete="off"
            aria-invalid={showProblem || undefined}
            aria-describedby={showProblem ? 'archive-name-error' : 'archive-name-count'}
            onChange={(event) => {
              setName(event.target.value);
              setEdited(true);
              setStatus(null);
            }}
          />
          {showProblem && problem ? (
            <p id="archive-name-error" className="field-error">
              {t(problem, { max: NAME_MAX })}
            </p>
          ) : (
            <p id="archive-name-count" className="field-hint">
              {t('settings.name.count', { n: name.trim().length, max: NAME_MAX })}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={saving || (name.trim() === current && !problem)}>
          {t('common.save')}
        </button>
      </form>
      {error !== null && (
        <p className="field-error" role="alert">
          {errorText(t, error)}
        </p>
      )}
      <p className="settings-status" role="status" aria-live="polite">
        {status ? t(status) : ''}
      </p>
    </section>
  );
}

function DataFolderSection(): ReactNode {
  const { t } = useI18n();
  const { transport, info } = useApp();
  const [error, setError] = useState<unknown>(null);
  const [restarting, setRestarting] = useState(false);
  const desktop = info?.host === 'desktop';

  const change = async (): Promise<void> => {
    setError(null);
    try {
      // True means the app restarts on the new folder; nothing else to do here.
      if (await transport.invoke('app.chooseDataFolder')) setRestarting(true);
    } catch (cause) {
      setError(cause);
    }
  };

  return (
    <section className="panel settings-section" aria-labelledby="settings-data">
      <h2 id="settings-data" className="panel-title">
        {t('settings.data.title')}
      </h2>
      {/* Browser mode is never told where the archive lies on the serving computer. */}
      {info?.dataDir ? (
        <p className="data-dir">
          <span className="path">{info.dataDir}</span>
        </p>
      ) : null}
      {info?.sample && <p className="notice settings-notice">{t('settings.data.sample')}</p>}
      {desktop ? (
        <>
          <p className="muted">{t('settings.data.desktopHelp')}</p>
          <button type="button" className="button button-secondary" disabled={restarting} onClick={() => void change()}>
            {t('settings.data.change')}
          </button>
          {restarting && (
            <p className="settings-status" role="status">
              {t('settings.data.restarting')}
            </p>
          )}
        </>
      ) : (
        <p className="muted">
          {t('settings.data.browserHelp')} <code className="command">muragat serve --data &lt;{t('settings.data.folderPlaceholder')}&gt;</code>
        </p>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}

function StatsSection(): ReactNode {
  const { t, locale } = useI18n();
  const { transport, archiveRevision } = useApp();
  const [stats, setStats] = useState<ArchiveStats | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    transport.invoke('archive.stats').then(
      (value) => {
        if (!live) return;
        setStats(value);
        setError(null);
      },
      (cause: unknown) => live && setError(cause),
    );
    return () => {
      live = false;
    };
  }, [transport, archiveRevision, tick]);

  return (
    <section className="panel settings-section" aria-labelledby="settings-stats">
      <h2 id="settings-stats" className="panel-title">
        {t('settings.stats.title')}
      </h2>
      {error !== null && <ErrorNotice error={error} onRetry={() => setTick((n) => n + 1)} />}
      {stats && (
        <dl className="stats-grid">
          <Stat label={t('settings.stats.documents')} value={formatNumber(locale, stats.documents)} />
          <Stat label={t('settings.stats.pages')} value={formatNumber(locale, stats.pages)} />
          <Stat label={t('settings.stats.files')} value={formatNumber(locale, stats.files)} />
          <Stat label={t('settings.stats.stored')} value={formatBytes(locale, t, stats.storedBytes)} />
          <Stat label={t('settings.stats.database')} value={formatBytes(locale, t, stats.databaseBytes)} />
          <Stat label={t('settings.stats.needsOcr')} value={formatNumber(locale, stats.needsOcr)} />
        </dl>
      )}
    </section>
  );
}

function Stat(props: { label: string; value: string }): ReactNode {
  return (
    <div className="stat">
      <dt>{props.label}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

/**
 * "Collect diagnostics for support": the core packs the zip into the archive's outbox; browser
 * mode downloads it from there, the desktop app says where the file is (as the Sync screen does
 * with a bundle).
 */
function DiagnosticsSection(): ReactNode {
  const { t } = useI18n();
  const { transport } = useApp();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<DiagnosticsOutcome | null>(null);
  const [error, setError] = useState<unknown>(null);

  const collect = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      setOutcome(await transport.invoke('diagnostics.create'));
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
    }
  };

  const url = outcome ? transport.bundleUrl(outcome.fileName) : null;
  return (
    <section className="panel settings-section" aria-labelledby="settings-diagnostics">
      <h2 id="settings-diagnostics" className="panel-title">
        {t('settings.diagnostics.title')}
      </h2>
      <p className="muted">{t('settings.diagnostics.help')}</p>
      <button type="button" className="button button-secondary" disabled={busy} onClick={() => void collect()}>
        {t('settings.diagnostics.create')}
      </button>
      <p className="settings-status" role="status" aria-live="polite">
        {busy ? t('settings.diagnostics.working') : ''}
      </p>
      {outcome && url && (
        <div className="diagnostics-result">
          <a className="button" href={url} download={outcome.fileName}>
            {t('settings.diagnostics.download')}
          </a>
          <p className="field-hint">{t('settings.diagnostics.downloadHelp')}</p>
        </div>
      )}
      {outcome && !url && (
        <div className="diagnostics-result">
          <p>
            {t('settings.diagnostics.savedAt')} <span className="path">{outcome.path ?? outcome.fileName}</span>
          </p>
          <p className="field-hint">{t('settings.diagnostics.savedHelp')}</p>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} />}
    </section>
  );
}

function AboutSection(): ReactNode {
  const { t } = useI18n();
  const { info } = useApp();
  return (
    <section className="panel settings-section" aria-labelledby="settings-about">
      <h2 id="settings-about" className="panel-title">
        {t('settings.about.title')}
      </h2>
      <p>{t('app.description')}</p>
      <dl className="facts">
        <dt>{t('common.version')}</dt>
        <dd>{info?.version ?? ''}</dd>
      </dl>
    </section>
  );
}
