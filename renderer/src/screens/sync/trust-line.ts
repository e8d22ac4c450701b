/**
 * The one-line text an office copies ("copy key") and another office pastes to trust it: JSON
 * with the archive id, name and public key. Pasting also accepts the line `muragat identity`
 * prints (`muragat trust add --id … --name "…" --key …`) and its `archive / name / public key`
 * block, so a key sent from the command line works too.
 *
 * The fingerprint of a pasted key is computed here, before anything is sent to the core: the user
 * compares it with what the other office reads out, and only then trusts the key. It must match
 * the core's `fingerprintOf` exactly: the first 80 bits of the SHA-256 of the DER public key, in
 * Crockford base32, four groups of four. Pure code (no WebCrypto): browser mode over plain HTTP
 * on a LAN address is not a secure context, and `crypto.subtle` is missing there.
 */
import { formatFingerprint } from '../../../../shared/domain/fingerprint';

export interface OfficeKey {
  archiveId: string;
  name: string;
  publicKey: string;
}

/** What marks our line as ours (ignored when parsing; other JSON with the three fields works too). */
const LINE_TYPE = 'muragat-office';

/** The core's schema for `exchange.trust` (contract-schemas.ts). */
const ARCHIVE_ID_PATTERN = /^[0-9a-f]{16}$/;
const NAME_MAX = 200;

export function formatTrustLine(office: OfficeKey): string {
  return JSON.stringify({ type: LINE_TYPE, archiveId: office.archiveId, name: office.name, publicKey: office.publicKey });
}

export type TrustLineResult = { ok: true; office: OfficeKey; fingerprint: string } | { ok: false };

/** Reads a pasted line; `ok: false` when it holds no well-formed office key. */
export function parseTrustLine(text: string): TrustLineResult {
  const office = fromJson(text) ?? fromCommandLine(text) ?? fromIdentityBlock(text);
  if (!office) return { ok: false };
  const archiveId = office.archiveId.trim().toLowerCase();
  const name = office.name.replace(/\s+/g, ' ').trim();
  const publicKey = office.publicKey.replace(/\s+/g, '');
  if (!ARCHIVE_ID_PATTERN.test(archiveId) || !name || name.length > NAME_MAX) return { ok: false };
  const fingerprint = fingerprintOf(publicKey);
  if (!fingerprint) return { ok: false };
  return { ok: true, office: { archiveId, name, publicKey }, fingerprint };
}

function fromJson(text: string): OfficeKey | null {
  // Messengers and mail clients may wrap the line in other text: take the outermost braces.
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start < 0 || end <= start) return null;
  try {
    const value: unknown = JSON.parse(text.slice(start, end + 1));
    if (typeof value !== 'object' || value === null) return null;
    const { archiveId, name, publicKey } = value as Record<string, unknown>;
    if (typeof archiveId !== 'string' || typeof name !== 'string' || typeof publicKey !== 'string') return null;
    return { archiveId, name, publicKey };
  } catch {
    return null;
  }
}

/** `muragat trust add --id ID --name "NAME" --key KEY` (quotes straight or typographic). */
function fromCommandLine(text: string): OfficeKey | null {
  const id = /--id[=\s]+([0-9a-fA-F]+)/.exec(text)?.[1];
  const key = /--key[=\s]+([A-Za-z0-9+/=]+)/.exec(text)?.[1];
  const name = /--name[=\s]+(?:"([^"]*)"|“([^”]*)”|«([^»]*)»|'([^']*)'|(\S+))/.exec(text);
  const nameText = name ? (name[1] ?? name[2] ?? name[3] ?? name[4] ?? name[5]) : undefined;
  if (!id || !key || nameText === undefined) return null;
  return { archiveId: id, name: nameText, publicKey: key };
}

/** The `archive …`, `name …`, `public key …` lines of `muragat identity`. */
function fromIdentityBlock(text: string): OfficeKey | null {
  const id = /^\s*archive\s+([0-9a-fA-F]+)\s*$/m.exec(text)?.[1];
  const name = /^\s*name\s+(.+?)\s*$/m.exec(text)?.[1];
  const key = /^\s*public key\s+([A-Za-z0-9+/=]+)\s*$/m.exec(text)?.[1];
  if (!id || !name || !key) return null;
  return { archiveId: id, name, publicKey: key };
}

/** DER SubjectPublicKeyInfo of an Ed25519 key: this 12-byte header, then the 32-byte key. */
const ED25519_SPKI_PREFIX = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
const ED25519_SPKI_BYTES = ED25519_SPKI_PREFIX.length + 32;

/** `7K2M-9QXD-4HTR-B81C`, or null when the text is not an Ed25519 public key (base64 DER SPKI). */
export function fingerprintOf(publicKeyBase64: string): string | null {
  const der = decodeBase64(publicKeyBase64);
  if (!der || der.length !== ED25519_SPKI_BYTES || ED25519_SPKI_PREFIX.some((byte, index) => der[index] !== byte)) return null;
  return formatFingerprint(sha256(der));
}

/** The fingerprint split into its groups, for reading aloud (`7K2M`, `9QXD`, …). */
export function fingerprintGroups(fingerprint: string): string[] {
  return fingerprint.split('-').filter(Boolean);
}

function decodeBase64(text: string): Uint8Array | null {
  const trimmed = text.trim();
  if (!trimmed || trimmed.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return null;
  try {
    const binary = atob(trimmed);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}


const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** SHA-256 (FIPS 180-4) of a short message. */
export function sha256(message: Uint8Array): Uint8Array {
  const length = message.length;
  const padded = new Uint8Array(Math.ceil((length + 9) / 64) * 64);
  padded.set(message);
  padded[length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  view.setUint32(padded.length - 4, (length << 3) >>> 0);
  const h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const w = new Uint32Array(64);
  const rotr = (x: number, n: number): number => (x >>> n) | (x << (32 - n));
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + i * 4);
    for (let i = 16; i < 64; i++) {
      const w15 = w[i - 15] ?? 0;
      const w2 = w[i - 2] ?? 0;
      const s0 = rotr(w15, 7) ^ rotr(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr(w2, 17) ^ rotr(w2, 19) ^ (w2 >>> 10);
      w[i] = ((w[i - 16] ?? 0) + s0 + (w[i - 7] ?? 0) + s1) >>> 0;
    }
    let [a, b, c, d, e, f, g, hh] = [h[0] ?? 0, h[1] ?? 0, h[2] ?? 0, h[3] ?? 0, h[4] ?? 0, h[5] ?? 0, h[6] ?? 0, h[7] ?? 0];
    for (let i = 0; i < 64; i++) {
      const s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + s1 + ch + (K[i] ?? 0) + (w[i] ?? 0)) >>> 0;
      const s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (s0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = ((h[0] ?? 0) + a) >>> 0;
    h[1] = ((h[1] ?? 0) + b) >>> 0;
    h[2] = ((h[2] ?? 0) + c) >>> 0;
    h[3] = ((h[3] ?? 0) + d) >>> 0;
    h[4] = ((h[4] ?? 0) + e) >>> 0;
    h[5] = ((h[5] ?? 0) + f) >>> 0;
    h[6] = ((h[6] ?? 0) + g) >>> 0;
    h[7] = ((h[7] ?? 0) + hh) >>> 0;
  }
  const out = new Uint8Array(32);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setUint32(i * 4, h[i] ?? 0);
  return out;
}
