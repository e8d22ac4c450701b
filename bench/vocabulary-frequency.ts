/**
 * `npx tsx bench/vocabulary-frequency.ts [--top 700] [--json FILE] [ARCHIVE_DIR …]`: the content
 * words official Kazakh and Russian texts actually use, per language, by document frequency — the
 * list `shared/search/kk-ru-vocabulary.ts` was written from (issue 13, point 6). Not part of the app.
 *
 * Reads the texts as the archive extracted them: by default the quality bench's cached archives
 * of `../shared/corpus` and `../shared/corpus2` (`~/.cache/muragat-bench/quality/<corpus>-<key>/`,
 * the newest of each, opened read-only; run `npm run bench -- quality` once to build them), or the
 * archive folders given (`node bin/muragat.mjs --data DIR import FOLDER --ocr never`).
 *
 * Per document language (`documents.lang` kk / ru; a document without one, such as a scan read
 * after import, by the share of its words with Kazakh letters; mixed and en are left out) every
 * word is analysed with the archive's analyzer and grouped by its stem; a stem counts once per
 * document. Left out: numbers and words with digits, words under 4 letters, question and filler
 * words (shared/search/filler-words.ts), Latin-script words, and words spelled alike in both
 * languages (the most common surface form's loose key is used in at least a fifth as many
 * documents of the other language: бюджет, комиссия, аким need no translation). Stems the
 * kk ↔ ru dictionary already translates are marked `*`, so what is left to write stands out.
 *
 * `--time` instead measures the query-time cost of the vocabulary: the dictionary's lookup on a
 * 32-word query with and without COMMON_VOCABULARY (first call, which builds the table and
 * analyses candidate terms, and the median of repeated calls).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { analyze } from '../shared/search/analyzer';
import { isFillerWord } from '../shared/search/filler-words';
import { KK_RU_CONCEPTS, translationAlternatives } from '../shared/search/kk-ru-dictionary';
import { COMMON_VOCABULARY } from '../shared/search/kk-ru-vocabulary';
import { PhraseTable } from '../shared/search/phrase-table';

type Lang = 'kk' | 'ru';

interface StemCount {
  stem: string;
  /** Documents using the stem. */
  df: number;
  /** Surface forms by number of occurrences. */
  forms: Map<string, number>;
}

const CACHE_ROOT = path.join(os.homedir(), '.cache', 'muragat-bench', 'quality');

/** The newest ready cached archive of each corpus the quality bench built. */
function cachedArchives(): string[] {
  if (!fs.existsSync(CACHE_ROOT)) return [];
  const newest = new Map<string, { dir: string; mtime: number }>();
  for (const name of fs.readdirSync(CACHE_ROOT)) {
    const ready = path.join(CACHE_ROOT, name, 'ready.json');
    if (!fs.existsSync(ready)) continue;
    const corpus = name.replace(/-[0-9a-f]+$/u, '');
    const mtime = fs.statSync(ready).mtimeMs;
    const seen = newest.get(corpus);
    if (!seen || seen.mtime < mtime) newest.set(corpus, { dir: path.join(CACHE_ROOT, name, 'archive'), mtime });
  }
  return [...newest.values()].map((entry) => entry.dir);
}

