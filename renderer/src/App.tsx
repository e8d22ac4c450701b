/**
 * The first screen: the app's name, what it is, and the archive folder in use. The other
 * screens (search, import, exchange) grow from here.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../shared/contract';
import { errorMessageKey, LOCALE_NAMES, LOCALES } from '../../shared/i18n';
import { ApiError, type Transport } from './api/transport';
import { useI18n } from './i18n';

type InfoState = { status: 'loading' } | { status: 'ready'; info: AppInfo } | { status: 'error'; error: ApiError };

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) });
}

export function App({ transport }: { transport: Transport }): ReactNode {
  const { t } = useI18n();
  const [state, setState] = useState<InfoState>({ status: 'loading' });

  const load = useCallback(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    transport.invoke('app.info').then(
      (info) => !cancelled && setState({ status: 'ready', info }),
      (error: unknown) => !cancelled && setState({ status: 'error', error: toApiError(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [transport]);

  useEffect(load, [load]);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <BrandMark />
          <h1 className="brand-name">{t('app.name')}</h1>
        </div>
        <LanguageSwitch />
      </header>

      <main className="content">
        <p className="description">{t('app.description')}</p>

        <section className="panel" aria-live="polite" aria-busy={state.status === 'loading'}>
          {state.status === 'loading' && <p className="muted">{t('common.loading')}</p>}

          {state.status === 'ready' && (
            <dl className="facts">
              <dt>{t('status.archiveFolder')}</dt>
              <dd>
                <code className="path">{state.info.dataDir}</code>
              </dd>
              <dt>{t('common.version')}</dt>
              <dd>{state.info.version}</dd>
            </dl>
          )}

          {state.status === 'error' && (
            <div className="notice" role="status">
              <h2 className="notice-title">{t('error.title')}</h2>
              <p className="notice-text">
                {t(state.error.unreachable ? 'error.unavailable' : errorMessageKey(state.error.code))}
              </p>
              <button type="button" className="button" onClick={load}>
                {t('common.retry')}
              </button>
            </div>
          )}
        </section>
      </main>
    </div>
  );
}

function LanguageSwitch(): ReactNode {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('common.language')}>
      {LOCALES.map((code) => (
        <button
          key={code}
          type="button"
          lang={code}
          className="language-option"
          aria-pressed={code === locale}
          onClick={() => setLocale(code)}
        >
          {LOCALE_NAMES[code]}
        </button>
      ))}
    </div>
  );
}

/** The archive-box mark (same drawing as resources/icon.svg). */
function BrandMark(): ReactNode {
  return (
    <svg className="brand-mark" viewBox="0 0 512 512" aria-hidden="true" focusable="false">
      <rect width="512" height="512" rx="112" fill="#1d4f5e" />
      <path d="M96 142a18 18 0 0 1 18-18h284a18 18 0 0 1 18 18v48H96z" fill="#f4efe6" />
      <rect x="96" y="190" width="320" height="14" fill="#d9a441" />
      <path d="M124 220h264v158a18 18 0 0 1-18 18H142a18 18 0 0 1-18-18z" fill="#e6dccb" />
      <rect x="206" y="258" width="100" height="28" rx="14" fill="#1d4f5e" />
    </svg>
  );
}
