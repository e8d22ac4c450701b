/** Exchange between offices, as the UI sees it (the Sync screen). */

export interface ExchangeIdentity {
  archiveId: string;
  name: string;
  /** Read aloud over the phone to the other office: `7K2M-9QXD-4HTR-B81C`. */
  fingerprint: string;
  /** Ed25519 public key (DER SPKI, base64), for the other office to trust. */
  publicKey: string;
}

export interface TrustedOfficeInfo {
  archiveId: string;
  name: string;
  fingerprint: string;
  addedAt: string;
  lastSentAt: string | null;
  lastReceivedAt: string | null;
}

export type BundleSelection = { kind: 'all' } | { kind: 'office'; office: string } | { kind: 'ids'; ids: string[] };

export interface BundleExportOutcome {
  bundleId: string;
  /** Where the bundle was written on the computer running the core (browser mode: its name only). */
  path: string;
  fileName: string;
  bytes: number;
  to: { archiveId: string; name: string } | null;
  documents: number;
  tombstones: number;
  relations: number;
  files: number;
}

export interface BundleSender {
  archiveId: string;
  name: string;
  fingerprint: string;
}

/** A bundle checked (structure, hashes, signature) and previewed against this archive. */
export interface BundleInspection {
  bundleId: string;
  from: BundleSender;
  createdAt: string;
  /** trusted: a trusted office's key; unknown: not in the list (trust it first); self: our own. */
  signer: 'trusted' | 'unknown' | 'self';
  alreadyImported: boolean;
  counts: BundleImportCounts;
}

export interface BundleImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  conflicts: number;
  deleted: number;
  files: number;
}

export interface BundleImportOutcome extends BundleImportCounts {
  bundleId: string;
  from: BundleSender;
  applied: boolean;
  alreadyImported: boolean;
  conflictIds: string[];
}

export interface ConflictInfo {
  id: number;
  documentId: string;
  title: string;
  /** Which side's version lost when the bundle was applied (it is the one kept in history). */
  losingSide: 'mine' | 'theirs';
  createdAt: string;
  /** The two versions' details side by side: field → [current, losing]. */
  differences: Array<{ field: string; current: string; losing: string }>;
}

export interface BundleHistoryEntry {
  bundleId: string;
  direction: 'sent' | 'received';
  officeName: string;
  fileName: string;
  createdAt: string;
  loggedAt: string;
  summary: Record<string, number>;
}

export interface SyncFolderBundle {
  fileName: string;
  bundleId: string | null;
  from: BundleSender | null;
  createdAt: string | null;
  /** Why it cannot be imported (damaged, untrusted…), as an error code. */
  errorCode: string | null;
}
