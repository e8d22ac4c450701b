/**
 * The redaction rule of the archive log. The log goes to support (inside a diagnostics zip), so it
 * must never carry what the archive holds or what a user typed:
 *
 * 1. A field whose name says it holds text (`text`, `query`, `title`, `words`, `snippet`, `content`,
 *    `body`, `notes`, `q`) or a secret (`password`, `passphrase`, `secret`, `token`, `key`, `pem`)
 *    never keeps a string, array or object value: it becomes a summary (`[redacted: N chars, M
 *    words]`), so a query is logged by its length and word count, never by its words. Numbers and
 *    booleans stay (`words: 3` is a count).
 * 2. Every other string is cut to MAX_STRING_CHARS; nesting, arrays and keys are bounded too.
 * 3. Error messages and stacks lose every quoted fragment (`"…"`, `'…'`, `«…»`, `“…”`): SQLite,
 *    FTS5 and parsers quote the input they choke on, and that input may be a query or a page.
 * 4. Absolute paths keep only their last part (`/home/ana/app/out/core.js:12` → `…/core.js:12`):
 *    the log reaches support, and through browser mode a browser, which must not learn the
 *    server's folders or user names.
 *
 * Callers still choose what they pass (counts, codes, timings); this is the safety net.
 */
import { isMuragatError } from '../../../shared/errors';

const SENSITIVE_KEY = /(^q$|text|query|title|words?$|snippet|content|body|notes|password|passphrase|secret|token|key$|keys$|pem$)/i;
const MAX_STRING_CHARS = 500;
const MAX_STACK_CHARS = 8_000;
const MAX_DEPTH = 4;
const MAX_ARRAY_ITEMS = 50;
const MAX_KEYS = 50;
const QUOTED = /"[^"\n]*"|'[^'\n]*'|«[^»\n]*»|“[^”\n]*”|„[^“”\n]*[“”]/g;
/** A folder prefix of an absolute path or file URL: `/a/b/`, `C:\\a\\b\\`, `file:///a/b/`, `\\\\server\\share\\`. */
const FOLDERS = /(?:file:\/\/\/?)?(?:[A-Za-z]:|\\\\)?[\\/](?:[^\s\\/():"'<>|*?]+[\\/])+/g;

export type LogJson = string | number | boolean | null | LogJson[] | { [key: string]: LogJson };

/** A summary that says how much text there was, never what it was. */
export function summarizeText(value: string): string {
  const words = value.trim() ? value.trim().split(/\s+/u).length : 0;
  return `[redacted: ${value.length} chars, ${words} words]`;
}

/** Quoted fragments of a message or stack replaced by `"…"` (rule 3). */
export function scrubQuoted(text: string): string {
  return text.replace(QUOTED, '"…"');
}

/** Folders of absolute paths replaced by `…/` (rule 4). */
export function scrubFolders(text: string): string {
  return text.replace(FOLDERS, '…/');
}

function cut(text: string, max: number): string {
  const scrubbed = scrubFolders(text);
  return scrubbed.length > max ? `${scrubbed.slice(0, max)}…` : scrubbed;
}

/** What the log keeps of an error: its code, its message without quoted input, the stack when it is a bug. */
export function serializeError(error: unknown): { [key: string]: LogJson } {
  if (isMuragatError(error)) {
    const out: { [key: string]: LogJson } = { code: error.code, message: cut(scrubQuoted(error.message), MAX_STRING_CHARS) };
    // A MuragatError that wraps a bug (INTERNAL) is worth its stack; an expected refusal is not.
    if (error.code === 'INTERNAL' && error.stack) out.stack = cut(scrubQuoted(error.stack), MAX_STACK_CHARS);
    return out;
  }
  if (error instanceof Error) {
    const out: { [key: string]: LogJson } = { code: 'INTERNAL', name: error.name, message: cut(scrubQuoted(error.message), MAX_STRING_CHARS) };
    if (error.stack) out.stack = cut(scrubQuoted(error.stack), MAX_STACK_CHARS);
    const errno = (error as NodeJS.ErrnoException).code;
    if (typeof errno === 'string') out.errno = errno;
    return out;
  }
  return { code: 'INTERNAL', message: typeof error === 'string' ? cut(scrubQuoted(error), MAX_STRING_CHARS) : typeof error };
}

/** A field value made safe for the log (rules 1 and 2). */
export function redactValue(key: string, value: unknown, depth = 0): LogJson {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Error || key === 'error') return serializeError(value);
  if (value instanceof Date) return value.toISOString();
  if (SENSITIVE_KEY.test(key)) {
    if (typeof value === 'string') return summarizeText(value);
    if (Array.isArray(value)) return `[redacted: ${value.length} items]`;
    return '[redacted]';
  }
  if (typeof value === 'string') return cut(value, MAX_STRING_CHARS);
  if (depth >= MAX_DEPTH) return '[nested]';
  if (Array.isArray(value)) {
    const items = value.slice(0, MAX_ARRAY_ITEMS).map((item) => redactValue(key, item, depth + 1));
    if (value.length > MAX_ARRAY_ITEMS) items.push(`[+${value.length - MAX_ARRAY_ITEMS} more]`);
    return items;
  }
  if (typeof value === 'object') return redactFields(value as Record<string, unknown>, depth + 1);
  return typeof value;
}

export function redactFields(fields: Readonly<Record<string, unknown>>, depth = 0): { [key: string]: LogJson } {
  const out: { [key: string]: LogJson } = {};
  let kept = 0;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (kept++ >= MAX_KEYS) {
      out['…'] = 'more fields dropped';
      break;
    }
    out[cut(key, 100)] = redactValue(key, value, depth);
  }
  return out;
}
