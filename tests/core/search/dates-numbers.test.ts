/**
 * Dates and numbers typed in any written form (issue 13, points 3 and 4; docs/ARCHITECTURE.md §6):
 * real act text is imported through the real pipeline into a real archive and searched with
 * `archive.search`. A date typed as `13.11.2018` finds `2018 жылғы 13 қарашадағы` and `13 ноября
 * 2018 года` in the text, and a document dated so whose text writes the date nowhere; `6/38` finds
 * `№ 6-38`, `410-V ҚРЗ` finds `№ 410-V ЗРК`, a licence number printed in groups finds it written
 * whole. Another day or a longer number finds nothing.
 *
 * Texts: excerpts of the Almaty oblast maslikhat decision No. 6-38 of 14 September 2023 (kk/ru),
 * the state licence No. KZ27LAA00028039 of 15 April 2021 (kk), citations of the Law "On combating
 * corruption" No. 410-V of 18 November 2015 (kk/ru), the Enbekshikazakh district maslikhat
 * decision No. 30-2 of 7 April 2014 (ru). With ../shared/corpus present, the whole decision 6-38.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../electron/core/archive';
import { updateDocument } from '../../../electron/core/documents/edit';
import type { KindCode, LanguageCode } from '../../../shared/domain/kinds';
import type { SearchResponse } from '../../../shared/domain/search';

interface DocSpec {
  key: string;
  text: string;
  title: string;
  kind: KindCode;
  lang: LanguageCode;
  date: string | null;
  number: string | null;
}

const DOCS: readonly DocSpec[] = [
  {
    key: 'decisionKk',
    text:
      '2. Алматы облыстық мәслихатының 2018 жылғы 13 қарашадағы «Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы» № 37-204 (Нормативтік құқықтық актілерді мемлекеттік тіркеу тізілімінде № 4959 болып тіркелген) шешімінің күші жойылды деп танылсын.\n\n' +
      'Алматы облыстық мәслихатының 2023 жылғы 14 қыркүйектегі № 6-38 шешіміне қосымша',
    title: 'Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы',
    kind: 'decision',
    lang: 'kk',
    date: '2023-09-14',
    number: '6-38',
  },
  {
    key: 'decisionRu',
    text:
      '2. Признать утратившим силу решение Алматинского областного маслихата «Об определении перечня социально значимых сообщений в Алматинской области» от 13 ноября 2018 года № 37-204 (зарегистрировано в Реестре государственной регистрации нормативных правовых актов № 4959).\n\n' +
      'Приложение к решению маслихата Алматинской области от 14 сентября 2023 года № 6-38',
    title: 'Об определении перечня социально значимых сообщений в Алматинской области',
    kind: 'decision',
    lang: 'ru',
    date: '2023-09-14',
    number: '6-38',
  },
  {
    // The licence's own date (15.04.2021) is left out of the text: it is found by its document date.
    key: 'licence',
    text:
      'Лицензия\nБерілген\n№ KZ27LAA00028039\n"Қазтұтынуодағының Қостанай жоғары колледжі" мекемесі\n' +
      '110000, Қазақстан Республикасы, Қостанай облысы, Проспект Аль-Фараби, № 99 үй, БСН/ЖСН: 951240000797\n' +
      'Іс айналысуымен\nБілім беру қызметі',
    title: 'Лицензия',
    kind: 'other',
    lang: 'kk',
    date: '2021-04-15',
    number: 'KZ27LAA00028039',
  },
  {
    key: 'lawKk',
    text: 'Сыбайлас жемқорлыққа қарсы іс-қимыл туралы (Қазақстан Республикасының Заңы 2015 жылғы 18 қарашадағы № 410-V ҚРЗ).',
    title: 'Жұмыс жоспары',
    kind: 'plan',
    lang: 'kk',
    date: null,
    number: null,
  },
  {
    key: 'lawRu',
    text: 'Закон Республики Казахстан от 18 ноября 2015 года № 410-V ЗРК «О противодействии коррупции».',
    title: 'План работы',
    kind: 'plan',
    lang: 'ru',
    date: null,
    number: null,
  },
  {
    key: 'reglament',
    text: 'Решение Енбекшиказахского районного маслихата № 30-2 от 7 апреля 2014 года «Об утверждении Регламента маслихата».',
    title: 'Об утверждении Регламента маслихата',
    kind: 'decision',
    lang: 'ru',
    date: '2014-04-07',
    number: null,
  },
];

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'muragat-dates-numbers-'));
  folders.push(dir);
  return dir;
}

let archive: Archive;
const keyOf = new Map<string, string>();

async function importDoc(target: Archive, spec: DocSpec, keys: Map<string, string>): Promise<void> {
  const file = path.join(folder(), `${spec.key}.txt`);
  writeFileSync(file, spec.text, 'utf8');
  const summary = await target.importPaths([file], {
    overrides: { kind: spec.kind, title: spec.title, lang: spec.lang, date: spec.date, number: spec.number },
    onFile: (result) => {
      if (result.status !== 'imported' || !result.id) throw new Error(`${spec.key}: ${result.status} ${JSON.stringify(result.error)}`);
      keys.set(result.id, spec.key);
    },
  });
  expect(summary.imported, spec.key).toBe(1);
}

beforeAll(async () => {
  archive = await openArchive({ dataDir: path.join(folder(), 'archive'), extractWorkers: 1 });
  for (const spec of DOCS) await importDoc(archive, spec, keyOf);
}, 60_000);

afterAll(async () => {
  await archive?.close();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/**
 * Searched as typed (no closest-word correction: `6-380` must stay `6-380`); only documents
 * matching the whole query in their own language count as found (not those shown for part of
 * it or through the other language's words); a translation twin shown with a hit counts too.
 */
