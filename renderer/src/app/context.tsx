/**
 * What every screen needs from the app: the transport, navigation, the archive's info, a counter
 * that moves whenever the archive changes (screens reload their data when it does), and files
 * handed over by the desktop shell (menu, file association, drag onto the icon): documents for
 * the import screen, `.muragat` bundles for the sync screen.
 */
import { createContext, useContext } from 'react';
import type { AppInfo } from '../../../shared/contract';
import type { Transport } from '../api/transport';
import type { Navigate, Route } from './routes';

export interface AppServices {
  transport: Transport;
  route: Route;
  navigate: Navigate;
  info: AppInfo | null;
  /** Increments on every `archive.changed` event. */
  archiveRevision: number;
  /** Re-reads app.info (after a rename). */
  refreshInfo(): void;
  /** Paths the desktop shell asked to import, not yet taken by the import screen. */
  pendingImportPaths: string[];
  takePendingImportPaths(): string[];
  /** `.muragat` bundles the desktop shell handed over, not yet taken by the sync screen. */
  pendingBundlePaths: string[];
  takePendingBundlePaths(): string[];
}

export const AppContext = createContext<AppServices | null>(null);

export function useApp(): AppServices {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp() outside <AppContext.Provider>');
  return value;
}

/** The id of the search box, which `/` and Ctrl+K focus from anywhere. */
export const SEARCH_INPUT_ID = 'search-input';

export function focusSearchBox(): void {
  const input = document.getElementById(SEARCH_INPUT_ID);
  if (input instanceof HTMLInputElement) {
    input.focus();
    input.select();
  }
}
