import type { DocumentDetection } from '../../../shared/domain/detection';
import type { DocumentSummary } from '../../../shared/domain/document';
import type { DetectedField } from '../../../shared/metadata';
import { getDetection } from '../../core/documents/detection';
import { isReviewPending } from '../../core/documents/edit';
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
    const textRepair = archive.textRepair(doc.id);
    const detection = getDetection(archive.context.db, doc.id);
    const reviewPending = isReviewPending(archive.context.db, doc.id);
    if (json) {
      // Detection as the UI gets it: per-field confidence, candidates, and the fields in doubt.
      const detected = detection ? { confidence: detection.confidence, candidates: detection.candidates, uncertain: detection.uncertain } : { confidence: null, candidates: null, uncertain: [] };
      printJson(io, { ...doc, file: doc.file, textRepair, reviewPending, ...detected, pages });
      return EXIT_OK;
    }
    const field = (name: string, value: string | number | null | undefined): void => {
      if (value !== null && value !== undefined && value !== '') io.out(`${name.padEnd(10)} ${terminalText(String(value)).replace(/\n/g, ' ')}\n`);
    };
    field('id', doc.id);
    // A field detection is unsure of is marked `?` (shown even when empty), with its confidence and
    // the other values it found: the reviewer's choices, as the review list offers them.
    const detectedField = (name: string, key: DetectedField, value: string | null): void => {
      const doubt = doubtOf(detection, key);
      if (doubt === null) field(name, value);
      else io.out(`${`${name}?`.padEnd(10)} ${terminalText(value ?? '—').replace(/\n/g, ' ')}  (${terminalText(doubt).replace(/\n/g, ' ')})\n`);
    };
    detectedField('title', 'title', doc.title);
    detectedField('kind', 'kind', doc.kind);
    detectedField('number', 'number', doc.number);
    detectedField('date', 'date', doc.date);
    detectedField('issuer', 'issuer', doc.issuer);
    detectedField('language', 'lang', doc.lang);
    field('status', doc.status);
    const recognised = pages.filter((p) => p.textSource === 'ocr').length;
    const waiting = pages.filter((p) => p.needsOcr).length;
    field('pages', `${doc.pageCount}${recognised ? ` (${recognised} read by OCR)` : ''}${waiting ? ` (${waiting} wait for OCR)` : ''}`);
    field('tags', doc.tags.join(', '));
    if (textRepair) field('text', `typed in an old Kazakh font (${textRepair.mapping}), converted to standard letters; the original file is unchanged`);
    for (const file of doc.files) field('file', `${file.originalName} (${file.format}, ${file.size} bytes, sha256 ${file.sha256.slice(0, 16)}…)`);
    for (const relation of doc.relations) field(relation.type, `${relation.direction === 'outgoing' ? '→' : '←'} ${relation.otherId} ${relation.otherTitle}`);
    field('source', doc.source);
    field('imported', doc.createdAt);
    if (reviewPending) field('review', detection?.uncertain.length ? `waiting: fields marked ? are uncertain` : 'waiting');
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

/** `uncertain, 0.40; found: 2024-03-19, 2024-03-12` for a field in doubt; null when it is not. */
function doubtOf(detection: DocumentDetection | null, field: DetectedField): string | null {
  if (!detection?.uncertain.includes(field)) return null;
  const found = (detection.candidates[field] ?? []).map((candidate) => fitRight(candidate.value, 60));
  return `uncertain, ${detection.confidence[field].toFixed(2)}${found.length ? `; found: ${found.join(', ')}` : ''}`;
}
