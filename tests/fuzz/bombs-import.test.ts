/**
 * Issue 11, point 4: a 1 MB PDF whose content stream inflates to 1 GiB, imported with the real
 * CLI. Before the limits it peaked at 2.5 GB per extraction worker (5.1 GB for four in a batch);
 * now it fails with EXTRACTION_LIMIT, the process stays under PEAK_BOUND, and nothing is stored.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonLines, runMuragat } from '../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';
import { deflatedZeros, encryptedPdf, minimalPdf } from '../core/extract/bombs';
import { runMuragatMeasured } from './measured-cli';

const MiB = 1024 * 1024;
/** The whole CLI process (Node, tsx, SQLite, workers): ~230 MB for a normal small import. */
const PEAK_BOUND = 600 * MiB;
/** When pdf.js itself must run into the bomb (an encrypted PDF): its decode buffers on top (514 MiB measured). */
const ENCRYPTED_PEAK_BOUND = 768 * MiB;

let bombStream: Buffer;

beforeAll(async () => {
  bombStream = await deflatedZeros(1024 * MiB);
}, 60_000);

const bomb = (tag: string): Buffer => minimalPdf({ content: { dictionary: '/Filter /FlateDecode', data: bombStream }, tag });

function expectNothingStored(data: string): void {
  const check = runMuragat(['--data', data, 'check']);
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
  expect(JSON.parse(runMuragat(['--data', data, 'list', '--json']).stdout)).toEqual([]);
}

describe('decompression bombs through the real CLI', () => {
  it('a 1 MB PDF that inflates to 1 GiB fails with EXTRACTION_LIMIT, under the memory bound, storing nothing', async () => {
    const data = path.join(tempDir(), 'archive');
    const docs = tempDir();
    const file = bomb('one');
    expect(file.length).toBeLessThan(1.1 * MiB);
    fs.writeFileSync(path.join(docs, 'bomb.pdf'), file);
    const run = await runMuragatMeasured(['--data', data, 'import', docs, '--json', '--ocr', 'never']);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const [line] = jsonLines(run.stdout).filter((entry) => 'status' in entry);
    expect(line).toMatchObject({ status: 'failed', errorCode: 'EXTRACTION_LIMIT' });
    expect(String(line!.error)).toMatch(/decompresses to more than 128 MiB/);
    console.log(`peak RSS importing a 1 GiB PDF bomb: ${run.peakRssBytes === null ? 'not measurable here' : `${Math.round(run.peakRssBytes / MiB)} MiB`}`);
    if (run.peakRssBytes !== null) expect(run.peakRssBytes).toBeLessThan(PEAK_BOUND);
    expectNothingStored(data);
  }, 120_000);

  it('four bombs in one batch: four EXTRACTION_LIMIT, still under the bound, nothing stored', async () => {
    const data = path.join(tempDir(), 'archive');
    const docs = tempDir();
    for (const tag of ['a', 'b', 'c', 'd']) fs.writeFileSync(path.join(docs, `bomb-${tag}.pdf`), bomb(tag));
    const run = await runMuragatMeasured(['--data', data, 'import', docs, '--json', '--ocr', 'never']);
    expect(run.signal).toBeNull();
    expect(run.status).toBe(1);
    const lines = jsonLines(run.stdout).filter((entry) => 'status' in entry);
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatchObject({ status: 'failed', errorCode: 'EXTRACTION_LIMIT' });
    console.log(`peak RSS importing four 1 GiB PDF bombs: ${run.peakRssBytes === null ? 'not measurable here' : `${Math.round(run.peakRssBytes / MiB)} MiB`}`);
    if (run.peakRssBytes !== null) expect(run.peakRssBytes).toBeLessThan(PEAK_BOUND);
    expectNothingStored(data);
  }, 180_000);

  it('an encrypted PDF (empty user password) whose stream inflates to 1 GiB: EXTRACTION_LIMIT from the allocation guard', async () => {
    // The stream scan cannot read ciphertext: pdf.js is loaded and decodes until the guard stops it.
    const data = path.join(tempDir(), 'archive');
    const docs = tempDir();
    fs.writeFileSync(path.join(docs, 'bomb.pdf'), encryptedPdf({ dictionary: '/Filter /FlateDecode', data: bombStream }, 'encrypted-bomb'));
    const run = await runMuragatMeasured(['--data', data, 'import', docs, '--json', '--ocr', 'never']);
    expect(run.signal).toBeNull();
    const lines = jsonLines(run.stdout).filter((entry) => 'status' in entry);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 'failed', errorCode: 'EXTRACTION_LIMIT' });
    expect(String(lines[0]!.error)).toMatch(/single block of \d+ bytes, more than the limit of 134217728/);
    console.log(`peak RSS importing an encrypted 1 GiB PDF bomb: ${run.peakRssBytes === null ? 'not measurable here' : `${Math.round(run.peakRssBytes / MiB)} MiB`}`);
    // pdf.js holds up to 128 MiB of decoded chunks, then its own 128 MiB buffer, before the guard stops it.
    if (run.peakRssBytes !== null) expect(run.peakRssBytes).toBeLessThan(ENCRYPTED_PEAK_BOUND);
    expectNothingStored(data);
  }, 120_000);

  it('a real document next to the bombs is still imported', async () => {
    const data = path.join(tempDir(), 'archive');
    const docs = tempDir();
    fs.writeFileSync(path.join(docs, 'bomb.pdf'), bomb('next-to-real'));
    fs.copyFileSync(path.join(FIXTURES_DIR, 'import/kk-order-110.pdf'), path.join(docs, 'order.pdf'));
    const run = runMuragat(['--data', data, 'import', docs, '--json', '--ocr', 'never']);
    const lines = jsonLines(run.stdout).filter((entry) => 'status' in entry);
    expect(lines.map((line) => [path.basename(String(line.path)), line.status, line.errorCode ?? null]).sort()).toEqual([
      ['bomb.pdf', 'failed', 'EXTRACTION_LIMIT'],
      ['order.pdf', 'imported', null],
    ]);
    expect(runMuragat(['--data', data, 'check']).status).toBe(0);
  }, 120_000);
});
