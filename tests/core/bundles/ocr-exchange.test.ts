/**
 * What OCR found travels with the document: the other office gets the recognised text and the
 * word boxes, so it finds the scan and highlights hits on it without reading it again.
 */
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive';
import { exportBundle } from '../../../electron/core/bundles/export';
import { loadOrCreateKeyPair } from '../../../electron/core/bundles/identity';
import { importBundle } from '../../../electron/core/bundles/import';
import { trustOffice } from '../../../electron/core/bundles/offices';
import { readMeta } from '../../../electron/core/db/meta';
import { getPageOcr } from '../../../electron/core/ocr/ocr-service';
import { archiveStateHash, tempArchive } from '../../helpers/archive';
import { FIXTURES_DIR, tempDir } from '../../helpers/temp-dir';

const SCAN = path.join(FIXTURES_DIR, 'ocr/kk-order-110-p1-scan.pdf');
const open: Archive[] = [];
afterEach(async () => {
  for (const archive of open.splice(0)) await archive.close();
});

async function office(name: string): Promise<Archive> {
  const archive = await tempArchive(path.join(tempDir(), name));
  open.push(archive);
  return archive;
}

function trust(a: Archive, b: Archive): void {
  trustOffice(a.context.db, { archiveId: b.archiveId, name: readMeta(b.context.db, 'name') ?? '', publicKey: loadOrCreateKeyPair(b.dataDir).publicKey }, new Date(), a.archiveId);
}

describe('a scan read by OCR, sent to another office', () => {
  it('arrives with its text and word boxes: found and highlightable there, nothing left to read', async () => {
    const [a, b] = [await office('a'), await office('b')];
    trust(a, b);
    trust(b, a);
    let id = '';
    await a.importPaths([SCAN], { onFile: (result) => (id = result.id ?? '') });
    await a.ocr.runQueue({});
    const bundle = path.join(tempDir(), 'a-to-b.muragat');
    await exportBundle(a.context, bundle, { kind: 'office', office: b.archiveId });

    const result = await importBundle(b.context, bundle);
    expect(result).toMatchObject({ applied: true, added: 1 });
    expect(b.ocr.status().pendingPages).toBe(0);
    const sent = getPageOcr(a.context, id, 1)!;
    const received = getPageOcr(b.context, id, 1)!;
    expect(received.words.length).toBeGreaterThan(100);
    expect(received).toEqual(sent);
    const hit = b.search({ query: 'академиялық демалыс' }).hits.find((h) => h.id === id);
    expect(hit?.pages[0]).toMatchObject({ page: 1, ocr: true });

    const before = archiveStateHash(b);
    expect(await importBundle(b.context, bundle)).toMatchObject({ alreadyImported: true, added: 0, updated: 0 });
    expect(archiveStateHash(b)).toBe(before);
  }, 120_000);
});
