/**
 * Search behaviour as a secretary sees it (docs/ARCHITECTURE.md §6): real Kazakh and Russian act text is
 * imported through the real pipeline (text files → worker extraction → commit → index), then
 * searched with `archive.search`. Each describe block builds its archive once.
 *
 * Texts are short passages of public official acts: the Almaty oblast maslikhat decision
 * No. 6-38 of 14 September 2023 (kk/ru), orders of the Ministry of Education and Science
 * No. 66, 110, 180 and 272, and the Law "On public councils" No. 383-V.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openArchive, type Archive } from '../../../electron/core/archive';
import { openSqlite } from '../../../electron/core/db/sqlite';
import { ARCHIVE_DB_FILE } from '../../../electron/core/layout';
import type { KindCode, LanguageCode } from '../../../shared/domain/kinds';
import type { SearchRequest, SearchResponse } from '../../../shared/domain/search';
import { ANALYZER_VERSION } from '../../../shared/search/analyzer';
import { FIXTURES_DIR } from '../../helpers/temp-dir';

// ---- Building archives --------------------------------------------------------------------------

interface DocSpec {
  key: string;
  text: string;
  title: string;
  kind: KindCode;
  lang: LanguageCode;
  date: string | null;
  number?: string | null;
  issuer?: string | null;
}

interface TestArchive {
  archive: Archive;
  dataDir: string;
  /** Document id → spec key, and back. */
  keyOf: Map<string, string>;
  idOf: Map<string, string>;
}

