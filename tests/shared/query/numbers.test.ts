/** The document number key (normalizeDocumentNumber): the query side and the index share it. */
import { describe, expect, it } from 'vitest';
import { normalizeDocumentNumber as key } from '../../../shared/search/query';
import { hostileStrings } from './helpers';

describe('normalizeDocumentNumber', () => {
  it('makes the spellings of one number equal', () => {
    const forms = ['№383-V ҚРЗ', '№ 383-V ҚРЗ', '№ 383-v ҚРЗ', 'N 383-V ҚРЗ', '383-V ҚРЗ', '383–В ҚРЗ', '383 - V ҚРЗ', '№ 383‑Ⅴ ҚРЗ.'];
    const keys = new Set(forms.map(key));
    expect([...keys]).toEqual(['383-vkpз']);
  });

  it('a number without the law suffix is a prefix of the one with it', () => {
    for (const short of ['383-V', '383-v', '№383-V', 'N 383-V', '383-В', '383—V', 'No. 383-V']) {
      expect(key(short)).toBe('383-v');
      expect(key('№ 383-V ҚРЗ').startsWith(key(short)), short).toBe(true);
    }
  });

  it('strips the sign: №, N, No., Nr', () => {
    expect(key('№110')).toBe('110');
    expect(key('N 66')).toBe('66');
    expect(key('No. 5')).toBe('5');
    expect(key('no.5')).toBe('5');
    expect(key('Nr 12')).toBe('12');
    expect(key('№№ 12')).toBe('12');
    // N not followed by a digit is part of the number.
    expect(key('NA-12')).toBe('na-12');
  });

  it('folds Latin/Cyrillic look-alikes and Kazakh letters typed on a Russian keyboard', () => {
    expect(key('95-ОД')).toBe(key('95-OД'));
    expect(key('95-ОД')).toBe('95-oд'); // Д has no Latin look-alike
    expect(key('ҚРЗ')).toBe(key('КРЗ'));
    expect(key('KZ27LAA00028039')).toBe('kz27laa00028039');
    expect(key('КZ27LАА00028039')).toBe('kz27laa00028039');
    expect(key('383-B')).toBe(key('383-V'));
    expect(key('197-ФЗ')).toBe('197-фз');
  });

  it('unifies dashes and removes spaces, keeps / and inner dots', () => {
    expect(key('6 – 38')).toBe('6-38');
    expect(key('6‐38')).toBe('6-38');
    expect(key('6−38')).toBe('6-38');
    expect(key('95/2')).toBe('95/2');
    expect(key('2015.11.02')).toBe('2015.11.02');
    expect(key('(66).')).toBe('66');
    expect(key('１２３')).toBe('123');
  });

  it('empty for values without a number', () => {
    for (const value of ['', '№', ' № ', '№.', '---', '"', '\u0000', '\u0301']) expect(key(value), value).toBe('');
  });

  it('is idempotent and never throws', () => {
    for (const value of hostileStrings(3000, 7)) {
      const once = key(value);
      expect(key(once), JSON.stringify(value)).toBe(once);
      expect(once).not.toMatch(/[\s"]/u);
    }
    expect(() => key(undefined as unknown as string)).not.toThrow();
  });
});
