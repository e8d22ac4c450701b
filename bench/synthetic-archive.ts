/**
 * A synthetic archive of N documents made from the real texts of the corpus: Kazakh sentences
 * (KazNERD TV news, maslikhat pages), Russian law articles, Latin-script Kazakh news, reshuffled
 * and recombined with a seeded generator, so the vocabulary and its frequencies are real while
 * the documents are many. The same documents go to Muragat's index and to the baseline.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { KIND_CODES, type KindCode, type LanguageCode } from '../shared/domain/kinds';

/** Mulberry32: small, fast, reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface SyntheticDocument {
  title: string;
  kind: KindCode;
  lang: LanguageCode;
  date: string;
  number: string;
  issuer: string;
  pages: string[];
}

interface SentencePools {
  kk: string[];
  ru: string[];
  latn: string[];
}

function readJsonl(file: string, field: string): string[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => String((JSON.parse(line) as Record<string, unknown>)[field] ?? ''));
}

function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length >= 20 && s.length <= 600);
}

export function loadSentencePools(corpusDir: string): SentencePools {
  const text = path.join(corpusDir, 'text');
  const kk = readJsonl(path.join(text, 'kk_kaznerd-tv-news-sentences.jsonl'), 'text').filter((s) => s.length >= 20);
  const ru = readJsonl(path.join(text, 'ru_rf-federal-codes_articles.jsonl'), 'text').flatMap(sentencesOf);
  const latn = readJsonl(path.join(text, 'kk-latn_qz-inform-kz_news.jsonl'), 'text').flatMap(sentencesOf);
  if (kk.length < 100 || ru.length < 100 || latn.length < 100) throw new Error(`the corpus at ${corpusDir} lacks the text/*.jsonl files the benchmark builds from`);
  return { kk, ru, latn };
}

const ISSUERS = [
  'Қазақстан Республикасы Білім және ғылым министрлігі',
  'Алматы облыстық мәслихаты',
  'Еңбекшіқазақ аудандық мәслихаты',
  'Атырау облысы қоғамдық кеңесі',
  'Министерство юстиции Республики Казахстан',
  'Акимат города Астаны',
  'Қоғамдық кеңес',
  'Министерство финансов Республики Казахстан',
  'Маңғыстау облысының әкімдігі',
  'Министерство здравоохранения Республики Казахстан',
];

/** Kazakh, Russian and Latin-script Kazakh in the proportions a Kazakh archive has. */
function pickLanguage(random: () => number): 'kk' | 'ru' | 'latn' {
  const r = random();
  return r < 0.55 ? 'kk' : r < 0.92 ? 'ru' : 'latn';
}

export function* generateDocuments(pools: SentencePools, count: number, seed = 20261126): Generator<SyntheticDocument> {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const language = pickLanguage(random);
    const pool = pools[language];
    const pageCount = 1 + Math.floor(random() * random() * 5); // mostly 1–2 pages, up to 5
    const pages: string[] = [];
    for (let p = 0; p < pageCount; p++) {
      const target = 900 + Math.floor(random() * 2200);
      let page = '';
      while (page.length < target) page += (page ? (random() < 0.2 ? '\n' : ' ') : '') + pick(pool);
      pages.push(page);
    }
    const first = pages[0]!;
    const year = 2005 + Math.floor(random() * 21);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    yield {
      title: first.slice(0, 40 + Math.floor(random() * 80)).replace(/\s+\S*$/, ''),
      kind: pick(KIND_CODES),
      lang: language === 'ru' ? 'ru' : 'kk',
      date: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
      number: `${1 + Math.floor(random() * 400)}-${1 + Math.floor(random() * 99)}`,
      issuer: pick(ISSUERS),
      pages,
    };
  }
}
