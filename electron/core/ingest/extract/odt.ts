/**
 * OpenDocument Text (.odt) to text: content.xml walked with htmlparser2 in XML mode.
 *
 * ODF rules that matter for the text (ODF 1.3 §6.1): whitespace in paragraph content collapses
 * to one space, real spaces are `<text:s text:c="N"/>`, tabs `<text:tab/>`, line breaks
 * `<text:line-break/>`. Paragraphs nest (a text box inside a paragraph), so paragraphs are a
 * stack. Footnotes sit inline in the XML but belong after the body, as in the other formats.
 * Deleted tracked changes, comments and note citations are not text.
 */
import { Parser } from 'htmlparser2';
import { MuragatError } from '../../../../shared/errors';
import { MEDIA_TYPES } from './sniff';
import { MAX_TEXT_CHARS, textLimitError } from './limits';
import { joinParagraphs } from './text';
import type { ExtractedDocument } from './types';
import { readDublinCoreTitle, withZip, type ZipArchive } from './zip';

const CONTENT_PART = 'content.xml';
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

/** A table row being collected: its cells go on one line. */
interface OpenRow {
  /** Number of cells opened so far in this row. */
  cells: number;
  /** The cell that last contributed text, to tell "next paragraph, same cell" from "next cell". */
  lastCellWithText: number;
  line: string;
}

class OdtTextCollector {
  readonly body: string[] = [];
  readonly notes: string[] = [];
  /** Open paragraphs, innermost last. */
  private readonly paragraphs: string[] = [];
  /** Open table rows, innermost last. */
  private readonly rows: OpenRow[] = [];
  private skipDepth = 0;
  private noteDepth = 0;
  /** Characters collected so far: `<text:s text:c="1000"/>` expands 40×, so the cap is checked as text grows. */
  private collected = 0;

  onopentag(name: string, attributes: Record<string, string>): void {
    if (SKIPPED.has(name)) this.skipDepth++;
    if (this.skipDepth > 0) return;
    if (name === 'text:note') this.noteDepth++;
    else if (PARAGRAPHS.has(name)) this.paragraphs.push('');
    else if (name === 'text:s') this.append(' '.repeat(clampCount(attributes['text:c'])));
    else if (name === 'text:tab') this.append('\t');
    else if (name === 'text:line-break') this.append('\n');
    else if (name === 'table:table-row') this.rows.push({ cells: 0, lastCellWithText: 0, line: '' });
    else if (name === 'table:table-cell' || name === 'table:covered-table-cell') {
      const row = this.rows[this.rows.length - 1];
      if (row) row.cells++;
    }
  }

  onclosetag(name: string): void {
    if (SKIPPED.has(name)) {
      this.skipDepth = Math.max(0, this.skipDepth - 1);
      return;
    }
    if (this.skipDepth > 0) return;
    if (name === 'text:note') this.noteDepth = Math.max(0, this.noteDepth - 1);
    else if (PARAGRAPHS.has(name)) this.closeParagraph();
    else if (name === 'table:table-row') {
      const row = this.rows.pop();
      if (row) this.emit(row.line);
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
    const last = this.paragraphs.length - 1;
    if (last >= 0) this.paragraphs[last] += text;
  }

  /**
   * A paragraph directly in a table cell joins its row's line (cells separated by tabs,
   * paragraphs of one cell by spaces); any other paragraph is a line of its own.
   */
  private closeParagraph(): void {
    const text = (this.paragraphs.pop() ?? '').trim();
    const row = this.rows[this.rows.length - 1];
    if (!row || this.paragraphs.length > 0 || this.noteDepth > 0) {
      this.emit(text);
      return;
    }
    if (text === '') return;
    if (row.line !== '') row.line += row.lastCellWithText === row.cells ? ' ' : '\t';
    row.line += text;
    row.lastCellWithText = row.cells;
  }

  private emit(line: string): void {
    if (this.noteDepth > 0) this.notes.push(line);
    else this.body.push(line);
  }
}

function clampCount(value: string | undefined): number {
  const count = value === undefined ? 1 : Number.parseInt(value, 10);
  return Number.isFinite(count) && count > 0 ? Math.min(count, MAX_SPACE_RUN) : 1;
}

/** The text of an ODT content.xml: body paragraphs, then notes. */
export function odtContentToText(xml: string): string {
  const collector = new OdtTextCollector();
  const parser = new Parser(
    {
      onopentag: (name, attributes) => collector.onopentag(name, attributes),
      onclosetag: (name) => collector.onclosetag(name),
      ontext: (text) => collector.ontext(text),
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.end(xml);
  return joinParagraphs([...collector.body, ...collector.notes]);
}

/** An ODT file as one page, with the title from meta.xml. */
export async function extractOdt(bytes: Uint8Array): Promise<ExtractedDocument> {
  return withZip(bytes, 'ODT_CORRUPT', async (zip) => {
    if (!zip.has(CONTENT_PART)) throw new MuragatError('ODT_CORRUPT', `the ODT file has no ${CONTENT_PART}`, { missing: CONTENT_PART });
    if (await isEncrypted(zip)) throw new MuragatError('DOCUMENT_ENCRYPTED', 'the ODT file is password-protected');
    const content = await zip.read(CONTENT_PART);
    const title = await readDublinCoreTitle(zip, META_PART);
    const text = odtContentToText(content?.toString('utf8') ?? '');
    return {
      format: 'odt',
      mediaType: MEDIA_TYPES.odt,
      pages: [{ pageNo: 1, text, needsOcr: false }],
      ...(title ? { embeddedTitle: title } : {}),
      warnings: [],
    };
  });
}