function run(target: Archive, query: string): SearchResponse {
  return target.search({ query, limit: 100, asTyped: true });
}

function foundIn(target: Archive, keys: ReadonlyMap<string, string>, query: string, withTwins = true): string[] {
  const hits = run(target, query).hits.filter((hit) => (hit.missing?.length ?? 0) === 0 && !hit.viaTranslation);
  const ids = hits.flatMap((hit) => [hit.id, ...(withTwins ? (hit.twins ?? []).map((twin) => twin.id) : [])]);
  return [...new Set(ids)].map((id) => keys.get(id) ?? id).sort();
}

function found(query: string): string[] {
  return foundIn(archive, keyOf, query);
}

describe('dates typed in any written form', () => {
  it('finds a date the text writes in words, typed in digits, words, Kazakh or Russian, any order', () => {
    // Both decisions cite the repealed decision of 13 November 2018: kk "2018 жылғы 13 қарашадағы",
    // ru "13 ноября 2018 года". No document is dated so.
    for (const query of ['13.11.2018', '13/11/2018', '13-11-2018', '2018-11-13', '2018.11.13', '13 ноября 2018 года', '13 НОЯБРЬ 2018 г.', '2018 жылғы 13 қараша', '2018 жылғы 13 қарашадағы', '13 қараша 2018 ж.', '13 qarasha 2018']) {
      expect(found(query), query).toEqual(['decisionKk', 'decisionRu']);
    }
  });

  it('finds a date written in Russian words, typed in digits or in Kazakh', () => {
    expect(found('7 апреля 2014 года')).toEqual(['reglament']);
    expect(found('07.04.2014')).toEqual(['reglament']);
    expect(found('2014 жылғы 7 сәуірдегі')).toEqual(['reglament']);
  });

  it('finds a document by its own date when its text does not write it', () => {
    // The licence's text has no date at all; its document date is 2021-04-15.
    for (const query of ['15.04.2021', '2021-04-15', '15 апреля 2021 года', '2021 жылғы 15 сәуір', '15 сәуірдегі 2021']) {
      expect(found(query), query).toEqual(['licence']);
    }
  });

  it('another day, a bare year, or an impossible date finds nothing it should not', () => {
    expect(found('14.11.2018')).toEqual([]);
    expect(found('13.11.2019')).toEqual([]);
    expect(found('13 декабря 2018')).toEqual([]);
    expect(found('31.02.2018')).toEqual([]);
    // A bare year is a word like any other: every text that writes 2018.
    expect(found('2018')).toEqual(['decisionKk', 'decisionRu']);
  });

  it('keeps the typed words: a date together with other words narrows to the documents holding both', () => {
    expect(foundIn(archive, keyOf, 'решение 13.11.2018', false)).toEqual(['decisionRu']);
    expect(foundIn(archive, keyOf, 'шешім 13.11.2018', false)).toEqual(['decisionKk']);
  });

  it('returns a sane snippet with the typed parts of the date marked', () => {
    const response = run(archive, '13.11.2018');
    const kk = response.hits.find((hit) => keyOf.get(hit.id) === 'decisionKk');
    const snippet = kk?.pages.map((page) => page.snippet).join(' ') ?? '';
    expect(snippet).toContain('жылғы');
    expect(snippet).toMatch(/\[2018\] жылғы \[13\] қарашадағы/);
    // No index token ever reaches what the user sees.
    expect(JSON.stringify(response)).not.toMatch(/dt2018|nr\d/);
  });
});

