/**
 * How an office's key fingerprint is written, so people can read it out over the phone: the first
 * 80 bits of the SHA-256 of the key (DER SubjectPublicKeyInfo) in Crockford base32 (no I, L, O,
 * U to mistake), four groups of four. The core hashes with node:crypto, the UI with its own
 * SHA-256 (WebCrypto is missing on plain-HTTP pages); both format the digest here.
 */

export const FINGERPRINT_BYTES = 10;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function toCrockfordBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(value << (5 - bits)) & 31];
  return out;
}

/** `7K2M-9QXD-4HTR-B81C` from the key's SHA-256 digest. */
export function formatFingerprint(sha256Digest: Uint8Array): string {
  const text = toCrockfordBase32(sha256Digest.subarray(0, FINGERPRINT_BYTES));
  return text.match(/.{4}/g)?.join('-') ?? text;
}
