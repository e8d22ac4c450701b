import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStore, sha256Hex } from '../../electron/core/store/file-store';
import { tempDir } from '../helpers/temp-dir';

function store() {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'tmp'));
  return new FileStore(path.join(dir, 'files'), path.join(dir, 'tmp'));
}

describe('content-addressed file store', () => {
  it('stores bytes under their SHA-256, sharded by the first two hex digits, once', async () => {
    const files = store();
    const bytes = Buffer.from('Қоғамдық кеңес туралы ереже', 'utf8');
    const sha = sha256Hex(bytes);
    const stored = await files.put(sha, bytes);
    expect(stored).toBe(path.join(files.filesDir, sha.slice(0, 2), sha));
    expect(fs.readFileSync(stored).equals(bytes)).toBe(true);
    await files.put(sha, bytes);
    expect(await files.list()).toEqual([sha]);
    expect(fs.readdirSync(files.tmpDir)).toEqual([]);
  });

  it('refuses bytes that do not match the digest, leaving nothing behind', async () => {
    const files = store();
    await expect(files.put(sha256Hex(Buffer.from('a')), Buffer.from('b'))).rejects.toMatchObject({ code: 'STORE_FAILED' });
    expect(await files.list()).toEqual([]);
  });

  it('never resolves a path outside the store, whatever the id', () => {
    const files = store();
    for (const hostile of ['../../etc/passwd', 'a'.repeat(63), 'A'.repeat(64), '..' + 'a'.repeat(62)]) {
      expect(() => files.pathOf(hostile)).toThrow(/not a SHA-256/);
    }
  });

  it('sweeps stale temp files left by a crashed writer', async () => {
    const files = store();
    const stale = path.join(files.tmpDir, 'blob-1234-dead');
    fs.writeFileSync(stale, 'half a file');
    const old = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(stale, old, old);
    fs.writeFileSync(path.join(files.tmpDir, 'blob-fresh'), 'being written now');
    expect(await files.sweepTemp(3600_000)).toBe(1);
    expect(fs.readdirSync(files.tmpDir)).toEqual(['blob-fresh']);
  });
});
