import type { SqliteDatabase } from '../sqlite';

/** One step of the schema. `up` runs inside the migrator's transaction; it never commits itself. */
export interface Migration {
  /** Schema version after this step; steps of 10 leave room for fixes in between. */
  version: number;
  name: string;
  up(db: SqliteDatabase): void;
}
