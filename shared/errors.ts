/**
 * Errors that cross layers carry a stable code. The UI maps the code to a message in the
 * user's language (i18n catalogs); the English `message` is for logs and the CLI.
 */
export const ERROR_CODES = [
  // archive / database
  'ARCHIVE_NEWER_VERSION',
  'ARCHIVE_LOCKED',
  'ARCHIVE_CORRUPT',
  'NOT_FOUND',
  'INVALID_INPUT',
  // import
  'FILE_EMPTY',
  'FILE_TOO_LARGE',
  'FILE_UNREADABLE',
  'FILE_VANISHED',
  'FILE_UNSUPPORTED',
  'FILE_TYPE_MISMATCH',
  'PDF_ENCRYPTED',
  'PDF_CORRUPT',
  'DOCX_CORRUPT',
  'DOC_CORRUPT',
  'ODT_CORRUPT',
  'RTF_CORRUPT',
  'TEXT_UNDECODABLE',
  'EXTRACTION_TIMEOUT',
  'EXTRACTION_FAILED',
  'STORE_FAILED',
  'CANCELLED',
  // maintenance
  'BACKUP_FAILED',
  'INTERNAL',
  // import (added later): a password-protected DOCX/DOC/ODT; the user must remove the password
  'DOCUMENT_ENCRYPTED',
  // UI contract: a method this host cannot do (a native dialog in browser mode)
  'NOT_SUPPORTED',
  // UI contract: the document changed since it was read (edit refused, nothing lost)
  'CONFLICT',
  // browser mode with --host: a request without the access token
  'UNAUTHORIZED',
  // bundles (exchange between offices)
  /** Not a Muragat bundle at all (another file renamed, not a ZIP). */
  'BUNDLE_NOT_A_BUNDLE',
  /** Cut short or structurally broken (USB stick pulled out while copying). */
  'BUNDLE_TRUNCATED',
  /** An entry's bytes or size differ from the manifest, or entries are missing or extra. */
  'BUNDLE_TAMPERED',
  /** The signature does not match the manifest, or the key does not match the office. */
  'BUNDLE_BAD_SIGNATURE',
  /** Signed by an office not (yet) in the trusted list. */
  'BUNDLE_UNTRUSTED',
  /** Written by a newer Muragat (format version). */
  'BUNDLE_NEWER_FORMAT',
  /** Unsafe content: paths escaping the bundle, duplicate entries, zip bombs, oversized parts. */
  'BUNDLE_UNSAFE',
  /** This bundle was imported before: nothing to do. */
  'BUNDLE_ALREADY_IMPORTED',
  // OCR (recognising scanned pages)
  /** The language data OCR needs is not installed with the app (names the missing languages). */
  'OCR_LANGUAGE_MISSING',
  /** A page image could not be rendered or recognised (damaged image, unreadable page). */
  'OCR_PAGE_FAILED',
  /** The document has no pages OCR can read (not a PDF, or no file stored). */
  'OCR_NOT_APPLICABLE',
  // hardening (databases shared between processes, full disks, read-only media, hostile files)
  /** Another process holds the archive's write lock longer than we wait; nothing was changed. */
  'DATABASE_BUSY',
  /** The archive is on read-only media (or opened read-only): this action would write. */
  'ARCHIVE_READ_ONLY',
  /** The disk holding the archive (or the target folder) is full; the job stopped, nothing half-written. */
  'DISK_FULL',
  /** A file that expands past the extraction limits (decompression bomb, too many pages). */
  'EXTRACTION_LIMIT',
  /** Not a regular file: a pipe, a device, a socket, a link to a folder. */
  'FILE_NOT_REGULAR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class MuragatError extends Error {
  readonly code: ErrorCode;
  /** Extra facts for the message template (file name, versions…), never secrets. */
  readonly details: Readonly<Record<string, string | number>>;

  constructor(code: ErrorCode, message: string, details: Record<string, string | number> = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MuragatError';
    this.code = code;
    this.details = details;
  }
}

export function isMuragatError(value: unknown): value is MuragatError {
  return value instanceof MuragatError;
}

/** Plain, serialisable shape of an error for IPC, HTTP and JSON output. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: Record<string, string | number>;
}

export function toErrorInfo(error: unknown): ErrorInfo {
  if (isMuragatError(error)) {
    return { code: error.code, message: error.message, ...(Object.keys(error.details).length ? { details: { ...error.details } } : {}) };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message };
}
