/**
 * Issue 13, point 1 (and 5, 6): search answers what people type. Documents with every word come
 * first; when they are few, documents found through the other language and documents with part of
 * the words follow, ranked by how much of the query they cover and marked with what they lack.
 * Question and filler words never make a result disappear; strict operators keep their meaning;
 * translation pairs are one result.
 *
 * Real archive (SQLite, the import pipeline, the index). Texts are short passages in the words of
 * public official acts: the typical rules of higher education institutions (academic leave), a
 * district maslikhat decision on its public council and its Russian text, an order on student
 * dormitories, the law on public councils.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../electron/core/archive';
import { addRelation } from '../../../electron/core/documents/edit';
import type { KindCode, LanguageCode } from '../../../shared/domain/kinds';
import type { SearchHit, SearchRequest, SearchResponse } from '../../../shared/domain/search';
import { suiteTempDir } from '../../helpers/temp-dir';

interface Spec {
  key: string;
  title: string;
  kind: KindCode;
  lang: LanguageCode;
  text: string;
}

const SPECS: Spec[] = [
  {
    key: 'academicLeave',
    title: 'Правила предоставления академических отпусков обучающимся в организациях образования',
    kind: 'regulation',
    lang: 'ru',
    text:
      'Академический отпуск предоставляется обучающимся на основании заключения врачебно-консультационной комиссии, ' +
      'повестки о призыве на воинскую службу, свидетельства о рождении ребенка. Для получения академического отпуска ' +
      'обучающийся представляет заявление на имя руководителя организации образования и подтверждающие документы.',
  },
  {
    key: 'dormitory',
    title: 'Студенттер жатақханасында орын беру қағидалары',
    kind: 'order',
    lang: 'kk',
    text: 'Жатақханадан орын беру үшін білім алушы өтініш береді. Жатақхана орындары әлеуметтік жағдайы ескеріліп бөлінеді. Бұйрық қол қойылған күнінен бастап қолданысқа енгізіледі.',
  },
  {
    key: 'orderA',
    title: 'Бұйрықтың қосымшасы',
    kind: 'order',
    lang: 'kk',
    text: 'Осы бұйрықпен бекітілген тізбе. Бұйрық жарияланған күнінен бастап күшіне енеді. Бұйрықтың орындалуын бақылау вице-министрге жүктелсін.',
  },
  {
    key: 'orderB',
    title: 'Бұйрыққа өзгеріс енгізу туралы',
    kind: 'order',
    lang: 'kk',
    text: 'Бұйрыққа мынадай өзгеріс енгізілсін. Бұйрық алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.',
  },
  {
    key: 'councilKk',
    title: 'Аудандық қоғамдық кеңес туралы ережені бекіту туралы',
    kind: 'decision',
    lang: 'kk',
    text: 'Аудандық мәслихат ШЕШІМ ҚАБЫЛДАДЫ: қоғамдық кеңес туралы ереже бекітілсін. Қоғамдық кеңестің отырыстары тоқсанына бір реттен сирек емес өткізіледі.',
  },
  {
    key: 'councilRu',
    title: 'Об утверждении положения о районном общественном совете',
    kind: 'decision',
    lang: 'ru',
    text: 'Районный маслихат РЕШИЛ: утвердить положение об общественном совете. Заседания общественного совета проводятся не реже одного раза в квартал.',
  },
  {
    key: 'budgetKk',
    title: 'Аудан бюджеті туралы',
    kind: 'decision',
    lang: 'kk',
    text: 'Аудандық мәслихаттың шешімі. Аудан бюджеті бекітілсін: кірістер, шығындар, тапшылық. Бюджеттік бағдарламалар тізбесі қосымшаға сәйкес.',
  },
];

let archive: Archive;
const keyOf = new Map<string, string>();
const idOf = new Map<string, string>();

beforeAll(async () => {
  const root = suiteTempDir();
  archive = await openArchive({ dataDir: path.join(root, 'archive'), extractWorkers: 1 });
  const src = path.join(root, 'docs');
  fs.mkdirSync(src, { recursive: true });
  for (const spec of SPECS) {
    const file = path.join(src, `${spec.key}.txt`);
    fs.writeFileSync(file, spec.text, 'utf8');
    await archive.importPaths([file], {
      overrides: { kind: spec.kind, title: spec.title, lang: spec.lang },
      onFile: (result) => {
        if (result.status !== 'imported' || !result.id) throw new Error(`${spec.key}: ${result.status}`);
        keyOf.set(result.id, spec.key);
        idOf.set(spec.key, result.id);
      },
    });
  }
  // The Russian decision is the translation of the Kazakh one.
  addRelation(archive.context, { fromId: idOf.get('councilRu')!, toId: idOf.get('councilKk')!, type: 'translation_of' });
}, 120_000);

afterAll(async () => {
  await archive?.close();
});

const search = (query: string, extra: Partial<SearchRequest> = {}): SearchResponse => archive.search({ query, limit: 50, ...extra });
const keys = (hits: readonly SearchHit[]): string[] => hits.map((hit) => keyOf.get(hit.id) ?? hit.id);
const hitOf = (response: SearchResponse, key: string): SearchHit => {
  const hit = response.hits.find((h) => keyOf.get(h.id) === key);
  if (!hit) throw new Error(`${key} not among ${JSON.stringify(keys(response.hits))}`);
  return hit;
};

describe('a question in plain language', () => {
  it('finds the act that answers it, although the act has none of the question words', () => {
    const response = search('какие документы нужны для получения академического отпуска студенту');
    expect(keys(response.hits)[0]).toBe('academicLeave');
    // Question words were not required, and the page says which.
    expect(response.ignoredWords).toEqual(expect.arrayContaining(['какие', 'нужны', 'для']));
    // The client marks what was searched: not the question words.
    expect(response.highlightWords).toEqual(expect.arrayContaining(['академического', 'отпуска']));
    expect(response.highlightWords).not.toContain('какие');
    // "студенту" is not in the act: it is a partial match, marked with what it lacks.
    expect(response.fullMatches).toBe(0);
    expect(hitOf(response, 'academicLeave').missing).toEqual(['студенту']);
    expect(hitOf(response, 'academicLeave').pages[0]!.snippet).toMatch(/\[академического\] \[отпуска\]/);
  });

  it('a Kazakh question: қалай, үшін and the like never empty the page', () => {
    const response = search('жатақханадан орын алу үшін не істеу керек');
    expect(response.ignoredWords).toEqual(expect.arrayContaining(['үшін', 'керек']));
    expect(keys(response.hits)[0]).toBe('dormitory');
  });

  it('a query of question words only is searched for those words', () => {
    const response = search('как');
    expect(response.ignoredWords).toEqual([]);
    expect(response.total).toBe(0);
  });
});

describe('documents with part of the words', () => {
  it('follow the documents with every word, and never an empty page when a word matches', () => {
    const response = search('жатақхана кабинет');
    expect(response.fullMatches).toBe(0);
    expect(response.total).toBeGreaterThan(0);
    expect(keys(response.hits)).toEqual(['dormitory']);
    expect(response.hits[0]!.missing).toEqual(['кабинет']);
  });

  it('a rare word covers more of the query than a common one', () => {
    // жарияланған is in two documents, жатақхана in one: each document has one of the two, and
    // the one with the rarer word ranks first.
    const response = search('жатақхана жарияланған кабинет');
    expect(response.fullMatches).toBe(0);
    expect(keys(response.hits)).toEqual(['dormitory', expect.stringMatching(/^order[AB]$/), expect.stringMatching(/^order[AB]$/)]);
    const scores = response.hits.map((hit) => hit.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('come after the full matches, and only when those are few', () => {
    const response = search('бұйрық жарияланған');
    expect(response.fullMatches).toBe(2);
    expect(keys(response.hits).slice(0, 2).sort()).toEqual(['orderA', 'orderB']);
    for (const hit of response.hits.slice(0, 2)) expect(hit.missing).toEqual([]);
    for (const hit of response.hits.slice(2)) expect(hit.missing).toEqual(['жарияланған']);
  });

  it('keep the strict meaning of exclusions, phrases and filters', () => {
    // The excluded word excludes partial matches too.
    expect(keys(search('жатақхана бұйрық кабинет -вице').hits)).not.toContain('orderA');
    // A phrase stays one condition: its words are not matched one by one.
    const phrase = search('"орын беру" бюджет');
    for (const hit of phrase.hits) expect(['dormitory', 'budgetKk']).toContain(keyOf.get(hit.id));
    expect(hitOf(phrase, 'dormitory').missing).toEqual(['бюджет']);
    expect(hitOf(phrase, 'budgetKk').missing).toEqual(['орын беру']);
    // Filters hold for every tier.
    expect(keys(search('жатақхана бұйрық кабинет', { langs: ['ru'] }).hits)).toEqual([]);
    expect(search('бұйрық жатақхана kind:decision').hits.every((hit) => hit.kind === 'decision')).toBe(true);
  });
});

describe('across languages', () => {
  it('a translation pair is one result with both versions', () => {
    const response = search('қоғамдық кеңес ережесі');
    expect(keys(response.hits)).toContain('councilKk');
    expect(keys(response.hits)).not.toContain('councilRu');
    expect(hitOf(response, 'councilKk').twins).toEqual([expect.objectContaining({ id: idOf.get('councilRu'), lang: 'ru' })]);
  });

  it('a Russian query brings the Kazakh twin with its Russian version', () => {
    const response = search('положение об общественном совете');
    expect(keys(response.hits)[0]).toBe('councilRu');
    expect(response.hits[0]!.twins).toEqual([expect.objectContaining({ id: idOf.get('councilKk'), lang: 'kk' })]);
    // The twin is not a second result, even when the dictionary finds its Kazakh words too.
    expect(keys(response.hits)).not.toContain('councilKk');
  });

  it('a Russian query finds the Kazakh act through the dictionary of official vocabulary, below same-language matches', () => {
    // No Russian text has these words; the Kazakh decision has шешім, мәслихат and бюджет.
    const translated = search('решение маслихата о бюджете');
    expect(translated.hits.filter((hit) => !hit.viaTranslation && hit.missing.length === 0)).toEqual([]);
    expect(hitOf(translated, 'budgetKk').viaTranslation).toBe(true);
    expect(hitOf(translated, 'budgetKk').missing).toEqual([]);
    expect(keys(translated.hits)).toContain('budgetKk');
  });
});
