/**
 * Developer tool for the text analyzer (shared/search): measures it on the real corpus in
 * /work/shared/corpus (or $MURAGAT_CORPUS) and shows how Kazakh words group by stem.
 *
 *   npx tsx bench/analyzer-dev.ts            groups, suspicious merges/splits, speed
 *   npx tsx bench/analyzer-dev.ts --speed    speed only
 *   npx tsx bench/analyzer-dev.ts --roots    root lists from corpus evidence (kazakh-lexicon.ts)
 *   npx tsx bench/analyzer-dev.ts --word кеңестердің keñesterdiñ закона
 *
 * Not part of `npm run bench`: the corpus is not in the repository.
 */

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  analyzeQueryWord,
  ANALYZER_VERSION,
  clearAnalyzerCache,
  kazakhLooseStem,
  looseForm,
  stemKazakh,
  type LanguageHint,
} from '../shared/search';

const CORPUS = process.env.MURAGAT_CORPUS ?? '/work/shared/corpus';
const TEXT = join(CORPUS, 'text');

interface Sample {
  name: string;
  hint: LanguageHint;
  texts: string[];
}

function stripHtml(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ');
}

function jsonl(path: string, field: string): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => String((JSON.parse(line) as Record<string, unknown>)[field] ?? ''));
}

function loadSamples(): Sample[] {
  const kk: string[] = [...jsonl(join(TEXT, 'kk_kaznerd-tv-news-sentences.jsonl'), 'text')];
  const ru: string[] = [...jsonl(join(TEXT, 'ru_rf-federal-codes_articles.jsonl'), 'text')];
  const htmlDir = join(TEXT, 'kk-ru_maslikhat-enbekshikazakh-html');
  if (existsSync(htmlDir)) {
    for (const file of readdirSync(htmlDir)) {
      if (!file.endsWith('.html')) continue;
      const text = stripHtml(readFileSync(join(htmlDir, file), 'utf8'));
      if (file.includes('_kk_')) kk.push(text);
      else if (file.includes('_ru_')) ru.push(text);
    }
  }
  const decision = join(TEXT, 'kk-ru_almaty-oblast-maslikhat-decision-2023-6-38');
  if (existsSync(decision)) {
    kk.push(readFileSync(join(decision, 'kaz.md'), 'utf8'));
    ru.push(readFileSync(join(decision, 'rus.md'), 'utf8'));
  }
  const seed = join(TEXT, 'kk_seed-press-release-atyrau-2016.txt');
  if (existsSync(seed)) kk.push(readFileSync(seed, 'utf8'));
  const latin = jsonl(join(TEXT, 'kk-latn_qz-inform-kz_news.jsonl'), 'text');
  return [
    { name: 'kk (Cyrillic)', hint: 'kk', texts: kk },
    { name: 'kk (Latin, qz.inform.kz)', hint: 'kk', texts: latin },
    { name: 'ru', hint: 'ru', texts: ru },
  ];
}

// ---------------------------------------------------------------------------------------------

function speed(samples: Sample[]): void {
  console.log(`\n== speed (${ANALYZER_VERSION})`);
  let allWords = 0;
  let allMs = 0;
  for (const sample of samples) {
    const chars = sample.texts.reduce((sum, t) => sum + t.length, 0);
    clearAnalyzerCache();
    let t0 = performance.now();
    let words = 0;
    for (const text of sample.texts) words += analyze(text, sample.hint).length;
    const cold = performance.now() - t0;
    // warm: several passes, cache populated (what a long indexing run sees)
    const passes = 3;
    t0 = performance.now();
    for (let pass = 0; pass < passes; pass++) for (const text of sample.texts) analyze(text, sample.hint);
    const warm = (performance.now() - t0) / passes;
    allWords += words;
    allMs += warm;
    console.log(
      `${sample.name.padEnd(26)} ${String(words).padStart(9)} words ${(chars / 1e6).toFixed(1).padStart(5)} MB` +
        `  first pass ${((words / cold) * 1000 / 1e6).toFixed(2)} M words/s` +
        `  warm ${((words / warm) * 1000 / 1e6).toFixed(2)} M words/s`,
    );
  }
  console.log(`overall warm: ${((allWords / allMs) * 1000 / 1e6).toFixed(2)} M words/s on one core`);
  // pages/s estimate: a page of an official document is ~350 words
  console.log(`≈ ${Math.round((allWords / allMs) * 1000 / 350).toLocaleString('en')} pages/s of 350 words (analysis only)`);
}

