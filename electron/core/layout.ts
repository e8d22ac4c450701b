/** Names inside a data folder (docs/ARCHITECTURE.md §3.1). */
export const ARCHIVE_DB_FILE = 'archive.sqlite';
export const FILES_DIR = 'files';
export const TMP_DIR = 'tmp';
/** Files uploaded in browser mode, waiting for their import job (removed when it ends). */
export const UPLOADS_DIR = 'uploads';
/** Bundles written by the UI when no folder is chosen (browser mode downloads them from here). */
export const OUTBOX_DIR = 'outbox';
