/**
 * The archive's own Ed25519 key pair, which signs every bundle it sends (docs/ARCHITECTURE.md §7).
 *
 * The private key lives only in `<dataDir>/identity/ed25519-private.pem` (PKCS#8 PEM, mode 0600,
 * folder 0700). It is never logged, never returned as text and never put in a bundle: callers get
 * a `KeyObject`, which Node refuses to print. Offices compare keys by a fingerprint short enough
 * to read aloud over the phone.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatFingerprint } from '../../../shared/domain/fingerprint';
import { MuragatError } from '../../../shared/errors';

export const IDENTITY_DIR = 'identity';
export const PRIVATE_KEY_FILE = 'ed25519-private.pem';

export interface ArchiveKeyPair {
  privateKey: KeyObject;
  /** DER SubjectPublicKeyInfo, base64: the form carried in a bundle's manifest. */
  publicKey: string;
}

const BASE64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
/** An Ed25519 SPKI is 44 bytes (60 chars of base64); anything far longer is not a key. */
const MAX_PUBLIC_KEY_CHARS = 200;
const ED25519_SIGNATURE_BYTES = 64;

/** The archive's key pair, created on first use. Synchronous: it runs once per process. */
export function loadOrCreateKeyPair(dataDir: string): ArchiveKeyPair {
  const dir = path.join(dataDir, IDENTITY_DIR);
  const file = path.join(dir, PRIVATE_KEY_FILE);
  const privateKey = readPrivateKey(file) ?? createPrivateKeyFile(dir, file);
  return { privateKey, publicKey: publicKeyOf(privateKey) };
}

/** The base64 DER SPKI public key of a private key. */
export function publicKeyOf(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ type: 'spki', format: 'der' }).toString('base64');
}

function readPrivateKey(file: string): KeyObject | null {
  let pem: Buffer;
  try {
    pem = fs.readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new MuragatError('ARCHIVE_CORRUPT', `cannot read the archive key ${file}: ${(error as Error).message}`, {}, { cause: error });
  }
  tightenMode(file, 0o600);
  try {
    const key = createPrivateKey({ key: pem, format: 'pem' });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`an ${key.asymmetricKeyType ?? 'unknown'} key, not Ed25519`);
    return key;
  } catch (error) {
    // Never replace a damaged key silently: the archive's identity (and the offices' trust) would change.
    throw new MuragatError('ARCHIVE_CORRUPT', `the archive key ${file} is damaged (restore it from a backup): ${(error as Error).message}`, {}, { cause: error });
  }
}

/** Older files or copies from a backup may be group-readable; the key must not be. */
function tightenMode(file: string, mode: number): void {
  if (process.platform === 'win32') return;
  try {
    if ((fs.statSync(file).mode & 0o777) !== mode) fs.chmodSync(file, mode);
  } catch {
    // Not ours to fix (read-only medium): the key is still usable.
  }
}

/**
 * Writes a new key to a temp file (fsynced) and links it into place. `link` never overwrites, so
 * two processes starting at once agree on one key: the loser reads the winner's.
 */
function createPrivateKeyFile(dir: string, file: string): KeyObject {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  tightenMode(dir, 0o700);
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' });
  const temp = path.join(dir, `.${PRIVATE_KEY_FILE}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeDurably(temp, pem, 0o600);
    if (!publish(temp, file)) return readPrivateKey(file) ?? privateKey;
    syncDirectory(dir);
  } finally {
    fs.rmSync(temp, { force: true });
  }
  return privateKey;
}

function writeDurably(file: string, contents: string | Buffer, mode: number): void {
  const fd = fs.openSync(file, 'wx', mode);
  try {
    fs.writeFileSync(fd, contents);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Moves `temp` to `file` unless `file` exists; false when another process got there first. */
function publish(temp: string, file: string): boolean {
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // File systems without hard links (FAT on a USB stick): rename, still atomic.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') {
      if (fs.existsSync(file)) return false;
      fs.renameSync(temp, file);
      return true;
    }
    throw error;
  }
}

function syncDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems cannot fsync a directory; the file itself is already durable.
  }
}


/**
 * `7K2M-9QXD-4HTR-B81C`: the first 80 bits of the SHA-256 of the DER public key in Crockford
 * base32 (no I, L, O, U: nothing to mishear), four groups of four. 80 bits is far beyond what an
 * attacker could match by generating keys, and still quick to compare aloud.
 */
export function fingerprintOf(publicKeyBase64: string): string {
  const der = parsePublicKey(publicKeyBase64)?.export({ type: 'spki', format: 'der' });
  if (!der) throw new MuragatError('INVALID_INPUT', 'not an Ed25519 public key (base64 DER SubjectPublicKeyInfo)');
  return formatFingerprint(createHash('sha256').update(der).digest());
}


/** Ed25519 signature of the exact bytes, base64. */
export function signManifest(bytes: Buffer, privateKey: KeyObject): string {
  return sign(null, bytes, privateKey).toString('base64');
}

/** True only for a well-formed Ed25519 key and signature that match the bytes; never throws. */
export function verifyManifestSignature(bytes: Buffer, signatureBase64: string, publicKeyBase64: string): boolean {
  try {
    const key = parsePublicKey(publicKeyBase64);
    const signature = decodeBase64(signatureBase64, 100);
    if (!key || !signature || signature.length !== ED25519_SIGNATURE_BYTES) return false;
    return verify(null, bytes, key, signature);
  } catch {
    return false;
  }
}

function parsePublicKey(publicKeyBase64: string): KeyObject | null {
  const der = decodeBase64(publicKeyBase64, MAX_PUBLIC_KEY_CHARS);
  if (!der) return null;
  try {
    const key = createPublicKey({ key: der, format: 'der', type: 'spki' });
    return key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

/** Strict base64: Node's decoder silently skips stray characters, which would hide damage. */
function decodeBase64(text: unknown, maxChars: number): Buffer | null {
  if (typeof text !== 'string') return null;
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > maxChars || trimmed.length % 4 !== 0 || !BASE64_PATTERN.test(trimmed)) return null;
  return Buffer.from(trimmed, 'base64');
}