/** Temp folders of this file. tests/helpers/temp-dir removes its folders after each test, too early for beforeAll. */
const folders: string[] = [];
function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-search-'));
  folders.push(dir);
  return dir;
}
afterAll(async () => {
  if (mainPromise) await (await mainPromise).archive.close();
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function importSpecs(t: TestArchive, specs: readonly DocSpec[]): Promise<void> {
  const src = folder();
  for (const spec of specs) {
    const file = path.join(src, `${spec.key}.txt`);
    fs.writeFileSync(file, spec.text, 'utf8');
    const summary = await t.archive.importPaths([file], {
      overrides: { kind: spec.kind, title: spec.title, lang: spec.lang, date: spec.date, number: spec.number ?? null, issuer: spec.issuer ?? null },
      onFile: (result) => {
        if (result.status !== 'imported' || !result.id) throw new Error(`${spec.key}: ${result.status} ${JSON.stringify(result.error)}`);
        t.keyOf.set(result.id, spec.key);
        t.idOf.set(spec.key, result.id);
      },
    });
    expect(summary.imported, spec.key).toBe(1);
  }
}

async function buildArchive(specs: readonly DocSpec[]): Promise<TestArchive> {
  const dataDir = path.join(folder(), 'archive');
  const t: TestArchive = { archive: await openArchive({ dataDir, extractWorkers: 2 }), dataDir, keyOf: new Map(), idOf: new Map() };
  await importSpecs(t, specs);
  return t;
}

function run(t: TestArchive, query: string, extra: Partial<SearchRequest> = {}): SearchResponse {
  return t.archive.search({ query, limit: 500, ...extra });
}

/**
 * The hits that match the query itself: every word, in the query's language. When they are few,
 * documents found through the other language and documents with only some of the words follow
 * them (issue 13); those are tested in forgiving-search.test.ts.
 */
function matching(response: SearchResponse): SearchResponse['hits'] {
  return response.hits.filter((hit) => hit.missing.length === 0 && !hit.viaTranslation);
}

/** Keys of the documents found, sorted (for set comparisons). */
function found(t: TestArchive, query: string, extra: Partial<SearchRequest> = {}): string[] {
  return matching(run(t, query, extra)).map((hit) => t.keyOf.get(hit.id) ?? hit.id).sort();
}

/** Keys of the documents found, in result order. */
function ranked(t: TestArchive, query: string, extra: Partial<SearchRequest> = {}): string[] {
  return matching(run(t, query, extra)).map((hit) => t.keyOf.get(hit.id) ?? hit.id);
}

function snippetsOf(t: TestArchive, response: SearchResponse, key: string): string {
  const hit = response.hits.find((h) => t.keyOf.get(h.id) === key);
  if (!hit) throw new Error(`${key} not among the hits of ${JSON.stringify(response.query)}`);
  return hit.pages.map((page) => page.snippet).join(' | ');
}

// ---- The main archive -----------------------------------------------------------------------------

const MASLIKHAT_KK = 'Алматы облыстық мәслихаты';
const MASLIKHAT_RU = 'Алматинский областной маслихат';
const MINISTRY_KK = 'Қазақстан Республикасы Білім және ғылым министрлігі';
const MINISTRY_RU = 'Министерство образования и науки Республики Казахстан';
const AKIM_KK = 'Алматы облысының әкімі';

const MAIN: readonly DocSpec[] = [
  // кеңес and its forms; кеңсе ("office") is the near miss.
  {
    key: 'councilExact',
    text: 'Қоғамдық кеңес отырысы облыстық мәслихаттың мәжіліс залында өтті. Күн тәртібіне екі мәселе енгізілді.',
    title: 'Отырыс хаттамасы',
    kind: 'protocol',
    lang: 'kk',
    date: '2023-03-15',
    number: '1',
    issuer: MASLIKHAT_KK,
  },
  {
    key: 'councilPlural',
    text: 'Облыс аудандарындағы қоғамдық кеңестердің жұмысын үйлестіру тәртібі айқындалсын. Бақылау тұрақты комиссияға жүктелсін.',
    title: 'Үйлестіру тәртібі туралы',
    kind: 'decision',
    lang: 'kk',
    date: '2023-06-20',
    number: '5-30',
    issuer: MASLIKHAT_KK,
  },
  {
    key: 'councilPossessive',
    text: 'Аудандық қоғамдық кеңесінің төрағасы жыл сайынғы есепті тұрғындарға ұсынады.',
    title: 'Жылдық есеп',
    kind: 'report',
    lang: 'kk',
    date: '2022-12-20',
    issuer: MASLIKHAT_KK,
  },
  {
    key: 'office',
    text: 'Әкімдік кеңсесінің жұмыс уақыты сағат тоғызда басталады. Кеңсе қызметкерлері тәртіпті сақтайды.',
    title: 'Жұмыс уақыты туралы өкім',
    kind: 'directive',
    lang: 'kk',
    date: '2022-01-10',
    number: '15-ө',
    issuer: AKIM_KK,
  },
  {
    key: 'law383',
    text: 'Осы Заң қоғамдық кеңестердің құрылу және жұмыс істеу тәртібін айқындайды. Мемлекеттік органдар азаматтардың пікірін ескереді.',
    title: 'Қоғамдық кеңестер туралы',
    kind: 'law',
    lang: 'kk',
    date: '2015-11-02',
    number: '383-V ҚРЗ',
    issuer: 'Қазақстан Республикасының Президенті',
  },
  {
    key: 'law383ru',
    text: 'Настоящий Закон определяет порядок образования и деятельности общественных советов.',
    title: 'Об общественных советах',
    kind: 'law',
    lang: 'ru',
    date: '2015-11-02',
    number: '№ 383-V ЗРК',
    issuer: 'Президент Республики Казахстан',
  },
  // Қазақстан Республикасы; the newspaper has Қазақстан only.
  {
    key: 'decisionKk',
    text:
      '«Автомобиль көлігі туралы» Қазақстан Республикасы Заңының 14-бабы 1-тармағының 5) тармақшасына сәйкес, Алматы облыстық мәслихаты ШЕШТІ:\n\n' +
      '1. Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесі осы шешімнің қосымшасына сәйкес айқындалсын.',
    title: 'Тізбені айқындау туралы',
    kind: 'decision',
    lang: 'kk',
    date: '2023-09-14',
    number: '6-38',
    issuer: MASLIKHAT_KK,
  },
  {
    key: 'dormitory',
    text:
      'Қазақстан Республикасының Әділет министрлігінде 2016 жылы 16 наурызда № 13487 болып тіркелді.\n\n' +
      '1. Қоса беріліп отырған Білім беру ұйымдарының жатақханаларындағы орындарды бөлу қағидалары бекітілсін.',
    title: 'Орындарды бөлу қағидаларын бекіту туралы',
    kind: 'order',
    lang: 'kk',
    date: '2016-01-22',
    number: '66',
    issuer: MINISTRY_KK,
  },
  {
    key: 'newspaper',
    text: 'Бұйрық «Егемен Қазақстан» газетінде 2015 жылғы 23 сәуірде № 74 жарияланды.',
    title: 'Жарияланым туралы хабарлама',
    kind: 'press_release',
    lang: 'kk',
    date: '2015-04-23',
  },
  // Russian: законом only, and a text with no закон at all.
  {
    key: 'decisionRu',
    text:
      'В соответствии с Законом Республики Казахстан «Об автомобильном транспорте» Алматинский областной маслихат РЕШИЛ:\n\n' +
      '1. Определить перечень социально значимых сообщений в Алматинской области согласно приложению к настоящему решению.',
    title: 'Об определении перечня сообщений',
    kind: 'decision',
    lang: 'ru',
    date: '2023-09-14',
    number: '№ 6-38',
    issuer: MASLIKHAT_RU,
  },
  {
    key: 'controlRu',
    text:
      'Контроль за исполнением настоящего решения возложить на постоянную комиссию Алматинского областного маслихата ' +
      'по вопросам жилищно-коммунального хозяйства, строительства, архитектуры и транспортно-логистической инфраструктуры.',
    title: 'О контроле за исполнением',
    kind: 'decision',
    lang: 'ru',
    date: '2018-11-13',
    number: '37-204',
    issuer: MASLIKHAT_RU,
  },
  // Query language.
  {
    key: 'attestation',
    text: 'Білім және ғылым саласындағы азаматтық қызметшілерді аттестаттаудан өткізу қағидаларына мынадай өзгерістер мен толықтырулар енгізілсін.',
    title: 'Қағидаларға өзгерістер енгізу туралы',
    kind: 'order',
    lang: 'kk',
    date: '2016-04-13',
    number: '272',
    issuer: MINISTRY_KK,
  },
  {
    key: 'meals',
    text:
      '1. Осы бұйрыққа 1-қосымшаға сәйкес «Жоғары білім беру ұйымдарында білім алатын жекелеген санаттағы азаматтарға ' +
      'тегін тамақтандыруды ұсыну» мемлекеттік қызмет көрсету қағидалары бекітілсін.',
    title: 'Мемлекеттік қызмет көрсету қағидаларын бекіту туралы',
    kind: 'order',
    lang: 'kk',
    date: '2020-05-04',
    number: '180',
    issuer: MINISTRY_KK,
  },
  {
    key: 'mealsRu',
    text: 'Утвердить прилагаемые Правила оказания государственной услуги по предоставлению бесплатного питания отдельным категориям обучающихся.',
    title: 'Об утверждении правил оказания государственной услуги',
    kind: 'order',
    lang: 'ru',
    date: '2016-02-10',
    number: '118',
    issuer: MINISTRY_RU,
  },
  {
    key: 'measures',
    text: 'Жоспарланған іс-шаралардың орындалуы туралы ақпарат 02.11.2015 жылғы хаттамаға сәйкес ұсынылды.',
    title: 'Ақпарат',
    kind: 'plan',
    lang: 'kk',
    date: '2021-02-01',
    issuer: AKIM_KK,
  },
  {
    key: 'letter',
    text: 'Бұл қатынастардың маңызы зор, өйткені олар әлеуметтік салаға тікелей әсер етеді.',
    title: 'Ақпараттық хат',
    kind: 'letter',
    lang: 'kk',
    date: '2019-05-05',
    number: '383',
    issuer: AKIM_KK,
  },
];

/** The main archive is only read: the describe blocks below share one. */
let mainPromise: Promise<TestArchive> | null = null;
function mainArchive(): Promise<TestArchive> {
  mainPromise ??= buildArchive(MAIN);
  return mainPromise;
}

const specOf = (key: string): DocSpec => MAIN.find((spec) => spec.key === key)!;
const keysWhere = (test: (spec: DocSpec) => boolean): string[] => MAIN.filter(test).map((spec) => spec.key).sort();

describe('search: inflection, keyboard and script', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = await mainArchive();
  });

  const COUNCIL = ['councilExact', 'councilPlural', 'councilPossessive', 'law383'].sort();

  it.each(['кеңес', 'кеңестер', 'кеңестердің', 'кеңесінің', 'КЕҢЕСТЕРДІҢ', 'кенес', 'кенестердин', 'keñes', 'kenes', 'Keñesi'])(
    '%s finds every document with a form of кеңес, and not кеңсе',
    (query) => {
      expect(found(t, query)).toEqual(COUNCIL);
    },
  );

  it('Қазақстан Республикасы is found the same way in Cyrillic, on a Russian keyboard and in Latin', () => {
    const expected = ['decisionKk', 'dormitory'];
    expect(found(t, 'Қазақстан Республикасы')).toEqual(expected);
    expect(found(t, 'казакстан республикасы')).toEqual(expected);
    expect(found(t, 'КАЗАКСТАН РЕСПУБЛИКАСЫ')).toEqual(expected);
    expect(found(t, 'qazaqstan respublikasy')).toEqual(expected);
    expect(found(t, 'Qazaqstan Respublikasynyñ')).toEqual(expected);
    // The newspaper has Қазақстан but no Республика.
    expect(found(t, 'Қазақстан')).toEqual(['decisionKk', 'dormitory', 'newspaper']);
  });

  it.each(['закон', 'законов', 'законами', 'Закону', 'ЗАКОНОМ'])('Russian %s finds the text that has only «Законом»', (query) => {
    expect(found(t, query)).toEqual(['decisionRu', 'law383ru']);
  });

  it('заңы does not find Russian texts with the preposition «за» (a loose stem keeps three letters)', () => {
    expect(found(t, 'заңы')).toEqual(['decisionKk', 'law383']);
    expect(found(t, 'за')).toEqual(['controlRu']);
  });

  it('snippets mark the inflected and folded original words', () => {
    const folded = run(t, 'кенес');
    expect(snippetsOf(t, folded, 'councilPlural')).toContain('[кеңестердің]');
    expect(snippetsOf(t, folded, 'councilPossessive')).toContain('[кеңесінің]');
    expect(snippetsOf(t, folded, 'councilExact')).toContain('Қоғамдық [кеңес] отырысы');

    const latin = run(t, 'keñes');
    expect(snippetsOf(t, latin, 'councilPlural')).toContain('[кеңестердің]');

    const republic = run(t, 'qazaqstan respublikasy');
    expect(snippetsOf(t, republic, 'dormitory')).toContain('[Қазақстан] [Республикасының]');
    expect(snippetsOf(t, republic, 'decisionKk')).toContain('[Қазақстан] [Республикасы] Заңының');

    const russian = run(t, 'законами');
    expect(snippetsOf(t, russian, 'decisionRu')).toContain('с [Законом] Республики');
    // Nothing else is marked.
    expect(snippetsOf(t, russian, 'decisionRu').match(/\[[^\]]*\]/g)).toEqual(['[Законом]']);
  });

  it('snippets are the original text, not the index forms', () => {
    const response = run(t, 'кенес');
    for (const hit of response.hits) {
      for (const page of hit.pages) {
        const plain = page.snippet.replace(/[[\]]/g, '').replace(/^…|…$/g, '');
        const original = MAIN.find((spec) => t.keyOf.get(hit.id) === spec.key)!.text.replace(/\s+/g, ' ');
        expect(original).toContain(plain);
      }
    }
  });
});