function* documentTexts(archiveDir: string): Generator<{ lang: Lang; text: string }> {
  const db = new Database(path.join(archiveDir, 'archive.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const docs = db.prepare(`SELECT id, lang FROM documents WHERE deleted = 0`).all() as { id: string; lang: string | null }[];
    const pages = db.prepare(`SELECT text FROM pages WHERE document_id = ? ORDER BY page_no`).pluck();
    for (const doc of docs) {
      const text = (pages.all(doc.id) as string[]).join('\n');
      const lang = doc.lang === 'kk' || doc.lang === 'ru' ? doc.lang : doc.lang === null ? languageOfText(text) : null;
      if (lang) yield { lang, text };
    }
  } finally {
    db.close();
  }
}

/**
 * The language of a document the archive left undetected (a scan whose text came from OCR after
 * import): Kazakh when many of its Cyrillic words have Kazakh letters, Russian when almost none.
 */
function languageOfText(text: string): Lang | null {
  const words = text.toLowerCase().match(/[а-яёәғқңөұүһі]{4,}/gu) ?? [];
  if (words.length < 100) return null;
  const kazakh = words.filter((word) => /[әғқңөұүһі]/u.test(word)).length / words.length;
  return kazakh >= 0.2 ? 'kk' : kazakh <= 0.03 ? 'ru' : null;
}

const CYRILLIC_WORD = /^[а-яёәғқңөұүһі-]+$/u;

function count(archives: readonly string[]): { stems: Record<Lang, Map<string, StemCount>>; looseDf: Record<Lang, Map<string, number>>; documents: Record<Lang, number> } {
  const stems = { kk: new Map<string, StemCount>(), ru: new Map<string, StemCount>() };
  const looseDf = { kk: new Map<string, number>(), ru: new Map<string, number>() };
  const documents = { kk: 0, ru: 0 };
  for (const archive of archives) {
    for (const { lang, text } of documentTexts(archive)) {
      documents[lang]++;
      const seenStems = new Set<string>();
      const seenLoose = new Set<string>();
      for (const token of analyze(text, lang)) {
        seenLoose.add(token.loose);
        if (token.exact.length < 4 || !CYRILLIC_WORD.test(token.exact) || isFillerWord(token.exact)) continue;
        let entry = stems[lang].get(token.stem);
        if (!entry) stems[lang].set(token.stem, (entry = { stem: token.stem, df: 0, forms: new Map() }));
        entry.forms.set(token.exact, (entry.forms.get(token.exact) ?? 0) + 1);
        if (!seenStems.has(token.stem)) {
          seenStems.add(token.stem);
          entry.df++;
        }
      }
      for (const loose of seenLoose) looseDf[lang].set(loose, (looseDf[lang].get(loose) ?? 0) + 1);
    }
  }
  return { stems, looseDf, documents };
}

function topForm(entry: StemCount): string {
  return [...entry.forms.entries()].sort((a, b) => b[1] - a[1])[0]![0];
}

const LONG_QUERIES: Record<Lang, string> = {
  ru: 'какие документы нужны для получения разрешения на использование земельного участка в сельском округе если предыдущий договор аренды закончился и кто из должностных лиц местного исполнительного органа рассматривает заявление в установленный законодательством срок',
  kk: 'ауылдық округте жер учаскесін пайдалануға рұқсат алу үшін қандай құжаттар керек егер бұрынғы жалдау шарты аяқталса және жергілікті атқарушы органның қай лауазымды адамы өтінішті заңнамада белгіленген мерзімде қарайды және шешімге шағым беріледі',
};

function milliseconds(run: () => void, times: number): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = process.hrtime.bigint();
    run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/** The lookup's cost with and without the vocabulary (the concepts it adds come last). */
function timeLookup(): void {
  const vocabularyLines = COMMON_VOCABULARY.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#')).length;
  const tables = {
    'dictionary only': KK_RU_CONCEPTS.slice(0, KK_RU_CONCEPTS.length - vocabularyLines),
    'with the vocabulary': KK_RU_CONCEPTS,
  };
  for (const lang of ['ru', 'kk'] as const) {
    const words = LONG_QUERIES[lang].split(' ');
    for (const [name, concepts] of Object.entries(tables)) {
      let table: PhraseTable | null = null;
      const first = milliseconds(() => (table = new PhraseTable(concepts)).find(words), 1);
      const spans = table!.find(words).length;
      const warm = milliseconds(() => table!.find(words), 200);
      console.log(`${lang} ${words.length} words, ${name} (${concepts.length} concepts): first ${first.toFixed(2)} ms, then median ${warm.toFixed(3)} ms, ${spans} matches`);
    }
    const provider = milliseconds(() => translationAlternatives(words, lang), 200);
    console.log(`${lang} translationAlternatives (with the vocabulary), median ${provider.toFixed(3)} ms`);
  }
}

function main(): void {
  const { values, positionals } = parseArgs({ options: { top: { type: 'string', default: '700' }, json: { type: 'string' }, time: { type: 'boolean', default: false } }, allowPositionals: true });
  if (values.time) return timeLookup();
  const top = Number(values.top);
  const archives = positionals.length > 0 ? positionals : cachedArchives();
  if (archives.length === 0) throw new Error('No archive: run `npm run bench -- quality` first, or pass archive folders.');
  const { stems, looseDf, documents } = count(archives);
  const report: Record<Lang, { stem: string; df: number; forms: string[]; inDictionary: boolean }[]> = { kk: [], ru: [] };
  for (const lang of ['kk', 'ru'] as const) {
    const other: Lang = lang === 'kk' ? 'ru' : 'kk';
    const ranked = [...stems[lang].values()].sort((a, b) => b.df - a.df || a.stem.localeCompare(b.stem));
    for (const entry of ranked) {
      if (report[lang].length >= top) break;
      const form = topForm(entry);
      const formLoose = analyze(form, lang)[0]?.loose ?? form;
      // Spelled alike in both languages (бюджет, комиссия): nothing to translate.
      if ((looseDf[other].get(formLoose) ?? 0) * 5 >= entry.df * (documents[other] / documents[lang])) continue;
      const forms = [...entry.forms.entries()].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([text]) => text);
      const inDictionary = forms.some((text) => translationAlternatives([text], lang).length > 0);
      report[lang].push({ stem: entry.stem, df: entry.df, forms, inDictionary });
    }
  }
  console.log(`archives: ${archives.join(', ')}`);
  console.log(`documents: kk ${documents.kk}, ru ${documents.ru}`);
  for (const lang of ['kk', 'ru'] as const) {
    const covered = report[lang].filter((row) => row.inDictionary).length;
    console.log(`\n# ${lang}: top ${report[lang].length} stems by document frequency, ${covered} already in the dictionary (*)`);
    for (const row of report[lang]) console.log(`${row.inDictionary ? '*' : ' '} ${String(row.df).padStart(4)}  ${row.stem.padEnd(18)} ${row.forms.join(' ')}`);
  }
  if (values.json) fs.writeFileSync(values.json, JSON.stringify({ documents, report }, null, 1));
}

main();
