/**
 * DOCX paragraph layout: what mammoth's HTML does not carry.
 *
 * mammoth gives the text (numbering, fields, notes and tables handled), but not a paragraph's
 * alignment, its runs' bold and size, nor, for DrawingML text boxes without a VML fallback, the
 * text box itself, where a state body's letter puts its outgoing stamp ("Шығ. № 16-13-183 /
 * 31.05.2024"). So word/document.xml is read once more, with htmlparser2 in XML mode (no DTD
 * entities expanded), into one record per paragraph in mammoth's order, with its properties
 * resolved through word/styles.xml (`w:basedOn` chains, document defaults); the records are then
 * matched to mammoth's lines by their text. A line that finds no paragraph keeps what the HTML
 * said; a text-box paragraph no line matched is added after its anchor's line.
 */
import { Parser } from 'htmlparser2';
import type { LayoutLine } from '../../../../shared/metadata/types';
import { MAX_TEXT_CHARS, textLimitError } from './limits';
import { normalizeExtractedText } from './text';
import { BOLD_SHARE, mostCommonSize } from './layout-measures';

type Align = NonNullable<LayoutLine['align']>;

/** One `w:p` of word/document.xml. */
export interface DocxParagraph {
  text: string;
  /** `w:pStyle`, the style id (`Heading1`, `Title`, or a localised id such as `a3`). */
  style?: string;
  align?: Align;
  /** Visible characters set in bold, and not. */
  bold: number;
  plain: number;
  /** Visible characters per size in half-points. */
  sizes: Map<number, number>;
  inTable: boolean;
  inTextBox: boolean;
}

/** Properties a style gives, before inheritance. */
interface StyleProperties {
  basedOn?: string;
  align?: Align;
  bold?: boolean;
  /** Half-points. */
  size?: number;
}

export interface DocxStyles {
  paragraph: Map<string, StyleProperties>;
  character: Map<string, StyleProperties>;
  defaultParagraphStyle?: string;
  /** `w:docDefaults` run properties. */
  defaults: StyleProperties;
}

/** Word's size when nothing says otherwise (ECMA-376 §17.3.2.38: 10 pt is the application default; Word's Normal template says 11–12). */
const FALLBACK_HALF_POINTS = 20;

function justification(value: string | undefined): Align | undefined {
  switch (value) {
    case 'left':
    case 'start':
      return 'left';
    case 'right':
    case 'end':
      return 'right';
    case 'center':
      return 'center';
    case 'both':
    case 'distribute':
    case 'mediumKashida':
    case 'highKashida':
    case 'lowKashida':
    case 'thaiDistribute':
      return 'justify';
    default:
      return undefined;
  }
}

/** `w:b` with no value, or "1"/"true"/"on", is on (ECMA-376 ST_OnOff). */
function onOff(value: string | undefined): boolean {
  return value === undefined || value === '1' || value === 'true' || value === 'on';
}

function halfPoints(value: string | undefined): number | undefined {
  const size = value === undefined ? Number.NaN : Number.parseInt(value, 10);
  return Number.isFinite(size) && size > 0 && size < 4000 ? size : undefined;
}