describe('search: text as it comes in real documents', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = await buildArchive([
      // The appendix heading of decision 6-38 as published: `әлеуметтiк` and `маңызы` are
      // typed with a Latin i (U+0069) inside Kazakh words.
      {
        key: 'heading',
        text: 'Алматы облысында әлеуметт\u0069к маңызы бар қатынастардың тізбесі. Қоғамдық кеңес\u0069н\u0069ң отырысы.',
        title: 'Қосымша',
        kind: 'decision',
        lang: 'kk',
        date: '2023-09-14',
      },
      { key: 'yo', text: 'Учёт документов ведётся в соответствии с настоящим решением.', title: 'Порядок', kind: 'decision', lang: 'ru', date: '2023-09-14' },
    ]);
  });
  afterAll(async () => {
    await t.archive.close();
  });

  it('Latin look-alike letters inside Kazakh words are repaired, and the snippet shows them as written', () => {
    expect(found(t, 'әлеуметтік')).toEqual(['heading']);
    expect(found(t, '"әлеуметтік маңызы"')).toEqual(['heading']);
    expect(found(t, 'кеңесінің')).toEqual(['heading']);
    expect(snippetsOf(t, run(t, 'әлеуметтік'), 'heading')).toContain('[әлеуметт\u0069к]');
  });

  it('ё and е are the same letter', () => {
    expect(found(t, 'учет')).toEqual(['yo']);
    expect(found(t, 'учёт')).toEqual(['yo']);
    expect(found(t, 'ведется')).toEqual(['yo']);
    expect(snippetsOf(t, run(t, 'учет'), 'yo')).toContain('[Учёт]');
  });
});

