/**
 * Worker thread entry: reads one page of a stored PDF at a time — render, find which way up it
 * is, recognise — off the core's main thread, so the archive stays responsive and each core reads
 * its own page. The pool replaces a worker that crashes or takes too long (a hostile image).
 */
import { parentPort } from 'node:worker_threads';
import { toErrorInfo } from '../../../shared/errors';
import type { OcrWord } from '../../../shared/domain/ocr';
import type { WorkerReply } from '../workers/worker-pool';
import type { OcrPageRequest, OcrPageResult } from './ocr-protocol';
import { encodePgm, halveGray, isBlank, rotateGray, unrotateBox, type QuarterTurn } from './page-image';
import { meanConfidence, Recognizer, textOfWords, type RawWord } from './recognizer';
import { PdfPageRenderer } from './render-page';

if (!parentPort) throw new Error('ocr-worker must run in a worker thread');
const port = parentPort;

/** Below this OSD confidence a turn is only trusted if reading the page upright went badly. */
const ORIENTATION_TRUSTED = 10;
/** Mean word confidence under which an upright reading counts as bad. */
const POOR_READING = 60;

const renderer = new PdfPageRenderer();
let recognizer: Recognizer | null = null;

port.on('message', (request: OcrPageRequest & { id: number }) => {
  void handle(request).then((reply) => port.postMessage(reply));
});

async function handle(request: OcrPageRequest & { id: number }): Promise<WorkerReply<OcrPageResult>> {
  try {
    return { id: request.id, ok: true, value: await readPage(request) };
  } catch (error) {
    return { id: request.id, ok: false, error: toErrorInfo(error) };
  }
}

async function readPage(request: OcrPageRequest): Promise<OcrPageResult> {
  if (recognizer === null || recognizer.tessdataDir !== request.tessdataDir) {
    await recognizer?.close();
    recognizer = new Recognizer(request.tessdataDir);
  }
  const reader = recognizer;
  const t0 = performance.now();
  const pageCount = await renderer.pageCount(request.filePath);
  const { image, dpi } = await renderer.render(request.filePath, request.pageNo, request.dpi);
  const t1 = performance.now();
  const base = { pageNo: request.pageNo, pageCount, dpi, width: image.width, height: image.height };
  if (isBlank(image)) {
    return { ...base, rotation: 0, text: '', words: [], confidence: 0, blank: true, timings: { renderMs: t1 - t0, rotationMs: 0, recognizeMs: 0 } };
  }

  const orientation = request.detectRotation ? await reader.orientation(encodePgm(halveGray(image))) : null;
  const t2 = performance.now();

  const read = async (rotation: QuarterTurn): Promise<{ rotation: QuarterTurn; words: RawWord[]; confidence: number }> => {
    const words = await reader.recognize(encodePgm(rotateGray(image, rotation)), request.languages);
    return { rotation, words, confidence: meanConfidence(words) };
  };
  let best: { rotation: QuarterTurn; words: RawWord[]; confidence: number };
  if (orientation && orientation.rotation !== 0 && orientation.confidence >= ORIENTATION_TRUSTED) {
    best = await read(orientation.rotation);
  } else {
    best = await read(0);
    // A weak hint of a turn: try it only when the upright reading was poor, keep the better one.
    if (orientation && orientation.rotation !== 0 && best.confidence < POOR_READING) {
      const turned = await read(orientation.rotation);
      if (turned.confidence > best.confidence && turned.words.length >= best.words.length / 2) best = turned;
    }
  }
  const t3 = performance.now();

  const words: OcrWord[] = best.words.map((word) => ({
    text: word.text,
    ...unrotateBox(word.bbox, best.rotation, image.width, image.height),
    confidence: word.confidence,
  }));
  return {
    ...base,
    rotation: best.rotation,
    text: textOfWords(best.words),
    words,
    confidence: best.confidence,
    blank: false,
    timings: { renderMs: t1 - t0, rotationMs: t2 - t1, recognizeMs: t3 - t2 },
  };
}
