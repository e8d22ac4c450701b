/**
 * Where things are: the built files next to out/main/index.js, and the archive data folder.
 */
import { statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** out/main (this module is bundled into out/main/index.js). */
const mainDir = dirname(fileURLToPath(import.meta.url));

export const builtPaths = {
  /** The utility-process entry built from electron/host/core-host.ts. */
  coreHost: join(mainDir, 'core-host.js'),
  preload: join(mainDir, '..', 'preload', 'index.cjs'),
  rendererIndex: join(mainDir, '..', 'renderer', 'index.html'),
  /** Window icon for Linux/Windows when unpackaged (packaged builds embed their own). */
  icon: join(mainDir, '..', '..', 'resources', 'icon.png'),
} as const;

/**
 * The archive data folder: `MURAGAT_DATA` when set (resolved against the working directory),
 * else the folder chosen in Settings, else `<userData>/archive`.
 */
export function resolveDataDir(userDataDir: string, env: NodeJS.ProcessEnv = process.env, chosen?: string): string {
  const fromEnv = env.MURAGAT_DATA?.trim();
  if (fromEnv) return resolve(fromEnv);
  if (chosen && isAbsolute(chosen)) return chosen;
  return join(userDataDir, 'archive');
}

/**
 * Files and folders named on a command line (a file association, a drop on the app icon, a second
 * launch): everything after the executable (and, unpackaged, after the app path) that is not a
 * switch and names an existing file or folder. Relative paths resolve against `cwd`.
 */
export function pathsFromArgv(argv: readonly string[], cwd: string, options: { defaultApp: boolean }): string[] {
  const skip = options.defaultApp ? 2 : 1;
  const out: string[] = [];
  for (const arg of argv.slice(skip)) {
    if (!arg || arg.startsWith('-')) continue;
    const full = isAbsolute(arg) ? arg : resolve(cwd, arg);
    try {
      const stat = statSync(full);
      if ((stat.isFile() || stat.isDirectory()) && !out.includes(full)) out.push(full);
    } catch {
      // Not a path (or gone): ignore, Chromium adds its own arguments too.
    }
  }
  return out;
}
