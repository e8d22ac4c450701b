/**
 * Fixtures of the non-PDF extractor tests (made by scripts/make-extract-fixtures.sh from the
 * official text of the Almaty oblast maslikhat decision of 14 September 2023 No. 6-38).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { isMuragatError, type ErrorCode } from '../../../shared/errors';

const FIXTURES = fileURLToPath(new URL('../../fixtures/extract/', import.meta.url));

export function fixture(name: string): Buffer {
  return readFileSync(FIXTURES + name);
}

/** Reference paragraphs of the Kazakh text, in order (the UTF-8 TXT fixture, CRLF line ends). */
export function kazakhParagraphs(): string[] {
  return fixture('kaz-utf8.txt').toString('utf8').split(/\r?\n/).filter((line) => line !== '');
}

/**
 * The Kazakh text as the office fixtures hold it: the first three numbered routes are a table
 * there (number | route), which every extractor gives as one line with a tab between the cells.
 */
export function kazakhOfficeText(): string {
  let text = kazakhParagraphs().join('\n');
  for (const n of [1, 2, 3]) text = text.replace(`${n}) № ${n} `, `${n})\t№ ${n} `);
  return text;
}

/** Phrases a reader must find intact: every Kazakh-specific letter, quotes, numbers. */
export const KAZAKH_PHRASES = [
  'Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы',
  '«Автомобиль көлігі туралы» Қазақстан Республикасы Заңының 14-бабы 1-тармағының 5) тармақшасына сәйкес, Алматы облыстық мәслихаты ШЕШТІ:',
  'тұрғын-үй коммуналдық шаруашылығы, құрылыс, сәулет және көліктік-логистикалық инфрақұрылым мәселелері',
  'күнтізбелік он күн өткен соң қолданысқа енгізіледі',
  'Алматы облыстық мәслихатының 2023 жылғы 14 қыркүйектегі № 6-38',
  // The official text has a Latin "i" in "әлеуметтiк" here: extraction must not "fix" it.
  'Алматы облысында әлеуметтiк маңызы бар қатынастардың тізбесі',
  'ЖШС – жауапкершілігі шектеулі серіктестігі.',
];

/** Asserts that the phrases occur in this order. */
export function expectInOrder(text: string, phrases: readonly string[]): void {
  let from = 0;
  for (const phrase of phrases) {
    const at = text.indexOf(phrase, from);
    expect(at, `"${phrase}" after offset ${from}`).toBeGreaterThanOrEqual(0);
    from = at + phrase.length;
  }
}

/** Asserts that the promise rejects with a MuragatError of this code; returns the error. */
export async function expectMuragatError(promise: Promise<unknown> | (() => unknown), code: ErrorCode) {
  let caught: unknown;
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    caught = error;
  }
  expect(isMuragatError(caught), `expected a MuragatError ${code}, got ${String(caught)}`).toBe(true);
  if (!isMuragatError(caught)) throw new Error('unreachable');
  expect(caught.code).toBe(code);
  return caught;
}

/** Deterministic pseudo-random bytes (tests must not flake). */
export function pseudoRandomBytes(length: number, seed = 1): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** Share of letters that are Cyrillic. */
export function cyrillicShare(text: string): number {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const cyrillic = text.match(/\p{Script=Cyrillic}/gu)?.length ?? 0;
  return letters === 0 ? 0 : cyrillic / letters;
}
