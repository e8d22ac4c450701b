/**
 * RTF to text, hand-written (no maintained library reads RTF's code pages and \u escapes right).
 *
 * RTF is a stream of groups `{…}`, control words `\word-12 `, control symbols `\'e0 \~ \{` and
 * text. What matters for the text:
 *   - destinations that are not body text (font and colour tables, style sheets, pictures,
 *     objects, headers and footers, document info, anything marked `\*`) are skipped, except
 *     `\title` in `\info`, which becomes the embedded title;
 *   - 8-bit text (`\'hh` or raw bytes) is in the code page of the current font (`\fcharset204`
 *     → 1251…), falling back to the document's `\ansicpgN`;
 *   - `\uN` is a UTF-16 code unit (negative N: add 65536) followed by `\ucN` fallback characters
 *     for old readers, which must be skipped;
 *   - `\bin N` is followed by N raw bytes that are not text.
 * Real files are often slightly broken (unbalanced braces, truncated), so the parser never throws
 * on structure; it only refuses input that is not RTF at all.
 */
import iconv from 'iconv-lite';
import { MuragatError } from '../../../../shared/errors';
import { MAX_TEXT_CHARS, textLimitError } from './limits';
import { MEDIA_TYPES } from './sniff';
import { joinParagraphs } from './text';
import type { ExtractedDocument } from './types';

/* ------------------------------------------------------------------------------------------------
 * Code pages
 * ---------------------------------------------------------------------------------------------- */

/** `\fcharsetN` values (Windows character sets) to Windows code pages. */
const CHARSET_CODEPAGE: Readonly<Record<number, number>> = {
  77: 10000, // Mac Roman
  128: 932, // Shift JIS
  129: 949, // Korean
  130: 1361, // Johab
  134: 936, // GB2312
  136: 950, // Big5
  161: 1253, // Greek
  162: 1254, // Turkish
  163: 1258, // Vietnamese
  177: 1255, // Hebrew
  178: 1256, // Arabic
  186: 1257, // Baltic
  204: 1251, // Cyrillic
  222: 874, // Thai
  238: 1250, // Central European
  254: 437, // PC 437
  255: 850, // OEM
};

/** iconv-lite name for a Windows code page number; Windows-1252 when iconv-lite lacks it. */
function iconvNameForCodepage(codepage: number): string {
  const special: Record<number, string> = { 10000: 'macintosh', 10007: 'x-mac-cyrillic', 20866: 'koi8-r', 21866: 'koi8-u', 65001: 'utf-8' };
  const candidates = [special[codepage], `windows-${codepage}`, `cp${codepage}`];
  for (const name of candidates) if (name && iconv.encodingExists(name)) return name;
  return 'windows-1252';
}

/* ------------------------------------------------------------------------------------------------
 * Destinations
 * ---------------------------------------------------------------------------------------------- */

/** Destinations whose content is never body text. (`\*` destinations are skipped anyway.) */
const SKIPPED_DESTINATIONS = new Set([
  'colortbl', 'stylesheet', 'listtable', 'listoverridetable', 'revtbl', 'rsidtbl', 'generator', 'themedata',
  'colorschememapping', 'datastore', 'latentstyles', 'pict', 'object', 'objdata', 'objclass', 'result',
  'header', 'headerl', 'headerr', 'headerf', 'footer', 'footerl', 'footerr', 'footerf',
  'xmlnstbl', 'mmathPr', 'filetbl', 'pgdsctbl', 'fldinst', 'bkmkstart', 'bkmkend', 'annotation', 'atnid',
  'atnauthor', 'atndate', 'atnref', 'atrfstart', 'atrfend', 'comment', 'xe', 'tc', 'txe', 'nonshppict', 'shppict',
  'sp', 'sn', 'sv', 'shpinst', 'private', 'userprops', 'docvar', 'template', 'falt', 'panose', 'fname',
  'leveltext', 'levelnumbers', 'ftnsep', 'ftnsepc', 'ftncn', 'aftnsep', 'aftnsepc', 'aftncn', 'background',
  'pn', 'pntxta', 'pntxtb', 'listpicture', 'passwordhash', 'wgrffmtfilter', 'blipuid', 'formfield', 'datafield',
  'do', 'dptxbxtext', 'macrotext',
]);

/** Document information fields: all skipped except the title. */
const INFO_DESTINATION = 'info';

