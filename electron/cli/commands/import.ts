import type { DocumentFieldOverrides } from '../../../shared/domain/document';
import { isKindCode, isLanguageCode, KIND_CODES, LANGUAGE_CODES } from '../../../shared/domain/kinds';
import type { ImportFileResult } from '../../core/ingest/import-files';
import { EXIT_FAILED, EXIT_OK, usageError, type Command } from '../command';
import { formatBytes, formatDuration, printJson, terminalSafe } from '../output';
import { ImportProgressBar } from '../progress-bar';
import { OCR_MODES, type OcrMode } from '../../../shared/domain/ocr';
import { printOcrSummary, runOcrFromCli } from './ocr';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function overridesFrom(values: Record<string, unknown>): DocumentFieldOverrides {
  const overrides: DocumentFieldOverrides = {};
  const kind = values.kind;
  if (typeof kind === 'string') {
    if (!isKindCode(kind)) throw usageError(`unknown kind '${kind}'; one of: ${KIND_CODES.join(', ')}`);
    overrides.kind = kind;
  }
  const lang = values.lang;
  if (typeof lang === 'string') {
    if (!isLanguageCode(lang)) throw usageError(`unknown language '${lang}'; one of: ${LANGUAGE_CODES.join(', ')}`);
    overrides.lang = lang;
  }
  if (typeof values.title === 'string' && values.title.trim()) overrides.title = values.title.trim();
  if (typeof values.number === 'string') overrides.number = values.number.trim() || null;
  if (typeof values.issuer === 'string') overrides.issuer = values.issuer.trim() || null;
  if (typeof values.date === 'string') {
    if (!ISO_DATE.test(values.date) || Number.isNaN(Date.parse(values.date))) throw usageError(`the date must be YYYY-MM-DD, not '${values.date}'`);
    overrides.date = values.date;
  }
  if (Array.isArray(values.tag)) overrides.tags = values.tag.filter((tag): tag is string => typeof tag === 'string');
  return overrides;
}

/** The JSON line printed per file, with the fields the issue fixes (absent ones are null). */
function jsonLine(result: ImportFileResult): Record<string, unknown> {
  return {
    path: result.path,
    status: result.status,
    id: result.id ?? null,
    kind: result.kind ?? null,
    number: result.number ?? null,
    date: result.date ?? null,
    lang: result.lang ?? null,
    title: result.title ?? null,
    pages: result.pages ?? null,
    needsOcr: result.needsOcr ?? false,
    ocrPagesWaiting: result.ocrPagesWaiting ?? null,
    // Per field, 0…1: how sure detection is (see `muragat show --json` for the candidates).
    confidence: result.detection?.confidence ?? null,
    // Fields left for the reviewer: the document waits in the review list when there are any.
    uncertain: result.detection?.uncertain ?? null,
    error: result.error ? result.error.message : result.reason ?? null,
    errorCode: result.error?.code ?? null,
  };
}

