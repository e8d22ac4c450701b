/**
 * The renderer's Content-Security-Policy. Main sends it as a response header on every page load,
 * and renderer/index.html carries the same string in a <meta> (for file:// loads, where no
 * response headers exist). electron.vite.config.ts fails the build if the two differ.
 *
 * Nothing remote: every fetch, script, style, image and worker comes from the app itself.
 * (`frame-ancestors` is left out because browsers ignore it in a <meta>; nothing can frame a
 * BrowserWindow anyway.)
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // muragat-file: is the desktop app's protocol for stored originals (the PDF viewer fetches them).
  "img-src 'self' data: blob: muragat-file:",
  "font-src 'self' data:",
  "connect-src 'self' muragat-file:",
  "media-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The dev-server variant (`electron-vite dev` only): Vite's HMR client and React Refresh inject
 * inline scripts and styles and talk over a websocket to the local dev server.
 */
export const DEV_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
  .replace("connect-src 'self'", "connect-src 'self' ws://localhost:* ws://127.0.0.1:*");
