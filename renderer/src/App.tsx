/**
 * The app shell: top bar with the main navigation and the language switch, the current screen
 * (from the URL hash), global shortcuts (`/` and Ctrl+K focus search), the events of the
 * core and the desktop shell (archive changed, menu commands, files to import), and a note
 * while scanned pages are recognised in the background.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../shared/contract';
import { LOCALE_NAMES, LOCALES, type MessageKey } from '../../shared/i18n';
import type { Transport } from './api/transport';
import { AppContext, focusSearchBox, type AppServices } from './app/context';
import { OcrIndicator } from './app/OcrIndicator';
import { useOcrStatus } from './app/ocr-status';
import { formatRoute, useRoute, type Route } from './app/routes';
import { ErrorNotice } from './app/ui';
import { useI18n } from './i18n';
import { DocumentScreen } from './screens/document/DocumentScreen';
import { ImportScreen } from './screens/import/ImportScreen';
import { LibraryScreen } from './screens/library/LibraryScreen';
import { SearchScreen } from './screens/search/SearchScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { SyncScreen } from './screens/sync/SyncScreen';

const NAV_ITEMS: ReadonlyArray<{ screen: Route['screen']; label: MessageKey; route: Route }> = [
  { screen: 'search', label: 'nav.search', route: { screen: 'search', query: '' } },
  { screen: 'library', label: 'nav.library', route: { screen: 'library' } },
  { screen: 'import', label: 'nav.import', route: { screen: 'import' } },
  { screen: 'sync', label: 'nav.sync', route: { screen: 'sync' } },
  { screen: 'settings', label: 'nav.settings', route: { screen: 'settings' } },
];

/** Exchange bundles go to the sync screen; everything else the shell hands over is imported. */
const isBundlePath = (path: string): boolean => /\.muragat$/i.test(path);

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function App({ transport }: { transport: Transport }): ReactNode {
  const { t } = useI18n();
  const [route, navigate] = useRoute();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoError, setInfoError] = useState<unknown>(null);
  const [archiveRevision, setArchiveRevision] = useState(0);
  const [pendingImportPaths, setPendingImportPaths] = useState<string[]>([]);
  const pendingRef = useRef<string[]>([]);
  const [pendingBundlePaths, setPendingBundlePaths] = useState<string[]>([]);
  const pendingBundlesRef = useRef<string[]>([]);
  const mainRef = useRef<HTMLElement>(null);
  const { status: ocrStatus } = useOcrStatus(transport);

  const refreshInfo = useCallback(() => {
    transport.invoke('app.info').then(
      (value) => {
        setInfo(value);
        setInfoError(null);
      },
      (error: unknown) => setInfoError(error),
    );
  }, [transport]);
  useEffect(refreshInfo, [refreshInfo]);

  useEffect(
    () =>
      transport.onEvent((event) => {
        if (event.name === 'archive.changed') setArchiveRevision((n) => n + 1);
        if (event.name === 'app.command') {
          if (event.payload.command === 'focusSearch') {
            navigate({ screen: 'search', query: route.screen === 'search' ? route.query : '' });
            window.setTimeout(focusSearchBox, 0);
          }
          if (event.payload.command === 'showImport') navigate({ screen: 'import' });
          if (event.payload.command === 'showLibrary') navigate({ screen: 'library' });
          if (event.payload.command === 'showSettings') navigate({ screen: 'settings' });
          if (event.payload.command === 'showSync') navigate({ screen: 'sync' });
        }
        if (event.name === 'app.openFiles') {
          const bundles = event.payload.paths.filter(isBundlePath);
          const documents = event.payload.paths.filter((path) => !isBundlePath(path));
          if (documents.length) {
            pendingRef.current = [...pendingRef.current, ...documents];
            setPendingImportPaths(pendingRef.current);
          }
          if (bundles.length) {
            pendingBundlesRef.current = [...pendingBundlesRef.current, ...bundles];
            setPendingBundlePaths(pendingBundlesRef.current);
          }
          // Bundles first: the sync screen points to the documents still waiting for the import screen.
          navigate({ screen: bundles.length ? 'sync' : 'import' });
        }
      }),
    [transport, navigate, route],
  );

  // `/` (outside text fields) and Ctrl+K / Cmd+K go to the search box from anywhere.
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const ctrlK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target);
      if (!ctrlK && !slash) return;
      event.preventDefault();
      if (route.screen !== 'search') navigate({ screen: 'search', query: '' });
      window.setTimeout(focusSearchBox, 0);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [route, navigate]);

  // Moving to another screen moves keyboard focus to it (screen readers announce the new title).
  const previousScreen = useRef(route.screen);
  useEffect(() => {
    if (previousScreen.current !== route.screen && route.screen !== 'search') mainRef.current?.focus();
    previousScreen.current = route.screen;
  }, [route.screen]);

  const services = useMemo<AppServices>(
    () => ({
      transport,
      route,
      navigate,
      info,
      archiveRevision,
      refreshInfo,
      pendingImportPaths,
      takePendingImportPaths: () => {
        const taken = pendingRef.current;
        pendingRef.current = [];
        setPendingImportPaths([]);
        return taken;
      },
      pendingBundlePaths,
      takePendingBundlePaths: () => {
        const taken = pendingBundlesRef.current;
        pendingBundlesRef.current = [];
        setPendingBundlePaths([]);
        return taken;
      },
    }),
    [transport, route, navigate, info, archiveRevision, refreshInfo, pendingImportPaths, pendingBundlePaths],
  );

  return (
    <AppContext.Provider value={services}>
      <div className="app">
        <a className="skip-link" href="#main" onClick={(event) => { event.preventDefault(); mainRef.current?.focus(); }}>
          {t('nav.skipToContent')}
        </a>
        <header className="topbar">
          <a className="brand" href={formatRoute({ screen: 'search', query: '' })}>
            <BrandMark />
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              {info?.archiveName && <span className="brand-archive">{info.archiveName}</span>}
            </span>
          </a>
          <nav className="main-nav" aria-label={t('nav.main')}>
            {NAV_ITEMS.map((item) => {
              const current = route.screen === item.screen || (item.screen === 'search' && route.screen === 'document');
              return (
                <a key={item.screen} className="nav-link" href={formatRoute(item.route)} aria-current={current ? 'page' : undefined}>
                  {t(item.label)}
                </a>
              );
            })}
          </nav>
          <OcrIndicator status={ocrStatus} />
          <LanguageSwitch />
        </header>
        <main id="main" ref={mainRef} tabIndex={-1} className={`content content-${route.screen}`}>
          {infoError !== null && !info ? <ErrorNotice error={infoError} onRetry={refreshInfo} /> : <CurrentScreen route={route} />}
        </main>
      </div>
    </AppContext.Provider>
  );
}

function CurrentScreen({ route }: { route: Route }): ReactNode {
  switch (route.screen) {
    case 'document':
      return <DocumentScreen key={route.id} />;
    case 'library':
      return <LibraryScreen />;
    case 'import':
      return <ImportScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'sync':
      return <SyncScreen />;
    default:
      return <SearchScreen />;
  }
}

function LanguageSwitch(): ReactNode {
  const { locale, setLocale, t } = useI18n();
  return (
    <div className="language-switch" role="group" aria-label={t('common.language')}>
      {LOCALES.map((code) => (
        <button key={code} type="button" lang={code} className="language-option" aria-pressed={code === locale} onClick={() => setLocale(code)}>
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
