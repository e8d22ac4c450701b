/**
 * The `ocr` command and `import --ocr`, run as a user runs them (a separate process, the real
 * engine and language data), and the proof that OCR never touches the network.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, jsonLines, REPO_ROOT, runMuragat } from '../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

const SCAN = path.join(FIXTURES_DIR, 'ocr/kk-order-110-p1-scan.pdf');
const BLOCKER = path.join(REPO_ROOT, 'tests/helpers/block-network.cjs');

describe('muragat import --ocr and muragat ocr', () => {
  it('reads scans right after import by default, so their words are found at once', () => {
    const data = path.join(tempDir(), 'archive');
    const imported = runMuragat(['--data', data, 'import', SCAN, '--json']);
    expect(imported.status).toBe(0);
    const lines = jsonLines(imported.stdout);
    expect(lines[0]).toMatchObject({ status: 'imported', needsOcr: true });
    expect(lines).toContainEqual(expect.objectContaining({ page: 1, ok: true, rotation: 0 }));
    expect(lines.at(-1)).toMatchObject({ ocr: { pages: 1, failed: 0, documents: 1, languages: ['kaz', 'rus', 'eng'] } });

    const found = JSON.parse(runMuragat(['--data', data, 'search', 'академиялық демалыс', '--json']).stdout) as { total: number; hits: Array<{ pages: Array<{ ocr: boolean }> }> };
    expect(found.total).toBe(1);
    expect(found.hits[0]!.pages[0]!.ocr).toBe(true);

    const again = runMuragat(['--data', data, 'ocr', '--pending']);
    expect(again).toMatchObject({ status: 0, stdout: 'no pages wait for OCR\n' });
  }, 120_000);

  it('leaves scans waiting with --ocr never, then reads them with ocr --pending, and again with --force --lang', () => {
    const data = path.join(tempDir(), 'archive');
    const imported = runMuragat(['--data', data, 'import', SCAN, '--ocr', 'never']);
    expect(imported.status).toBe(0);
    expect(imported.stdout).toContain('1 documents have pages waiting for OCR: run `muragat ocr --pending`');
    expect(JSON.parse(runMuragat(['--data', data, 'search', 'Қазақстан', '--json']).stdout)).toMatchObject({ total: 0 });

    const pending = runMuragat(['--data', data, 'ocr', '--pending']);
    expect(pending.status).toBe(0);
    expect(pending.stdout).toMatch(/read {6}page 1\/1 {2}\d+ words, confidence \d+/);
    expect(pending.stdout).toMatch(/OCR: 1 pages read in 1 documents, 0 failed/);
    expect(JSON.parse(runMuragat(['--data', data, 'search', 'Қазақстан', '--json']).stdout)).toMatchObject({ total: 1 });

    const id = (JSON.parse(runMuragat(['--data', data, 'list', '--json']).stdout) as Array<{ id: string }>)[0]!.id;
    const forced = runMuragat(['--data', data, 'ocr', id.slice(0, 8), '--force', '--lang', 'kaz', '--json']);
    expect(forced.status).toBe(0);
    expect(jsonLines(forced.stdout).at(-1)).toMatchObject({ ocr: { pages: 1, languages: ['kaz'] } });
  }, 120_000);

  it('explains wrong use', () => {
    const data = path.join(tempDir(), 'archive');
    expect(runMuragat(['--data', data, 'ocr', '--force'])).toMatchObject({ status: 2 });
    expect(runMuragat(['--data', data, 'ocr', '--lang', 'deu', '--pending']).stderr).toContain('unknown OCR language "deu"');
    expect(runMuragat(['--data', data, 'import', SCAN, '--ocr', 'sometimes']).stderr).toContain('--ocr must be one of auto, never, always');
    expect(runMuragat(['--data', data, 'ocr', 'nosuchid']).stderr).toContain('no document with id nosuchid');
  }, 60_000);
});

describe('OCR works offline', () => {
  it('the network blocker catches a fetch (so the next test can fail)', () => {
    const log = path.join(tempDir(), 'network.log');
    const run = spawnSync(process.execPath, ['--require', BLOCKER, '-e', "fetch('https://cdn.jsdelivr.net/npm/x').catch(() => process.exit(3))"], {
      env: { ...process.env, MURAGAT_NETWORK_LOG: log },
      encoding: 'utf8',
    });
    expect(run.status).toBe(3);
    expect(fs.readFileSync(log, 'utf8')).toContain('fetch https://cdn.jsdelivr.net/npm/x');
  });

  it('imports and reads a scan with every network call refused, and makes none', () => {
    const data = path.join(tempDir(), 'archive');
    const log = path.join(tempDir(), 'network.log');
    const run = spawnSync(process.execPath, ['--require', BLOCKER, CLI, '--data', data, 'import', SCAN, '--json'], {
      cwd: REPO_ROOT,
      env: { ...process.env, MURAGAT_DATA: '', MURAGAT_NETWORK_LOG: log },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ ocr: { pages: 1, failed: 0 } });
    expect(fs.existsSync(log) ? fs.readFileSync(log, 'utf8') : '').toBe('');
  }, 120_000);

  const unshare = spawnSync('unshare', ['-n', 'true']).status === 0;
  it.skipIf(!unshare)('reads a scan inside a network namespace with no network at all (unshare -n)', () => {
    const data = path.join(tempDir(), 'archive');
    const run = spawnSync('unshare', ['-n', process.execPath, CLI, '--data', data, 'import', SCAN, '--json'], {
      cwd: REPO_ROOT,
      env: { ...process.env, MURAGAT_DATA: '' },
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(run.status).toBe(0);
    expect(jsonLines(run.stdout).at(-1)).toMatchObject({ ocr: { pages: 1, failed: 0 } });
  }, 120_000);
});
