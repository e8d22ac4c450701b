/**
 * Issue 11 point 10: re-running an `import --ocr auto` that was stopped before OCR read the scans
 * used to report duplicates and leave the pages waiting, saying nothing. Now the duplicate says
 * its pages still wait, and `--ocr auto` reads them, with a line saying it resumes them. Real
 * CLI processes, the real OCR engine and language data.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runMuragat } from '../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

const SCAN = path.join(FIXTURES_DIR, 'ocr/kk-order-110-p1-scan.pdf');

function searchTotal(data: string, query: string): number {
  return (JSON.parse(runMuragat(['--data', data, 'search', query, '--json']).stdout) as { total: number }).total;
}

describe('import --ocr auto resumes the pages an earlier import left waiting', () => {
  it('a re-run reports the duplicate as still waiting for OCR, reads its pages, and says so', () => {
    const data = path.join(tempDir(), 'archive');
    // The first run stops before OCR (here: --ocr never; in the field: the process was killed).
    const first = runMuragat(['--data', data, 'import', SCAN, '--ocr', 'never', '--json']);
    expect(first.status).toBe(0);
    expect(jsonLines(first.stdout)[0]).toMatchObject({ status: 'imported', needsOcr: true });
    expect(searchTotal(data, 'академиялық демалыс')).toBe(0);

    const again = runMuragat(['--data', data, 'import', SCAN]);
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/duplicate .*1 p\. still wait for OCR/);
    expect(again.stdout).toContain('resuming OCR of 1 waiting pages in 1 documents imported earlier');
    expect(again.stdout).toMatch(/OCR: 1 pages read in 1 documents, 0 failed/);
    expect(searchTotal(data, 'академиялық демалыс')).toBe(1);

    // Nothing waits any more: a third run is a plain duplicate and reads nothing.
    const third = runMuragat(['--data', data, 'import', SCAN, '--json']);
    expect(third.status).toBe(0);
    const lines = jsonLines(third.stdout);
    expect(lines[0]).toMatchObject({ status: 'duplicate', needsOcr: false, ocrPagesWaiting: null });
    expect(lines.some((line) => 'ocr' in line)).toBe(false);
  }, 180_000);

  it('with --json the duplicate line carries the waiting page count and the OCR pages follow', () => {
    const data = path.join(tempDir(), 'archive');
    expect(runMuragat(['--data', data, 'import', SCAN, '--ocr', 'never']).status).toBe(0);
    const again = runMuragat(['--data', data, 'import', SCAN, '--json']);
    expect(again.status).toBe(0);
    const lines = jsonLines(again.stdout);
    expect(lines[0]).toMatchObject({ status: 'duplicate', needsOcr: true, ocrPagesWaiting: 1 });
    expect(lines).toContainEqual(expect.objectContaining({ page: 1, ok: true }));
    expect(lines.at(-1)).toMatchObject({ ocr: { pages: 1, failed: 0, documents: 1 } });
  }, 180_000);
});
