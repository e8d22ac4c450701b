/**
 * The extraction worker's allocation guard, installed in this test file's own thread as the
 * worker installs it in its own: pdf.js and mammoth still read real files through it, and an
 * encrypted PDF bomb (which the stream scan cannot read) ends with EXTRACTION_LIMIT.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MuragatError } from '../../../shared/errors';
import { installAllocationGuard } from '../../../electron/core/ingest/extract/allocation-guard';
import { extractFile } from '../../../electron/core/ingest/extract/extract-file';
import { FIXTURES_DIR } from '../../helpers/temp-dir';
import { deflatedZeros, encryptedPdf } from './bombs';

const MiB = 1024 * 1024;

beforeAll(() => installAllocationGuard());

describe('allocation guard (extraction worker)', () => {
  it('real files still read through it: PDF, encrypted PDF, DOCX, ODT', async () => {
    for (const [dir, name, expected] of [
      ['import', 'kk-order-110.pdf', /бұйрық/i],
      ['extract', 'kaz.docx', /[әіңғүұқөһ]/],
      ['extract', 'kaz.odt', /[әіңғүұқөһ]/],
    ] as const) {
      const outcome = await extractFile(readFileSync(join(FIXTURES_DIR, dir, name)), name);
      expect(outcome.kind).toBe('extracted');
      if (outcome.kind === 'extracted') expect(outcome.document.pages.map((page) => page.text).join('\n')).toMatch(expected);
    }
    const readable = encryptedPdf({ dictionary: '', data: Buffer.from('BT /F1 12 Tf 72 760 Td (Encrypted but readable) Tj ET', 'latin1') }, 'readable');
    const outcome = await extractFile(readable, 'readable.pdf');
    expect(outcome.kind === 'extracted' && outcome.document.pages[0]!.text).toBe('Encrypted but readable');
  });

  it('an encrypted PDF whose stream inflates to 1 GiB ends with EXTRACTION_LIMIT, not an out-of-memory kill', async () => {
    const bomb = encryptedPdf({ dictionary: '/Filter /FlateDecode', data: await deflatedZeros(1024 * MiB) }, 'bomb');
    const error = await extractFile(bomb, 'bomb.pdf').then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MuragatError);
    expect((error as MuragatError).code).toBe('EXTRACTION_LIMIT');
    expect((error as MuragatError).message).toMatch(/single block of \d+ bytes, more than the limit of 134217728/);
  }, 60_000);
});
