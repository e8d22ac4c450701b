/**
 * Real read-only media and real full disks for tests, made with `mount` (CI runs as root).
 * Root ignores permission bits, so `chmod a-w` proves nothing: a read-only bind mount refuses
 * writes to everyone (EROFS), and a small tmpfs fills up for real (ENOSPC). Where mounting is not
 * allowed (no privileges, a container, another OS) the probes say so and the tests skip.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

function tryMount(args: readonly string[]): boolean {
  return spawnSync('mount', [...args], { stdio: 'ignore' }).status === 0;
}

export function unmount(dir: string): void {
  spawnSync('umount', [dir], { stdio: 'ignore' });
}

/** True when this machine lets the tests show a folder read-only (probed once per test file). */
export const canMountReadOnly: boolean = ((): boolean => {
  if (process.platform !== 'linux') return false;
  const src = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-ro-probe-'));
  const view = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-ro-probe-view-'));
  try {
    if (!tryMount(['--bind', src, view])) return false;
    const ok = tryMount(['-o', 'remount,bind,ro', view]);
    let refused = false;
    try {
      fs.writeFileSync(path.join(view, 'x'), 'x');
    } catch {
      refused = true;
    }
    unmount(view);
    return ok && refused;
  } finally {
    fs.rmSync(src, { recursive: true, force: true });
    fs.rmSync(view, { recursive: true, force: true });
  }
})();

/**
 * Shows `src` read-only at `view` (an empty folder); the caller unmounts it (`unmount(view)`, in a
 * `finally`). Throws when mounting fails (call it only under `canMountReadOnly`).
 */
export function mountReadOnlyView(src: string, view: string): void {
  if (!tryMount(['--bind', src, view])) throw new Error(`cannot bind-mount ${src}`);
  if (!tryMount(['-o', 'remount,bind,ro', view])) {
    unmount(view);
    throw new Error(`cannot remount ${view} read-only`);
  }
}

/** Mounts a tmpfs of `size` (`3m`, or bytes) on `dir`; false where mounting is not permitted. */
export function mountSmallDisk(dir: string, size: string | number): boolean {
  if (process.platform !== 'linux') return false;
  return tryMount(['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
}