// ---- Query language -------------------------------------------------------------------------------

describe('search: query language', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = await mainArchive();
  });

  it('a phrase matches adjacent words only; the same words unquoted match anywhere', () => {
    expect(found(t, '"әлеуметтік маңызы"')).toEqual(['decisionKk']);
    expect(found(t, '«әлеуметтік маңызы»')).toEqual(['decisionKk']);
    expect(found(t, 'әлеуметтік маңызы')).toEqual(['decisionKk', 'letter']);
    expect(found(t, '"маңызы әлеуметтік"')).toEqual([]);
  });

  it('a phrase typed on a Russian keyboard still matches', () => {
    expect(found(t, '"алеуметтик манызы"')).toEqual(['decisionKk']);
  });

  it('a OR b finds either', () => {
    expect(found(t, 'жатақхана')).toEqual(['dormitory']);
    expect(found(t, 'тамақтандыру')).toEqual(['meals']);
    expect(found(t, 'жатақхана OR тамақтандыру')).toEqual(['dormitory', 'meals']);
    expect(found(t, 'жатақхана | тамақтандыру')).toEqual(['dormitory', 'meals']);
    expect(found(t, 'жатақхана НЕМЕСЕ тамақтандыру')).toEqual(['dormitory', 'meals']);
    // OR binds two neighbours; the other word still has to match.
    expect(found(t, 'қағидалары жатақхана OR тамақтандыру')).toEqual(['dormitory', 'meals']);
    expect(found(t, 'азаматтарға жатақхана OR тамақтандыру')).toEqual(['meals']);
  });

  it('-word excludes, in every form of the word', () => {
    const all = found(t, 'білім');
    expect(all).toEqual(expect.arrayContaining(['attestation', 'dormitory', 'meals']));
    expect(found(t, 'білім -жатақхана')).toEqual(all.filter((key) => key !== 'dormitory'));
    // The excluded word in another form still excludes the document (жатақханаларындағы).
    expect(found(t, 'білім -жатақханалар')).toEqual(all.filter((key) => key !== 'dormitory'));
    expect(found(t, 'білім NOT тамақтандыру')).toEqual(all.filter((key) => key !== 'meals'));
    expect(found(t, 'білім -"тегін тамақтандыруды"')).toEqual(all.filter((key) => key !== 'meals'));
  });

  it('prefix* finds words that start with the prefix, also typed on a Russian keyboard', () => {
    expect(found(t, 'аттестатта*')).toEqual(['attestation']);
    expect(found(t, 'кеңес*')).toEqual(['councilExact', 'councilPlural', 'councilPossessive', 'law383']);
    expect(found(t, 'кенес*')).toEqual(['councilExact', 'councilPlural', 'councilPossessive', 'law383']);
    expect(found(t, 'кеңс*')).toEqual(['office']);
    expect(found(t, 'закон*')).toEqual(['decisionRu', 'law383ru']);
    expect(snippetsOf(t, run(t, 'кенес*'), 'councilPlural')).toContain('[кеңестердің]');
    expect(snippetsOf(t, run(t, 'аттестатта*'), 'attestation')).toContain('[аттестаттаудан]');
  });

  it('a query of exclusions alone finds nothing, with a warning', () => {
    const response = run(t, '-кеңес');
    expect(response.total).toBe(0);
    expect(response.hits).toEqual([]);
    expect(response.warnings).toContain('ONLY_EXCLUSIONS');
    expect(run(t, '-кеңес -заң').total).toBe(0);
  });

  it.each(['', ' ', '   \t\n ', '""', '«»', '-', '*', 'OR', 'AND NOT', '()'])('%j gives no results and no error', (query) => {
    const response = run(t, query);
    expect(response.total).toBe(0);
    expect(response.hits).toEqual([]);
    expect(response.query).toBe(query);
  });

  it('finds a word the index holds as several tokens (іс-шаралардың, 02.11.2015)', () => {
    expect(found(t, 'іс шаралардың')).toEqual(['measures']);
    expect(found(t, 'іс-шаралардың')).toEqual(['measures']);
    // The text's date, and the two laws whose own document date it is (issue 13, point 3).
    expect(found(t, '02.11.2015')).toEqual(['law383', 'law383ru', 'measures']);
    expect(found(t, '"іс-шаралардың орындалуы"')).toEqual(['measures']);
    expect(found(t, 'жилищно-коммунального')).toEqual(['controlRu']);
  });

  it('applies -exclusions when the rest of the query is filters only (kind:order -жатақхана)', () => {
    const orders = keysWhere((spec) => spec.kind === 'order');
    expect(found(t, 'kind:order')).toEqual(orders);
    expect(found(t, 'kind:order -жатақхана')).toEqual(orders.filter((key) => key !== 'dormitory'));
  });
});

