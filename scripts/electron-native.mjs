#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into .electron-native/ WITHOUT touching node_modules
// (tests, the CLI and the browser-mode server keep using the Node-ABI build there). The core
// host loads this copy through `nativeBinding` (electron/host/native-binding.ts).
//
//   node scripts/electron-native.mjs            build if missing or stale, else do nothing
//   node scripts/electron-native.mjs --check    only verify; exit 1 if missing, stale or wrong ABI
//   options: --force (rebuild anyway), --nodedir=<dir> (use local Electron headers, offline),
//            --out=<dir> (instead of .electron-native)
//
// Why not `electron-rebuild`/`npm rebuild`: they rebuild node_modules in place (breaking vitest),
// and on machines whose npmrc sets `nodedir` they silently compile against Node's headers while
// labelling the result as Electron's. So this script runs node-gyp itself with a clean
// environment and then reads the ABI out of the built binary.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const HEADERS_URL = 'https://electronjs.org/headers';
// Shared with electron/host/native-binding.ts.
const STAMP_FILE = 'better-sqlite3.stamp.json';
const BINARY = join('better-sqlite3', 'build', 'Release', 'better_sqlite3.node');

const { values: options } = parseArgs({
  options: {
    check: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    nodedir: { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (options.help) {
  const usage = readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 10);
  console.log(usage.map((line) => line.replace(/^\/\/ ?/, '')).join('\n'));
  process.exit(0);
}

const log = (message) => console.log(`[electron-native] ${message}`);
function fail(message) {
  console.error(`[electron-native] ${message}`);
  process.exit(1);
}

function readJson(file, what) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return fail(`cannot read ${what} (${relative(ROOT, file)}). Run \`npm install\` first.`);
  }
}

// ---- What we build for ------------------------------------------------------------------------

const electronVersion = readJson(join(ROOT, 'node_modules/electron/package.json'), 'the electron package').version;
const sqlitePackageDir = join(ROOT, 'node_modules/better-sqlite3');
const sqliteVersion = readJson(join(sqlitePackageDir, 'package.json'), 'the better-sqlite3 package').version;

function expectedAbi() {
  const file = join(ROOT, 'node_modules/electron/abi_version');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  return fail(`cannot tell Electron ${electronVersion}'s ABI: ${relative(ROOT, file)} is missing.`);
}
const abi = expectedAbi();

const outDir = resolve(ROOT, options.out ?? '.electron-native');
const packageCopy = join(outDir, 'better-sqlite3');
const binaryPath = join(outDir, BINARY);
const stampPath = join(outDir, STAMP_FILE);
const wanted = { electron: electronVersion, abi, betterSqlite3: sqliteVersion, platform: process.platform, arch: process.arch };

/**
 * The NODE_MODULE_VERSION a built addon was compiled for: better-sqlite3 registers itself through
 * NODE_MODULE_INIT, which exports `node_register_module_v<ABI>` (ELF, PE and Mach-O alike).
 */
function binaryAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(file).toString('latin1'));
  return match?.[1];
}

/** Why the current build cannot be used, or undefined when it is up to date. */
function staleness() {
  if (!existsSync(binaryPath)) return `no build at ${relative(ROOT, binaryPath)}`;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampPath, 'utf8'));
  } catch {
    return `no stamp at ${relative(ROOT, stampPath)}`;
  }
  for (const [key, value] of Object.entries(wanted)) {
    if (String(stamp[key]) !== String(value)) return `built for ${key}=${stamp[key]}, need ${value}`;
  }
  const actual = binaryAbi(binaryPath);
  if (actual !== abi) return `the binary has ABI ${actual ?? 'unknown'}, Electron ${electronVersion} needs ${abi}`;
  return undefined;
}

// ---- --check / up to date -----------------------------------------------------------------------

const problem = staleness();
if (options.check) {
  if (problem) fail(`better-sqlite3 for Electron ${electronVersion} (ABI ${abi}) is not ready: ${problem}. Run \`node scripts/electron-native.mjs\`.`);
  log(`OK: ${relative(ROOT, binaryPath)} is better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${abi}).`);
  process.exit(0);
}
if (!problem && !options.force) {
  log(`up to date: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${abi}).`);
  process.exit(0);
}
log(problem ? `building (${problem})` : 'rebuilding (--force)');

