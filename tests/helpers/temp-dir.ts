import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, afterEach } from 'vitest';

const created: string[] = [];

/** A fresh folder under the OS temp dir, removed after the test. */
export function tempDir(prefix = 'muragat-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  created.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of created.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

const createdForSuite: string[] = [];

/** A fresh folder that lives until the end of the test file (for archives built in beforeAll). */
export function suiteTempDir(prefix = 'muragat-suite-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  createdForSuite.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of createdForSuite.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export const CORPUS_DIR = path.resolve(__dirname, '../../../shared/corpus');
export const hasCorpus = fs.existsSync(path.join(CORPUS_DIR, 'SOURCES.md'));
export const FIXTURES_DIR = path.resolve(__dirname, '../fixtures');
