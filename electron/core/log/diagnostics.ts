/**
 * A diagnostics zip for support (`muragat diagnostics OUT.zip`, and Settings → "Collect
 * diagnostics"): what a support person needs to understand an office's problem without visiting
 * it, and nothing of what the archive holds.
 *
 *   README.txt          what the zip is and what it leaves out
 *   logs/muragat*.log   the archive log (already redacted when written, see redact.ts)
 *   versions.json       app, Node, Electron, SQLite, better-sqlite3, pdf.js, tesseract.js, OS, CPUs, memory
 *   check.json          the `check` report (database integrity and every stored file's SHA-256)
 *   archive.json        schema version, counts (documents, pages, waiting OCR…), disk free, settings
 *
 * Settings are the `archive_meta` table minus anything secret. The archive's private key lives in
 * `<data>/identity/` (bundles/identity.ts) and is never read here; no table holding document text,
 * titles or file names is read except through counts. It only reads the archive, so it works on a
 * read-only one; the zip goes where the caller says, written to a temp name and renamed.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import yazl from 'yazl';
import { MuragatError } from '../../../shared/errors';
import type { Archive } from '../archive';
import { schemaVersion } from '../db/migrations';
import { listLogFiles } from './log-file';
import { LOGS_DIR } from './logger';
import { scrubFolders, serializeError } from './redact';

export const DIAGNOSTICS_PREFIX = 'muragat-diagnostics-';
/** The name the UI's "Collect diagnostics" gives its zip in the outbox (the HTTP route serves only these). */
export const DIAGNOSTICS_NAME = /^muragat-diagnostics-[0-9TZ-]+\.zip$/;

/** Settings that are secrets or could become one: never packed, whatever a later version stores. */
const SECRET_SETTING = /key|secret|password|passphrase|token|private|pem|salt/i;

export interface DiagnosticsOptions {
  /** The application version (package.json). */
  appVersion: string;
  /** Runs `check` (hashes every stored file: minutes on a large archive). Default true. */
  check?: boolean;
  now?: () => Date;
}

export interface DiagnosticsResult {
  path: string;
  bytes: number;
  entries: string[];
}

/** `muragat-diagnostics-20261207T193000Z.zip` */
export function diagnosticsFileName(now: Date): string {
  return `${DIAGNOSTICS_PREFIX}${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.zip`;
}

const json = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8');

export async function writeDiagnostics(archive: Archive, outPath: string, options: DiagnosticsOptions): Promise<DiagnosticsResult> {
  const now = options.now ?? (() => new Date());
  const entries = new Map<string, Buffer>();
  entries.set('README.txt', Buffer.from(readme(now()), 'utf8'));
  entries.set('versions.json', json(versions(archive, options.appVersion)));
  entries.set('archive.json', json(await archiveFacts(archive)));
  if (options.check !== false) {
    let report: unknown;
    try {
      report = await archive.check();
    } catch (error) {
      // A check that cannot run is itself a finding; the rest of the zip is still worth having.
      report = { error: { code: (error as { code?: unknown }).code ?? 'INTERNAL', message: scrubFolders((error as Error).message ?? String(error)) } };
    }
    // Its messages may name a stored file by its absolute path: folders are dropped (redact.ts rule 4).
    entries.set('check.json', Buffer.from(`${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? scrubFolders(value) : value), 2)}\n`, 'utf8'));
  }
  // Read after the check, so its own lines are included.
  addLogs(entries, archive.dataDir);
  const bytes = await writeZip(outPath, entries);
  archive.context.log.info('diagnostics.created', { bytes, entries: entries.size });
  return { path: path.resolve(outPath), bytes, entries: [...entries.keys()] };
}

/**
 * The zip for an archive that does not open (damaged, written by a newer version, locked): when
 * support is needed most. The log, the versions and why it did not open; no check, no counts.
 */
export async function writeDiagnosticsUnopened(dataDir: string, openError: unknown, outPath: string, options: DiagnosticsOptions): Promise<DiagnosticsResult> {
  const now = options.now ?? (() => new Date());
  const entries = new Map<string, Buffer>();
  const { code, message } = serializeError(openError);
  entries.set('README.txt', Buffer.from(readme(now()), 'utf8'));
  entries.set('versions.json', json(versions(null, options.appVersion)));
  entries.set('archive.json', json({ opened: false, error: { code, message }, disk: await diskSpace(dataDir) }));
  addLogs(entries, dataDir);
  const bytes = await writeZip(outPath, entries);
  return { path: path.resolve(outPath), bytes, entries: [...entries.keys()] };
}