// ---- Filters ----------------------------------------------------------------------------------------

describe('search: filters', () => {
  let t: TestArchive;
  beforeAll(async () => {
    t = await mainArchive();
  });

  it('kind:, lang:, year: and from:/to: alone list exactly the documents with that metadata', () => {
    expect(found(t, 'kind:order')).toEqual(keysWhere((s) => s.kind === 'order'));
    expect(found(t, 'kind:бұйрық')).toEqual(keysWhere((s) => s.kind === 'order'));
    expect(found(t, 'вид:приказ')).toEqual(keysWhere((s) => s.kind === 'order'));
    expect(found(t, 'kind:order,decision')).toEqual(keysWhere((s) => s.kind === 'order' || s.kind === 'decision'));
    expect(found(t, 'lang:ru')).toEqual(keysWhere((s) => s.lang === 'ru'));
    expect(found(t, 'тіл:қазақша')).toEqual(keysWhere((s) => s.lang === 'kk'));
    expect(found(t, 'year:2016')).toEqual(keysWhere((s) => s.date?.startsWith('2016') ?? false));
    expect(found(t, 'year:2015-2016')).toEqual(keysWhere((s) => /^201[56]/.test(s.date ?? '')));
    const in2016 = keysWhere((s) => s.date !== null && s.date >= '2016-01-01' && s.date <= '2016-12-31');
    expect(in2016.length).toBeGreaterThan(1);
    expect(found(t, 'from:2016-01-01 to:2016-12-31')).toEqual(in2016);
    expect(found(t, 'from:01.01.2016 to:31.12.2016')).toEqual(in2016);
    expect(found(t, 'from:2016-01-23 to:2016-04-13')).toEqual(['attestation', 'mealsRu']);
  });

  it('filters narrow a word query', () => {
    expect(found(t, 'білім')).toEqual(expect.arrayContaining(['attestation', 'dormitory', 'meals']));
    expect(found(t, 'білім year:2016')).toEqual(['attestation', 'dormitory']);
    expect(found(t, 'білім kind:order from:2017-01-01')).toEqual(['meals']);
    expect(found(t, 'кеңес kind:law')).toEqual(['law383']);
    expect(found(t, 'кеңес lang:ru')).toEqual([]);
  });

  it('issuer: matches a word of the issuer, in any form', () => {
    const ministry = keysWhere((s) => s.issuer === MINISTRY_KK);
    expect(ministry).toHaveLength(3);
    expect(found(t, 'issuer:министрлігі')).toEqual(ministry);
    expect(found(t, 'issuer:министрлік')).toEqual(ministry);
    expect(found(t, 'issuer:министрлигі')).toEqual(ministry);
    expect(found(t, 'issuer:"облыстық мәслихаты"')).toEqual(keysWhere((s) => s.issuer === MASLIKHAT_KK));
    // A Russian-keyboard word finds the Kazakh issuer (мәслихаты) and the Russian one alike.
    expect(found(t, 'issuer:маслихат')).toEqual(keysWhere((s) => s.issuer === MASLIKHAT_RU || s.issuer === MASLIKHAT_KK));
    expect(found(t, 'issuer:мәслихаты lang:ru')).toEqual(keysWhere((s) => s.issuer === MASLIKHAT_RU));
    expect(found(t, 'issuer:министерство')).toEqual(['mealsRu']);
    expect(found(t, 'issuer:министрлігі білім')).toEqual(ministry);
  });

  it('number: matches however the number is spaced or prefixed', () => {
    const both = ['law383', 'law383ru'];
    expect(found(t, 'number:383-V')).toEqual(both);
    expect(found(t, 'number:383-v')).toEqual(both);
    expect(found(t, 'number:"N 383-V"')).toEqual(both);
    expect(found(t, 'number:№383-V')).toEqual(both);
    expect(found(t, 'number:"№383-V ҚРЗ"')).toEqual(['law383']);
    expect(found(t, 'number:"383-V ҚРЗ"')).toEqual(['law383']);
    expect(found(t, 'нөмір:"№ 383-V ЗРК"')).toEqual(['law383ru']);
    expect(found(t, 'number:6-38')).toEqual(['decisionKk', 'decisionRu']);
    expect(found(t, 'number:"№ 6-38"')).toEqual(['decisionKk', 'decisionRu']);
    // The letter numbered plain 383 is not 383-V.
    expect(found(t, 'number:383')).toEqual(['law383', 'law383ru', 'letter']);
  });

  it('request-level filters combine with the query filters', () => {
    expect(found(t, 'kind:order', { langs: ['ru'] })).toEqual(['mealsRu']);
    expect(found(t, 'lang:kk', { kinds: ['decision'] })).toEqual(['councilPlural', 'decisionKk']);
    expect(found(t, 'year:2016', { kinds: ['order'], langs: ['kk'] })).toEqual(['attestation', 'dormitory']);
    expect(found(t, 'білім', { from: '2016-03-01' })).toEqual(['attestation', 'meals']);
    expect(found(t, 'білім', { to: '2016-12-31' })).toEqual(['attestation', 'dormitory']);
    expect(found(t, 'from:2016-01-01', { to: '2016-03-01' })).toEqual(['dormitory', 'mealsRu']);
    // Both bounds given twice: the narrower wins.
    expect(found(t, 'from:2015-01-01 to:2016-12-31', { from: '2016-02-01', to: '2020-12-31' })).toEqual(['attestation', 'mealsRu']);
    expect(found(t, 'kind:order', { kinds: ['order'], langs: ['kk'], from: '2016-01-01', to: '2016-01-31' })).toEqual(['dormitory']);
  });

  it('a bad filter value is reported and does not throw', () => {
    const response = run(t, 'кеңес year:20166 kind:nonsense');
    expect(response.warnings).toContain('BAD_FILTER_VALUE');
    expect(matching(response).map((h) => t.keyOf.get(h.id)).sort()).toEqual(['councilExact', 'councilPlural', 'councilPossessive', 'law383']);
  });
});