/** Control words that put a character in the text. */
const CHARACTER_WORDS: Readonly<Record<string, string>> = {
  par: '\n', line: '\n', sect: '\n', page: '\n', row: '\n', nestrow: '\n',
  tab: '\t', cell: '\t', nestcell: '\t',
  emdash: '\u2014', endash: '\u2013', bullet: '\u2022',
  lquote: '\u2018', rquote: '\u2019', ldblquote: '\u201C', rdblquote: '\u201D',
  emspace: ' ', enspace: ' ', qmspace: ' ',
};

type Target = 'body' | 'notes' | 'title' | 'none';

interface GroupState {
  target: Target;
  /** Fallback characters to skip after `\uN`. */
  ucSkip: number;
  font: number | undefined;
  /** `\v`: hidden text is not shown, so it is not extracted. */
  hidden: boolean;
  inFontTable: boolean;
  inInfo: boolean;
  /** Inside `\upr`: the ANSI alternative is skipped, the `\ud` Unicode one is read into this target. */
  uprTarget: Target | undefined;
  /** In the ANSI alternative of `\upr` (before `\ud`): nothing in it is text, not even a title. */
  inUprAnsi: boolean;
  /** The previous token was `\*`: the next destination is optional. */
  ignorable: boolean;
}

interface FontInfo {
  charset?: number;
  codepage?: number;
}

/* ------------------------------------------------------------------------------------------------
 * Parser
 * ---------------------------------------------------------------------------------------------- */

const BACKSLASH = 0x5c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isLetter(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a);
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

function hexValue(b: number | undefined): number {
  if (b === undefined) return -1;
  if (isDigit(b)) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x61 + 10;
  if (b >= 0x41 && b <= 0x46) return b - 0x41 + 10;
  return -1;
}

export interface RtfText {
  text: string;
  title?: string;
  warnings: string[];
}

/** Emitted pieces joined into one string at a time (see RtfParser.runs). */
const RUN_PIECES = 4096;

class RtfParser {
  private i = 0;
  private state: GroupState = {
    target: 'body', ucSkip: 1, font: undefined, hidden: false, inFontTable: false, inInfo: false, uprTarget: undefined, inUprAnsi: false,
    ignorable: false,
  };
  private readonly stack: GroupState[] = [];
  private readonly output: Record<Exclude<Target, 'none'>, string[]> = { body: [], notes: [], title: [] };
  /**
   * Pieces emitted but not yet joined into `output`, per target. Every `\uN` emits one character:
   * kept as millions of one-character strings, 140 MB of `\u1179?` held 1.6 GB. Joined every
   * RUN_PIECES pieces, the output is a few long strings.
   */
  private readonly runs: Record<Exclude<Target, 'none'>, string[]> = { body: [], notes: [], title: [] };
  /** Characters emitted so far: past the per-file limit, stop while parsing, not after. */
  private emitted = 0;
  /** 8-bit text waiting to be decoded together (a DBCS character is two `\'hh`). */
  private pending: number[] = [];
  private pendingCodepage = 1252;
  /** Fallback characters still to skip after a `\uN`. */
  private skipCount = 0;
  private defaultCodepage = 1252;
  private defaultFont: number | undefined;
  private readonly fonts = new Map<number, FontInfo>();
  private fontBeingDefined: number | undefined;
  private extraClosingBraces = 0;

  constructor(private readonly bytes: Uint8Array) {}

  parse(): RtfText {
    const { bytes } = this;
    while (this.i < bytes.length) {
      const b = bytes[this.i]!;
      if (b === OPEN_BRACE) {
        this.i++;
        this.openGroup();
      } else if (b === CLOSE_BRACE) {
        this.i++;
        this.closeGroup();
      } else if (b === BACKSLASH) {
        this.i++;
        this.readControl();
      } else {
        this.i++;
        // Line breaks in the file are formatting of the RTF source, not of the text.
        if (b !== 0x0a && b !== 0x0d) this.textByte(b);
      }
    }
    this.flush();
    for (const target of ['body', 'notes', 'title'] as const) this.joinRun(target);
    const warnings: string[] = [];
    if (this.extraClosingBraces > 0) warnings.push(`RTF has ${this.extraClosingBraces} unmatched closing braces`);
    if (this.stack.length > 0) warnings.push(`RTF ends with ${this.stack.length} unclosed groups (truncated file?)`);
    const title = joinParagraphs(this.output.title.join('').split('\n')).replace(/\s+/g, ' ').trim();
    return {
      text: joinParagraphs([...this.output.body.join('').split('\n'), ...this.output.notes.join('').split('\n')]),
      ...(title ? { title } : {}),
      warnings,
    };
  }

  /* ---- groups ---- */

  private openGroup(): void {
    this.flush();
    this.skipCount = 0;
    this.stack.push(this.state);
    this.state = { ...this.state, ignorable: false };
  }

