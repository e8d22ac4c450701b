/**
 * Job outcomes and timings in the archive log, from the real CLI: an import (counts and the error
 * codes of failed files), the OCR run it starts, a reindex, a bundle export and its import.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOGS_DIR } from '../../../electron/core/log/logger';
import { runMuragat } from '../../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../../helpers/temp-dir';

type Line = { level: string; event: string; fields: Record<string, unknown> };

function logLines(dataDir: string): Line[] {
  return fs
    .readFileSync(path.join(dataDir, LOGS_DIR, 'muragat.log'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Line);
}

describe('job outcomes in the archive log', () => {
  it('logs an import with its counts and error codes, its OCR run, a reindex and bundle export/import, each once with its duration', () => {
    const dataDir = tempDir();
    const docs = tempDir();
    fs.copyFileSync(path.join(FIXTURES_DIR, 'import', 'kk-order-110-scan.pdf'), path.join(docs, 'scan.pdf'));
    fs.copyFileSync(path.join(FIXTURES_DIR, 'import', 'kk-order-110-encrypted.pdf'), path.join(docs, 'locked.pdf'));
    expect(runMuragat(['--data', dataDir, 'import', docs]).status).toBe(1); // the encrypted PDF fails
    expect(runMuragat(['--data', dataDir, 'reindex']).status).toBe(0);
    const bundle = path.join(tempDir(), 'all.muragat');
    expect(runMuragat(['--data', dataDir, 'export-bundle', bundle, '--all']).status).toBe(0);
    const other = tempDir();
    expect(runMuragat(['--data', other, 'import-bundle', bundle, '--trust']).status).toBe(0);

    const lines = logLines(dataDir);
    const job = (event: string): Line | undefined => lines.find((line) => line.event === event);
    expect(job('job.import')).toMatchObject({
      level: 'info',
      fields: { app: 'cli', command: 'import', status: 'done', ms: expect.any(Number), counts: expect.objectContaining({ total: 2, imported: 1, failed: 1, needsOcr: 1 }), errorCodes: { PDF_ENCRYPTED: 1 } },
    });
    expect(job('job.ocr')).toMatchObject({ level: 'info', fields: { status: 'done', ms: expect.any(Number), counts: expect.objectContaining({ done: 1 }) } });
    expect(job('job.reindex')).toMatchObject({ level: 'info', fields: { command: 'reindex', status: 'done', ms: expect.any(Number), counts: expect.objectContaining({ documents: 1, pages: 1 }) } });
    expect(job('job.bundle-export')).toMatchObject({ level: 'info', fields: { command: 'export-bundle', status: 'done', ms: expect.any(Number) } });
    expect(logLines(other).find((line) => line.event === 'job.bundle-import')).toMatchObject({ level: 'info', fields: { command: 'import-bundle', status: 'done', ms: expect.any(Number) } });
    // One line per job, whichever path ran it (the CLI directly, or the job mechanism).
    for (const event of ['job.import', 'job.ocr', 'job.reindex', 'job.bundle-export']) expect(lines.filter((line) => line.event === event)).toHaveLength(1);
  }, 180_000);
});
