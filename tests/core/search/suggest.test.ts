import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../../electron/core/archive';
import { tempArchive } from '../../helpers/archive';
import { tempDir } from '../../helpers/temp-dir';

const DECISION = `Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы.
Қазақстан Республикасының Заңына сәйкес облыстық мәслихат шешім қабылдады. Қоғамдық кеңес отырысы өтті.`;
const LAW = 'Закон Республики Казахстан об общественных советах. Общественный совет рассматривает проекты законов.';

let archive: Archive;

beforeAll(async () => {
  archive = await tempArchive();
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'decision.txt'), `${DECISION}\n${DECISION}`);
  fs.writeFileSync(path.join(dir, 'law.txt'), `${LAW}\n${LAW}`);
  await archive.importPaths([path.join(dir, 'decision.txt')], { overrides: { title: 'Әлеуметтік маңызы бар қатынастардың тізбесі', number: '6-38' } });
  await archive.importPaths([path.join(dir, 'law.txt')], { overrides: { title: 'Об общественных советах', number: '383-V ҚРЗ' } });
});

afterAll(async () => {
  await archive.close();
});

describe('typos: searched as the closest archive word, or offered as did-you-mean', () => {
  it('searches a word found nowhere as the closest archive word, and says so', () => {
    const result = archive.search({ query: 'закн' });
    expect(result.corrections).toEqual([{ typed: 'закн', searched: 'закон' }]);
    expect(result.total).toBe(1);
    expect(result.hits[0]!.pages[0]!.snippet).toMatch(/\[закон/i);
    expect(result.didYouMean).toBeNull();
  });

  it('as typed, finds nothing and offers the closest word instead', () => {
    const result = archive.search({ query: 'закн', asTyped: true });
    expect(result.total).toBe(0);
    expect(result.corrections).toEqual([]);
    expect(result.didYouMean).toBe('закон');
    expect(archive.search({ query: result.didYouMean! }).hits.filter((hit) => !hit.viaTranslation)).toHaveLength(1);
  });

  it('corrects only the unknown word of a longer query', () => {
    expect(archive.search({ query: 'облыстық мәслихт' }).corrections).toEqual([{ typed: 'мәслихт', searched: 'мәслихат' }]);
    expect(archive.search({ query: 'облыстық мәслихт', asTyped: true }).didYouMean).toBe('облыстық мәслихат');
  });

  it('a misspelt long word that still matches through a stem of another word is searched with its closest archive word too', async () => {
    const dir = tempDir();
    // "персональых" (a letter missing) stems to персонал, a word of its own; the text has "персональных".
    fs.writeFileSync(path.join(dir, 'pd.txt'), 'Закон о персональных данных и их защите. Защита персональных данных обеспечивается оператором.');
    fs.writeFileSync(path.join(dir, 'staff.txt'), 'Персонал учреждения проходит обучение ежегодно.');
    await archive.importPaths([path.join(dir, 'pd.txt'), path.join(dir, 'staff.txt')]);
    const result = archive.search({ query: 'защита персональых данных' });
    expect(result.corrections).toEqual([{ typed: 'персональых', searched: 'персональных' }]);
    expect(result.hits[0]!.file).toBe('pd.txt');
    expect(result.hits[0]!.missing).toEqual([]);
    // A correct word is never "corrected", even when its exact form is rare.
    expect(archive.search({ query: 'персонал учреждения' }).corrections).toEqual([]);
  });

  it('says nothing when every word is known, or nothing is close', () => {
    expect(archive.search({ query: 'мәслихат' }).didYouMean).toBeNull();
    expect(archive.search({ query: 'мәслихат' }).corrections).toEqual([]);
    expect(archive.search({ query: 'жжжжжжжжжж' }).didYouMean).toBeNull();
    expect(archive.search({ query: 'жжжжжжжжжж' }).corrections).toEqual([]);
  });

  it('learns the words of documents imported later', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'new.txt'), 'Тұрғындардың өтініштері қаралды. Тұрғындардың өтініштері қаралды.');
    await archive.importPaths([path.join(dir, 'new.txt')]);
    expect(archive.search({ query: 'өтінішткрі' }).corrections).toEqual([{ typed: 'өтінішткрі', searched: 'өтініштері' }]);
    expect(archive.search({ query: 'өтінішткрі', asTyped: true }).didYouMean).toBe('өтініштері');
  });
});

describe('quick-open title and number finder', () => {
  it('finds a document by the start of a title word, with a typo, and by number', () => {
    expect(archive.quickFind('әлеумет')[0]?.title).toBe('Әлеуметтік маңызы бар қатынастардың тізбесі');
    expect(archive.quickFind('общественых')[0]?.title).toBe('Об общественных советах');
    expect(archive.quickFind('383')[0]?.number).toBe('383-V ҚРЗ');
  });

  it('follows imports and returns nothing for an empty query', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'protocol.txt'), 'Хаттама № 5. Отырыс өтті.');
    await archive.importPaths([path.join(dir, 'protocol.txt')], { overrides: { title: 'Қоғамдық кеңес отырысының хаттамасы', number: '5' } });
    expect(archive.quickFind('хаттама')[0]?.title).toBe('Қоғамдық кеңес отырысының хаттамасы');
    expect(archive.quickFind('   ')).toEqual([]);
  });
});
