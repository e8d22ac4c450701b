import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLI, REPO_ROOT, runMuragat, type CliRun } from '../helpers/cli';
import { mountSmallDisk, unmount } from '../helpers/mounts';
import { suiteTempDir, tempDir } from '../helpers/temp-dir';

const running: ChildProcess[] = [];
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

const DOCUMENTS = 150;

let built: string | undefined;
/** An archive of a few MB (built once per file): its bundle or backup takes long enough to be killed midway. */
function buildArchive(): string {
  built ??= makeArchive();
  return built;
}

function makeArchive(): string {
  const docs = suiteTempDir();
  for (let i = 0; i < DOCUMENTS; i++) {
    fs.writeFileSync(path.join(docs, `decision-${i}.txt`), `Қоғамдық кеңестің № ${i} шешімі\n${`Мәслихат отырысы ${i} өтті. `.repeat(1500)}`);
  }
  const data = path.join(suiteTempDir(), 'archive');
  expect(runMuragat(['--data', data, 'import', docs]).status).toBe(0);
  return data;
}

const partialsIn = (dir: string): string[] => fs.readdirSync(dir).filter((name) => name.includes('.partial-'));

/**
 * Starts `args` and SIGKILLs it as soon as a partial output shows up in `dir`; retried a few
 * times in case a run finished before it was seen. Returns the partials left behind.
 */
async function killMidway(args: string[], dir: string): Promise<string[]> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, MURAGAT_DATA: '' }, stdio: 'ignore' });
    running.push(child);
    while (child.exitCode === null && partialsIn(dir).length === 0) await new Promise((resolve) => setTimeout(resolve, 2));
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      return partialsIn(dir);
    }
    // Finished before it was seen: start again from an empty folder.
    for (const name of fs.readdirSync(dir)) fs.rmSync(path.join(dir, name), { recursive: true, force: true });
  }
  throw new Error('the command always finished before its partial output was seen');
}

describe('a killed export-bundle or backup', () => {
  let data: string;
  beforeAll(() => {
    data = buildArchive();
  }, 300_000);

  it('leaves a partial bundle that the next export to the same place removes', async () => {
    const out = tempDir();
    const left = await killMidway(['--data', data, 'export-bundle', path.join(out, 'all.muragat'), '--all'], out);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatch(/^all\.muragat\.partial-\d+-[0-9a-f]+$/);
    const again = runMuragat(['--data', data, 'export-bundle', path.join(out, 'all.muragat'), '--all']);
    expect(again.status).toBe(0);
    expect(fs.readdirSync(out)).toEqual(['all.muragat']);
  });

  it('leaves a partial bundle that the next writable open removes, wherever it was written', async () => {
    const out = tempDir();
    expect(await killMidway(['--data', data, 'export-bundle', path.join(out, 'to-akimat.muragat'), '--all'], out)).toHaveLength(1);
    // A read-only command does not touch it; any writing command does.
    expect(runMuragat(['--data', data, 'list']).status).toBe(0);
    expect(partialsIn(out)).toHaveLength(1);
    const more = tempDir();
    fs.writeFileSync(path.join(more, 'new.txt'), 'Жаңа құжат.\n');
    expect(runMuragat(['--data', data, 'import', more]).status).toBe(0);
    expect(fs.readdirSync(out)).toEqual([]);
  });

  it('sweeps old unregistered partials (from before the registry) out of the outbox, and only those', () => {
    const outbox = path.join(data, 'outbox');
    fs.mkdirSync(outbox, { recursive: true });
    const old = path.join(outbox, 'to-akimat.muragat.partial-0badc0ffee12');
    const fresh = path.join(outbox, 'to-maslikhat.muragat.partial-0123456789ab');
    const bundle = path.join(outbox, 'finished.muragat');
    for (const file of [old, fresh, bundle]) fs.writeFileSync(file, 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    fs.utimesSync(old, twoDaysAgo, twoDaysAgo);
    fs.utimesSync(bundle, twoDaysAgo, twoDaysAgo);
    const more = tempDir();
    fs.writeFileSync(path.join(more, 'another.txt'), 'Тағы бір құжат.\n');
    expect(runMuragat(['--data', data, 'import', more]).status).toBe(0);
    expect(fs.readdirSync(outbox).sort()).toEqual(['finished.muragat', 'to-maslikhat.muragat.partial-0123456789ab']);
    fs.rmSync(outbox, { recursive: true, force: true });
  });

  it("removes a killed backup's staging folder at the next backup", async () => {
    const parent = tempDir();
    const left = await killMidway(['--data', data, 'backup', path.join(parent, 'backup')], parent);
    expect(left).toHaveLength(1);
    expect(fs.statSync(path.join(parent, left[0]!)).isDirectory()).toBe(true);
    const again = runMuragat(['--data', data, 'backup', path.join(parent, 'backup-2')]);
    expect(again.status).toBe(0);
    expect(fs.readdirSync(parent)).toEqual(['backup-2']);
  });
});

/** A small tmpfs (we run as root in CI); null where mounting is not allowed. */
function smallDisk(bytes: number): string | null {
  const dir = tempDir('muragat-full-');
  return mountSmallDisk(dir, bytes) ? dir : null;
}

function expectDiskFull(run: CliRun): void {
  expect(run.status).toBe(1);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  expect((JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { error?: { code: string } }).error?.code).toBe('DISK_FULL');
}

describe('a full disk', () => {
  const probe = smallDisk(64 * 1024);
  if (probe) unmount(probe);
  let data: string;
  beforeAll(() => {
    if (probe) data = buildArchive();
  }, 300_000);

  it.skipIf(!probe)('stops export-bundle with DISK_FULL in one line, exit 1, and no partial file', () => {
    const disk = smallDisk(1024 * 1024)!;
    try {
      const run = runMuragat(['--data', data, 'export-bundle', path.join(disk, 'all.muragat'), '--all', '--json']);
      expectDiskFull(run);
      expect(fs.readdirSync(disk)).toEqual([]);
    } finally {
      unmount(disk);
    }
  });

  it.skipIf(!probe)('stops backup with DISK_FULL in one line, exit 1, and no staging folder', () => {
    const disk = smallDisk(1024 * 1024)!;
    try {
      const run = runMuragat(['--data', data, 'backup', path.join(disk, 'backup'), '--json']);
      expectDiskFull(run);
      expect(fs.readdirSync(disk)).toEqual([]);
    } finally {
      unmount(disk);
    }
  });
});
