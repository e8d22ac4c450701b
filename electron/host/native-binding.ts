/**
 * Which better-sqlite3 native binary the core host should load.
 *
 * node_modules keeps better-sqlite3 built for Node's ABI (tests and the CLI use it).
 * `scripts/electron-native.mjs` builds a second copy for Electron's ABI into
 * `.electron-native/better-sqlite3/`; when running unpackaged under Electron we point
 * better-sqlite3 at it: `new Database(file, { nativeBinding: resolveNativeBinding() })`.
 * A packaged app has its node_modules rebuilt for Electron by electron-builder, so there (and
 * under plain Node) this returns undefined and better-sqlite3 loads its own binary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NATIVE_DIR_NAME = '.electron-native';
/** Written by scripts/electron-native.mjs next to the build. */
export const NATIVE_STAMP_FILE = 'better-sqlite3.stamp.json';
export const NATIVE_BINARY_PATH = join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

export interface NativeBindingOptions {
  env?: NodeJS.ProcessEnv;
  /** `process.versions` (electron and modules = the ABI). */
  versions?: Partial<Record<string, string>>;
  /** Folders to look for `.electron-native` in (and their parents). */
  searchFrom?: string[];
}

interface Stamp {
  abi?: unknown;
}

function stampAbi(nativeDir: string): string | undefined {
  try {
    const stamp = JSON.parse(readFileSync(join(nativeDir, NATIVE_STAMP_FILE), 'utf8')) as Stamp;
    return typeof stamp.abi === 'string' || typeof stamp.abi === 'number' ? String(stamp.abi) : undefined;
  } catch {
    return undefined;
  }
}

function ancestors(start: string, levels: number): string[] {
  const out: string[] = [];
  let current = resolve(start);
  for (let i = 0; i <= levels; i++) {
    out.push(current);
    const parent = dirname(current);
    if (parent === current) break;
    current = parent;
  }
  return out;
}

/**
 * The absolute path of a better-sqlite3 binary built for this Electron, or undefined to let
 * better-sqlite3 load its default one. `MURAGAT_NATIVE_BINDING` overrides the search.
 */
export function resolveNativeBinding(options: NativeBindingOptions = {}): string | undefined {
  const env = options.env ?? process.env;
  const versions = options.versions ?? process.versions;
  const override = env.MURAGAT_NATIVE_BINDING?.trim();
  if (override) return resolve(override);
  if (!versions.electron) return undefined;

  const here = dirname(fileURLToPath(import.meta.url));
  const starts = options.searchFrom ?? [here, process.cwd()];
  const seen = new Set<string>();
  for (const start of starts) {
    for (const folder of ancestors(start, 4)) {
      const nativeDir = join(folder, NATIVE_DIR_NAME);
      if (seen.has(nativeDir)) continue;
      seen.add(nativeDir);
      const binary = join(nativeDir, NATIVE_BINARY_PATH);
      if (!existsSync(binary)) continue;
      // Only a build stamped with this runtime's ABI; anything else would fail to load anyway,
      // with a less helpful message.
      if (stampAbi(nativeDir) === versions.modules) return binary;
    }
  }
  return undefined;
}
