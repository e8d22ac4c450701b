/**
 * Abbreviations, learned abbreviations and the kk ↔ ru dictionary in a real archive
 * (docs/ARCHITECTURE.md §6.3): text files imported through the real pipeline (workers, commit,
 * index), then searched with `archive.search`.
 *
 * Texts: the Almaty oblast maslikhat decision No. 6-38 of 14 September 2023 (kk), from the shared
 * corpus when present; the Law "On the use of atomic energy" No. 442-V (editorial notes citing
 * "Закона РК") and the sanitary rules approved by order No. ҚР ДСМ-275/2020 of the Minister of
 * Health (its definitions "(далее – ПГП)"), quoted below. Two one-line texts that use the rules'
 * terms without defining them are written for the test.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../../../electron/core/archive';
import { deleteDocuments } from '../../../electron/core/documents/edit';
import { findAbbreviationDefinitions } from '../../../electron/core/search/learned-abbreviations';
import type { SearchHit } from '../../../shared/domain/search';

const CORPUS = process.env.MURAGAT_CORPUS ?? '/work/shared/corpus';
const MASLIKHAT_KK = path.join(CORPUS, 'text/kk-ru_almaty-oblast-maslikhat-decision-2023-6-38/kaz.md');

const ATOMIC_LAW_NOTES = [
  'Подпункт 1 изложен в редакции Закона РК от 25.02.21 г. № 12-VIІ (см. стар. ред.)',
  'Статья дополнена подпунктом 1-1 в соответствии с Законом РК от 14.05.20 г. № 329-VI',
  'Подпункт 5 изложен в редакции Закона РК от 25.02.21 г. № 12-VIІ (см. стар. ред.)',
].join('\n');

const ATOMIC_LAW_ARTICLE = 'Статья 2. Законодательство Республики Казахстан в области использования атомной энергии';

const SANITARY_DEFINITIONS = [
  '4) уровень вмешательства (далее – УВ) – величина предотвращаемой дозы, при достижении которой, в случаях возникновения ситуаций хронического или аварийного облучения, принимаются защитные или послеаварийные меры;',
  '20) предел годового поступления (далее – ПГП) – допустимый уровень поступления данного радионуклида в организм в течение года, который при монофакторном воздействии приводит к облучению условного человека ожидаемой дозой, равной соответствующему пределу годовой дозы.',
].join('\n');
const USES_SHORT = 'Значения ПГП радионуклидов для персонала группы А приведены в приложении к протоколу.';
const USES_FULL = 'Предела годового поступления радионуклида в организм персонал не превышал.';

const folders: string[] = [];
let archive: Archive;
const ids = new Map<string, string>();

async function importText(key: string, text: string, lang: 'kk' | 'ru', title: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-abbr-src-'));
  folders.push(dir);
  const file = path.join(dir, `${key}.txt`);
  fs.writeFileSync(file, text, 'utf8');
  await archive.importPaths([file], {
    overrides: { kind: 'order', title, lang, date: '2020-12-15', number: null, issuer: null },
    onFile: (result) => {
      if (result.status !== 'imported' || !result.id) throw new Error(`${key}: ${result.status}`);
      ids.set(key, result.id);
    },
  });
}

function hitOf(query: string, key: string): SearchHit | undefined {
  return archive.search({ query, limit: 50 }).hits.find((hit) => hit.id === ids.get(key));
}

/** Found, and for all of the query: no word reported missing (a partial match is not the point). */
function foundWhole(query: string, key: string): boolean {
  const hit = hitOf(query, key);
  return hit !== undefined && ((hit as { missing?: string[] }).missing ?? []).length === 0;
}

function learnedRows(): Array<{ short: string; full: string; count: number }> {
  return archive.context.db.prepare('SELECT short, full, count FROM learned_abbreviations ORDER BY short, full').all() as Array<{ short: string; full: string; count: number }>;
}

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-abbr-'));
  folders.push(dir);
  archive = await openArchive({ dataDir: path.join(dir, 'archive'), extractWorkers: 2 });
  await importText('atomicLaw', ATOMIC_LAW_NOTES, 'ru', 'Закон об использовании атомной энергии');
  await importText('atomicLawArticle', ATOMIC_LAW_ARTICLE, 'ru', 'Закон об использовании атомной энергии, статья 2');
  await importText('definitions', SANITARY_DEFINITIONS, 'ru', 'Санитарные правила');
  await importText('usesShort', USES_SHORT, 'ru', 'Протокол измерений');
  await importText('usesFull', USES_FULL, 'ru', 'Справка');
  if (fs.existsSync(MASLIKHAT_KK)) await importText('maslikhatKk', fs.readFileSync(MASLIKHAT_KK, 'utf8'), 'kk', 'Әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы');
}, 120_000);

afterAll(async () => {
  await archive?.close();
  for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
});

