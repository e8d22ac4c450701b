/**
 * OpenDocument Text (.odt) to text: content.xml walked with htmlparser2 in XML mode.
 *
 * ODF rules that matter for the text (ODF 1.3 §6.1): whitespace in paragraph content collapses
 * to one space, real spaces are `<text:s text:c="N"/>`, tabs `<text:tab/>`, line breaks
 * `<text:line-break/>`. Paragraphs nest (a text box inside a paragraph), so paragraphs are a
 * stack. Footnotes sit inline in the XML but belong after the body, as in the other formats.
 * Deleted tracked changes, comments and note citations are not text. Each paragraph's
 * alignment, bold and size come from its style and its spans' styles (automatic styles in
 * content.xml, named and default styles in styles.xml) for the layout lines detection reads.
 */
import { Parser } from 'htmlparser2';
import { MuragatError } from '../../../../shared/errors';
import type { LayoutLine } from '../../../../shared/metadata/types';
import { MEDIA_TYPES } from './sniff';
import { MAX_TEXT_CHARS, textLimitError } from './limits';
import { normalizeExtractedText } from './text';
import type { ExtractedDocument } from './types';
import { readDublinCoreTitle, withZip, type ZipArchive } from './zip';
import { BOLD_SHARE, mostCommonSize } from './layout-measures';

const CONTENT_PART = 'content.xml';
const STYLES_PART = 'styles.xml';
const META_PART = 'meta.xml';
const MANIFEST_PART = 'META-INF/manifest.xml';

/** ODF encryption is declared per entry in the manifest; the entries themselves are ciphertext. */
async function isEncrypted(zip: ZipArchive): Promise<boolean> {
  const manifest = await zip.read(MANIFEST_PART);
  return manifest !== undefined && manifest.toString('utf8').includes('encryption-data');
}

/** Elements whose content is not part of the document text. */
const SKIPPED = new Set(['text:tracked-changes', 'office:annotation', 'text:note-citation', 'office:forms', 'text:sequence-decls', 'svg:desc', 'svg:title']);

const PARAGRAPHS = new Set(['text:p', 'text:h']);

/** Upper bound on `text:c`: a corrupt value must not allocate gigabytes of spaces. */
const MAX_SPACE_RUN = 1000;

/* ------------------------------------------------------------------------------------------------
 * Styles: what a paragraph's layout line needs (alignment, bold, size), ODF 1.3 §16.
 * ---------------------------------------------------------------------------------------------- */

type Align = NonNullable<LayoutLine['align']>;

interface OdtStyle {
  parent?: string;
  align?: Align;
  bold?: boolean;
  /** Points, or a percentage of the parent's size. */
  sizePt?: number;
  sizePercent?: number;
}

/** Named, automatic and default styles, by family ('paragraph', 'text'); the default style under ''. */
export class OdtStyles {
  private readonly styles = new Map<string, OdtStyle>();
  private current: OdtStyle | undefined;

  /** Reads style elements as a parser meets them (styles.xml, then content.xml's automatic styles). */
  onopentag(name: string, attributes: Record<string, string>): void {
    if (name === 'style:style' || name === 'style:default-style') {
      const family = attributes['style:family'];
      if (family !== 'paragraph' && family !== 'text') {
        this.current = undefined;
        return;
      }
      const styleName = name === 'style:default-style' ? '' : attributes['style:name'];
      if (styleName === undefined) return;
      this.current = { ...(attributes['style:parent-style-name'] ? { parent: attributes['style:parent-style-name'] } : {}) };
      this.styles.set(`${family}:${styleName}`, this.current);
      return;
    }
    if (!this.current) return;
    if (name === 'style:paragraph-properties') {
      const align = alignment(attributes['fo:text-align']);
      if (align) this.current.align = align;
    } else if (name === 'style:text-properties') {
      const weight = attributes['fo:font-weight'];
      if (weight) this.current.bold = weight === 'bold' || /^[6-9]00$/.test(weight);
      const size = /^([\d.]+)(pt|%)$/.exec(attributes['fo:font-size'] ?? '');
      if (size) {
        const value = Number.parseFloat(size[1]!);
        if (Number.isFinite(value) && value > 0 && value < 2000) {
          if (size[2] === 'pt') this.current.sizePt = value;
          else this.current.sizePercent = value;
        }
      }
    }
  }

