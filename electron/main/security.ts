/**
 * Secure defaults for every web contents the app creates: a CSP header, no new windows, no
 * navigation away from the app, no <webview>, no permission prompts. https links open in the
 * system browser; anything else is dropped.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';

/** Where the UI is loaded from: the built files, or the electron-vite dev server. */
export type AppEntry = { kind: 'file'; indexFile: string } | { kind: 'dev'; url: string };

/** True when `url` is the app's own page (any hash or query). */
export function isAppUrl(url: string, entry: AppEntry): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (entry.kind === 'dev') return parsed.origin === new URL(entry.url).origin;
  const index = pathToFileURL(entry.indexFile);
  return parsed.protocol === 'file:' && decodeURIComponent(parsed.pathname) === decodeURIComponent(index.pathname);
}

/** Opens `url` in the system browser if, and only if, it is https. */
export function openExternalIfSafe(url: string): void {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
  } catch {
    // Not a URL: nothing to open.
  }
}

/** Permissions the UI may use without asking; every other request is denied. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write', 'fullscreen']);

export function hardenSession(session: Session, contentSecurityPolicy: string): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    // Replace whatever the server sent (the dev server sends none) with our policy.
    for (const name of Object.keys(headers)) {
      if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    }
    headers['Content-Security-Policy'] = [contentSecurityPolicy];
    headers['X-Content-Type-Options'] = ['nosniff'];
    callback({ responseHeaders: headers });
  });
  session.setPermissionRequestHandler((_contents, permission, callback) => callback(ALLOWED_PERMISSIONS.has(permission)));
  session.setPermissionCheckHandler((_contents, permission) => ALLOWED_PERMISSIONS.has(permission));
}

export function hardenWebContents(contents: WebContents, entry: AppEntry): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternalIfSafe(url);
    return { action: 'deny' };
  });
  const guard = (event: { url: string; preventDefault(): void }): void => {
    if (isAppUrl(event.url, entry)) return;
    event.preventDefault();
    openExternalIfSafe(event.url);
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Applies `hardenWebContents` to every web contents, present and future. */
export function hardenAllWebContents(entry: AppEntry): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, entry));
}
