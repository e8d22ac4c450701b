/** Bench worker: analyzes documents for the index off the main thread, as import's extraction workers do. */
import { parentPort } from 'node:worker_threads';
import { prepareIndex, type PreparedIndex } from '../electron/core/search/indexer';
import type { LanguageHint } from '../shared/search/language';

export interface PrepareRequest {
  docs: Array<{ title: string; number: string | null; date: string | null; lang: LanguageHint; pages: string[] }>;
}

parentPort!.on('message', (request: PrepareRequest & { id: number }) => {
  const value: PreparedIndex[] = request.docs.map((doc) => prepareIndex(doc, doc.pages));
  parentPort!.postMessage({ id: request.id, ok: true, value });
});
