/**
 * Identifiers. Documents get UUID v7 (RFC 9562): time-ordered, so ids sort by creation and
 * B-tree inserts stay local, and random enough to be created independently in every office.
 * Uses Web Crypto, which exists both in Node 20 and in the renderer.
 */

function randomBytes(count: number): Uint8Array {
  const bytes = new Uint8Array(count);
  globalThis.crypto.getRandomValues(bytes);
  return bytes;
}

function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export function uuidV7(nowMs: number = Date.now()): string {
  const bytes = randomBytes(16);
  // 48-bit big-endian Unix time in milliseconds.
  let ms = Math.max(0, Math.floor(nowMs));
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70; // version 7
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80; // RFC 4122 variant
  const hex = toHex(bytes);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

/** A short random id for an archive (16 hex chars = 64 bits), part of every HLC timestamp. */
export function newArchiveId(): string {
  return toHex(randomBytes(8));
}
