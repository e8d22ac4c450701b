/**
 * The Content-Disposition header for a stored file, with an ASCII fallback name and the real one
 * in RFC 5987 form, so Kazakh and Russian file names survive in every browser and in Electron.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
