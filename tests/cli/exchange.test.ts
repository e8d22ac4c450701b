/**
 * The done-when of the exchange issue, through the command line: two data folders trust each
 * other, exchange incremental bundles both ways, see a conflict and resolve it, and refuse a
 * damaged bundle.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMuragat, type CliRun } from '../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

function ok(run: CliRun): CliRun {
  if (run.status !== 0) throw new Error(`exit ${run.status}: ${run.stderr}`);
  return run;
}

function json<T = Record<string, unknown>>(run: CliRun): T {
  return JSON.parse(ok(run).stdout.trim().split('\n').at(-1) ?? 'null') as T;
}

describe('muragat exchange commands', () => {
  it('two offices exchange incremental bundles both ways, with a conflict resolved', () => {
    const root = tempDir();
    const a = path.join(root, 'atyrau');
    const b = path.join(root, 'almaty');
    const usb = path.join(root, 'usb');
    fs.mkdirSync(usb);
    const muragat = (data: string, ...args: string[]): CliRun => runMuragat(['--data', data, ...args]);

    const idA = json(muragat(a, 'identity', '--name', 'Атырау облысы қоғамдық кеңесі', '--json'));
    const idB = json(muragat(b, 'identity', '--name', 'Алматы қоғамдық кеңесі', '--json'));
    expect(String(idA.fingerprint)).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    ok(muragat(a, 'trust', 'add', '--id', String(idB.archiveId), '--name', String(idB.name), '--key', String(idB.publicKey)));
    // A fingerprint read out wrongly over the phone is refused.
    expect(muragat(b, 'trust', 'add', '--id', String(idA.archiveId), '--name', String(idA.name), '--key', String(idA.publicKey), '--fingerprint', 'AAAA-BBBB-CCCC-DDDD').status).toBe(1);
    ok(muragat(b, 'trust', 'add', '--id', String(idA.archiveId), '--name', String(idA.name), '--key', String(idA.publicKey), '--fingerprint', String(idA.fingerprint)));
    expect(ok(muragat(b, 'trust', 'list')).stdout).toContain('Атырау облысы қоғамдық кеңесі');

    // A → B: everything new so far.
    ok(muragat(a, 'import', path.join(FIXTURES_DIR, 'import/kk-order-110.pdf'), path.join(FIXTURES_DIR, 'extract/kaz.md')));
    const first = json(muragat(a, 'export-bundle', path.join(usb, 'a-to-b-1'), '--to', String(idB.archiveId), '--json'));
    expect(first).toMatchObject({ documents: 2, files: 2 });
    expect(json(muragat(b, 'verify-bundle', String(first.path), '--json'))).toMatchObject({ valid: true, signer: 'trusted' });
    expect(json(muragat(b, 'import-bundle', String(first.path), '--dry-run', '--json'))).toMatchObject({ added: 2, applied: false });
    expect(json(muragat(b, 'stats', '--json'))).toMatchObject({ documents: 0 });
    const imported = json(muragat(b, 'import-bundle', String(first.path), '--json'));
    expect(imported).toMatchObject({ bundle: first.bundleId, added: 2, updated: 0, unchanged: 0, conflicts: 0, deleted: 0, files: 2 });
    expect(json(muragat(b, 'import-bundle', String(first.path), '--json'))).toMatchObject({ added: 0, unchanged: 2, files: 0, alreadyImported: true });

    // B → A: B adds a document and changes one of A's; only those travel (and what B received, unchanged at A).
    const order = (json<{ hits: Array<{ id: string }> }>(muragat(b, 'search', 'академиялык', '--json')).hits[0]!).id;
    ok(muragat(b, 'edit', order, '--number', '110-Б', '--tag', 'білім'));
    ok(muragat(b, 'import', path.join(FIXTURES_DIR, 'extract/kaz.docx')));
    const back = json(muragat(b, 'export-bundle', path.join(usb, 'b-to-a-1'), '--to', String(idA.archiveId), '--json'));
    const atA = json(muragat(a, 'import-bundle', String(back.path), '--json'));
    expect(atA).toMatchObject({ added: 1, updated: 1, conflicts: 0 });
    expect(json<{ number: string; tags: string[] }>(muragat(a, 'show', order, '--json'))).toMatchObject({ number: '110-Б', tags: ['білім'] });

    // Both change the same document before the next exchange: a conflict on each side, the newer wins.
    ok(muragat(a, 'edit', order, '--title', 'Академиялық демалыс беру қағидалары (А)'));
    ok(muragat(b, 'edit', order, '--title', 'Академиялық демалыс беру қағидалары (Б)'));
    const fromA = json(muragat(a, 'export-bundle', path.join(usb, 'a-to-b-2'), '--to', String(idB.archiveId), '--json'));
    const fromB = json(muragat(b, 'export-bundle', path.join(usb, 'b-to-a-2'), '--to', String(idA.archiveId), '--json'));
    expect(fromA.documents).toBe(1);
    expect(json(muragat(b, 'import-bundle', String(fromA.path), '--json'))).toMatchObject({ conflicts: 1 });
    expect(json(muragat(a, 'import-bundle', String(fromB.path), '--json'))).toMatchObject({ conflicts: 1 });
    const titleAt = (data: string): string => json<{ title: string }>(muragat(data, 'show', order, '--json')).title;
    expect(titleAt(a)).toBe(titleAt(b));
    const conflicts = json<Array<{ id: number; documentId: string; losingSide: string }>>(muragat(a, 'conflicts', 'list', '--json'));
    expect(conflicts).toHaveLength(1);
    ok(muragat(a, 'conflicts', 'resolve', String(conflicts[0]!.id), '--keep', 'theirs'));
    expect(json<unknown[]>(muragat(a, 'conflicts', 'list', '--json'))).toEqual([]);
  }, 180_000);

  it('refuses a damaged bundle with a clear message, a failing exit code and no change', () => {
    const root = tempDir();
    const a = path.join(root, 'a');
    const b = path.join(root, 'b');
    ok(runMuragat(['--data', a, 'import', path.join(FIXTURES_DIR, 'extract/kaz.md')]));
    const out = json(runMuragat(['--data', a, 'export-bundle', path.join(root, 'all'), '--all', '--json']));
    const bytes = fs.readFileSync(String(out.path));
    fs.writeFileSync(path.join(root, 'cut.muragat'), bytes.subarray(0, Math.floor(bytes.length / 2)));
    const run = runMuragat(['--data', b, 'import-bundle', path.join(root, 'cut.muragat')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cut short|truncated|incomplete/i);
    expect(json(runMuragat(['--data', b, 'stats', '--json']))).toMatchObject({ documents: 0 });
  }, 60_000);
});
