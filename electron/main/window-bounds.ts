/**
 * Pure window-geometry logic (no Electron import, so it can be unit-tested under Node): parse a
 * saved window state and fit it to the screens that exist now.
 */
import { isRecord } from './json-file';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
  fullScreen: boolean;
}

export const DEFAULT_WINDOW_STATE: Readonly<WindowState> = { width: 1280, height: 820, maximized: false, fullScreen: false };
export const MIN_WINDOW_SIZE = { width: 760, height: 520 } as const;

/** How much of the window must lie on a screen for its saved position to be kept. */
const MIN_VISIBLE = { width: 160, height: 80 } as const;

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

export function parseWindowState(raw: unknown): WindowState {
  if (!isRecord(raw)) return { ...DEFAULT_WINDOW_STATE };
  const state: WindowState = {
    width: finite(raw.width) ? Math.round(raw.width) : DEFAULT_WINDOW_STATE.width,
    height: finite(raw.height) ? Math.round(raw.height) : DEFAULT_WINDOW_STATE.height,
    maximized: raw.maximized === true,
    fullScreen: raw.fullScreen === true,
  };
  if (finite(raw.x) && finite(raw.y)) {
    state.x = Math.round(raw.x);
    state.y = Math.round(raw.y);
  }
  return state;
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

/**
 * Fits a saved state to the current work areas (pure; `workAreas[0]` is the primary screen).
 * The size shrinks to the screen it is on; a window that is not visibly on any screen loses its
 * position and is centred by Electron instead.
 */
export function clampWindowState(state: WindowState, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0];
  if (!primary) return state;
  const { x, y, ...rest } = state;

  // The screen that shows most of the window, if it shows enough of it to grab.
  let host: Rect | undefined;
  if (x !== undefined && y !== undefined) {
    const rect = { x, y, width: state.width, height: state.height };
    let best = 0;
    for (const area of workAreas) {
      const visible = overlap(rect, area);
      const size = visible.width * visible.height;
      if (visible.width >= MIN_VISIBLE.width && visible.height >= MIN_VISIBLE.height && size > best) {
        best = size;
        host = area;
      }
    }
  }

  const area = host ?? primary;
  const result: WindowState = {
    ...rest,
    width: Math.min(Math.max(state.width, MIN_WINDOW_SIZE.width), area.width),
    height: Math.min(Math.max(state.height, MIN_WINDOW_SIZE.height), area.height),
  };
  if (host && x !== undefined && y !== undefined) {
    // Pull it fully inside that screen.
    result.x = Math.min(Math.max(x, host.x), host.x + host.width - result.width);
    result.y = Math.min(Math.max(y, host.y), host.y + host.height - result.height);
  }
  return result;
}