describe('numbers typed in any spelling', () => {
  it('finds № 6-38 typed six ways', () => {
    for (const query of ['6-38', '№ 6-38', '6/38', 'N6-38', 'N 6-38', '6\u201038', '№6/38']) {
      expect(found(query), query).toEqual(['decisionKk', 'decisionRu']);
    }
  });

  it('marks the number in the snippet where the text writes it another way', () => {
    const hit = run(archive, '6/38').hits.find((h) => keyOf.get(h.id) === 'decisionRu');
    expect(hit?.pages.map((page) => page.snippet).join(' ')).toContain('№ [6-38]');
  });

  it('a longer or shorter number is another number', () => {
    expect(found('6-380')).toEqual([]);
    expect(found('6/380')).toEqual([]);
    expect(found('37-20')).toEqual([]);
    expect(found('37/204')).toEqual(['decisionKk', 'decisionRu']);
  });

  it('finds a law number with the other language suffix and look-alike letters', () => {
    for (const query of ['410-V ЗРК', '410-V ҚРЗ', '410-В ҚРЗ', '№ 410-v зрк', '410-V']) {
      expect(found(query), query).toEqual(['lawKk', 'lawRu']);
    }
    expect(found('410-VI ЗРК')).toEqual([]);
  });

  it('finds N30-2 as № 30-2', () => {
    for (const query of ['N30-2', '№ 30-2', '30/2', 'No 30-2']) {
      expect(found(query), query).toEqual(['reglament']);
    }
  });

  it('finds a licence number and a BIN printed whole, typed in groups, and the reverse', () => {
    expect(found('KZ27 LAA 0002 8039')).toEqual(['licence']);
    expect(found('KZ27LAA00028039')).toEqual(['licence']);
    expect(found('kz27laa00028039')).toEqual(['licence']);
    expect(found('9512 4000 0797')).toEqual(['licence']);
    expect(found('KZ27 LAA 0002 8038')).toEqual([]);
  });

  it('a grouped code in a document is found typed whole', async () => {
    const other = await openArchive({ dataDir: path.join(folder(), 'archive'), extractWorkers: 1 });
    try {
      const keys = new Map<string, string>();
      await importDoc(other, { key: 'grouped', text: 'Лицензия № KZ27 LAA 0002 8039 берілген', title: 'Лицензия', kind: 'other', lang: 'kk', date: null, number: null }, keys);
      for (const query of ['KZ27LAA00028039', 'KZ27 LAA 0002 8039']) {
        expect(foundIn(other, keys, query), query).toEqual(['grouped']);
      }
    } finally {
      await other.close();
    }
  });
});

describe('the document date and number follow edits and rebuilds', () => {
  it('a corrected date or number is found at once, the old one no more; a rebuilt index keeps them', async () => {
    const other = await openArchive({ dataDir: path.join(folder(), 'archive'), extractWorkers: 1 });
    try {
      const keys = new Map<string, string>();
      const spec = DOCS.find((doc) => doc.key === 'licence')!;
      await importDoc(other, spec, keys);
      const id = [...keys.keys()][0]!;
      const ids = (query: string): string[] => foundIn(other, keys, query);
      expect(ids('15.04.2021')).toEqual(['licence']);
      updateDocument(other.context, id, { date: '2021-04-16', number: '12/7' });
      expect(ids('15.04.2021')).toEqual([]);
      expect(ids('16 апреля 2021')).toEqual(['licence']);
      expect(ids('12-7')).toEqual(['licence']);
      other.reindex();
      expect(ids('2021 жылғы 16 сәуір')).toEqual(['licence']);
      expect(ids('N12-7')).toEqual(['licence']);
    } finally {
      await other.close();
    }
  });
});

const CORPUS = process.env.MURAGAT_CORPUS ?? '/work/shared/corpus';
const DECISION = path.join(CORPUS, 'text/kk-ru_almaty-oblast-maslikhat-decision-2023-6-38');

describe.skipIf(!existsSync(DECISION))('corpus: the whole decision 6-38 (kk and ru)', () => {
  it('finds both language versions by their date and number typed any way', async () => {
    const target = await openArchive({ dataDir: path.join(folder(), 'archive'), extractWorkers: 1 });
    try {
      const keys = new Map<string, string>();
      for (const [key, file, lang] of [['kk', 'kaz.md', 'kk'], ['ru', 'rus.md', 'ru']] as const) {
        const text = readFileSync(path.join(DECISION, file), 'utf8');
        await importDoc(target, { key, text, title: key, kind: 'decision', lang, date: null, number: null }, keys);
      }
      const keysOf = (query: string): string[] => foundIn(target, keys, query);
      // The text writes "2023 жылғы 14 қыркүйектегі" and "14 сентября 2023 года".
      for (const query of ['14.09.2023', '2023-09-14', '14 сентября 2023', '2023 жылғы 14 қыркүйек', '14/09/2023']) expect(keysOf(query), query).toEqual(['kk', 'ru']);
      for (const query of ['6/38', 'N6-38', '№ 6-38']) expect(keysOf(query), query).toEqual(['kk', 'ru']);
      expect(keysOf('15.09.2023')).toEqual([]);
      expect(keysOf('6-380')).toEqual([]);
    } finally {
      await target.close();
    }
  }, 60_000);
});