/** Each log file is at most ~1 MB (log-file.ts), so they are read whole. */
function addLogs(entries: Map<string, Buffer>, dataDir: string): void {
  for (const file of listLogFiles(path.join(dataDir, LOGS_DIR))) {
    try {
      entries.set(`logs/${path.basename(file)}`, fs.readFileSync(file));
    } catch {
      // rotated away between listing and reading
    }
  }
}

async function diskSpace(dir: string): Promise<Record<string, number> | null> {
  try {
    const stats = await fs.promises.statfs(dir);
    return { freeBytes: stats.bavail * stats.bsize, totalBytes: stats.blocks * stats.bsize };
  } catch {
    // not every platform or file system tells
    return null;
  }
}

function readme(now: Date): string {
  return [
    'Muragat diagnostics',
    `Created ${now.toISOString()}.`,
    '',
    'For support: the archive log, program versions, the result of `muragat check`, counts and',
    'settings. It contains no document text, no titles or file names, no search queries, no',
    'passwords and not the archive\'s private key.',
    '',
  ].join('\n');
}

function packageVersion(name: string): string {
  try {
    const require = createRequire(import.meta.url);
    const pkg = JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

function versions(archive: Archive | null, appVersion: string): Record<string, unknown> {
  let sqlite = 'unknown';
  try {
    if (archive) sqlite = (archive.context.db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  } catch {
    // database closed
  }
  const cpus = os.cpus();
  return {
    app: appVersion,
    node: process.versions.node,
    electron: process.versions.electron ?? null,
    v8: process.versions.v8,
    sqlite,
    betterSqlite3: packageVersion('better-sqlite3'),
    pdfjs: packageVersion('pdfjs-dist'),
    tesseract: packageVersion('tesseract.js'),
    os: { platform: process.platform, release: os.release(), arch: process.arch, version: safe(() => os.version()) },
    cpu: { count: cpus.length, model: cpus[0]?.model ?? null, availableParallelism: safe(() => os.availableParallelism()) },
    memory: { totalBytes: os.totalmem(), freeBytes: os.freemem(), processRssBytes: process.memoryUsage().rss },
  };
}

async function archiveFacts(archive: Archive): Promise<Record<string, unknown>> {
  const { db } = archive.context;
  const settings: Record<string, string> = {};
  const rows = safe(() => db.prepare('SELECT key, value FROM archive_meta ORDER BY key').all() as Array<{ key: string; value: string }>) ?? [];
  for (const { key, value } of rows) {
    // Folders (the sync folder) keep only their last part: the zip may reach a browser.
    settings[key] = SECRET_SETTING.test(key) ? '[secret: left out]' : scrubFolders(value);
  }
  const stats = safe(() => archive.stats());
  const ocr = safe(() => archive.ocr.status());
  const disk = await diskSpace(archive.dataDir);
  return {
    opened: true,
    archiveId: archive.archiveId,
    schemaVersion: safe(() => schemaVersion(db)),
    counts: stats
      ? {
          documents: stats.documents,
          pages: stats.pages,
          files: stats.files,
          storedBytes: stats.storedBytes,
          databaseBytes: stats.databaseBytes,
          documentsNeedingOcr: stats.needsOcr,
          pagesWaitingForOcr: ocr?.pendingPages ?? null,
          byKind: stats.byKind,
          byLang: stats.byLang,
          byYear: stats.byYear,
        }
      : null,
    ocr: ocr ? { state: ocr.state } : null,
    disk,
    settings,
  };
}

function safe<T>(read: () => T): T | null {
  try {
    return read();
  } catch {
    return null;
  }
}

async function writeZip(outPath: string, entries: ReadonlyMap<string, Buffer>): Promise<number> {
  const target = path.resolve(outPath);
  const partial = `${target}.partial-${randomBytes(6).toString('hex')}`;
  const zip = new yazl.ZipFile();
  for (const [name, data] of entries) zip.addBuffer(data, name, { mtime: new Date(), mode: 0o100644 });
  zip.end();
  try {
    await new Promise<void>((resolve, reject) => {
      const out = fs.createWriteStream(partial, { flags: 'wx' });
      out.on('error', reject);
      zip.outputStream.on('error', reject);
      out.on('close', resolve);
      zip.outputStream.pipe(out);
    });
    fs.renameSync(partial, target);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC') throw new MuragatError('DISK_FULL', `no room for the diagnostics zip in ${path.dirname(target)}`);
    if (code === 'EROFS') throw new MuragatError('ARCHIVE_READ_ONLY', `cannot write into ${path.dirname(target)}: read-only`);
    throw new MuragatError('FILE_UNREADABLE', `cannot write ${target}: ${(error as Error).message}`, {}, { cause: error });
  }
  return fs.statSync(target).size;
}
