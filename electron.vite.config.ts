/**
 * Build of the three Electron parts (electron-vite 6, Vite 8):
 *   out/main/      ESM (package.json "type": "module"): the shell `index.js`, the core host
 *                  `core-host.js` (run by `utilityProcess.fork`) and any extra entry below.
 *   out/preload/   `index.cjs`, CommonJS and one self-contained file: a sandboxed preload can
 *                  neither be an ES module nor `require` its own chunks.
 *   out/renderer/  the React UI (`renderer/index.html`), also served as-is in browser mode.
 * Node built-ins, `electron` and the package.json dependencies (better-sqlite3 and the other
 * native or Node-only packages) stay external `import`s in main.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './shared/csp';

const root = dirname(fileURLToPath(import.meta.url));
const fromRoot = (path: string): string => resolve(root, path);

/** Entries of out/main that always exist. Output name → source. */
const MAIN_ENTRIES: Record<string, string> = {
  index: 'electron/main/index.ts',
  'core-host': 'electron/host/core-host.ts',
};

/**
 * >>> EXTRA MAIN-PROCESS ENTRIES <<<
 * Built to `out/main/<name>.js` next to `core-host.js`, but only once the source file exists (so
 * the build never breaks on a file that is still being written). Put worker-thread and other
 * separately loaded Node entries here. Chunks are emitted flat into out/main too, so a path
 * computed from `import.meta.url` in any bundled module points at out/main.
 */
const OPTIONAL_MAIN_ENTRIES: Record<string, string> = {
  // worker_threads entry of the import pipeline; electron/core/ingest/extract-pool.ts loads
  // `./extract-worker.js` relative to its own (bundled) module, i.e. out/main/extract-worker.js.
  'extract-worker': 'electron/core/ingest/extract-worker.ts',
  'pdf-worker': 'electron/core/ingest/pdf/pdf-worker.ts',
  // worker_threads entry of OCR; electron/core/ocr/ocr-service.ts loads `./ocr-worker.js`.
  'ocr-worker': 'electron/core/ocr/ocr-worker.ts',
};

function mainInputs(): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [name, source] of Object.entries(MAIN_ENTRIES)) inputs[name] = fromRoot(source);
  for (const [name, source] of Object.entries(OPTIONAL_MAIN_ENTRIES)) {
    if (existsSync(fromRoot(source))) inputs[name] = fromRoot(source);
  }
  return inputs;
}

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

/**
 * Keeps the CSP `<meta>` of renderer/index.html equal to the policy main sends as a header
 * (shared/csp.ts): the build fails if they drift. In dev the meta gets the relaxed dev
 * policy, because Vite's HMR client and React Refresh need inline scripts and a websocket.
 */
function cspMetaPlugin(): Plugin {
  let serving = false;
  return {
    name: 'muragat:csp-meta',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    transformIndexHtml(html) {
      const match = CSP_META.exec(html);
      if (!match) throw new Error('renderer/index.html must carry a Content-Security-Policy <meta>.');
      if (serving) return html.replace(match[1] ?? '', DEV_CONTENT_SECURITY_POLICY);
      if (match[1] !== CONTENT_SECURITY_POLICY) {
        throw new Error(
          'The CSP <meta> in renderer/index.html differs from CONTENT_SECURITY_POLICY in shared/csp.ts; ' +
            `make them equal:\n  ${CONTENT_SECURITY_POLICY}`,
        );
      }
      return html;
    },
  };
}

/**
 * pdf.js data the renderer's PDF viewer loads at run time, served next to index.html as
 * `pdfjs/<folder>/…` (renderer/src/viewer/pdfjs.ts): CMaps for CID-keyed (often Cyrillic) fonts,
 * the 14 standard fonts for PDFs that do not embed them, and the wasm image decoders of scans.
 * Emitted into the build and served by the dev server; relative URLs, so http:// and Electron's
 * file/custom protocol both work.
 */
const PDFJS_ASSET_FOLDERS = ['cmaps', 'standard_fonts', 'wasm'] as const;
const PDFJS_MIME: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
};

function pdfjsAssetsPlugin(): Plugin {
  const pdfjsRoot = fromRoot('node_modules/pdfjs-dist');
  const files = (folder: string): string[] =>
    readdirSync(join(pdfjsRoot, folder), { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name);
  return {
    name: 'muragat:pdfjs-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        const match = /^\/pdfjs\/([a-z_]+)\/([^/]+)$/.exec(path);
        const folder = match?.[1];
        const name = match?.[2];
        if (!folder || !name || !(PDFJS_ASSET_FOLDERS as readonly string[]).includes(folder)) return next();
        const file = normalize(join(pdfjsRoot, folder, name));
        if (!file.startsWith(join(pdfjsRoot, folder) + sep) || !existsSync(file)) return next();
        res.setHeader('Content-Type', PDFJS_MIME[extname(name)] ?? 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
    generateBundle() {
      for (const folder of PDFJS_ASSET_FOLDERS) {
        for (const name of files(folder)) {
          this.emitFile({ type: 'asset', fileName: `pdfjs/${folder}/${name}`, source: readFileSync(join(pdfjsRoot, folder, name)) });
        }
      }
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      // Keep native and Node-only packages (better-sqlite3, pdfjs-dist…) as runtime imports.
      externalizeDeps: true,
      sourcemap: true,
      rolldownOptions: {
        input: mainInputs(),
        output: {
          entryFileNames: '[name].js',
          chunkFileNames: 'chunk-[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // Bundle everything it uses (shared/contract.ts) into one file; only `electron` stays external.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('electron/preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    plugins: [react(), cspMetaPlugin(), pdfjsAssetsPlugin()],
    build: {
      outDir: fromRoot('out/renderer'),
      emptyOutDir: true,
      rolldownOptions: {
        input: { index: fromRoot('renderer/index.html') },
      },
    },
  },
});