  private closeGroup(): void {
    this.flush();
    this.skipCount = 0;
    const outer = this.stack.pop();
    if (outer) this.state = outer;
    else this.extraClosingBraces++; // keep reading: text after a stray brace is still text
  }

  /* ---- control words and symbols ---- */

  private readControl(): void {
    const { bytes } = this;
    const c = bytes[this.i];
    if (c === undefined) return;
    if (!isLetter(c)) {
      this.i++;
      this.controlSymbol(c);
      return;
    }
    const wordStart = this.i;
    while (this.i < bytes.length && this.i - wordStart < 32 && isLetter(bytes[this.i]!)) this.i++;
    const word = Buffer.from(bytes.buffer, bytes.byteOffset + wordStart, this.i - wordStart).toString('latin1');
    let param: number | undefined;
    const paramStart = this.i;
    if (bytes[this.i] === 0x2d && isDigit(bytes[this.i + 1] ?? 0)) this.i++;
    while (this.i < bytes.length && this.i - paramStart < 11 && isDigit(bytes[this.i]!)) this.i++;
    if (this.i > paramStart) param = Number.parseInt(Buffer.from(bytes.buffer, bytes.byteOffset + paramStart, this.i - paramStart).toString('latin1'), 10);
    if (bytes[this.i] === 0x20) this.i++; // the delimiting space belongs to the control word
    this.controlWord(word, param);
  }

  private controlSymbol(c: number): void {
    if (c === 0x27) {
      // \'hh: a byte in the current code page. A malformed escape is dropped, not guessed.
      const high = hexValue(this.bytes[this.i]);
      const low = high < 0 ? -1 : hexValue(this.bytes[this.i + 1]);
      if (high < 0 || low < 0) {
        if (high >= 0) this.i++;
        return;
      }
      this.i += 2;
      this.textByte(high * 16 + low);
      return;
    }
    if (c === BACKSLASH || c === OPEN_BRACE || c === CLOSE_BRACE) {
      this.textByte(c);
      return;
    }
    if (this.consumeFallback()) return;
    switch (c) {
      case 0x2a: // \*
        this.state.ignorable = true;
        return;
      case 0x7e: // \~ non-breaking space
        this.emit('\u00A0');
        return;
      case 0x5f: // \_ non-breaking hyphen
        this.emit('-');
        return;
      case 0x0a: // backslash + newline is \par
      case 0x0d:
        this.emit('\n');
        return;
      default: // \- optional hyphen, \: index subentry, \| formula: nothing visible
        return;
    }
  }

  private controlWord(word: string, param: number | undefined): void {
    const ignorable = this.state.ignorable;
    this.state.ignorable = false;
    if (word === 'bin') {
      this.flush();
      // \binN: N raw bytes follow; they are data, whatever they contain.
      this.i = Math.min(this.bytes.length, this.i + Math.max(0, param ?? 0));
      return;
    }
    if (word === 'u' && param !== undefined) {
      this.flush();
      if (this.consumeFallback()) return;
      this.emit(String.fromCharCode(param < 0 ? param + 65536 : param));
      this.skipCount = this.state.ucSkip;
      return;
    }
    if (this.consumeFallback()) return;
    this.flush();

    if (this.destination(word, ignorable)) return;
    if (this.state.inFontTable) {
      this.fontTableWord(word, param);
      return;
    }
    this.formattingWord(word, param);
  }

  /** Handles destination words; true when the word was one. */
  private destination(word: string, ignorable: boolean): boolean {
    const state = this.state;
    if (word === 'fonttbl') {
      state.inFontTable = true;
      state.target = 'none';
      return true;
    }
    if (word === INFO_DESTINATION) {
      state.inInfo = true;
      state.target = 'none';
      return true;
    }
    if (word === 'title' && state.inInfo && !state.inUprAnsi) {
      state.target = 'title';
      return true;
    }
    if (word === 'footnote') {
      state.target = state.target === 'none' ? 'none' : 'notes';
      return true;
    }
    if (word === 'upr') {
      state.uprTarget = state.target;
      state.inUprAnsi = true;
      state.target = 'none';
      return true;
    }
    if (word === 'ud' && state.uprTarget !== undefined) {
      state.inUprAnsi = false;
      state.target = state.uprTarget;
      return true;
    }
    if (SKIPPED_DESTINATIONS.has(word) || ignorable) {
      state.target = 'none';
      return true;
    }
    return false;
  }

