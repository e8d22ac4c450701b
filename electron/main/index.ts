/**
 * Electron main process: a thin shell. It owns the window, the native menu, the single-instance
 * lock and file opening, and relays the renderer's contract calls to the core host (a utility
 * process running electron/host/core-host.ts). It never imports the core itself.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, session, shell, type IpcMainInvokeEvent } from 'electron';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  isContractMethod,
  SHELL_INTERNAL_METHODS,
  type ContractOutput,
  type ContractEvent,
  type ContractMethod,
  type Result,
} from '../../shared/contract';
import { toErrorInfo, MuragatError } from '../../shared/errors';
import { isLocale, translate, type MessageKey, type MessageParams } from '../../shared/i18n';
import { CoreHostClient } from './core-host-client';
import { handleFileProtocol, registerFileScheme } from './file-protocol';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from '../../shared/csp';
import { isRecord } from './json-file';
import { buildMenu } from './menu';
import { builtPaths, pathsFromArgv, resolveDataDir } from './paths';
import { loadPreferences, savePreferences } from './preferences';
import { hardenAllWebContents, hardenSession, isAppUrl, type AppEntry } from './security';
import { loadWindowState, MIN_WINDOW_SIZE, trackWindowState } from './window-state';

/** File types the import dialog offers (the core decides what it can really read). */
const DOCUMENT_EXTENSIONS = ['pdf', 'docx', 'doc', 'rtf', 'odt', 'txt', 'html', 'htm'];
const BUNDLE_EXTENSIONS = ['muragat'];

// The same userData folder unpackaged (package name "muragat") and packaged (productName).
app.setName('Muragat');
// Every renderer is sandboxed, whatever a BrowserWindow asks for.
app.enableSandbox();
// The stored-file protocol must be declared before 'ready'.
registerFileScheme();

const rendererUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const entry: AppEntry = rendererUrl ? { kind: 'dev', url: rendererUrl } : { kind: 'file', indexFile: builtPaths.rendererIndex };

const launchPaths = pathsFromArgv(process.argv, process.cwd(), { defaultApp: process.defaultApp === true });

// A second launch hands its paths to the first instance (more reliable than re-parsing the
// argv that 'second-instance' reports, which Chromium may reorder and extend).
if (!app.requestSingleInstanceLock({ paths: launchPaths })) {
  // Another instance is running: it receives our paths through 'second-instance'.
  app.quit();
} else {
  runShell();
}

