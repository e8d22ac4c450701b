#!/usr/bin/env node
// Puts the OCR language data into resources/ocr/tessdata/, where the app reads it (and from
// where electron-builder ships it as an extra resource). Nothing is ever downloaded at run time.
//
//   kaz, eng, osd   from the npm packages @tesseract.js-data/<lang> (4.0.0_best_int, gunzipped)
//   rus             from Debian's tesseract-ocr-rus (/usr/share/tesseract-ocr/5/tessdata), or
//                   --rus=<file>; Russian is not published on npm
//
//   node scripts/ocr-data.mjs            copy what is missing or stale; warn about what cannot be found
//   node scripts/ocr-data.mjs --strict   fail (exit 1) unless all four files are in place (packaging)
//
// A manifest (manifest.json) records each file's size, SHA-256 and source; the app reads only
// the files, so a missing language is reported by name instead of failing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'resources', 'ocr', 'tessdata');
const DEBIAN_DIRS = ['/usr/share/tesseract-ocr/5/tessdata', '/usr/share/tesseract-ocr/4.00/tessdata', '/usr/share/tessdata'];

const { values: options } = parseArgs({
  options: { strict: { type: 'boolean', default: false }, rus: { type: 'string' }, quiet: { type: 'boolean', default: false } },
});

/** Where each language's data comes from, in order of preference. */
function sourcesOf(lang) {
  const fromNpm = join(ROOT, 'node_modules', '@tesseract.js-data', lang, '4.0.0_best_int', `${lang}.traineddata.gz`);
  if (lang === 'rus') {
    return [...(options.rus ? [options.rus] : []), ...DEBIAN_DIRS.map((dir) => join(dir, 'rus.traineddata'))];
  }
  return [fromNpm];
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');
const manifestPath = join(OUT, 'manifest.json');
const previous = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, 'utf8')) : { files: {} };
const manifest = { note: 'Written by scripts/ocr-data.mjs; tesseract LSTM data, read by electron/core/ocr/language-data.ts', files: {} };
const missing = [];
mkdirSync(OUT, { recursive: true });

for (const lang of ['kaz', 'rus', 'eng', 'osd']) {
  const target = join(OUT, `${lang}.traineddata`);
  const source = sourcesOf(lang).find((candidate) => existsSync(candidate));
  if (!source) {
    if (existsSync(target) && previous.files[lang]) {
      manifest.files[lang] = previous.files[lang];
      continue;
    }
    missing.push(lang);
    continue;
  }
  const stamp = `${source}:${statSync(source).size}:${statSync(source).mtimeMs}`;
  if (existsSync(target) && previous.files[lang]?.stamp === stamp) {
    manifest.files[lang] = previous.files[lang];
    continue;
  }
  const raw = readFileSync(source);
  const bytes = source.endsWith('.gz') ? gunzipSync(raw) : raw;
  writeFileSync(`${target}.partial`, bytes);
  renameSync(`${target}.partial`, target);
  manifest.files[lang] = { file: `${lang}.traineddata`, size: bytes.length, sha256: sha256(bytes), source: source.startsWith(ROOT) ? source.slice(ROOT.length + 1) : source, stamp };
  if (!options.quiet) console.log(`ocr-data: ${lang} <- ${manifest.files[lang].source} (${(bytes.length / 1e6).toFixed(1)} MB)`);
}
writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

if (missing.length > 0) {
  const hint = missing.includes('rus')
    ? ' Russian comes from Debian: apt-get install --no-install-recommends tesseract-ocr-rus (or pass --rus=<rus.traineddata>).'
    : ' Run npm ci to install the @tesseract.js-data packages.';
  const message = `ocr-data: missing ${missing.join(', ')}; OCR will run without ${missing.length === 1 ? 'it' : 'them'}.${hint}`;
  if (options.strict) {
    console.error(message);
    process.exit(1);
  }
  console.warn(message);
}