  onclosetag(name: string): void {
    if (name === 'style:style' || name === 'style:default-style') this.current = undefined;
  }

  /** A property through the parent chain (a loop ends it), then, if asked, the family's default style. */
  private find<K extends 'align' | 'bold'>(family: string, name: string | undefined, key: K, withDefault: boolean): OdtStyle[K] {
    const seen = new Set<string>();
    for (let style = name; style !== undefined && !seen.has(style); style = this.styles.get(`${family}:${style}`)?.parent) {
      seen.add(style);
      const value = this.styles.get(`${family}:${style}`)?.[key];
      if (value !== undefined) return value;
    }
    return withDefault ? this.styles.get(`${family}:`)?.[key] : undefined;
  }

  private size(family: string, name: string | undefined, seen = new Set<string>()): number | undefined {
    if (name === undefined || seen.has(name)) return this.styles.get(`${family}:`)?.sizePt;
    seen.add(name);
    const style = this.styles.get(`${family}:${name}`);
    if (style?.sizePt !== undefined) return style.sizePt;
    const parent = this.size(family, style?.parent, seen);
    return style?.sizePercent !== undefined && parent !== undefined ? (parent * style.sizePercent) / 100 : parent;
  }

  align(paragraphStyle: string | undefined): Align | undefined {
    return this.find('paragraph', paragraphStyle, 'align', true);
  }

  /** A span's text style over its paragraph's style. */
  bold(paragraphStyle: string | undefined, textStyles: readonly string[]): boolean {
    for (let index = textStyles.length - 1; index >= 0; index--) {
      const bold = this.find('text', textStyles[index], 'bold', false);
      if (bold !== undefined) return bold;
    }
    return this.find('paragraph', paragraphStyle, 'bold', true) ?? false;
  }

  sizePt(paragraphStyle: string | undefined, textStyles: readonly string[]): number | undefined {
    for (let index = textStyles.length - 1; index >= 0; index--) {
      const name = textStyles[index]!;
      if (this.styles.get(`text:${name}`)?.sizePt !== undefined || this.styles.get(`text:${name}`)?.sizePercent !== undefined) {
        const own = this.styles.get(`text:${name}`)!;
        if (own.sizePt !== undefined) return own.sizePt;
        const base = this.size('paragraph', paragraphStyle);
        return base !== undefined ? (base * own.sizePercent!) / 100 : undefined;
      }
    }
    return this.size('paragraph', paragraphStyle);
  }
}

function alignment(value: string | undefined): Align | undefined {
  if (value === 'start' || value === 'left') return 'left';
  if (value === 'end' || value === 'right') return 'right';
  if (value === 'center' || value === 'justify') return value;
  return undefined;
}

/** How a paragraph (or a row of them) is set, counted per visible character. */
interface Draft {
  style?: string;
  align?: Align;
  heading: boolean;
  inTable: boolean;
  bold: number;
  plain: number;
  sizes: Map<number, number>;
}

function newDraft(style: string | undefined, heading: boolean, inTable: boolean): Draft {
  return { ...(style ? { style } : {}), heading, inTable, bold: 0, plain: 0, sizes: new Map() };
}

function addDraft(into: Draft, from: Draft): void {
  into.bold += from.bold;
  into.plain += from.plain;
  for (const [size, count] of from.sizes) into.sizes.set(size, (into.sizes.get(size) ?? 0) + count);
}

interface CollectedLine {
  text: string;
  draft: Draft;
}

/** A table row being collected: its cells go on one line. */
interface OpenRow {
  /** Number of cells opened so far in this row. */
  cells: number;
  /** The cell that last contributed text, to tell "next paragraph, same cell" from "next cell". */
  lastCellWithText: number;
  line: string;
  draft: Draft;
}

interface OpenParagraph {
  text: string;
  draft: Draft;
}

