/**
 * Worker thread entry: reads one file's bytes into page texts and guesses its metadata.
 * Runs off the main thread so both cores work and a hostile file cannot freeze the archive
 * (the pool kills a worker that runs too long or too large).
 */
import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors';
import { installAllocationGuard } from './extract/allocation-guard';
import { extractFile } from './extract/extract-file';
import { analyzeExtracted } from './analyze';
import { prepareIndex } from '../search/indexer';
import { chooseTitle } from './titles';
import type { ExtractRequest, ExtractResult } from './extract-protocol';
import type { WorkerReply } from '../workers/worker-pool';

if (!parentPort) throw new Error('extract-worker must run in a worker thread');
const port = parentPort;
// Before any library runs: pdf.js's stream buffers live outside the heap that resourceLimits cap.
installAllocationGuard();

port.on('message', (request: ExtractRequest & { id: number }) => {
  void handle(request).then((reply) => port.postMessage(reply));
});

async function handle(request: ExtractRequest & { id: number }): Promise<WorkerReply<ExtractResult>> {
  try {
    const outcome = await extractFile(request.bytes, request.fileName);
    if (outcome.kind === 'unsupported') return { id: request.id, ok: true, value: outcome };
    // With the layout where the format gives it: PDF positions and sizes, DOCX and HTML paragraph properties.
    const { detected } = analyzeExtracted(outcome.document, request.fileName);
    const indexedTitle = chooseTitle(undefined, detected.title, outcome.document.embeddedTitle, request.fileName);
    const index = prepareIndex(
      { title: indexedTitle, number: detected.number, date: detected.date, lang: detected.lang },
      outcome.document.pages.map((page) => page.text),
    );
    return { id: request.id, ok: true, value: { kind: 'extracted', document: outcome.document, detected, index, indexedTitle } };
  } catch (error) {
    return { id: request.id, ok: false, error: toErrorInfo(error) };
  }
}
