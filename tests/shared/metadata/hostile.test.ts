/**
 * Whatever the extractor hands over, detection returns a well-formed answer quickly: it runs on
 * every imported file, and a slow or throwing detector would stall a whole import batch.
 */
import { describe, expect, it } from 'vitest';
import { detectMetadata, type DetectedMetadata } from '../../../shared/metadata';
import { isKindCode, isLanguageCode } from '../../../shared/domain/kinds';

const MB = 1024 * 1024;
/** Generous for a slow CI machine; typical documents take a few milliseconds. */
const BUDGET_MS = 1500;

function timed(pages: string[], extra: { fileName?: string; embeddedTitle?: string } = {}): DetectedMetadata {
  const started = performance.now();
  const result = detectMetadata({ pages, ...extra });
  expect(performance.now() - started).toBeLessThan(BUDGET_MS);
  expect(isKindCode(result.kind)).toBe(true);
  if (result.lang !== null) expect(isLanguageCode(result.lang)).toBe(true);
  if (result.date !== null) expect(result.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  if (result.title !== null) expect(result.title.length).toBeLessThanOrEqual(300);
  return result;
}

const NOTHING: Partial<DetectedMetadata> = { kind: 'other', number: null, date: null, lang: null, title: null, issuer: null };

describe('detectMetadata on hostile input', () => {
  it('returns nothing for no text', () => {
    expect(timed([])).toMatchObject(NOTHING);
    expect(timed([''])).toMatchObject(NOTHING);
    expect(timed(['', '   ', '\n\n\f\n'])).toMatchObject(NOTHING);
  });

  it('survives a megabyte of one character, on one line and on many', () => {
    expect(timed(['а'.repeat(MB)]).number).toBeNull();
    expect(timed(['a\n'.repeat(MB / 2)]).date).toBeNull();
    expect(timed(['№'.repeat(MB)])).toMatchObject({ number: null, date: null });
    expect(timed([' '.repeat(MB)])).toMatchObject(NOTHING);
  });

  it('survives only digits and digit-like noise', () => {
    expect(timed(['1234567890'.repeat(MB / 10)])).toMatchObject({ number: null, date: null, lang: null });
    expect(timed(['01.01.2020 № 1 '.repeat(50000)]).kind).toBe('other');
    expect(timed(['1.1.1.1.1.1.1.1.'.repeat(40000)]).date).toBeNull();
    expect(timed(['2020 жылғы 1 '.repeat(50000)]).date).toBeNull();
  });

  it('survives many short pages and one enormous page count', () => {
    expect(timed(Array.from({ length: 20000 }, (_, i) => `Бет ${i}`)).kind).toBe('other');
    expect(timed(['ПРОТОКОЛ № 5', ...Array.from({ length: 5000 }, () => 'x')]).kind).toBe('protocol');
  });

  it('survives mixed scripts, homoglyphs, control characters and emoji', () => {
    const text =
      'ҚАУЛЫ\u0000\u0007 Decision РЕШЕНИЕ قرار 決定 🙂🙂\uFEFF\u200B\u00AD шeшiм ХХІІ\u202E ПРИКАЗ № ' +
      '\uD800 lone surrogate 2016 жылғы 31 ақпандағы № 1 бұйрығы.';
    const result = timed([text.repeat(2000)]);
    expect(result.date).toBeNull(); // 31 February does not exist
  });

  it('survives pathological titles and stored titles', () => {
    timed(['«'.repeat(100000) + ' туралы\n' + '»'.repeat(100000)]);
    timed(['О ' + 'об '.repeat(200000)]);
    timed(['ЕРЕЖЕ\n'.repeat(100000)]);
    expect(timed([''], { embeddedTitle: 'x'.repeat(MB) }).title?.length).toBeLessThanOrEqual(300);
    timed([''], { fileName: '№'.repeat(100000) + '.pdf' });
  });
});
