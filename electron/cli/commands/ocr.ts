import { parseOcrLanguages, type OcrLanguage } from '../../../shared/domain/ocr';
import { MuragatError } from '../../../shared/errors';
import type { Archive } from '../../core/archive';
import type { OcrPageOutcome, OcrRunSummary } from '../../core/ocr/ocr-service';
import { EXIT_FAILED, EXIT_OK, usageError, type Command } from '../command';
import { fitRight, formatDuration, printJson, type CliIo } from '../output';

export interface CliOcrOptions {
  /** Documents to read (their waiting pages, or all pages with `force`); none: every waiting page. */
  ids?: readonly string[];
  force?: boolean;
  languages?: OcrLanguage[];
  json: boolean;
  io: CliIo;
}

function describePage(page: OcrPageOutcome): string {
  const where = `page ${page.pageNo}/${page.pageCount}`;
  if (!page.ok) return `failed    ${where}  ${page.error?.message ?? 'unknown error'}`;
  const turned = page.rotation ? `, turned ${page.rotation}°` : '';
  return `read      ${where}  ${page.words} words, confidence ${Math.round(page.confidence)}${turned}, ${(page.ms / 1000).toFixed(1)} s`;
}

/**
 * Reads pages with OCR in the foreground (the `ocr` command, and `import --ocr`): queues the
 * documents, runs until the queue is empty, prints a line per page. Ctrl+C stops after the
 * pages being read; the rest stays waiting for the next run.
 */
export async function runOcrFromCli(archive: Archive, options: CliOcrOptions): Promise<OcrRunSummary> {
  const { io, json } = options;
  const ids = options.ids ?? [];
  if (ids.length > 0) archive.ocr.queue(ids, options.force ? { force: true } : {});
  const state = archive.ocr.languages();
  const requested = options.languages ?? state.configured;
  const missing = requested.filter((language) => !state.available.includes(language));
  if (missing.length > 0 && missing.length < requested.length && !json) {
    io.err(`muragat: no OCR data for ${missing.join(', ')}; reading with ${requested.filter((l) => !missing.includes(l)).join('+')} only\n`);
  }
  if (!state.rotationDetection && !json) io.err('muragat: no orientation data (osd): pages are read as they lie\n');
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.once('SIGINT', onSigint);
  let lastTitle = '';
  try {
    return await archive.ocr.runQueue({
      ...(ids.length > 0 ? { documentIds: ids } : {}),
      ...(options.languages ? { languages: options.languages } : {}),
      signal: controller.signal,
      onPage: (page) => {
        if (json) {
          printJson(io, { documentId: page.documentId, page: page.pageNo, pages: page.pageCount, ok: page.ok, words: page.words, confidence: page.confidence, rotation: page.rotation, ms: page.ms, error: page.error ?? null });
          return;
        }
        if (page.title !== lastTitle) {
          io.out(`${page.documentId.slice(0, 8)}  ${fitRight(page.title, Math.max(20, io.columns - 12))}\n`);
          lastTitle = page.title;
        }
        io.out(`  ${describePage(page)}\n`);
      },
    });
  } finally {
    process.off('SIGINT', onSigint);
  }
}

export function printOcrSummary(io: CliIo, json: boolean, summary: OcrRunSummary): void {
  if (json) {
    printJson(io, { ocr: summary });
    return;
  }
  const minutes = summary.elapsedMs / 60_000;
  const rate = minutes > 0 && summary.pages > 0 ? ` (${(summary.pages / minutes).toFixed(1)} pages/min)` : '';
  io.out(
    `OCR: ${summary.pages} pages read in ${summary.documents} documents, ${summary.failed} failed, in ${formatDuration(summary.elapsedMs)}${rate}` +
      ` [${summary.languages.join('+')}]${summary.cancelled ? ' — stopped; the rest waits for `muragat ocr --pending`' : ''}\n`,
  );
}

export const ocrCommand: Command = {
  name: 'ocr',
  summary: 'recognise the text of scanned pages (waiting pages, or chosen documents)',
  usage: 'ocr [ID…|--pending] [--force] [--lang kaz+rus+eng]',
  options: {
    pending: { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    lang: { type: 'string' },
  },
  async run({ archive, positionals, values, json, io }) {
    if (positionals.length > 0 && values.pending === true) throw usageError('give document ids or --pending, not both');
    if (values.force === true && positionals.length === 0) throw usageError('--force reads documents again: give their ids');
    let languages: OcrLanguage[] | undefined;
    if (typeof values.lang === 'string') {
      try {
        languages = parseOcrLanguages(values.lang);
      } catch (error) {
        throw usageError((error as Error).message);
      }
    }
    const ids = positionals.map((idOrPrefix) => archive.get(idOrPrefix).id);
    const waitingBefore = archive.ocr.status().pendingPages;
    if (ids.length === 0 && waitingBefore === 0) {
      if (json) printJson(io, { ocr: { pages: 0, failed: 0, documents: 0, cancelled: false, elapsedMs: 0 } });
      else io.out('no pages wait for OCR\n');
      return EXIT_OK;
    }
    let summary: OcrRunSummary;
    try {
      summary = await runOcrFromCli(archive, { ids, force: values.force === true, ...(languages ? { languages } : {}), json, io });
    } catch (error) {
      if (error instanceof MuragatError && error.code === 'OCR_LANGUAGE_MISSING') {
        error.message += '. Install the language data with `npm run ocr-data` (Russian needs Debian’s tesseract-ocr-rus)';
      }
      throw error;
    }
    printOcrSummary(io, json, summary);
    return summary.failed > 0 || summary.cancelled ? EXIT_FAILED : EXIT_OK;
  },
};
