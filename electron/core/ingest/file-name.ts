/**
 * Names of imported files as the archive keeps them. A file name on Linux may hold any byte but
 * `/` and NUL: newlines, escape sequences, bidirectional overrides (`\u202Egnp.exe` shows as
 * `exe.png`), characters Windows forbids (`a:b.txt`), device names (`CON.txt`). The archive serves
 * the original name back (download name, "save a copy", bundles opened on Windows), shows it, and
 * falls back to it as a title, so it is made safe once, where a file enters the archive. The path
 * the user gave is still what the import report shows.
 */
import * as path from 'node:path';

/**
 * Control characters (C0, DEL, C1) and invisible direction controls (LRM/RLM, embeddings and
 * overrides, isolates): nothing a name needs, and what terminal and display spoofing uses.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go
const UNSAFE_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
/** Characters Windows does not allow in a file name. */
const WINDOWS_RESERVED_CHARS = /[<>:"/\\|?*]/g;
/** Device names Windows refuses as a file name, with any extension. */
// Also with spaces before the extension, with superscript digits, and the console's CONIN$/CONOUT$.
const WINDOWS_DEVICE_NAME = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³]) *(\.|$)/i;
/** Most UTF-8 bytes of a stored name: NTFS and ext4 both allow 255 per name; leave room for a suffix. */
const MAX_NAME_BYTES = 200;

/** Text with control and direction characters replaced by `_` (for a path kept as a source). */
export function withoutControlChars(text: string): string {
  return text.replace(UNSAFE_CHARS, '_');
}

/** Cuts a string to at most `maxBytes` of UTF-8 without splitting a character. */
function cutUtf8(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of text) {
    const size = Buffer.byteLength(ch);
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return text.slice(0, end);
}

/**
 * The name a file is stored under, imported from a folder or uploaded by a browser (one rule for
 * both): one name (no folder), NFC, no control or direction characters,
 * valid on Windows (reserved characters `_`, no trailing dot or space, no device name), at most
 * 200 bytes with its extension kept, never empty.
 */
export function storedFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  let clean = withoutControlChars(base.normalize('NFC')).replace(WINDOWS_RESERVED_CHARS, '_').replace(/[. ]+$/, '').trim();
  if (WINDOWS_DEVICE_NAME.test(clean)) clean = `_${clean}`;
  if (clean === '' || clean === '.' || clean === '..') clean = 'file';
  if (Buffer.byteLength(clean) > MAX_NAME_BYTES) {
    const extension = path.extname(clean);
    const keep = Buffer.byteLength(extension) <= 16 ? extension : '';
    clean = cutUtf8(clean.slice(0, clean.length - keep.length), MAX_NAME_BYTES - Buffer.byteLength(keep)).replace(/[. ]+$/, '') + keep;
  }
  return clean;
}
