/**
 * DOCX to text with mammoth (exact on Kazakh text; word-extractor garbles DOCX, see docs/ARCHITECTURE.md §14).
 *
 * mammoth's HTML rather than its raw text: raw text puts every table cell on a line of its own,
 * while the HTML keeps rows together, so tables read the same as in the other formats (cells
 * separated by tabs). Images are never read (empty `src`): they are not text and can be large.
 * Footnotes and endnotes come after the body, as mammoth renders them.
 *
 * mammoth inflates the parts it needs with JSZip and has no size limits, so the archive is
 * opened with our own limited reader first: a damaged or bomb-like file is refused before
 * mammoth sees it. The title comes from docProps/core.xml (`dc:title`). Alignment, bold and size
 * of each paragraph, and text boxes mammoth drops, come from word/document.xml (docx-layout.ts).
 */
import mammoth from 'mammoth';
import { MuragatError } from '../../../../shared/errors';
import { MEDIA_TYPES, isEncryptedOoxml } from './sniff';
import { applyDocxLayout, parseDocxParagraphs, parseDocxStyles, type DocxParagraph } from './docx-layout';
import { htmlToLayout } from './html';
import type { ExtractedDocument } from './types';
import { asBuffer, readDublinCoreTitle, withZip, type ZipArchive } from './zip';

const MAIN_PART = 'word/document.xml';
const STYLES_PART = 'word/styles.xml';
const CORE_PROPERTIES = 'docProps/core.xml';

/** Enough of mammoth's messages to diagnose a file from the logs. */
const MAX_WARNINGS = 5;

interface Container {
  title?: string;
  /** The body's paragraphs with their properties; undefined when they could not be read. */
  paragraphs?: DocxParagraph[];
  warnings: string[];
}

/** Checks the container; returns the embedded title, if any, and the paragraphs' layout. */
async function inspectContainer(zip: ZipArchive): Promise<Container> {
  if (!zip.has(MAIN_PART)) {
    throw new MuragatError('DOCX_CORRUPT', `the DOCX file has no ${MAIN_PART}`, { missing: MAIN_PART });
  }
  // Inflating every entry (output discarded) verifies its real size against the declared one
  // (yauzl checks it), which the declared-size check alone cannot: mammoth inflates whatever
  // part it needs with JSZip, without any limit.
  await zip.verifyAllEntries();
  const title = await readDublinCoreTitle(zip, CORE_PROPERTIES);
  const container: Container = { ...(title ? { title } : {}), warnings: [] };
  try {
    const styles = parseDocxStyles((await zip.read(STYLES_PART))?.toString('utf8'));
    container.paragraphs = parseDocxParagraphs((await zip.read(MAIN_PART))?.toString('utf8') ?? '', styles);
  } catch (error) {
    if (error instanceof MuragatError && error.code === 'EXTRACTION_LIMIT') throw error;
    // Layout is a help to detection; its loss must not cost the user the text.
    container.warnings.push(`paragraph layout not read: ${error instanceof Error ? error.message : String(error)}`);
  }
  return container;
}

/**
 * mammoth marks each note reference with a "[1]" link and ends each note with a "↑" link back:
 * navigation, not text (the other formats do not show them either).
 */
function withoutNoteLinks(html: string): string {
  return html
    .replace(/<a href="#(?:footnote|endnote|comment)-[^"]*" id="(?:footnote|endnote|comment)-ref-[^"]*">[^<]*<\/a>/g, '')
    .replace(/\s*<a href="#(?:footnote|endnote|comment)-ref-[^"]*">↑<\/a>/g, '');
}

/** A DOCX file as one page: paragraphs as lines, footnotes and endnotes after the body. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument> {
  if (isEncryptedOoxml(bytes)) throw new MuragatError('DOCUMENT_ENCRYPTED', 'the DOCX file is password-protected');
  const container = await withZip(bytes, 'DOCX_CORRUPT', inspectContainer);
  let result: Awaited<ReturnType<typeof mammoth.convertToHtml>>;
  try {
    result = await mammoth.convertToHtml(
      { buffer: asBuffer(bytes) },
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })), externalFileAccess: false },
    );
  } catch (error) {
    throw new MuragatError('DOCX_CORRUPT', `the DOCX file cannot be read: ${error instanceof Error ? error.message : String(error)}`, {}, { cause: error });
  }
  // "Unrecognised paragraph style" is about HTML styling, which we do not use: noise.
  const messages = result.messages.filter((message) => !/^Unrecognised (?:paragraph|run|table) style/.test(message.message));
  const warnings = messages.slice(0, MAX_WARNINGS).map((message) => `mammoth: ${message.message}`);
  if (messages.length > MAX_WARNINGS) warnings.push(`mammoth: ${messages.length - MAX_WARNINGS} more messages`);
  warnings.push(...container.warnings);
  const html = htmlToLayout(withoutNoteLinks(result.value));
  const lines = container.paragraphs ? applyDocxLayout(html.lines, container.paragraphs) : html.lines;
  return {
    format: 'docx',
    mediaType: MEDIA_TYPES.docx,
    // Text boxes mammoth missed are among the lines: the text is theirs.
    pages: [{ pageNo: 1, text: lines.map((line) => line.text).join('\n'), needsOcr: false, lines }],
    ...(container.title ? { embeddedTitle: container.title } : {}),
    warnings,
  };
}