class OdtTextCollector {
  readonly body: CollectedLine[] = [];
  readonly notes: CollectedLine[] = [];
  /** Open paragraphs, innermost last. */
  private readonly paragraphs: OpenParagraph[] = [];
  /** Open spans' text styles, innermost last. */
  private readonly spans: string[] = [];
  /** Spans opened without a style, so that closing pops the right one. */
  private readonly spanHasStyle: boolean[] = [];
  /** Open table rows, innermost last. */
  private readonly rows: OpenRow[] = [];
  private skipDepth = 0;
  private noteDepth = 0;
  /** Characters collected so far: `<text:s text:c="1000"/>` expands 40×, so the cap is checked as text grows. */
  private collected = 0;

  constructor(private readonly styles: OdtStyles) {}

  onopentag(name: string, attributes: Record<string, string>): void {
    this.styles.onopentag(name, attributes);
    if (SKIPPED.has(name)) this.skipDepth++;
    if (this.skipDepth > 0) return;
    if (name === 'text:note') this.noteDepth++;
    else if (PARAGRAPHS.has(name)) {
      this.paragraphs.push({ text: '', draft: newDraft(attributes['text:style-name'], name === 'text:h', this.rows.length > 0) });
    } else if (name === 'text:span') {
      const style = attributes['text:style-name'];
      this.spanHasStyle.push(style !== undefined);
      if (style !== undefined) this.spans.push(style);
    }
    else if (name === 'text:s') this.append(' '.repeat(clampCount(attributes['text:c'])));
    else if (name === 'text:tab') this.append('\t');
    else if (name === 'text:line-break') this.append('\n');
    else if (name === 'table:table-row') this.rows.push({ cells: 0, lastCellWithText: 0, line: '', draft: newDraft(undefined, false, true) });
    else if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
      const row = this.rows[this.rows.length - 1];
      if (row) row.cells++;
    }
  }

  onclosetag(name: string): void {
    this.styles.onclosetag(name);
    if (SKIPPED.has(name)) {
      this.skipDepth = Math.max(0, this.skipDepth - 1);
      return;
    }
    if (this.skipDepth > 0) return;
    if (name === 'text:note') this.noteDepth = Math.max(0, this.noteDepth - 1);
    else if (PARAGRAPHS.has(name)) this.closeParagraph();
    else if (name === 'text:span') {
      if (this.spanHasStyle.pop()) this.spans.pop();
    } else if (name === 'table:table-row') {
      const row = this.rows.pop();
      if (row) this.emit(row.line, row.draft);
    }
  }

  ontext(text: string): void {
    if (this.skipDepth > 0) return;
    // Text outside any paragraph is indentation between elements.
    if (this.paragraphs.length > 0) this.append(text.replace(/[ \t\r\n]+/g, ' '));
  }

  private append(text: string): void {
    this.collected += text.length;
    if (this.collected > MAX_TEXT_CHARS) throw textLimitError(this.collected);
    const paragraph = this.paragraphs[this.paragraphs.length - 1];
    if (!paragraph) return;
    paragraph.text += text;
    const visible = text.replace(/\s+/g, '').length;
    if (visible === 0) return;
    const { draft } = paragraph;
    if (this.styles.bold(draft.style, this.spans)) draft.bold += visible;
    else draft.plain += visible;
    const size = this.styles.sizePt(draft.style, this.spans);
    if (size !== undefined) draft.sizes.set(size, (draft.sizes.get(size) ?? 0) + visible);
  }

  /**
   * A paragraph directly in a table cell joins its row's line (cells separated by tabs,
   * paragraphs of one cell by spaces); any other paragraph is a line of its own.
   */
  private closeParagraph(): void {
    const paragraph = this.paragraphs.pop();
    if (!paragraph) return;
    const text = paragraph.text.trim();
    const draft = paragraph.draft;
    draft.align = this.styles.align(draft.style);
    const row = this.rows[this.rows.length - 1];
    if (!row || this.paragraphs.length > 0 || this.noteDepth > 0) {
      this.emit(text, draft);
      return;
    }
    if (text === '') return;
    if (row.line === '') {
      // A row's line is set as its first paragraph is.
      if (draft.style) row.draft.style = draft.style;
      if (draft.align) row.draft.align = draft.align;
      row.draft.heading = draft.heading;
    } else row.line += row.lastCellWithText === row.cells ? ' ' : '\t';
    row.line += text;
    addDraft(row.draft, draft);
    row.lastCellWithText = row.cells;
  }

  private emit(line: string, draft: Draft): void {
    if (this.noteDepth > 0) this.notes.push({ text: line, draft });
    else this.body.push({ text: line, draft });
  }
}