/** word/styles.xml: paragraph and character styles, and the document defaults. */
export function parseDocxStyles(xml: string | undefined): DocxStyles {
  const styles: DocxStyles = { paragraph: new Map(), character: new Map(), defaults: {} };
  if (!xml) return styles;
  let current: StyleProperties | undefined;
  let inDefaults = false;
  /** Inside `w:tblStylePr`: conditional table formatting, not the style's own. */
  let conditional = 0;
  const parser = new Parser(
    {
      onopentag: (name, attributes) => {
        if (name === 'w:rPrDefault') inDefaults = true;
        else if (name === 'w:tblStylePr') conditional++;
        else if (name === 'w:style') {
          const id = attributes['w:styleId'];
          const type = attributes['w:type'];
          current = {};
          if (id && (type === 'paragraph' || type === undefined)) {
            styles.paragraph.set(id, current);
            if (onOff(attributes['w:default']) && attributes['w:default'] !== undefined) styles.defaultParagraphStyle = id;
          } else if (id && type === 'character') styles.character.set(id, current);
        }
        const target = inDefaults ? styles.defaults : conditional > 0 ? undefined : current;
        if (!target) return;
        if (name === 'w:basedOn') target.basedOn = attributes['w:val'];
        else if (name === 'w:jc') target.align = justification(attributes['w:val']);
        else if (name === 'w:b') target.bold = onOff(attributes['w:val']);
        else if (name === 'w:sz') target.size = halfPoints(attributes['w:val']) ?? target.size;
      },
      onclosetag: (name) => {
        if (name === 'w:rPrDefault') inDefaults = false;
        else if (name === 'w:tblStylePr') conditional = Math.max(0, conditional - 1);
        else if (name === 'w:style') current = undefined;
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return styles;
}

/** A style's property, inherited through `w:basedOn` (a loop ends the chain). */
function inherited<K extends keyof StyleProperties>(table: ReadonlyMap<string, StyleProperties>, id: string | undefined, key: K): StyleProperties[K] {
  const seen = new Set<string>();
  for (let style = id; style !== undefined && !seen.has(style); style = table.get(style)?.basedOn) {
    seen.add(style);
    const value = table.get(style)?.[key];
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Run properties being read: explicit values only, resolved when the run's text comes. */
interface Run {
  bold?: boolean;
  size?: number;
  style?: string;
}

/**
 * A paragraph being read: one record per piece between line breaks (mammoth makes each a line
 * of its own), and the text-box paragraphs anchored in it (they follow it, as in mammoth).
 */
interface OpenParagraph {
  records: DocxParagraph[];
  style?: string;
  align?: Align;
  anchored: DocxParagraph[];
}

function newRecord(inTable: boolean, inTextBox: boolean): DocxParagraph {
  return { text: '', bold: 0, plain: 0, sizes: new Map(), inTable, inTextBox };
}

/**
 * Elements whose content is not the document's text or properties: deleted revisions, field
 * codes, the properties before a tracked change, VML fallbacks of DrawingML (the same text again).
 */
const SKIPPED = new Set(['w:del', 'w:delText', 'w:instrText', 'w:moveFrom', 'w:pPrChange', 'w:rPrChange', 'mc:Fallback']);

/** word/document.xml as paragraph records, in the order mammoth writes them. */
export function parseDocxParagraphs(xml: string, styles: DocxStyles): DocxParagraph[] {
  const records: DocxParagraph[] = [];
  const open: OpenParagraph[] = [];
  let run: Run | undefined;
  let inRunProperties = false;
  let inParagraphProperties = 0;
  let skip = 0;
  let inText = false;
  let tableDepth = 0;
  let textBoxDepth = 0;
  let collected = 0;

  const paragraphStyle = (paragraph: OpenParagraph): string | undefined => paragraph.style ?? styles.defaultParagraphStyle;
  const append = (text: string): void => {
    const paragraph = open[open.length - 1];
    if (!paragraph) return;
    collected += text.length;
    if (collected > MAX_TEXT_CHARS) throw textLimitError(collected);
    const record = paragraph.records[paragraph.records.length - 1]!;
    record.text += text;
    const visible = text.replace(/\s+/g, '').length;
    if (visible === 0) return;
    const style = paragraphStyle(paragraph);
    const bold = run?.bold ?? inherited(styles.character, run?.style, 'bold') ?? inherited(styles.paragraph, style, 'bold') ?? styles.defaults.bold ?? false;
    const size = run?.size ?? inherited(styles.character, run?.style, 'size') ?? inherited(styles.paragraph, style, 'size') ?? styles.defaults.size ?? FALLBACK_HALF_POINTS;
    if (bold) record.bold += visible;
    else record.plain += visible;
    record.sizes.set(size, (record.sizes.get(size) ?? 0) + visible);
  };

  const parser = new Parser(
    {
      onopentag: (name, attributes) => {
        if (SKIPPED.has(name)) skip++;
        if (skip > 0) return;
        switch (name) {
          case 'w:tbl':
            tableDepth++;
            return;
          case 'w:txbxContent':
            textBoxDepth++;
            return;
          case 'w:p':
            open.push({ records: [newRecord(tableDepth > 0, textBoxDepth > 0)], anchored: [] });
            return;
          case 'w:pPr':
            inParagraphProperties++;
            return;
          case 'w:r':
            run = {};
            return;
          case 'w:rPr':
            // A paragraph mark's run properties (w:pPr/w:rPr) format the mark, not the text.
            if (run && inParagraphProperties === 0) inRunProperties = true;
            return;
          case 'w:t':
            inText = true;
            return;
          case 'w:tab':
            if (inParagraphProperties === 0) append('\t');
            return;
          case 'w:br':
          case 'w:cr': {
            const paragraph = open[open.length - 1];
            if (paragraph) paragraph.records.push(newRecord(tableDepth > 0, textBoxDepth > 0));
            return;
          }
          case 'w:noBreakHyphen':
            append('-');
            return;
        }
        const paragraph = open[open.length - 1];
        if (inParagraphProperties > 0 && paragraph && !inRunProperties) {
          if (name === 'w:pStyle' && attributes['w:val']) paragraph.style = attributes['w:val'];
          else if (name === 'w:jc') paragraph.align = justification(attributes['w:val']);
        } else if (inRunProperties && run) {
          if (name === 'w:b') run.bold = onOff(attributes['w:val']);
          else if (name === 'w:sz') run.size = halfPoints(attributes['w:val']) ?? run.size;
          else if (name === 'w:rStyle') run.style = attributes['w:val'];
        }
      },
      onclosetag: (name) => {
        if (SKIPPED.has(name)) {
          skip = Math.max(0, skip - 1);
          return;
        }
        if (skip > 0) return;
        switch (name) {
          case 'w:tbl':
            tableDepth = Math.max(0, tableDepth - 1);
            return;
          case 'w:txbxContent':
            textBoxDepth = Math.max(0, textBoxDepth - 1);
            return;
          case 'w:pPr':
            inParagraphProperties = Math.max(0, inParagraphProperties - 1);
            return;
          case 'w:rPr':
            inRunProperties = false;
            return;
          case 'w:r':
            run = undefined;
            return;
          case 'w:t':
            inText = false;
            return;
          case 'w:p': {
            const paragraph = open.pop();
            if (!paragraph) return;
            const align = paragraph.align ?? inherited(styles.paragraph, paragraphStyle(paragraph), 'align');
            for (const record of paragraph.records) {
              if (align) record.align = align;
              if (paragraph.style) record.style = paragraph.style;
            }
            // A paragraph inside another (in a text box) comes after it, as mammoth puts it.
            const parent = open[open.length - 1];
            if (parent) parent.anchored.push(...paragraph.records, ...paragraph.anchored);
            else records.push(...paragraph.records, ...paragraph.anchored);
            return;
          }
        }
      },
      ontext: (text) => {
        if (skip === 0 && inText) append(text);
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return records;
}

/** Text as compared between mammoth's lines and the paragraphs: no spaces, no tabs, no line breaks. */
function key(text: string): string {
  return normalizeExtractedText(text).replace(/[\s\u00A0\u2007\u202F]+/g, '');
}

/** How far ahead a line's paragraph is looked for (empty paragraphs, text mammoth skipped). */
const MATCH_WINDOW = 64;

/** The paragraphs a line is made of: the first `[start, end)` from `from` whose texts joined are the line's. */
function findParagraphs(lineKey: string, keys: readonly string[], from: number): [number, number] | undefined {
  const last = Math.min(keys.length, from + MATCH_WINDOW);
  for (let start = from; start < last; start++) {
    const first = keys[start]!;
    if (first === '' || !lineKey.startsWith(first)) continue;
    let joined = first;
    let end = start + 1;
    while (joined.length < lineKey.length && end < keys.length) {
      const next = keys[end]!;
      if (next !== '' && !lineKey.startsWith(joined + next)) break;
      joined += next;
      end++;
    }
    if (joined === lineKey) return [start, end];
  }
  return undefined;
}

/** What the paragraphs say of a line made of them. */
function describe(paragraphs: readonly DocxParagraph[], bodySize: number): Partial<LayoutLine> {
  const bold = paragraphs.reduce((sum, paragraph) => sum + paragraph.bold, 0);
  const visible = paragraphs.reduce((sum, paragraph) => sum + paragraph.bold + paragraph.plain, 0);
  const sizes = new Map<number, number>();
  for (const paragraph of paragraphs) for (const [size, chars] of paragraph.sizes) sizes.set(size, (sizes.get(size) ?? 0) + chars);
  const size = mostCommonSize(sizes);
  const first = paragraphs[0]!;
  return {
    ...(visible > 0 ? { bold: bold >= visible * BOLD_SHARE } : {}),
    ...(size !== undefined ? { size: Math.round((size / bodySize) * 100) / 100 } : {}),
    ...(first.align ? { align: first.align } : {}),
    ...(first.style ? { style: first.style } : {}),
    inTable: paragraphs.some((paragraph) => paragraph.inTable),
  };
}

/**
 * mammoth's lines with the paragraphs' properties, and text-box paragraphs mammoth dropped
 * added after the line of the paragraph they are anchored in.
 */
export function applyDocxLayout(lines: readonly LayoutLine[], paragraphs: readonly DocxParagraph[]): LayoutLine[] {
  const totals = new Map<number, number>();
  for (const paragraph of paragraphs) for (const [size, chars] of paragraph.sizes) totals.set(size, (totals.get(size) ?? 0) + chars);
  const bodySize = mostCommonSize(totals) ?? FALLBACK_HALF_POINTS;
  const keys = paragraphs.map((paragraph) => key(paragraph.text));
  /** The line each paragraph went into, or -1. */
  const lineOf = new Array<number>(paragraphs.length).fill(-1);
  // mammoth's HTML has no sizes: a size there is only a browser's default for its tag.
  const result: LayoutLine[] = lines.map(({ size: _size, ...line }) => line);
  let next = 0;
  result.forEach((line, index) => {
    const lineKey = key(line.text);
    if (lineKey === '') return;
    const found = findParagraphs(lineKey, keys, next);
    if (!found) return;
    const [start, end] = found;
    for (let paragraph = start; paragraph < end; paragraph++) lineOf[paragraph] = index;
    Object.assign(line, describe(paragraphs.slice(start, end), bodySize));
    next = end;
  });

  // Text-box paragraphs no line holds: mammoth reads a text box only through its VML fallback.
  const inserts = new Map<number, LayoutLine[]>();
  let after = -1;
  paragraphs.forEach((paragraph, index) => {
    if (lineOf[index]! >= 0) {
      after = lineOf[index]!;
      return;
    }
    if (!paragraph.inTextBox) return;
    for (const part of normalizeExtractedText(paragraph.text).split('\n')) {
      const text = part.replace(/[ \u00A0\u2007\u202F]+/g, ' ').replace(/ *\t */g, '\t').trim();
      if (text === '' || /^\t+$/.test(text)) continue;
      const list = inserts.get(after) ?? [];
      list.push({ text, ...describe([paragraph], bodySize) });
      inserts.set(after, list);
    }
  });
  if (inserts.size === 0) return result;
  const merged: LayoutLine[] = [...(inserts.get(-1) ?? [])];
  result.forEach((line, index) => merged.push(line, ...(inserts.get(index) ?? [])));
  return merged;
}