describe('built-in abbreviations in search', () => {
  it('"Республики Казахстан" finds an act that writes "Закона РК"', () => {
    expect(foundWhole('Статья дополнена подпунктом Республики Казахстан', 'atomicLaw')).toBe(true);
    expect(foundWhole('изложен в редакции Закона Республики Казахстан', 'atomicLaw')).toBe(true);
  });

  it('ҚР, a Kazakh abbreviation, finds a Russian act that writes "Республики Казахстан" (its full form analysed as Russian)', () => {
    expect(foundWhole('ҚР законодательство атомной энергии', 'atomicLawArticle')).toBe(true);
  });

  it.skipIf(!fs.existsSync(MASLIKHAT_KK))('ҚР (typed as КР too) finds "Қазақстан Республикасы Қорғаныс министрлігінің" in the maslikhat decision', () => {
    expect(foundWhole('ҚР Қорғаныс министрлігі', 'maslikhatKk')).toBe(true);
    expect(foundWhole('КР Корганыс министрлигі', 'maslikhatKk')).toBe(true);
    expect(foundWhole('ҚР Заңы автомобиль көлігі туралы', 'maslikhatKk')).toBe(true);
  });

  it('a long query full of abbreviations still answers (its time is printed; the search bench measures speed)', () => {
    const query =
      'ҚР БҒМ ТжКБ ТиПО ЖОО вуз ҰБТ НҚА НПА МИО ЖАО ҚРЗ ЗРК ПП РК ТЖМ МЧС ДСМ ІІМ МВД ҚМ МФ АШМ МСХ АПК КР МОН Республики Казахстан решение маслихата приказ';
    expect(query.split(' ')).toHaveLength(32);
    archive.search({ query: 'прогрев', limit: 20 });
    const started = performance.now();
    const response = archive.search({ query, limit: 20 });
    const ms = performance.now() - started;
    console.log(`32-word query of abbreviations: ${ms.toFixed(1)} ms, ${response.total} results`);
    expect(response.warnings).not.toContain('INTERNAL');
  });
});

describe.skipIf(!fs.existsSync(MASLIKHAT_KK))('kk ↔ ru dictionary in search', () => {
  it('a Russian query finds the Kazakh decision through the dictionary (решение → шешім)', () => {
    expect(foundWhole('решение маслихата Алматы', 'maslikhatKk')).toBe(true);
  });
});

describe('finding the definitions in a text', () => {
  const learned = (text: string) => findAbbreviationDefinitions([text]).map((d) => `${d.short}=${d.full}`);

  it('reads the Kazakh and Russian ways of defining, and a bare parenthesis', () => {
    expect(learned('Қазақстан Республикасы Білім және ғылым министрлігі (бұдан әрі – ҚР БҒМ) бекітеді.')).toEqual(['ҚР БҒМ=қазақстан республикасы білім және ғылым министрлігі']);
    expect(learned('организации технического и профессионального образования (далее по тексту - ТиПО)')).toEqual(['ТиПО=технического и профессионального образования']);
    expect(learned('жоғары оқу орындары (бұдан әрі - «ЖОО»)')).toEqual(['ЖОО=жоғары оқу орындары']);
    expect(learned('Министерство образования и науки (МОН) утверждает')).toEqual(['МОН=министерство образования и науки']);
    expect(learned('высшее учебное заведение (далее – вуз)')).toEqual(['вуз=высшее учебное заведение']);
  });

  it('learns no word defined as itself, no Roman numeral, nothing across a sentence', () => {
    expect(learned('Қазақстан Республикасы Білім және ғылым министрлігі (бұдан әрі – Министрлік)')).toEqual([]);
    expect(learned('Правила организации работы (далее – Правила)')).toEqual([]);
    expect(learned('сессиясының шешімі Ведомость изменений (VI)')).toEqual([]);
    expect(learned('Органы местные. Исполнительные органы (далее – МИО)')).toEqual([]);
  });

  it('stays fast on a hostile text of many long parentheses', () => {
    const text = `${'а и б и в и г и д и е и ж и з '.repeat(3)}(далее – АБВГДЕЖЗИК) `.repeat(2000);
    const started = performance.now();
    findAbbreviationDefinitions([text]);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('abbreviations learned from documents', () => {
  it('learns "(далее – ПГП)" and "(далее – УВ)" from the sanitary rules, and not a word defined as itself', () => {
    expect(learnedRows()).toEqual([
      { short: 'ПГП', full: 'предел годового поступления', count: 1 },
      { short: 'УВ', full: 'уровень вмешательства', count: 1 },
    ]);
  });

  it('finds a document by the full form of an abbreviation it only uses, and the reverse', () => {
    expect(foundWhole('предел годового поступления', 'usesShort')).toBe(true);
    expect(foundWhole('ПГП', 'usesFull')).toBe(true);
    expect(foundWhole('ПГП', 'definitions')).toBe(true);
  });

  it('keeps the table true through a rebuild of the index, and forgets a deleted document\'s definitions', () => {
    const before = learnedRows();
    const version = () => archive.context.db.prepare("SELECT value FROM archive_meta WHERE key = 'learned_abbreviations_version'").pluck().get();
    const versionBefore = version();
    archive.reindex();
    expect(learnedRows()).toEqual(before);
    // Nothing changed in the texts: the rows stay as they were (no reload of the query side).
    expect(version()).toBe(versionBefore);
    deleteDocuments(archive.context, [ids.get('definitions')!]);
    expect(learnedRows()).toEqual([]);
    expect(hitOf('ПГП', 'usesFull')).toBeUndefined();
    archive.reindex();
    expect(learnedRows()).toEqual([]);
  });
});