function isPdf(archive: Parameters<Command['run']>[0]['archive'], id: string): boolean {
  return archive.get(id).files.some((file) => file.format === 'pdf' || file.mediaType === 'application/pdf');
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import files and folders (PDF, DOCX, DOC, ODT, RTF, TXT, HTML, Markdown)',
  usage: 'import PATH… [--kind K] [--lang L] [--title T] [--tag T] [--ocr auto|never|always]',
  options: {
    ocr: { type: 'string', default: 'auto' },
    kind: { type: 'string' },
    lang: { type: 'string' },
    title: { type: 'string' },
    number: { type: 'string' },
    date: { type: 'string' },
    issuer: { type: 'string' },
    tag: { type: 'string', multiple: true },
  },
  async run({ archive, positionals, values, json, io }) {
    if (positionals.length === 0) throw usageError('give at least one file or folder to import');
    const overrides = overridesFrom(values);
    const ocrMode = values.ocr as OcrMode;
    if (!OCR_MODES.includes(ocrMode)) throw usageError(`--ocr must be one of ${OCR_MODES.join(', ')}, not '${String(values.ocr)}'`);
    const imported: Array<{ id: string; needsOcr: boolean }> = [];
    // Already imported by an earlier run that stopped before OCR read their scans.
    const waiting: Array<{ id: string; pages: number }> = [];
    const bar = json ? null : new ImportProgressBar(io);
    const controller = new AbortController();
    const onSigint = (): void => controller.abort();
    process.once('SIGINT', onSigint);
    try {
      const summary = await archive.importPaths(positionals, {
        overrides,
        signal: controller.signal,
        onProgress: (progress) => bar?.update(progress),
        onFile: (result) => {
          if (result.status === 'imported' && result.id) imported.push({ id: result.id, needsOcr: result.needsOcr === true });
          if (result.status === 'duplicate' && result.duplicateOf && result.ocrPagesWaiting && !waiting.some((doc) => doc.id === result.duplicateOf)) {
            waiting.push({ id: result.duplicateOf, pages: result.ocrPagesWaiting });
          }
          if (json) {
            printJson(io, jsonLine(result));
            return;
          }
          if (result.status === 'failed') {
            bar?.clear();
            io.err(`failed: ${terminalSafe(result.path)}: ${terminalSafe(result.error?.message ?? 'unknown error')}\n`);
          } else if (!io.isTty) {
            const detail =
              result.status === 'imported'
                ? `${result.kind} · ${result.pages} p.${result.needsOcr ? ' · needs OCR' : ''}${result.detection?.uncertain.length ? ` · to review: ${result.detection.uncertain.join(', ')}` : ''} · ${terminalSafe(result.title ?? '')}`
                : result.status === 'duplicate'
                  ? `same file as ${result.duplicateOf}${result.ocrPagesWaiting ? ` · ${result.ocrPagesWaiting} p. still wait for OCR` : ''}`
                  : terminalSafe(result.reason ?? '');
            io.out(`${result.status.padEnd(9)} ${terminalSafe(result.path)}  ${detail}\n`);
          }
        },
      });
      bar?.clear();
      if (json) {
        printJson(io, { summary });
      } else {
        const rate = summary.elapsedMs > 0 ? `${formatBytes((summary.bytes / summary.elapsedMs) * 1000)}/s, ${((summary.pages / summary.elapsedMs) * 1000).toFixed(1)} pages/s` : '';
        io.out(
          `${summary.imported} imported (${summary.pages} pages, ${summary.needsOcr} need OCR), ${summary.duplicate} duplicates, ${summary.skipped} skipped, ${summary.failed} failed` +
            ` in ${formatDuration(summary.elapsedMs)}${rate ? ` (${rate})` : ''}${summary.cancelled && !summary.stoppedBy ? ' — cancelled' : ''}\n`,
        );
      }
      if (summary.stoppedBy) {
        // One line for the whole batch: every later file would fail the same way.
        io.err(`muragat: import stopped: ${summary.stoppedBy.message} (${summary.stoppedBy.code}); ${summary.notTried} files were not tried\n`);
      }
      // Scans: auto reads the pages found to need it, always every page of the PDFs imported.
      // Auto also resumes the documents an earlier, stopped run imported but did not finish reading.
      const ocrIds =
        ocrMode === 'auto'
          ? [...imported.filter((doc) => doc.needsOcr).map((doc) => doc.id), ...waiting.map((doc) => doc.id)]
          : ocrMode === 'always'
            ? imported.filter((doc) => isPdf(archive, doc.id)).map((doc) => doc.id)
            : [];
      if (ocrMode === 'auto' && waiting.length > 0 && !summary.cancelled && !json) {
        const pages = waiting.reduce((sum, doc) => sum + doc.pages, 0);
        io.out(`resuming OCR of ${pages} waiting pages in ${waiting.length} documents imported earlier\n`);
      }
      let ocrFailed = false;
      if (ocrIds.length > 0 && !summary.cancelled) {
        const ocr = await runOcrFromCli(archive, { ids: ocrIds, force: ocrMode === 'always', json, io });
        printOcrSummary(io, json, ocr);
        ocrFailed = ocr.failed > 0 || ocr.cancelled;
      } else if (ocrMode !== 'auto' && summary.needsOcr + waiting.length > 0 && !json) {
        io.out(`${summary.needsOcr + waiting.length} documents have pages waiting for OCR: run \`muragat ocr --pending\` to read them\n`);
      }
      return summary.failed > 0 || summary.cancelled || ocrFailed ? EXIT_FAILED : EXIT_OK;
    } finally {
      process.off('SIGINT', onSigint);
    }
  },
};