function runShell(): void {
  const userData = app.getPath('userData');
  const preferencesFile = join(userData, 'preferences.json');
  const windowStateFile = join(userData, 'window-state.json');
  let preferences = loadPreferences(preferencesFile);
  const dataDir = resolveDataDir(userData, process.env, preferences.dataDir);
  const t = (key: MessageKey, params?: MessageParams): string => translate(preferences.locale, key, params);

  let mainWindow: BrowserWindow | null = null;
  /** True once the current page has loaded (its preload listens for events from then on). */
  let rendererReady = false;
  const queuedPaths: string[] = [...launchPaths];

  const emit = (event: ContractEvent): void => {
    if (mainWindow && !mainWindow.isDestroyed() && rendererReady) mainWindow.webContents.send(IPC_EVENT_CHANNEL, event);
  };

  const focusWindow = (): void => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };

  const openPaths = (paths: readonly string[]): void => {
    if (paths.length === 0) return;
    if (mainWindow && rendererReady) emit({ name: 'app.openFiles', payload: { paths: [...paths] } });
    else queuedPaths.push(...paths);
  };

  const host = new CoreHostClient({
    modulePath: builtPaths.coreHost,
    args: [`--data-dir=${dataDir}`, `--app-version=${app.getVersion()}`],
    // Packaged, the OCR language data is an extra resource; unpackaged, the core finds
    // resources/ocr/tessdata of the repository itself.
    env: { ...process.env, MURAGAT_DATA: dataDir, ...(app.isPackaged ? { MURAGAT_TESSDATA: join(process.resourcesPath, 'ocr', 'tessdata') } : {}) },
    onEvent: emit,
  });

  // ---- Calls the shell answers itself (everything else goes to the core host) --------------

  const locate = (documentId: string): Promise<Result<ContractOutput<'files.locate'>>> =>
    host.request('files.locate', { documentId }) as Promise<Result<ContractOutput<'files.locate'>>>;

  /**
   * Opens a copy of the original with its own name (Word and PDF readers show the name, and the
   * stored blob must never be edited in place), read-only, from the temp folder.
   */
  const openOriginal = async (documentId: string): Promise<void> => {
    const located = await locate(documentId);
    if (!located.ok) throw new MuragatError(located.error.code, located.error.message);
    const folder = join(app.getPath('temp'), 'muragat-open', documentId);
    mkdirSync(folder, { recursive: true });
    const copy = join(folder, basename(located.value.originalName.replace(/[\\/:*?"<>|]/g, '_')) || 'document');
    try {
      chmodSync(copy, 0o644);
    } catch {
      // no earlier copy
    }
    copyFileSync(located.value.path, copy);
    chmodSync(copy, 0o444);
    const problem = await shell.openPath(copy);
    if (problem) throw new MuragatError('FILE_UNREADABLE', problem);
  };

  type LocalHandler = (params: unknown) => unknown;
  const localHandlers: Partial<Record<ContractMethod, LocalHandler>> = {
    'app.pickImportPaths': async (params) => {
      const folders = isRecord(params) && params.folders === true;
      const options: Electron.OpenDialogOptions = folders
        ? { title: t('dialog.importFolder.title'), properties: ['openDirectory', 'multiSelections'] }
        : {
            title: t('dialog.importFiles.title'),
            properties: ['openFile', 'multiSelections'],
            filters: [
              { name: t('dialog.filter.documents'), extensions: DOCUMENT_EXTENSIONS },
              { name: t('dialog.filter.all'), extensions: ['*'] },
            ],
          };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? [] : result.filePaths;
    },
    'app.chooseDataFolder': async () => {
      const options: Electron.OpenDialogOptions = { title: t('dialog.dataFolder.title'), properties: ['openDirectory', 'createDirectory'] };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      const chosen = result.canceled ? undefined : result.filePaths[0];
      if (!chosen || chosen === dataDir) return false;
      preferences = { ...preferences, dataDir: chosen };
      savePreferences(preferencesFile, preferences);
      // The core host owns the open archive: restart everything on the new folder.
      app.relaunch();
      app.quit();
      return true;
    },
    'files.openOriginal': async (params) => {
      const documentId = isRecord(params) && typeof params.documentId === 'string' ? params.documentId : '';
      await openOriginal(documentId);
      return undefined;
    },
    'app.setLocale': (params) => {
      const locale = isRecord(params) ? params.locale : undefined;
      if (!isLocale(locale)) throw new MuragatError('INVALID_INPUT', `Unknown locale: ${String(locale)}`);
      if (locale !== preferences.locale) {
        preferences = { ...preferences, locale };
        savePreferences(preferencesFile, preferences);
        installMenu();
      }
      return undefined;
    },
  };

  const isTrustedSender = (event: IpcMainInvokeEvent): boolean => {
    const frame = event.senderFrame;
    return frame !== null && frame.parent === null && isAppUrl(frame.url, entry);
  };

  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, request: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Calls are accepted from the app page only.' } };
    const method = isRecord(request) ? request.method : undefined;
    if (!isContractMethod(method) || SHELL_INTERNAL_METHODS.includes(method)) {
      return { ok: false, error: { code: 'INVALID_INPUT', message: `Unknown method: ${String(method)}` } };
    }
    const params = isRecord(request) ? request.params : undefined;
    const local = localHandlers[method];
    if (local) {
      try {
        return { ok: true, value: await local(params) };
      } catch (error) {
        return { ok: false, error: toErrorInfo(error) };
      }
    }
    return host.request(method, params);
  });

  // ---- Menu -----------------------------------------------------------------------------------

  const chooseAndOpen = async (kind: 'files' | 'folder'): Promise<void> => {
    const options: Electron.OpenDialogOptions =
      kind === 'files'
        ? {
            title: t('dialog.importFiles.title'),
            properties: ['openFile', 'multiSelections'],
            filters: [
              { name: t('dialog.filter.documents'), extensions: DOCUMENT_EXTENSIONS },
              { name: t('dialog.filter.bundles'), extensions: BUNDLE_EXTENSIONS },
              { name: t('dialog.filter.all'), extensions: ['*'] },
            ],
          }
        : { title: t('dialog.importFolder.title'), properties: ['openDirectory', 'multiSelections'] };
    const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
    if (!result.canceled) openPaths(result.filePaths);
  };

  const showAbout = async (): Promise<void> => {
    const options: Electron.MessageBoxOptions = {
      type: 'info',
      title: t('menu.help.about'),
      message: t('app.name'),
      detail: t('menu.help.aboutDetail', { version: app.getVersion(), dataDir }),
      buttons: [t('common.ok')],
    };
    if (mainWindow) await dialog.showMessageBox(mainWindow, options);
    else await dialog.showMessageBox(options);
  };

  function installMenu(): void {
    const menu = buildMenu(
      preferences.locale,
      {
        importFiles: () => void chooseAndOpen('files'),
        importFolder: () => void chooseAndOpen('folder'),
        openDataFolder: () => void shell.openPath(dataDir),
        find: () => emit({ name: 'app.command', payload: { command: 'focusSearch' } }),
        about: () => void showAbout(),
      },
      { devTools: !app.isPackaged, isMac: process.platform === 'darwin' },
    );
    Menu.setApplicationMenu(menu);
  }

  // ---- Window ---------------------------------------------------------------------------------

  function createWindow(): void {
    const state = loadWindowState(windowStateFile);
    const window = new BrowserWindow({
      ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
      width: state.width,
      height: state.height,
      minWidth: MIN_WINDOW_SIZE.width,
      minHeight: MIN_WINDOW_SIZE.height,
      show: false,
      title: t('app.name'),
      backgroundColor: '#f5f4f0',
      ...(process.platform !== 'darwin' && !app.isPackaged ? { icon: builtPaths.icon } : {}),
      webPreferences: {
        preload: builtPaths.preload,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        spellcheck: false,
        devTools: !app.isPackaged || process.env.MURAGAT_DEVTOOLS === '1',
      },
    });
    mainWindow = window;
    rendererReady = false;
    trackWindowState(window, windowStateFile);

    window.once('ready-to-show', () => {
      if (state.maximized) window.maximize();
      if (state.fullScreen) window.setFullScreen(true);
      window.show();
    });
    window.webContents.on('did-start-loading', () => {
      rendererReady = false;
    });
    window.webContents.on('did-finish-load', () => {
      rendererReady = true;
      openPaths(queuedPaths.splice(0));
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
      rendererReady = false;
    });

    if (entry.kind === 'dev') void window.loadURL(entry.url);
    else void window.loadFile(entry.indexFile);
  }

  // ---- App lifecycle --------------------------------------------------------------------------

  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const forwarded = isRecord(additionalData) && Array.isArray(additionalData.paths) ? additionalData.paths : undefined;
    const paths = forwarded
      ? forwarded.filter((path): path is string => typeof path === 'string')
      : pathsFromArgv(argv, workingDirectory, { defaultApp: process.defaultApp === true });
    if (!mainWindow && app.isReady()) createWindow();
    focusWindow();
    openPaths(paths);
  });

  // macOS delivers opened files as events (possibly before 'ready').
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openPaths([path]);
  });

  hardenAllWebContents(entry);

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (!mainWindow && app.isReady()) createWindow();
  });

  let hostStopped = false;
  app.on('before-quit', (event) => {
    if (hostStopped) return;
    event.preventDefault();
    void host.stop().finally(() => {
      hostStopped = true;
      app.quit();
    });
  });

  void app.whenReady().then(() => {
    if (process.platform === 'win32') app.setAppUserModelId('kz.muragat.app');
    mkdirSync(dataDir, { recursive: true });
    hardenSession(session.defaultSession, entry.kind === 'dev' ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
    installMenu();
    host.start();
    handleFileProtocol(locate);
    createWindow();
  });
}
