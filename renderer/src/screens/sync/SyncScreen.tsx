/**
 * The sync screen: exchange with other offices through signed `.muragat` bundles. Five tabs —
 * offices (this office's key, trusted offices), send, receive (with the sync folder), conflicts
 * (with a count) and history. Every tab stays mounted, so a bundle being previewed survives a look
 * at another tab; lists reload when the archive changes or after an action here.
 */
import { useEffect, useReducer, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import type { MessageKey } from '../../../../shared/i18n';
import { useApp } from '../../app/context';
import { formatNumber } from '../../app/format';
import { formatRoute } from '../../app/routes';
import { useI18n } from '../../i18n';
import { ConflictsTab } from './ConflictsTab';
import { HistoryTab } from './HistoryTab';
import { OfficesTab } from './OfficesTab';
import { useLoaded } from './parts';
import { ReceiveTab } from './ReceiveTab';
import { SendTab } from './SendTab';
import './sync.css';

type TabId = 'offices' | 'send' | 'receive' | 'conflicts' | 'history';

const TABS: ReadonlyArray<{ id: TabId; label: MessageKey }> = [
  { id: 'offices', label: 'sync.tab.offices' },
  { id: 'send', label: 'sync.tab.send' },
  { id: 'receive', label: 'sync.tab.receive' },
  { id: 'conflicts', label: 'sync.tab.conflicts' },
  { id: 'history', label: 'sync.tab.history' },
];

export function SyncScreen(): ReactNode {
  const { t, locale } = useI18n();
  const { transport, archiveRevision, pendingBundlePaths, pendingImportPaths } = useApp();
  const [tab, setTab] = useState<TabId>(() => (pendingBundlePaths.length > 0 ? 'receive' : 'offices'));
  // Trusting, sending and setting the folder change lists without an `archive.changed` event.
  const [localRevision, bump] = useReducer((n: number) => n + 1, 0);
  const [focusFolder, requestFolderFocus] = useReducer((n: number) => n + 1, 0);
  const reloadKey = `${archiveRevision}:${localRevision}`;
  const tabRefs = useRef<Partial<Record<TabId, HTMLButtonElement | null>>>({});

  const identity = useLoaded(transport, 'exchange.identity', reloadKey);
  const offices = useLoaded(transport, 'exchange.offices', reloadKey);
  const conflicts = useLoaded(transport, 'exchange.conflicts', reloadKey);
  const history = useLoaded(transport, 'exchange.history', reloadKey);
  const folder = useLoaded(transport, 'exchange.syncFolder', reloadKey);

  // Bundles handed over by the desktop shell while the screen is open: the receive tab takes them.
  useEffect(() => {
    if (pendingBundlePaths.length > 0) setTab('receive');
  }, [pendingBundlePaths]);

  const select = (id: TabId, focus = false): void => {
    setTab(id);
    if (focus) tabRefs.current[id]?.focus();
  };

  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>): void => {
    const index = TABS.findIndex((item) => item.id === tab);
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: TABS.length - 1 };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = TABS[(target + TABS.length) % TABS.length];
    if (next) select(next.id, true);
  };

  const conflictCount = conflicts.data?.length ?? 0;
  return (
    <div className="sync-screen">
      <h1 className="screen-title">{t('sync.title')}</h1>
      {pendingImportPaths.length > 0 && (
        <p className="notice sync-note">
          {t('sync.pendingImport', { n: formatNumber(locale, pendingImportPaths.length) })} <a href={formatRoute({ screen: 'import' })}>{t('sync.pendingImportLink')}</a>
        </p>
      )}
      <div className="sync-tabs" role="tablist" aria-label={t('sync.tabs.label')}>
        {TABS.map((item) => (
          <button
            key={item.id}
            ref={(element) => {
              tabRefs.current[item.id] = element;
            }}
            type="button"
            role="tab"
            id={`sync-tab-${item.id}`}
            className="sync-tab"
            aria-selected={tab === item.id}
            aria-controls={`sync-panel-${item.id}`}
            tabIndex={tab === item.id ? 0 : -1}
            onClick={() => select(item.id)}
            onKeyDown={onTabKey}
          >
            {t(item.label)}
            {item.id === 'conflicts' && conflictCount > 0 && (
              <>
                <span className="sync-tab-badge" aria-hidden="true">
                  {formatNumber(locale, conflictCount)}
                </span>
                <span className="visually-hidden"> ({t('sync.tab.conflictsCount', { n: conflictCount })})</span>
              </>
            )}
          </button>
        ))}
      </div>
      <TabPanel id="offices" current={tab}>
        <OfficesTab identity={identity} offices={offices} onChanged={bump} />
      </TabPanel>
      <TabPanel id="send" current={tab}>
        <SendTab
          offices={offices}
          folder={folder.data?.folder ?? null}
          onSent={bump}
          onSetUpFolder={() => {
            select('receive');
            requestFolderFocus();
          }}
        />
      </TabPanel>
      <TabPanel id="receive" current={tab}>
        <ReceiveTab
          folder={folder.data?.folder ?? null}
          reloadKey={reloadKey}
          focusFolder={focusFolder}
          onFolderChanged={bump}
          onImported={bump}
          onShowConflicts={() => select('conflicts', true)}
        />
      </TabPanel>
      <TabPanel id="conflicts" current={tab}>
        <ConflictsTab conflicts={conflicts} onResolved={bump} />
      </TabPanel>
      <TabPanel id="history" current={tab}>
        <HistoryTab history={history} />
      </TabPanel>
    </div>
  );
}

function TabPanel(props: { id: TabId; current: TabId; children: ReactNode }): ReactNode {
  return (
    <div role="tabpanel" id={`sync-panel-${props.id}`} aria-labelledby={`sync-tab-${props.id}`} className="sync-panel" hidden={props.current !== props.id} tabIndex={0}>
      {props.children}
    </div>
  );
}
