/**
 * Issue 11 point 11: every path given to `import`, or found in a folder, gets exactly one status.
 * A FIFO, a link to /dev/zero and a link to a folder used to get none (and a FIFO opened for
 * reading blocks forever). Real special files, made with mkfifo and symlinks, in a real CLI run.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runMuragat } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

const posix = process.platform !== 'win32';

describe.skipIf(!posix)('import gives every path one status', () => {
  it('pipes, sockets, devices, links to them and to folders, broken links and litter are refused with a reason; the total counts them', async () => {
    const docs = tempDir();
    fs.writeFileSync(path.join(docs, 'decision.txt'), 'Қоғамдық кеңестің № 5 шешімі\nМәслихат отырысы өтті.');
    execFileSync('mkfifo', [path.join(docs, 'pipe.txt')]);
    fs.symlinkSync('/dev/zero', path.join(docs, 'zero.pdf'));
    fs.symlinkSync('/dev/null', path.join(docs, 'null.txt'));
    fs.mkdirSync(path.join(docs, 'sub'));
    fs.writeFileSync(path.join(docs, 'sub', 'inner.txt'), 'Қоғамдық кеңестің № 6 шешімі');
    fs.symlinkSync(path.join(docs, 'sub'), path.join(docs, 'link-to-sub'));
    fs.symlinkSync(path.join(docs, 'nowhere.txt'), path.join(docs, 'broken.txt'));
    fs.symlinkSync(path.join(docs, 'decision.txt'), path.join(docs, 'link-to-decision.txt'));
    fs.writeFileSync(path.join(docs, 'Thumbs.db'), 'litter');
    fs.writeFileSync(path.join(docs, '~$decision.docx'), 'lock');
    // A listening Unix socket (short path: socket paths are limited to ~100 bytes).
    const socketPath = path.join(docs, 's.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    const explicitFifo = path.join(tempDir(), 'given.fifo');
    execFileSync('mkfifo', [explicitFifo]);

    try {
      const run = runMuragat(['--data', path.join(tempDir(), 'archive'), 'import', docs, explicitFifo, '/dev/zero', '--json', '--ocr', 'never']);
      const lines = jsonLines(run.stdout);
      const statuses = lines.filter((line) => 'status' in line);
      const summary = lines.find((line) => 'summary' in line)!.summary as { total: number; imported: number; duplicate: number; skipped: number; failed: number };
      const byName = new Map(statuses.map((line) => [path.basename(String(line.path)), line]));

      for (const name of ['pipe.txt', 'zero.pdf', 'null.txt', 'link-to-sub', 's.sock', 'given.fifo', 'zero']) {
        expect(byName.get(name), name).toMatchObject({ status: 'skipped', errorCode: 'FILE_NOT_REGULAR' });
        expect(String(byName.get(name)!.error), name).toMatch(/not a regular file/);
      }
      expect(String(byName.get('pipe.txt')!.error)).toMatch(/pipe/);
      expect(String(byName.get('zero.pdf')!.error)).toMatch(/link to a character device/);
      expect(String(byName.get('link-to-sub')!.error)).toMatch(/link to a folder/);
      expect(byName.get('broken.txt')).toMatchObject({ status: 'failed', errorCode: 'FILE_UNREADABLE' });
      expect(String(byName.get('broken.txt')!.error)).toMatch(/broken link/);
      expect(byName.get('Thumbs.db')).toMatchObject({ status: 'skipped' });
      expect(byName.get('~$decision.docx')).toMatchObject({ status: 'skipped' });
      expect(byName.get('decision.txt')).toMatchObject({ status: 'imported' });
      expect(byName.get('inner.txt')).toMatchObject({ status: 'imported' });
      // A link to a file is followed: same bytes, so a duplicate of the file itself.
      expect(byName.get('link-to-decision.txt')).toMatchObject({ status: 'duplicate' });

      // Exactly one status per path, and the summary counts exactly what was printed.
      expect(new Set(statuses.map((line) => line.path)).size).toBe(statuses.length);
      expect(statuses).toHaveLength(13);
      expect(summary.total).toBe(statuses.length);
      expect(summary.imported + summary.duplicate + summary.skipped + summary.failed).toBe(summary.total);
      expect(summary).toMatchObject({ imported: 2, duplicate: 1, failed: 1, skipped: 9 });
      expect(run.status).toBe(1);
    } finally {
      server.close();
    }
  }, 120_000);
});