// ---- Ranking ----------------------------------------------------------------------------------------

describe('search: ranking', () => {
  let t: TestArchive;
  // Three texts of the same length that differ only in the form of one word; a document with the
  // word in its title and one with it in the body; unrelated texts so that IDF means something.
  const RANKING: DocSpec[] = [
    { key: 'exact', text: 'Мәслихат сессиясы шешім қабылдады және оны жариялауды тапсырды.', title: 'Сессия нәтижесі бір', kind: 'decision', lang: 'kk', date: '2020-01-01' },
    { key: 'inflected', text: 'Мәслихат сессиясы шешімін қабылдады және оны жариялауды тапсырды.', title: 'Сессия нәтижесі екі', kind: 'decision', lang: 'kk', date: '2020-01-01' },
    // Typed on a Russian keyboard: і → и.
    { key: 'folded', text: 'Мәслихат сессиясы шешим қабылдады және оны жариялауды тапсырды.', title: 'Сессия нәтижесі үш', kind: 'decision', lang: 'kk', date: '2020-01-01' },
    { key: 'inTitle', text: 'Орындар білім алушыларға конкурс негізінде бөлінеді.', title: 'Жатақхана орындарын бөлу қағидалары', kind: 'order', lang: 'kk', date: '2016-01-22' },
    { key: 'inBody', text: 'Білім алушыларға жатақхана орындары конкурс негізінде бөлінеді.', title: 'Орындарды бөлу қағидалары', kind: 'order', lang: 'kk', date: '2016-01-22' },
    ...MAIN.filter((spec) => ['councilExact', 'councilPossessive', 'office', 'newspaper', 'decisionRu', 'controlRu', 'attestation', 'letter', 'law383', 'law383ru'].includes(spec.key)),
  ];

  beforeAll(async () => {
    t = await buildArchive(RANKING);
  });
  afterAll(async () => {
    await t.archive.close();
  });

  it('exact form above inflected form above folded form', () => {
    expect(ranked(t, 'шешім')).toEqual(['exact', 'inflected', 'folded']);
    const scores = run(t, 'шешім').hits.map((hit) => hit.score);
    expect(scores[0]!).toBeGreaterThan(scores[1]!);
    expect(scores[1]!).toBeGreaterThan(scores[2]!);
  });

  it('the inflected form typed as a query puts its own exact match first', () => {
    expect(ranked(t, 'шешімін')[0]).toBe('inflected');
  });

  it('a title match ranks above a body-only match', () => {
    expect(ranked(t, 'жатақхана')).toEqual(['inTitle', 'inBody']);
    expect(ranked(t, 'жатакхана')).toEqual(['inTitle', 'inBody']);
  });

  it('scores are finite, positive and non-increasing in relevance order', () => {
    for (const query of ['шешім', 'кеңес', 'білім', 'жатақхана OR кеңес', '"қоғамдық кеңес"']) {
      const scores = run(t, query).hits.map((hit) => hit.score);
      expect(scores.length, query).toBeGreaterThan(0);
      for (const score of scores) expect(Number.isFinite(score) && score > 0, `${query}: ${score}`).toBe(true);
      expect([...scores].sort((a, b) => b - a), query).toEqual(scores);
    }
  });
});

// ---- Results: pages, sorting, pagination, facets ---------------------------------------------------------