function clampCount(value: string | undefined): number {
  const count = value === undefined ? 1 : Number.parseInt(value, 10);
  return Number.isFinite(count) && count > 0 ? Math.min(count, MAX_SPACE_RUN) : 1;
}

/**
 * Collected paragraphs to layout lines, cleaned exactly as `joinParagraphs` cleans text (so the
 * lines joined by '\n' are the text). Sizes become relative to the size of most characters.
 */
function toLayoutLines(collected: readonly CollectedLine[]): LayoutLine[] {
  const totals = newDraft(undefined, false, false);
  for (const { draft } of collected) addDraft(totals, draft);
  const body = mostCommonSize(totals.sizes);
  const lines: LayoutLine[] = [];
  for (const { text: raw, draft } of collected) {
    const size = mostCommonSize(draft.sizes);
    const visible = draft.bold + draft.plain;
    for (const part of normalizeExtractedText(raw).split('\n')) {
      const text = part.replace(/[ \u00A0\u2007\u202F]+/g, ' ').replace(/ *\t */g, '\t').trim();
      if (text === '' || /^\t+$/.test(text)) continue;
      lines.push({
        text,
        ...(visible > 0 ? { bold: draft.bold >= visible * BOLD_SHARE } : {}),
        ...(size !== undefined && body !== undefined ? { size: Math.round((size / body) * 100) / 100 } : {}),
        ...(draft.align ? { align: draft.align } : {}),
        // A heading is `text:h` whatever its style is called; otherwise the style's name.
        ...(draft.heading ? { style: 'h' } : draft.style ? { style: draft.style } : {}),
        inTable: draft.inTable,
      });
    }
  }
  return lines;
}

/** An ODT content.xml's text (body paragraphs, then notes) and its layout lines. */
export function odtContentToLayout(xml: string, stylesXml?: string): { text: string; lines: LayoutLine[] } {
  const styles = new OdtStyles();
  if (stylesXml) {
    const styleParser = new Parser(
      { onopentag: (name, attributes) => styles.onopentag(name, attributes), onclosetag: (name) => styles.onclosetag(name) },
      { xmlMode: true, decodeEntities: true },
    );
    styleParser.end(stylesXml);
  }
  const collector = new OdtTextCollector(styles);
  const parser = new Parser(
    {
      onopentag: (name, attributes) => collector.onopentag(name, attributes),
      onclosetag: (name) => collector.onclosetag(name),
      ontext: (text) => collector.ontext(text),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  const lines = toLayoutLines([...collector.body, ...collector.notes]);
  return { text: lines.map((line) => line.text).join('\n'), lines };
}

/** The text of an ODT content.xml: body paragraphs, then notes. */
export function odtContentToText(xml: string): string {
  return odtContentToLayout(xml).text;
}

/** An ODT file as one page, with the title from meta.xml. */
export async function extractOdt(bytes: Uint8Array): Promise<ExtractedDocument> {
  return withZip(bytes, 'ODT_CORRUPT', async (zip) => {
    if (!zip.has(CONTENT_PART)) throw new MuragatError('ODT_CORRUPT', `the ODT file has no ${CONTENT_PART}`, { missing: CONTENT_PART });
    if (await isEncrypted(zip)) throw new MuragatError('DOCUMENT_ENCRYPTED', 'the ODT file is password-protected');
    const content = await zip.read(CONTENT_PART);
    const title = await readDublinCoreTitle(zip, META_PART);
    const styles = await zip.read(STYLES_PART);
    const { text, lines } = odtContentToLayout(content?.toString('utf8') ?? '', styles?.toString('utf8'));
    return {
      format: 'odt',
      mediaType: MEDIA_TYPES.odt,
      pages: [{ pageNo: 1, text, needsOcr: false, lines }],
      ...(title ? { embeddedTitle: title } : {}),
      warnings: [],
    };
  });
}
