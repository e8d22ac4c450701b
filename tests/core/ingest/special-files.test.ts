/**
 * Issue 11 point 11, the race the listing cannot see: a file that is replaced by a FIFO after the
 * folder was listed must be refused, not opened and waited on forever (the importer opens with
 * O_NONBLOCK and checks the opened handle).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive';
import type { ImportFileResult } from '../../../electron/core/ingest/import-files';
import { tempArchive } from '../../helpers/archive';
import { tempDir } from '../../helpers/temp-dir';

let archive: Archive | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

describe.skipIf(process.platform === 'win32')('a file that becomes a FIFO after the listing', () => {
  it('is refused with FILE_NOT_REGULAR instead of blocking the import', async () => {
    const dir = tempDir();
    const becomesFifo = path.join(dir, 'b-decision.txt');
    fs.writeFileSync(path.join(dir, 'a-decision.txt'), 'Қоғамдық кеңестің № 1 шешімі');
    fs.writeFileSync(becomesFifo, 'Қоғамдық кеңестің № 2 шешімі');
    archive = await tempArchive();
    const results: ImportFileResult[] = [];
    let swapped = false;
    const summary = await archive.importPaths([dir, path.join(dir, 'never-existed.txt')], {
      concurrency: 1,
      onProgress: (progress) => {
        // The path that does not exist is reported first, after the folder was listed and
        // before any file is read: swap the file for a FIFO then.
        if (progress.filesDone === 1 && !swapped) {
          swapped = true;
          fs.rmSync(becomesFifo);
          execFileSync('mkfifo', [becomesFifo]);
        }
      },
      onFile: (result) => results.push(result),
    });
    expect(swapped).toBe(true);
    const fifo = results.find((r) => r.path === becomesFifo);
    expect(fifo).toMatchObject({ status: 'failed', error: { code: 'FILE_NOT_REGULAR' } });
    expect(fifo!.error!.message).toMatch(/pipe/);
    expect(summary).toMatchObject({ total: 3, imported: 1, failed: 2 });
    expect(results).toHaveLength(3);
  }, 30_000);
});
