/**
 * OCR started by the app itself reads with one worker; the user asking for OCR widens the run to
 * the whole budget (issue 11, point 13). Real OCR workers on two waiting scan pages.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openArchive } from '../../../electron/core/archive';
import { WorkBudget } from '../../../electron/core/jobs/budget';
import { REPO_ROOT } from '../../helpers/cli';
import { tempDir } from '../../helpers/temp-dir';

const SCANS = [path.join(REPO_ROOT, 'tests/fixtures/import/kk-order-110-scan.pdf'), path.join(REPO_ROOT, 'tests/fixtures/ocr/kk-order-110-p1-sideways.pdf')];

async function archiveWithTwoScans(budget: WorkBudget) {
  const archive = await openArchive({ dataDir: tempDir('muragat-ocr-width-'), budget, ocrWorkers: 2, extractWorkers: 1 });
  const summary = await archive.importPaths(SCANS);
  expect(summary.needsOcr).toBe(2);
  return archive;
}

describe('OCR width', () => {
  it('a background run reads one page at a time; the user starting OCR widens it to the budget', async () => {
    const narrow = new WorkBudget({ slots: 2, memoryBytes: 8 * 2 ** 30 });
    const background = await archiveWithTwoScans(narrow);
    try {
      background.ocr.start({ background: true });
      await background.ocr.idle();
      expect(background.ocr.status().pendingPages).toBe(0);
      expect(narrow.usage().peak.ocr).toBe(1);
    } finally {
      await background.close();
    }

    const wide = new WorkBudget({ slots: 2, memoryBytes: 8 * 2 ** 30 });
    const widened = await archiveWithTwoScans(wide);
    try {
      widened.ocr.start({ background: true });
      widened.ocr.start();
      await widened.ocr.idle();
      expect(widened.ocr.status().pendingPages).toBe(0);
      expect(wide.usage().peak.ocr).toBe(2);
      // One run, one job.
      expect(widened.jobs.list().filter((job) => job.kind === 'ocr')).toHaveLength(1);
    } finally {
      await widened.close();
    }
  }, 240_000);
});
