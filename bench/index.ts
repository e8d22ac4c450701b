/**
 * `npm run bench -- [import|search|ui|bundles|ocr|metadata|quality] [options]`: benchmarks that print figures against a baseline
 * measured in the same run. Not tests: they measure, they do not assert.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { runImportBench } from './import';
import { runSearchBench } from './search';
import { runUiBench } from './ui';
import { runBundleBench } from './bundles';
import { runOcrBench } from './ocr';
import { runMetadataBench } from './metadata';
import { runQualityBench } from './quality';

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    corpus: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/corpus') },
    json: { type: 'boolean', default: false },
    // Default: 100,000 for search, 10,000 for ui.
    docs: { type: 'string' },
    // bundles: gigabytes of stored files to export and import.
    gb: { type: 'string' },
    // Keeps the built archive, baseline and query mix in this folder (to profile queries against them).
    keep: { type: 'string' },
    // ocr: pages for the speed runs (spread over the scans); --all reads every page.
    pages: { type: 'string' },
    all: { type: 'boolean', default: false },
    // ocr: pages of a long scan read to check that memory levels off (0 skips it).
    long: { type: 'string' },
    // metadata: the second corpus (with bench/metadata-truth-corpus2.json), misses of the tuned sets, OCR of scans.
    corpus2: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/corpus2') },
    misses: { type: 'boolean', default: false },
    'no-ocr': { type: 'boolean', default: false },
    // quality: results counted (found in the top k), and a fresh build of the cached archive.
    k: { type: 'string' },
    rebuild: { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const which = positionals[0] ?? 'import';
const corpusDir = path.resolve(values.corpus);
// quality scores ../shared/corpus only when it is there (its queries are optional).
if (!fs.existsSync(corpusDir) && which !== 'quality') {
  console.error(`bench: the corpus folder ${corpusDir} does not exist (give --corpus DIR)`);
  process.exit(2);
}

if (which === 'import') {
  const report = await runImportBench({ corpusDir, json: values.json });
  if (values.json) console.log(JSON.stringify(report));
} else if (which === 'search') {
  const docs = Number(values.docs ?? '100000');
  if (!Number.isInteger(docs) || docs < 100) {
    console.error('bench: --docs takes a whole number of at least 100');
    process.exit(2);
  }
  const report = await runSearchBench({ corpusDir, docs, json: values.json, ...(values.keep ? { keepDir: path.resolve(values.keep) } : {}) });
  if (values.json) console.log(JSON.stringify(report));
} else if (which === 'ui') {
  const docs = Number(values.docs ?? '10000');
  if (!Number.isInteger(docs) || docs < 100) {
    console.error('bench: --docs takes a whole number of at least 100');
    process.exit(2);
  }
  const report = await runUiBench({ corpusDir, docs, json: values.json });
  if (values.json) console.log(JSON.stringify(report));
} else if (which === 'bundles') {
  const gb = Number(values.gb ?? '2');
  const docs = Number(values.docs ?? '10000');
  if (!(gb > 0) || !Number.isInteger(docs) || docs < 100) {
    console.error('bench: --gb takes a positive number, --docs a whole number of at least 100');
    process.exit(2);
  }
  const report = await runBundleBench({ corpusDir, gb, docs, json: values.json });
  if (values.json) console.log(JSON.stringify(report));
} else if (which === 'ocr') {
  const pages = values.all ? 0 : Number(values.pages ?? '16');
  if (!Number.isInteger(pages) || pages < 0) {
    console.error('bench: --pages takes a whole number (or give --all)');
    process.exit(2);
  }
  const longPages = Number(values.long ?? '40');
  if (!Number.isInteger(longPages) || longPages < 0) {
    console.error('bench: --long takes a whole number of pages (0 skips the long scan)');
    process.exit(2);
  }
  const report = await runOcrBench({ corpusDir, pages, json: values.json, longPages });
  if (values.json) console.log(JSON.stringify(report));
} else if (which === 'metadata') {
  const report = await runMetadataBench({ corpusDir, corpus2Dir: path.resolve(values.corpus2), misses: values.misses, ocr: !values['no-ocr'], json: values.json });
  if (values.json) console.log(JSON.stringify(report));
} else if (which === 'quality') {
  const k = Number(values.k ?? '10');
  if (!Number.isInteger(k) || k < 1) {
    console.error('bench: --k takes a whole number of at least 1');
    process.exit(2);
  }
  const report = await runQualityBench({ corpus2Dir: path.resolve(values.corpus2), corpusDir, k, misses: values.misses, rebuild: values.rebuild, json: values.json });
  if (values.json) console.log(JSON.stringify(report));
} else {
  console.error(`bench: unknown benchmark '${which}' (import, search, ui, bundles, ocr, metadata, quality)`);
  process.exit(2);
}
