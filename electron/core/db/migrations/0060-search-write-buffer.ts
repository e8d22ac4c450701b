import type { Migration } from './types';

/**
 * A larger in-memory buffer for the search index's writes (FTS5 `hashsize`, stored in the
 * table's config, so every connection uses it). FTS5 collects new index entries in memory and
 * writes them out as a new segment when the buffer passes `hashsize` (default 1 MB) or the
 * transaction commits. A batch of documents yields several MB of entries (three forms per
 * word), so with 1 MB every import batch and rebuild batch wrote several small segments that
 * automerge then read back and rewrote: the larger part of the index's write time in the search benchmark. With 16 MB a
 * batch becomes one segment. The index's content, and so every search result, is unchanged;
 * memory use while writing grows by at most the buffer.
 */
export const migration0060SearchWriteBuffer: Migration = {
  version: 60,
  name: 'search-write-buffer',
  up(db) {
    db.exec("INSERT INTO search_fts (search_fts, rank) VALUES ('hashsize', 16777216)");
  },
};