  private fontTableWord(word: string, param: number | undefined): void {
    if (param === undefined) return;
    if (word === 'f') {
      this.fontBeingDefined = param;
      if (!this.fonts.has(param)) this.fonts.set(param, {});
    } else if (word === 'fcharset' && this.fontBeingDefined !== undefined) {
      this.fonts.get(this.fontBeingDefined)!.charset = param;
    } else if (word === 'cpg' && this.fontBeingDefined !== undefined) {
      this.fonts.get(this.fontBeingDefined)!.codepage = param;
    }
  }

  private formattingWord(word: string, param: number | undefined): void {
    const state = this.state;
    const character = CHARACTER_WORDS[word];
    if (character !== undefined) {
      this.emit(character);
      return;
    }
    switch (word) {
      case 'ansicpg':
        if (param !== undefined && param > 0) this.defaultCodepage = param;
        return;
      case 'ansi':
        return;
      case 'mac':
        this.defaultCodepage = 10000;
        return;
      case 'pc':
        this.defaultCodepage = 437;
        return;
      case 'pca':
        this.defaultCodepage = 850;
        return;
      case 'deff':
        this.defaultFont = param;
        return;
      case 'f':
        state.font = param;
        return;
      case 'plain':
        state.font = this.defaultFont;
        state.hidden = false;
        return;
      case 'uc':
        if (param !== undefined && param >= 0) state.ucSkip = param;
        return;
      case 'v':
        state.hidden = param !== 0;
        return;
      default:
        return;
    }
  }

  /* ---- text ---- */

  /** After `\uN`, the next `\ucN` characters are the fallback for old readers: skip them. */
  private consumeFallback(): boolean {
    if (this.skipCount <= 0) return false;
    this.skipCount--;
    return true;
  }

  private codepage(): number {
    const font = this.state.font ?? this.defaultFont;
    const info = font === undefined ? undefined : this.fonts.get(font);
    if (info?.codepage) return info.codepage;
    // Charsets 0 (ANSI) and 1 (default) mean "the document's code page" in practice: Russian
    // RTF written by many tools declares \ansicpg1251 with \fcharset0 fonts.
    const fromCharset = info?.charset === undefined ? undefined : CHARSET_CODEPAGE[info.charset];
    return fromCharset ?? this.defaultCodepage;
  }

  private textByte(b: number): void {
    if (this.consumeFallback()) return;
    if (this.state.target === 'none' || this.state.hidden) return;
    const codepage = this.codepage();
    if (this.pending.length > 0 && codepage !== this.pendingCodepage) this.flush();
    this.pendingCodepage = codepage;
    this.pending.push(b);
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const bytes = Buffer.from(this.pending);
    this.pending = [];
    this.emit(iconv.decode(bytes, iconvNameForCodepage(this.pendingCodepage)));
  }

  private emit(text: string): void {
    this.flush(); // keep order: earlier 8-bit text first
    const { target, hidden } = this.state;
    if (target === 'none' || hidden) return;
    this.emitted += text.length;
    if (this.emitted > MAX_TEXT_CHARS) throw textLimitError(this.emitted);
    const run = this.runs[target];
    run.push(text);
    if (run.length >= RUN_PIECES) this.joinRun(target);
  }

  private joinRun(target: Exclude<Target, 'none'>): void {
    const run = this.runs[target];
    if (run.length === 0) return;
    this.output[target].push(run.join(''));
    run.length = 0;
  }
}

/** Offset of the opening `{\rtf` (after an optional BOM and whitespace), or -1 when it is not RTF. */
function rtfStart(bytes: Uint8Array): number {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64)).toString('latin1');
  const match = /^((?:\u00EF\u00BB\u00BF)?\s*)\{\\rtf/.exec(head);
  return match ? match[1]!.length : -1;
}

/** Whether the bytes start like RTF (`{\rtf`, after an optional BOM or whitespace). */
export function isRtf(bytes: Uint8Array): boolean {
  return rtfStart(bytes) >= 0;
}

/** The text and title of an RTF document. */
export function rtfToText(bytes: Uint8Array): RtfText {
  const start = rtfStart(bytes);
  if (start < 0) throw new MuragatError('RTF_CORRUPT', 'the file is not RTF (it does not start with {\\rtf)');
  return new RtfParser(bytes.subarray(start)).parse();
}

/** An RTF file as one page. */
export function extractRtf(bytes: Uint8Array): ExtractedDocument {
  const { text, title, warnings } = rtfToText(bytes);
  return {
    format: 'rtf',
    mediaType: MEDIA_TYPES.rtf,
    pages: [{ pageNo: 1, text, needsOcr: false }],
    ...(title ? { embeddedTitle: title } : {}),
    warnings,
  };
}