// ---------------------------------------------------------------------------------------------

function kazakhGroups(sample: Sample, top: number): void {
  const counts = new Map<string, number>();
  for (const text of sample.texts) for (const t of analyze(text, sample.hint)) {
    if (!/[\p{Script=Cyrillic}\p{Script=Latin}]/u.test(t.exact)) continue;
    counts.set(t.exact, (counts.get(t.exact) ?? 0) + 1);
  }
  const byStem = new Map<string, { total: number; forms: [string, number][] }>();
  const stemOf = new Map<string, string>();
  for (const [exact, n] of counts) {
    const forms = analyze(exact, sample.hint)[0];
    if (!forms) continue;
    stemOf.set(exact, forms.stem);
    const group = byStem.get(forms.stem) ?? { total: 0, forms: [] };
    group.total += n;
    group.forms.push([exact, n]);
    byStem.set(forms.stem, group);
  }
  const groups = [...byStem].sort((a, b) => b[1].total - a[1].total);
  console.log(`\n== ${sample.name}: ${counts.size} distinct words, ${byStem.size} stems`);
  for (const [stem, group] of groups.slice(0, top)) {
    const forms = group.forms.sort((a, b) => b[1] - a[1]).slice(0, 14).map(([w, n]) => `${w}:${n}`).join(' ');
    console.log(`${stem.padEnd(16)} ${String(group.total).padStart(6)}  ${forms}`);
  }
  // under-stemming candidates: frequent stems that another frequent stem extends by ≤ 4 letters
  console.log(`\n-- ${sample.name}: possible under-stemming (stem X and stem X+short tail both frequent)`);
  const frequent = groups.filter(([, g]) => g.total >= 15).map(([s]) => s);
  const frequentSet = new Set(frequent);
  let shown = 0;
  for (const stem of frequent) {
    for (let cut = 1; cut <= 4 && cut < stem.length - 2; cut++) {
      const shorter = stem.slice(0, -cut);
      if (frequentSet.has(shorter)) {
        console.log(`  ${shorter} ← ${stem}   (${byStem.get(stem)!.forms.slice(0, 4).map(([w]) => w).join(', ')})`);
        shown++;
        break;
      }
    }
    if (shown >= 40) break;
  }
}

function looseAgreement(sample: Sample): void {
  let same = 0;
  let total = 0;
  const examples: string[] = [];
  const seen = new Set<string>();
  for (const text of sample.texts) for (const t of analyze(text, sample.hint)) {
    if (seen.has(t.exact) || !/[әғқңөұүһі]/.test(t.exact)) continue;
    seen.add(t.exact);
    total++;
    if (looseForm(stemKazakh(t.exact)) === t.loose) same++;
    else if (examples.length < 20) examples.push(`${t.exact}: stem ${t.stem} → ${looseForm(t.stem)} vs loose ${t.loose}`);
  }
  console.log(`\n-- ${sample.name}: loose stem equals loose(Kazakh stem) for ${same}/${total} distinct words (${((same / total) * 100).toFixed(1)}%)`);
  for (const line of examples) console.log(`   ${line}`);
}

function latinVsCyrillic(latin: Sample, cyrillic: Sample): void {
  // Share of Latin words whose loose stem is also the loose form of some Cyrillic word's stem.
  const cyrLoose = new Set<string>();
  for (const text of cyrillic.texts) for (const t of analyze(text, 'kk')) cyrLoose.add(t.loose);
  const counts = new Map<string, number>();
  for (const text of latin.texts) for (const t of analyze(text, 'kk')) if (/[a-zäğñöūüşáǵńóúýı]/.test(t.exact)) counts.set(t.exact, (counts.get(t.exact) ?? 0) + 1);
  const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40);
  console.log('\n-- Latin Kazakh: most frequent words (stem, loose; * = loose key also produced by Cyrillic corpus)');
  console.log(
    top
      .map(([w]) => {
        const f = analyze(w, 'kk')[0]!;
        return `${w}→${f.stem}/${f.loose}${cyrLoose.has(f.loose) ? '*' : ''}`;
      })
      .join('  '),
  );
  let hit = 0;
  let total = 0;
  for (const [w, n] of counts) {
    const f = analyze(w, 'kk')[0]!;
    total += n;
    if (cyrLoose.has(f.loose)) hit += n;
  }
  console.log(`Latin tokens whose loose key occurs in the Cyrillic corpus: ${((hit / total) * 100).toFixed(1)}%`);
}

