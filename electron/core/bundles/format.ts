/**
 * The bundle format (docs/ARCHITECTURE.md §7): one `*.muragat` ZIP carrying
 *   records.ndjson     documents (with pages, tags, files), relations and tombstones, one JSON per line
 *   files/<sha256>     the stored originals the records name
 *   manifest.json      what is inside (every other entry with its size and SHA-256), who made it, when
 *   manifest.sig       the Ed25519 signature of manifest.json's exact bytes (base64)
 * A reader trusts nothing before the manifest's signature is checked, and nothing in an entry
 * before its size and hash match the manifest.
 */

export const BUNDLE_FORMAT = 'muragat-bundle';
/**
 * Bumped when a reader of this version could not understand a newer bundle.
 * 2: pages may carry what OCR recognised on them (`ocr`: words with their boxes), so the other
 *    office highlights hits on the scan without reading it again. Format 1 bundles still import.
 */
export const BUNDLE_FORMAT_VERSION = 2;
export const BUNDLE_EXTENSION = '.muragat';

export const MANIFEST_ENTRY = 'manifest.json';
export const SIGNATURE_ENTRY = 'manifest.sig';
export const RECORDS_ENTRY = 'records.ndjson';
export const FILES_PREFIX = 'files/';

export interface ManifestEntry {
  /** `records.ndjson` or `files/<sha256>`. */
  name: string;
  size: number;
  sha256: string;
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: number;
  /** UUID v7 of this bundle: importing the same bundle twice is recognised by it. */
  bundleId: string;
  createdAt: string;
  source: {
    archiveId: string;
    name: string;
    /** Ed25519 public key, DER SubjectPublicKeyInfo, base64. */
    publicKey: string;
  };
  /** For an incremental bundle: the office it was made for. */
  recipient: { archiveId: string; name: string } | null;
  /** Oldest and newest HLC version among the records (null when there are none). */
  hlc: { from: string | null; to: string | null };
  counts: { documents: number; tombstones: number; relations: number; files: number };
  /** Every entry except manifest.json and manifest.sig, each exactly once. */
  entries: ManifestEntry[];
}

/** Limits a reader enforces before trusting anything (zip bombs, hostile sizes). */
export interface BundleLimits {
  /** manifest.json must be smaller than this (a 1 GB manifest is refused unread). */
  maxManifestBytes: number;
  /** One line of records.ndjson (a document with all its page texts). */
  maxRecordLineBytes: number;
  /** Sum of all uncompressed entry sizes. */
  maxTotalBytes: number;
  /** Number of entries. */
  maxEntries: number;
  /** Uncompressed / compressed size of one entry. */
  maxCompressionRatio: number;
}

export const DEFAULT_BUNDLE_LIMITS: BundleLimits = {
  maxManifestBytes: 64 * 1024 * 1024,
  maxRecordLineBytes: 256 * 1024 * 1024,
  maxTotalBytes: 64 * 1024 * 1024 * 1024,
  maxEntries: 2_000_000,
  maxCompressionRatio: 200,
};
