/**
 * How analyzer forms are written into, and looked up in, `search_fts`. The table's `ascii`
 * tokenizer splits on ASCII punctuation other than its token characters; a form containing one
 * would become two index tokens and shift every later position (phrases would break). Both the
 * indexer and the query compiler pass every form through `ftsToken`, so they always agree.
 */

/**
 * ASCII code units the tokenizer splits on (control characters, space, DEL and the punctuation
 * that is not a token char), as a table: `ftsToken` runs on every form of every indexed word,
 * and a Set lookup per character was a measurable part of indexing.
 */
const SEPARATOR = new Uint8Array(128);
for (let code = 0; code <= 0x20; code++) SEPARATOR[code] = 1;
SEPARATOR[0x7f] = 1;
for (const ch of '"!$%()*;<=>?[\\]^`{|}~') SEPARATOR[ch.charCodeAt(0)] = 1;

function isSeparator(code: number): boolean {
  return code < 128 && SEPARATOR[code] === 1;
}

export function ftsToken(form: string): string {
  for (let i = 0; i < form.length; i++) {
    if (isSeparator(form.charCodeAt(i))) {
      let out = '';
      for (let j = 0; j < form.length; j++) out += isSeparator(form.charCodeAt(j)) ? '-' : form[j];
      return out;
    }
  }
  return form;
}

/**
 * Forms joined into one column value, each as `ftsToken` makes it: the same string as
 * `forms.map(ftsToken).join(' ')`. Analyzer forms are letters, digits, marks, apostrophes and
 * hyphens, so they practically never hold a separator: the joined text is checked once (no
 * separator but the joining spaces, one per gap), and only a column that fails is rebuilt form
 * by form. Per form, this check was a measurable part of indexing.
 */
export function ftsColumn(forms: readonly string[]): string {
  const joined = forms.join(' ');
  let spaces = 0;
  for (let i = 0; i < joined.length; i++) {
    const code = joined.charCodeAt(i);
    if (code === 0x20) spaces++;
    else if (code < 128 && SEPARATOR[code] === 1) return forms.map(ftsToken).join(' ');
  }
  return spaces === Math.max(0, forms.length - 1) ? joined : forms.map(ftsToken).join(' ');
}

/** A form as an FTS5 string literal (quotes doubled), never as syntax. */
export function ftsString(form: string): string {
  return `"${ftsToken(form).replace(/"/g, '""')}"`;
}

/** Passage size for the index: big enough for context, small enough for fast snippets. */
export const CHUNK_TARGET_CHARS = 3000;
export const CHUNK_MAX_CHARS = 4500;
/** Index rowid = document seq × 65536 + passage number. */
export const CHUNKS_PER_DOCUMENT = 65536;

export function chunkRowid(seq: number, chunkNo: number): number {
  return seq * CHUNKS_PER_DOCUMENT + chunkNo;
}

export function seqOfRowid(rowid: number): number {
  return Math.floor(rowid / CHUNKS_PER_DOCUMENT);
}

/**
 * Cuts a page into passages of about CHUNK_TARGET_CHARS, at a paragraph or line break when
 * there is one, else at a space, never inside a word.
 */
export function splitIntoChunks(text: string): Array<{ start: number; end: number }> {
  if (text.length <= CHUNK_MAX_CHARS) return [{ start: 0, end: text.length }];
  const chunks: Array<{ start: number; end: number }> = [];
  let start = 0;
  while (start < text.length) {
    if (text.length - start <= CHUNK_MAX_CHARS) {
      chunks.push({ start, end: text.length });
      break;
    }
    const window = text.slice(start, start + CHUNK_MAX_CHARS);
    let cut = window.lastIndexOf('\n\n', CHUNK_MAX_CHARS);
    if (cut < CHUNK_TARGET_CHARS / 2) cut = window.lastIndexOf('\n', CHUNK_MAX_CHARS);
    if (cut < CHUNK_TARGET_CHARS / 2) cut = window.lastIndexOf(' ', CHUNK_MAX_CHARS);
    if (cut < CHUNK_TARGET_CHARS / 2) cut = CHUNK_TARGET_CHARS;
    // Do not split a surrogate pair.
    const code = window.charCodeAt(cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut--;
    chunks.push({ start, end: start + cut });
    start += cut;
  }
  return chunks;
}

/**
 * Maps UTF-16 offsets of `text` (JavaScript's) to code-point offsets (SQLite's substr counts
 * characters), for offsets in increasing or any order. Text without characters beyond the BMP —
 * nearly every page — maps to itself.
 */
export function codePointOffsets(text: string): (utf16Offset: number) => number {
  // No `u` flag: the halves of a surrogate pair are matched as UTF-16 code units.
  if (!/[\uD800-\uDBFF][\uDC00-\uDFFF]/.test(text)) return (offset) => offset;
  // Surrogate pairs before each offset: a sorted list of the positions of their second halves.
  const pairEnds: number[] = [];
  for (let i = 0; i < text.length - 1; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairEnds.push(i + 1);
        i++;
      }
    }
  }
  return (offset) => {
    // Pairs whose second half lies before the offset (binary search).
    let low = 0;
    let high = pairEnds.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (pairEnds[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return offset - low;
  };
}