describe('search: results', () => {
  let t: TestArchive;
  let pdf: TestArchive;
  beforeAll(async () => {
    t = await mainArchive();
    pdf = await buildArchive([MAIN[0]!, MAIN[1]!]);
    const summary = await pdf.archive.importPaths([path.join(FIXTURES_DIR, 'import/kk-order-110.pdf')], {
      onFile: (result) => {
        if (result.id) {
          pdf.keyOf.set(result.id, 'order110');
          pdf.idOf.set('order110', result.id);
        }
      },
    });
    expect(summary.imported).toBe(1);
  });
  afterAll(async () => {
    await pdf.archive.close();
  });

  it('a multi-page PDF lists the page a word is on', () => {
    // "өзгермейді" and "жазылсын" are only on page 2; "тіркелді" only on page 1.
    for (const query of ['өзгермейді', 'жазылсын', 'редакцияда', '"орыс тілінде"']) {
      const response = run(pdf, query);
      expect(response.hits.map((h) => pdf.keyOf.get(h.id)), query).toEqual(['order110']);
      expect(response.hits[0]!.pages.map((p) => p.page), query).toEqual([2]);
    }
    const first = run(pdf, 'тіркелді');
    expect(first.hits[0]!.pages.map((p) => p.page)).toEqual([1]);
    expect(first.hits[0]!.pages[0]!.snippet).toContain('[тіркелді]');
    const page2 = run(pdf, 'өзгермейді').hits[0]!.pages[0]!.snippet;
    expect(page2).toContain('мәтін [өзгермейді]');
  });

  it('the number 11 does not match 1 (doubled digits stay in loose forms)', () => {
    expect(run(pdf, '11').hits[0]!.pages.map((p) => p.page)).toEqual([2]);
    expect(run(pdf, '"11 және 12"').hits[0]!.pages.map((p) => p.page)).toEqual([2]);
  });

  it('a word on both pages lists both, best first, each once', () => {
    const response = run(pdf, 'академиялық демалыстар');
    const pages = response.hits[0]!.pages.map((p) => p.page);
    expect([...pages].sort()).toEqual([1, 2]);
    expect(run(pdf, 'академиялық', { pagesPerHit: 1 }).hits[0]!.pages).toHaveLength(1);
    expect(response.hits[0]!.pageCount).toBe(2);
  });

  it("sort: 'date' orders by date, newest first", () => {
    for (const query of ['кеңес', 'lang:kk', 'білім OR закон OR кеңес']) {
      const hits = run(t, query, { sort: 'date' }).hits;
      expect(hits.length, query).toBeGreaterThan(2);
      const dates = hits.map((h) => h.date ?? '');
      expect(dates, query).toEqual([...dates].sort().reverse());
    }
    expect(ranked(t, 'кеңес', { sort: 'date' })).toEqual(['councilPlural', 'councilExact', 'councilPossessive', 'law383']);
  });

  it('pages of results are disjoint, in order, and cover total', () => {
    for (const [query, extra] of [
      ['lang:kk', {}],
      ['білім OR кеңес OR закон OR туралы', {}],
      ['білім OR кеңес OR закон OR туралы', { sort: 'date' as const }],
    ] as Array<[string, Partial<SearchRequest>]>) {
      const all = run(t, query, extra);
      expect(all.total, query).toBeGreaterThan(5);
      expect(all.hits).toHaveLength(all.total);
      const paged: string[] = [];
      for (let offset = 0; offset < all.total + 3; offset += 3) {
        const page = t.archive.search({ query, ...extra, limit: 3, offset });
        expect(page.total, `${query} @${offset}`).toBe(all.total);
        expect(page.hits.length).toBe(Math.max(0, Math.min(3, all.total - offset)));
        paged.push(...page.hits.map((h) => h.id));
      }
      expect(new Set(paged).size).toBe(paged.length);
      expect(paged).toEqual(all.hits.map((h) => h.id));
    }
  });

  it('limit and offset are clamped, not trusted', () => {
    const all = run(t, 'lang:kk');
    expect(t.archive.search({ query: 'lang:kk', limit: 0 }).hits).toHaveLength(1);
    expect(t.archive.search({ query: 'lang:kk', limit: -5, offset: -5 }).hits).toHaveLength(1);
    expect(t.archive.search({ query: 'lang:kk', limit: Number.NaN }).hits.length).toBeGreaterThan(0);
    expect(t.archive.search({ query: 'lang:kk', offset: 10_000 }).hits).toEqual([]);
    expect(t.archive.search({ query: 'lang:kk', offset: 10_000 }).total).toBe(all.total);
  });

  it('facet counts cover the whole result set, not just the page shown', () => {
    // Queries with no kind/lang/year/issuer filter (a facet ignores its own filter: next test).
    for (const query of ['білім OR кеңес OR закон OR туралы', 'from:2015-01-01', 'республикасы OR закон']) {
      const all = run(t, query).hits;
      const one = t.archive.search({ query, limit: 1 });
      expect(one.hits).toHaveLength(1);
      expect(one.total).toBe(all.length);
      const count = (values: Array<string | null>) => {
        const map = new Map<string, number>();
        for (const v of values) if (v !== null) map.set(v, (map.get(v) ?? 0) + 1);
        return [...map.entries()].map(([value, n]) => ({ value, count: n })).sort((a, b) => a.value.localeCompare(b.value));
      };
      const sorted = (facet: Array<{ value: string; count: number }>) => [...facet].sort((a, b) => a.value.localeCompare(b.value));
      expect(sorted(one.facets.kind), query).toEqual(count(all.map((h) => h.kind)));
      expect(sorted(one.facets.lang), query).toEqual(count(all.map((h) => h.lang)));
      expect(sorted(one.facets.year), query).toEqual(count(all.map((h) => h.date?.slice(0, 4) ?? null)));
      expect(sorted(one.facets.issuer), query).toEqual(count(all.map((h) => h.issuer)));
    }
  });

  it("a facet's own filter does not hide its other values (disjunctive counts)", () => {
    const base = run(t, 'білім OR кеңес OR закон');
    const kindCount = (r: SearchResponse, kind: string) => r.facets.kind.find((f) => f.value === kind)?.count ?? 0;
    const langCount = (r: SearchResponse, lang: string) => r.facets.lang.find((f) => f.value === lang)?.count ?? 0;
    const yearCount = (r: SearchResponse, year: string) => r.facets.year.find((f) => f.value === year)?.count ?? 0;

    const orders = run(t, 'білім OR кеңес OR закон kind:order');
    expect(orders.total).toBe(kindCount(base, 'order'));
    expect(orders.hits.every((h) => h.kind === 'order')).toBe(true);
    // The kind facet still shows every kind of the unfiltered query, with the same counts…
    expect(orders.facets.kind).toEqual(base.facets.kind);
    // …while the other facets count only the orders.
    expect(orders.facets.lang.reduce((sum, f) => sum + f.count, 0)).toBe(orders.total);

    const russian = run(t, 'білім OR кеңес OR закон lang:ru');
    expect(russian.total).toBe(langCount(base, 'ru'));
    expect(russian.facets.lang).toEqual(base.facets.lang);
    expect(langCount(russian, 'kk')).toBeGreaterThan(0);

    const y2016 = run(t, 'білім OR кеңес OR закон year:2016');
    expect(y2016.total).toBe(yearCount(base, '2016'));
    expect(y2016.facets.year).toEqual(base.facets.year);

    const ministry = run(t, 'білім OR кеңес OR закон issuer:министрлігі');
    expect(ministry.facets.issuer).toEqual(base.facets.issuer);
    expect(ministry.total).toBe(base.facets.issuer.find((f) => f.value === MINISTRY_KK)?.count);

    // Two facets at once: each facet is counted with the other's filter only.
    const both = run(t, 'білім OR кеңес OR закон kind:order lang:kk');
    expect(both.facets.kind).toEqual(run(t, 'білім OR кеңес OR закон lang:kk').facets.kind);
    expect(both.facets.lang).toEqual(orders.facets.lang);
  });

  it('facets of a query with no results are empty or count only the other values', () => {
    const none = run(t, 'кеңес kind:order');
    expect(none.total).toBe(0);
    expect(none.hits).toEqual([]);
    // кеңес matches a protocol, a decision, a report and a law: the kind facet offers them.
    expect(none.facets.kind.map((f) => f.value).sort()).toEqual(['decision', 'law', 'protocol', 'report']);
  });

  it('a hit carries the document summary', () => {
    const hit = run(t, 'number:"383-V ҚРЗ"').hits[0]!;
    const spec = specOf('law383');
    expect(hit).toMatchObject({ kind: 'law', lang: 'kk', date: spec.date, number: spec.number, issuer: spec.issuer, title: spec.title, pageCount: 1, file: 'law383.txt' });
  });
});