// ---- Build ------------------------------------------------------------------------------------

const nodeGyp = join(ROOT, 'node_modules/node-gyp/bin/node-gyp.js');
if (!existsSync(nodeGyp)) fail(`node-gyp is missing (${relative(ROOT, nodeGyp)}); run \`npm install\`.`);
if (!existsSync(join(sqlitePackageDir, 'binding.gyp'))) fail('node_modules/better-sqlite3 has no binding.gyp; reinstall it.');

// A fresh copy of the package sources (never its build/ folder, which holds the Node-ABI build).
rmSync(packageCopy, { recursive: true, force: true });
rmSync(stampPath, { force: true });
mkdirSync(outDir, { recursive: true });
cpSync(sqlitePackageDir, packageCopy, {
  recursive: true,
  filter: (source) => {
    const rel = relative(sqlitePackageDir, source).split(/[\\/]/)[0];
    return rel !== 'build' && rel !== 'node_modules';
  },
});

// A clean environment: every npm_config_* is dropped, above all npm_config_nodedir, which a
// global npmrc may set and which makes node-gyp compile against Node's headers instead.
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_config_/i.test(key)));
const devdir = process.env.MURAGAT_GYP_DEVDIR ?? join(homedir(), '.cache', 'node-gyp');
const args = [
  nodeGyp,
  'rebuild',
  '--release',
  '--jobs=max',
  '--runtime=electron',
  `--target=${electronVersion}`,
  `--arch=${process.arch}`,
  `--devdir=${devdir}`,
  options.nodedir ? `--nodedir=${resolve(options.nodedir)}` : `--dist-url=${HEADERS_URL}`,
];
log(`node-gyp ${args.slice(1).join(' ')}`);

const output = await new Promise((resolveRun) => {
  const child = spawn(process.execPath, args, { cwd: packageCopy, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  child.stdout.on('data', (chunk) => {
    text += chunk;
    process.stdout.write(chunk);
  });
  child.stderr.on('data', (chunk) => {
    text += chunk;
    process.stderr.write(chunk);
  });
  child.on('error', (error) => resolveRun({ code: 1, text: `${text}\n${error.message}` }));
  child.on('close', (code) => resolveRun({ code: code ?? 1, text }));
});

if (output.code !== 0) {
  const headersDir = join(devdir, electronVersion);
  const haveHeaders = existsSync(join(headersDir, 'include', 'node', 'node_version.h'));
  if (!options.nodedir && !haveHeaders) {
    const network = /network connectivity|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|certificate/i.test(output.text);
    fail(
      [
        `cannot build better-sqlite3 for Electron ${electronVersion}: its headers could not be ${network ? 'downloaded (no network?)' : 'installed'}.`,
        `  Missing: the Electron ${electronVersion} headers (${HEADERS_URL}/v${electronVersion}/node-v${electronVersion}-headers.tar.gz),`,
        `           expected in ${headersDir} once downloaded.`,
        '  Fix: run this once with network access (the headers are cached), or extract that tarball',
        '       elsewhere and run `node scripts/electron-native.mjs --nodedir=<extracted folder>`.',
        '  node_modules was not touched; tests and the CLI are unaffected.',
      ].join('\n'),
    );
  }
  if (/gyp ERR! find Python|gyp ERR! find VS|not found: make|g\+\+|cc1plus/i.test(output.text)) {
    fail('cannot build better-sqlite3: a C/C++ toolchain or Python is missing (see the node-gyp output above).');
  }
  fail(`node-gyp failed (exit code ${output.code}); see its output above.`);
}

const builtAbi = existsSync(binaryPath) ? binaryAbi(binaryPath) : undefined;
if (builtAbi !== abi) {
  rmSync(binaryPath, { force: true });
  fail(
    `the build has ABI ${builtAbi ?? 'unknown'}, but Electron ${electronVersion} needs ${abi}. ` +
      'It was compiled against the wrong headers (a `nodedir` setting?); it will not be used.',
  );
}
writeFileSync(stampPath, `${JSON.stringify({ ...wanted, builtAt: new Date().toISOString() }, null, 2)}\n`);
log(`built ${relative(ROOT, binaryPath)}: better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (ABI ${abi}).`);
