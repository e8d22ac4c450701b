/**
 * Development loop for shared/metadata: extracts the text of every document in
 * bench/metadata-truth.json with plain tools (poppler's pdftotext, mammoth, an HTML strip),
 * runs detectMetadata and prints precision and recall per field and every miss.
 *
 *   npx tsx bench/metadata-dev.ts [--corpus DIR] [--only SUBSTRING] [--all]
 *
 * --all prints every detection, not only the misses. The corpus is read in place and never
 * copied. The real importer has its own extractors; `bench/import.ts` scores those.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { Parser } from 'htmlparser2';
import mammoth from 'mammoth';
import { type DetectedMetadata, detectMetadata } from '../shared/metadata';
import { METADATA_FIELDS, scoreMetadata, type TruthRow } from './metadata-score';

interface Extracted {
  pages: string[];
  embeddedTitle?: string;
}

function pdfPages(file: string): Extracted {
  const text = execFileSync('pdftotext', ['-q', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const pages = text.split('\f');
  if (pages.length > 1 && pages[pages.length - 1]?.trim() === '') pages.pop();
  const info = execFileSync('pdfinfo', ['-enc', 'UTF-8', file], { encoding: 'utf8' });
  const title = /^Title:[ \t]*(.*)$/m.exec(info)?.[1]?.trim();
  return { pages, ...(title ? { embeddedTitle: title } : {}) };
}

async function docxPages(file: string): Promise<Extracted> {
  const { value } = await mammoth.extractRawText({ path: file });
  let title: string | undefined;
  try {
    const core = execFileSync('unzip', ['-p', file, 'docProps/core.xml'], { encoding: 'utf8' });
    title = /<dc:title>([^<]*)<\/dc:title>/.exec(core)?.[1]?.trim() || undefined;
  } catch {
    // no core properties: no embedded title
  }
  return { pages: [value], ...(title ? { embeddedTitle: title } : {}) };
}

const BLOCK_ELEMENTS = new Set([
  'p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'tr', 'td', 'th', 'table', 'ul', 'ol',
  'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'hr',
]);

function htmlPages(file: string): Extracted {
  let text = '';
  let title = '';
  let skip = 0;
  let inTitle = false;
  const parser = new Parser(
    {
      onopentag(name) {
        if (name === 'script' || name === 'style') skip++;
        if (name === 'title') inTitle = true;
        if (BLOCK_ELEMENTS.has(name)) text += '\n';
      },
      onclosetag(name) {
        if (name === 'script' || name === 'style') skip--;
        if (name === 'title') inTitle = false;
        if (BLOCK_ELEMENTS.has(name)) text += '\n';
      },
      ontext(data) {
        if (inTitle) title += data;
        else if (skip === 0) text += data;
      },
    },
    { decodeEntities: true },
  );
  parser.write(fs.readFileSync(file, 'utf8'));
  parser.end();
  return { pages: [text], ...(title.trim() ? { embeddedTitle: title.trim() } : {}) };
}

async function extract(file: string): Promise<Extracted> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.pdf') return pdfPages(file);
  if (ext === '.docx') return docxPages(file);
  if (ext === '.html' || ext === '.htm') return htmlPages(file);
  return { pages: [fs.readFileSync(file, 'utf8')] };
}

/**
 * Language on records that played no part in tuning: Latin-script Kazakh news (qz.inform.kz),
 * Kazakh TV-news sentences (ten to a pseudo-document) and articles of Russian federal codes.
 */
function languageOnRecords(corpus: string): void {
  const sets: Array<{ file: string; expected: string; group: number; limit: number }> = [
    { file: 'text/kk-latn_qz-inform-kz_news.jsonl', expected: 'kk', group: 1, limit: 400 },
    { file: 'text/kk_kaznerd-tv-news-sentences.jsonl', expected: 'kk', group: 10, limit: 300 },
    { file: 'text/ru_rf-federal-codes_articles.jsonl', expected: 'ru', group: 1, limit: 300 },
  ];
  console.log('\nlanguage on held-out records (documents: expected → detected counts):');
  for (const set of sets) {
    const full = path.join(corpus, set.file);
    if (!fs.existsSync(full)) continue;
    const records = fs.readFileSync(full, 'utf8').split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { text?: string }).text ?? '');
    const step = Math.max(1, Math.floor(records.length / (set.limit * set.group)));
    const picked = records.filter((_, i) => i % step === 0).slice(0, set.limit * set.group);
    const counts = new Map<string, number>();
    for (let i = 0; i < picked.length; i += set.group) {
      const lang = detectMetadata({ pages: [picked.slice(i, i + set.group).join('\n')] }).lang ?? 'null';
      counts.set(lang, (counts.get(lang) ?? 0) + 1);
    }
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const right = counts.get(set.expected) ?? 0;
    console.log(`  ${set.file}: ${set.expected} ${right}/${total} (${((100 * right) / total).toFixed(1)}%)  ${JSON.stringify(Object.fromEntries(counts))}`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string', default: path.resolve(import.meta.dirname, '../../shared/corpus') },
      only: { type: 'string' },
      all: { type: 'boolean', default: false },
    },
  });
  const corpus = values.corpus ?? '';
  const truthAll = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'metadata-truth.json'), 'utf8')) as TruthRow[];
  const truth = values.only ? truthAll.filter((row) => row.file.includes(values.only ?? '')) : truthAll;

  const detected = new Map<string, DetectedMetadata>();
  let detectMs = 0;
  for (const row of truth) {
    const extracted = await extract(path.join(corpus, row.file));
    const started = performance.now();
    const result = detectMetadata({ pages: extracted.pages, fileName: path.basename(row.file), ...(extracted.embeddedTitle ? { embeddedTitle: extracted.embeddedTitle } : {}) });
    detectMs += performance.now() - started;
    detected.set(row.file, result);
    if (values.all) console.log(row.file, JSON.stringify(result));
  }

  const score = scoreMetadata(truth, detected);
  console.log(`\n${truth.length} documents, detection ${detectMs.toFixed(0)} ms in total`);
  console.log('field     precision  recall   correct/predicted/expected');
  for (const field of METADATA_FIELDS) {
    const s = score.perField[field];
    console.log(`${field.padEnd(9)} ${s.precision.toFixed(3).padStart(9)}  ${s.recall.toFixed(3).padStart(6)}   ${s.correct}/${s.predicted}/${s.expected}`);
  }
  if (!values.only) languageOnRecords(corpus);
  console.log('\nmisses (wrong = a value other than the truth; missed = nothing found):');
  for (const miss of score.misses) {
    console.log(`  ${miss.type.padEnd(6)} ${miss.field.padEnd(6)} ${miss.file}\n         expected: ${miss.expected}\n         detected: ${miss.detected}`);
  }
}

await main();