// ---- The index stays current -------------------------------------------------------------------------

describe('search: the index stays current', () => {
  let t: TestArchive;
  const QUERIES = ['кеңес', 'кенес', 'keñes', 'Қазақстан Республикасы', 'закон', '"әлеуметтік маңызы"', 'білім -жатақхана', 'аттестатта*', 'kind:order', 'number:383-V', 'issuer:министрлігі білім'];
  const snapshot = (): unknown[] =>
    QUERIES.map((query) => {
      const r = run(t, query);
      return { query, total: r.total, hits: r.hits.map((h) => ({ key: t.keyOf.get(h.id), score: h.score, pages: h.pages })), facets: r.facets };
    });

  beforeAll(async () => {
    t = await buildArchive(MAIN.slice(0, 8));
  });
  afterAll(async () => {
    await t.archive.close();
  });

  it('a document imported after a search is found by the next search', async () => {
    expect(found(t, 'законами')).toEqual(['law383ru']);
    expect(found(t, 'тамақтандыру')).toEqual([]);
    const before = run(t, 'lang:kk').total;
    await importSpecs(t, MAIN.filter((spec) => ['decisionRu', 'meals', 'attestation'].includes(spec.key)));
    expect(found(t, 'законами')).toEqual(['decisionRu', 'law383ru']);
    expect(found(t, 'тамақтандыру')).toEqual(['meals']);
    expect(run(t, 'lang:kk').total).toBe(before + 2);
    expect(run(t, 'lang:kk').facets.kind.find((f) => f.value === 'order')?.count).toBe(3);
  });

  it('reindex() gives identical results', () => {
    const before = snapshot();
    const progress: Array<[number, number]> = [];
    const result = t.archive.reindex((done, total) => progress.push([done, total]));
    expect(result.documents).toBe(t.keyOf.size);
    expect(progress.at(-1)).toEqual([t.keyOf.size, t.keyOf.size]);
    expect(snapshot()).toEqual(before);
  });

  it('an index made by another analyzer version is rebuilt at open and finds everything', async () => {
    const before = snapshot();
    const storedVersion = (archive: Archive): unknown => archive.context.db.prepare("SELECT value FROM archive_meta WHERE key = 'analyzer_version'").pluck().get();
    const current = storedVersion(t.archive);
    // The stored version names this analyzer (the index format may be appended to it).
    expect(current).toEqual(expect.stringContaining(ANALYZER_VERSION));
    await t.archive.close();

    // An older analyzer's index: a different version, and (to prove it is rebuilt, not just
    // relabelled) no passages at all.
    const raw = openSqlite(path.join(t.dataDir, ARCHIVE_DB_FILE));
    raw.prepare("UPDATE archive_meta SET value = 'muragat-analyzer/0 (old)' WHERE key = 'analyzer_version'").run();
    raw.prepare("INSERT INTO search_fts (search_fts) VALUES ('delete-all')").run();
    raw.prepare('DELETE FROM search_chunks').run();
    raw.close();

    const onIndexRebuild = vi.fn();
    t.archive = await openArchive({ dataDir: t.dataDir, extractWorkers: 2, onIndexRebuild });
    expect(onIndexRebuild).toHaveBeenCalled();
    expect(onIndexRebuild).toHaveBeenLastCalledWith(t.keyOf.size, t.keyOf.size);
    expect(storedVersion(t.archive)).toBe(current);
    expect(snapshot()).toEqual(before);

    // Reopening a current index does not rebuild it.
    await t.archive.close();
    const again = vi.fn();
    t.archive = await openArchive({ dataDir: t.dataDir, extractWorkers: 2, onIndexRebuild: again });
    expect(again).not.toHaveBeenCalled();
    expect(snapshot()).toEqual(before);
  });
});