// ---------------------------------------------------------------------------------------------

function roots(sample: Sample): void {
  const counts = new Map<string, number>();
  for (const text of sample.texts) for (const t of analyze(text, 'kk')) counts.set(t.exact, (counts.get(t.exact) ?? 0) + 1);
  const has = (w: string) => counts.has(w);
  const vowels = 'аәеёиоөыіэюя';
  const evidence = (root: string, tails: string[]) => tails.filter((t) => has(root + t));
  const sRoots: string[] = [];
  const nRoots: string[] = [];
  const yRoots: string[] = [];
  const candidates = new Set<string>();
  for (const w of counts.keys()) {
    if (!/^[а-яәғқңөұүһі]+$/.test(w)) continue;
    for (let cut = 0; cut <= 6 && cut < w.length - 2; cut++) candidates.add(w.slice(0, w.length - cut));
  }
  for (const root of candidates) {
    if (root.length < 3) continue;
    const last = root.at(-1)!;
    const prev = root.at(-2)!;
    if (last === 'с' && vowels.includes(prev)) {
      const ev = evidence(root, ['тар', 'тер', 'тың', 'тің', 'қа', 'ке', 'та', 'те', 'тан', 'тен', 'ты', 'ті', 'пен']);
      if (ev.length >= 2) sRoots.push(`${root} (${ev.join(',')})`);
    } else if (last === 'н' && vowels.includes(prev)) {
      const ev = evidence(root, ['дар', 'дер', 'ға', 'ге', 'ның', 'нің', 'нан', 'нен', 'ды', 'ді', 'мен']);
      if (ev.length >= 2) nRoots.push(`${root} (${ev.join(',')})`);
    } else if ((last === 'ы' || last === 'і') && !/[ш]$/.test(root.slice(0, -1))) {
      const ev = evidence(root, ['лар', 'лер', 'сы', 'сі', 'ға', 'ге', 'да', 'де', 'дан', 'ден', 'ны', 'ні']);
      if (ev.length >= 2) yRoots.push(`${root} (${ev.join(',')})`);
    }
  }
  console.log(`\n== roots with corpus evidence (≥ 2 forms)\n-- ends in vowel+с (${sRoots.length}):\n${sRoots.sort().join('\n')}`);
  console.log(`\n-- ends in vowel+н (${nRoots.length}):\n${nRoots.sort().join('\n')}`);
  console.log(`\n-- ends in ы/і that belongs to the root (${yRoots.length}):\n${yRoots.sort().join('\n')}`);
}

// ---------------------------------------------------------------------------------------------

const args = process.argv.slice(2);
if (args[0] === '--word') {
  for (const word of args.slice(1)) {
    const q = analyzeQueryWord(word);
    const kk = analyze(word, 'kk')[0];
    console.log(`${word}: query stems [${q.stems.join(', ')}] loose [${q.loose.join(', ')}]; as kk: ${kk?.stem} / ${kk?.loose}; kazakhLooseStem ${kazakhLooseStem(q.exact)}`);
  }
} else {
  const samples = loadSamples();
  if (samples.every((s) => s.texts.length === 0)) {
    console.error(`no corpus at ${CORPUS}`);
    process.exit(1);
  }
  if (args[0] === '--roots') roots(samples[0]!);
  else {
    if (args[0] !== '--speed') {
      kazakhGroups(samples[0]!, Number(process.env.TOP ?? 80));
      looseAgreement(samples[0]!);
      latinVsCyrillic(samples[1]!, samples[0]!);
    }
    speed(samples);
  }
}
