import { describe, expect, it } from 'vitest';
import { documentIdOfUrl } from '../../electron/main/file-url';

describe('muragat-file:// addresses', () => {
  const id = '0192f3a1-7c2e-7d4b-9a10-1234567890ab';

  it('name a document by its id, with or without a download flag', () => {
    expect(documentIdOfUrl(`muragat-file://document/${id}`)).toBe(id);
    expect(documentIdOfUrl(`muragat-file://document/${id}?download=1`)).toBe(id);
  });

  it('name nothing when they carry a path, traversal, another host or scheme', () => {
    for (const url of [
      'muragat-file://document/../archive.sqlite',
      'muragat-file://document/%2e%2e%2farchive.sqlite',
      `muragat-file://document/${id}/../../etc/passwd`,
      'muragat-file://document/C:%5CWindows%5Cwin.ini',
      `muragat-file://files/${id}`,
      `file:///document/${id}`,
      'muragat-file://document/%E0%A4%A',
      'not a url',
    ]) {
      expect(documentIdOfUrl(url), url).toBeNull();
    }
  });
});
