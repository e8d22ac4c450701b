import { MuragatError } from '../../../../shared/errors';
import type { SqliteDatabase } from '../sqlite';
import { migration0010Initial } from './0010-initial';
import { migration0020PageSearch } from './0020-page-search';
import { migration0030SearchIndex } from './0030-search-index';
import { migration0040Review } from './0040-review';
import { migration0050Exchange } from './0050-exchange';
import { migration0060SearchWriteBuffer } from './0060-search-write-buffer';
import { migration0070Ocr } from './0070-ocr';
import { migration0080ContentClaims } from './0080-content-claims';
import { migration0090Detection } from './0090-detection';
import { migration0100DetectionSettled } from './0100-detection-settled';
import { migration0110TextRepair } from './0110-text-repair';
import { migration0120LearnedAbbreviations } from './0120-learned-abbreviations';
import { migration0130LearnedAbbreviationsVersion } from './0130-learned-abbreviations-version';
import type { Migration } from './types';

/** Every schema step, in order. Listed explicitly (not read from a folder) so bundlers keep them. */
export const MIGRATIONS: readonly Migration[] = [migration0010Initial, migration0020PageSearch, migration0030SearchIndex, migration0040Review, migration0050Exchange, migration0060SearchWriteBuffer, migration0070Ocr, migration0080ContentClaims, migration0090Detection, migration0100DetectionSettled, migration0110TextRepair, migration0120LearnedAbbreviations, migration0130LearnedAbbreviationsVersion];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

export function schemaVersion(db: SqliteDatabase): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to `target` (default: latest), one transaction per step so that a
 * failure leaves the database at the last complete version. A database written by a newer
 * Muragat is refused rather than guessed at.
 */
export function migrate(
  db: SqliteDatabase,
  target: number = LATEST_SCHEMA_VERSION,
  /** Told after each step (the archive log records every migration and its duration). */
  onStep?: (step: { version: number; name: string; ms: number }) => void,
): number {
  assertAscending(MIGRATIONS);
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new MuragatError(
      'ARCHIVE_NEWER_VERSION',
      `This archive was written by a newer version of Muragat (schema ${current}; this version knows up to ${LATEST_SCHEMA_VERSION}). Update Muragat to open it.`,
      { found: current, supported: LATEST_SCHEMA_VERSION },
    );
  }
  for (const step of MIGRATIONS) {
    if (step.version <= current || step.version > target) continue;
    const started = performance.now();
    // The version is read again under the write lock: two processes opening a new archive at
    // once (two imports started together) both saw the old version, and the second must skip
    // the steps the first applied meanwhile instead of failing on "table already exists".
    const applied = db.transaction(() => {
      if (schemaVersion(db) >= step.version) return false;
      step.up(db);
      db.pragma(`user_version = ${step.version}`);
      return true;
    }).immediate();
    if (applied) onStep?.({ version: step.version, name: step.name, ms: Math.round(performance.now() - started) });
  }
  return schemaVersion(db);
}

function assertAscending(steps: readonly Migration[]): void {
  for (let i = 1; i < steps.length; i++) {
    const previous = steps[i - 1];
    const step = steps[i];
    if (previous && step && step.version <= previous.version) {
      throw new Error(`migrations out of order: ${previous.version} then ${step.version}`);
    }
  }
}
