/**
 * Vite's `?url` import of the pdf.js worker: the URL of the emitted worker file. Declared for
 * this one specifier (not `*?url`) so it cannot clash with `vite/client` types if those are added.
 */
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
