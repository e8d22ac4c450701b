/**
 * Window size and position, saved to `<userData>/window-state.json` and restored on the next
 * start, clamped to the screens that exist now (a monitor may have been unplugged).
 */
import { screen, type BrowserWindow } from 'electron';
import { readJsonFile, writeJsonFile } from './json-file';
import { clampWindowState, parseWindowState, type WindowState } from './window-bounds';

export { MIN_WINDOW_SIZE, type WindowState } from './window-bounds';

export function loadWindowState(file: string): WindowState {
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
  return clampWindowState(parseWindowState(readJsonFile(file)), [primary.workArea, ...others.map((d) => d.workArea)]);
}

/** Saves the window's state when it moves or resizes (debounced) and when it closes. */
export function trackWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;

  const save = (): void => {
    if (window.isDestroyed()) return;
    const bounds = window.getNormalBounds();
    const state: WindowState = {
      x: bounds.x,
      y: bounds.y,
      width: bounds.width,
      height: bounds.height,
      maximized: window.isMaximized(),
      fullScreen: window.isFullScreen(),
    };
    writeJsonFile(file, state);
  };
  const saveSoon = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };

  for (const event of ['resize', 'move', 'maximize', 'unmaximize', 'enter-full-screen', 'leave-full-screen'] as const) {
    window.on(event as 'resize', saveSoon);
  }
  window.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
