import type { DocumentSummary } from '../../../shared/domain/document';
import { EXIT_OK, usageError, type Command } from '../command';
import { fitRight, printJson, terminalText } from '../output';

/** A whole number option (digits only: not 1e9, 0x10 or an empty string). */
export function wholeNumberOption(raw: unknown, name: string): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) throw usageError(`--${name} takes a whole number`);
  return value;
}

export function summaryLine(doc: DocumentSummary): string {
  const facts = [doc.kind, doc.date ?? '—', doc.number ? `№ ${doc.number}` : '', doc.lang ?? '', `${doc.pageCount} p.`, doc.needsOcr ? 'needs OCR' : ''].filter(Boolean).join(' · ');
  const oneLine = (text: string): string => terminalText(text).replace(/\n/g, ' ');
  return `${doc.id}  ${oneLine(fitRight(doc.title, 90))}\n    ${oneLine(facts)}  [${oneLine(doc.file ?? '')}]`;
}

export const listCommand: Command = {
  name: 'list',
  access: 'read',
  summary: 'list the documents, newest first',
  usage: 'list [--limit N] [--offset N]',
  options: { limit: { type: 'string' }, offset: { type: 'string' } },
  async run({ archive, values, json, io }) {
    const limit = wholeNumberOption(values.limit, 'limit') ?? 100_000;
    const offset = wholeNumberOption(values.offset, 'offset') ?? 0;
    if (limit < 1) throw usageError('--limit must be at least 1');
    const docs = archive.list({ limit, offset });
    if (json) printJson(io, docs);
    else {
      for (const doc of docs) io.out(summaryLine(doc) + '\n');
      io.out(`${docs.length} document(s)\n`);
    }
    return EXIT_OK;
  },
};

export const showCommand: Command = {
  name: 'show',
  access: 'read',
  summary: 'show one document: metadata, files and text',
  usage: 'show ID [--pages]',
  options: { pages: { type: 'boolean', default: false } },
  async run({ archive, positionals, values, json, io }) {
    const idArg = positionals[0];
    if (!idArg) throw usageError('give the id of a document (from `muragat list`)');
    const doc = archive.get(idArg);
    const pages = archive.pages(doc.id);
    if (json) {
      printJson(io, { ...doc, file: doc.file, pages });
      return EXIT_OK;
    }
    const field = (name: string, value: string | number | null | undefined): void => {
      if (value !== null && value !== undefined && value !== '') io.out(`${name.padEnd(10)} ${terminalText(String(value)).replace(/\n/g, ' ')}\n`);
    };
    field('id', doc.id);
    field('title', doc.title);
    field('kind', doc.kind);
    field('number', doc.number);
    field('date', doc.date);
    field('issuer', doc.issuer);
    field('language', doc.lang);
    field('status', doc.status);
    const recognised = pages.filter((p) => p.textSource === 'ocr').length;
    const waiting = pages.filter((p) => p.needsOcr).length;
    field('pages', `${doc.pageCount}${recognised ? ` (${recognised} read by OCR)` : ''}${waiting ? ` (${waiting} wait for OCR)` : ''}`);
    field('tags', doc.tags.join(', '));
    for (const file of doc.files) field('file', `${file.originalName} (${file.format}, ${file.size} bytes, sha256 ${file.sha256.slice(0, 16)}…)`);
    for (const relation of doc.relations) field(relation.type, `${relation.direction === 'outgoing' ? '→' : '←'} ${relation.otherId} ${relation.otherTitle}`);
    field('source', doc.source);
    field('imported', doc.createdAt);
    if (values.pages) {
      for (const page of pages) {
        const note = page.needsOcr ? ' (waits for OCR)' : page.textSource === 'ocr' ? ' (read by OCR)' : '';
        io.out(`\n--- page ${page.pageNo}${note} ---\n${terminalText(page.text)}\n`);
      }
    } else {
      const first = pages.find((page) => page.text.trim());
      if (first) io.out(`\n${terminalText(fitRight(first.text.replace(/\s+/g, ' '), 400))}\n(--pages prints the full text)\n`);
    }
    return EXIT_OK;
  },
};
