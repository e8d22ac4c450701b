import { createHash, generateKeyPairSync } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fingerprintOf,
  IDENTITY_DIR,
  loadOrCreateKeyPair,
  PRIVATE_KEY_FILE,
  publicKeyOf,
  signManifest,
  verifyManifestSignature,
} from '../../../electron/core/bundles/identity';
import { tempDir } from '../../helpers/temp-dir';

const FINGERPRINT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
const keyFile = (dataDir: string) => path.join(dataDir, IDENTITY_DIR, PRIVATE_KEY_FILE);

describe('archive key pair', () => {
  it('is created once, as PKCS#8 PEM, and the same key is loaded afterwards', () => {
    const dataDir = tempDir();
    const first = loadOrCreateKeyPair(dataDir);
    const pem = fs.readFileSync(keyFile(dataDir), 'utf8');
    expect(pem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    const second = loadOrCreateKeyPair(dataDir);
    expect(second.publicKey).toBe(first.publicKey);
    expect(fs.readFileSync(keyFile(dataDir), 'utf8')).toBe(pem);
    expect(first.privateKey.asymmetricKeyType).toBe('ed25519');
    // Nothing else (no leftover temp file) in the identity folder.
    expect(fs.readdirSync(path.join(dataDir, IDENTITY_DIR))).toEqual([PRIVATE_KEY_FILE]);
  });

  it('gives each archive its own key', () => {
    expect(loadOrCreateKeyPair(tempDir()).publicKey).not.toBe(loadOrCreateKeyPair(tempDir()).publicKey);
  });

  it.skipIf(process.platform === 'win32')('keeps the private key readable by its owner only (0600, folder 0700)', () => {
    const dataDir = tempDir();
    loadOrCreateKeyPair(dataDir);
    expect(fs.statSync(keyFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, IDENTITY_DIR)).mode & 0o777).toBe(0o700);
    // A copy restored with looser permissions is tightened on load.
    fs.chmodSync(keyFile(dataDir), 0o644);
    loadOrCreateKeyPair(dataDir);
    expect(fs.statSync(keyFile(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('refuses a damaged key file instead of silently replacing the identity', () => {
    const dataDir = tempDir();
    loadOrCreateKeyPair(dataDir);
    fs.writeFileSync(keyFile(dataDir), '-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n');
    expect(() => loadOrCreateKeyPair(dataDir)).toThrow(expect.objectContaining({ code: 'ARCHIVE_CORRUPT' }));
  });

  it('never shows the private key when the pair is printed or serialised', () => {
    const keys = loadOrCreateKeyPair(tempDir());
    const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const body = pem.split('\n')[1] ?? '';
    expect(JSON.stringify(keys)).not.toContain(body);
    expect(String(keys.privateKey)).not.toContain(body);
  });
});

describe('fingerprints', () => {
  it('are 4 groups of 4 Crockford base32 characters (80 bits), stable for a key', () => {
    const { publicKey } = loadOrCreateKeyPair(tempDir());
    const fingerprint = fingerprintOf(publicKey);
    expect(fingerprint).toMatch(FINGERPRINT);
    expect(fingerprintOf(publicKey)).toBe(fingerprint);
  });

  it('match a value computed by hand: SHA-256 of the DER key, first 10 bytes, base32', () => {
    // Public key of the RFC 8032 test vector 1 private key (9d61b19d…), as DER SPKI.
    const der = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a', 'hex')]);
    const expected = crockford(createHash('sha256').update(der).digest().subarray(0, 10));
    expect(fingerprintOf(der.toString('base64'))).toBe(`${expected.slice(0, 4)}-${expected.slice(4, 8)}-${expected.slice(8, 12)}-${expected.slice(12, 16)}`);
  });

  it('differ between keys and refuse what is not an Ed25519 public key', () => {
    const a = loadOrCreateKeyPair(tempDir()).publicKey;
    const b = loadOrCreateKeyPair(tempDir()).publicKey;
    expect(fingerprintOf(a)).not.toBe(fingerprintOf(b));
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    for (const bad of ['', 'not base64!', rsa, Buffer.from('short').toString('base64')]) {
      expect(() => fingerprintOf(bad)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
  });
});

/** Reference Crockford base32 (bit string, 5 at a time), independent of identity.ts. */
function crockford(bytes: Buffer): string {
  const bits = [...bytes].map((byte) => byte.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < bits.length; i += 5) out += '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[parseInt(bits.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

describe('manifest signatures', () => {
  const bytes = Buffer.from('{"format":"muragat-bundle","formatVersion":1}');

  it('verify with the signing key, not with another', () => {
    const mine = loadOrCreateKeyPair(tempDir());
    const other = loadOrCreateKeyPair(tempDir());
    const signature = signManifest(bytes, mine.privateKey);
    expect(verifyManifestSignature(bytes, signature, mine.publicKey)).toBe(true);
    expect(verifyManifestSignature(bytes, signature, other.publicKey)).toBe(false);
    expect(verifyManifestSignature(bytes, signManifest(bytes, other.privateKey), mine.publicKey)).toBe(false);
  });

  it('fail for changed bytes', () => {
    const mine = loadOrCreateKeyPair(tempDir());
    const signature = signManifest(bytes, mine.privateKey);
    const changed = Buffer.from(bytes);
    changed.writeUInt8(changed.readUInt8(5) ^ 1, 5);
    expect(verifyManifestSignature(changed, signature, mine.publicKey)).toBe(false);
  });

  it('return false, never throw, for malformed keys and signatures', () => {
    const mine = loadOrCreateKeyPair(tempDir());
    const signature = signManifest(bytes, mine.privateKey);
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const cases: Array<[string, string]> = [
      ['', mine.publicKey],
      ['!!!!', mine.publicKey],
      [signature.slice(0, -4), mine.publicKey],
      [`${signature}AAAA`, mine.publicKey],
      [`${signature.slice(0, 10)}*${signature.slice(11)}`, mine.publicKey],
      [signature, ''],
      [signature, 'AAAA'],
      [signature, rsa],
      [signature, 'x'.repeat(10_000)],
      [signature, publicKeyOf(mine.privateKey).replace(/.$/, '*')],
    ];
    for (const [sig, key] of cases) expect(verifyManifestSignature(bytes, sig, key)).toBe(false);
    expect(verifyManifestSignature(bytes, undefined as unknown as string, mine.publicKey)).toBe(false);
    expect(verifyManifestSignature(bytes, signature, null as unknown as string)).toBe(false);
  });
});
