import { describe, expect, it } from 'vitest';
import { ftsColumn, ftsToken } from '../../../electron/core/search/fts-forms';

describe('ftsColumn', () => {
  it('joins forms with spaces, each as ftsToken makes it', () => {
    expect(ftsColumn(['кеңес', "o'z", '383-v', 'a.b'])).toBe("кеңес o'z 383-v a.b");
    expect(ftsColumn([])).toBe('');
  });

  it('a form holding a separator is rewritten like ftsToken does, and only that form', () => {
    const forms = ['кеңес', 'a(b)', 'x"y', 'шешім', 'tab\there', 'c*', 'two words'];
    expect(ftsColumn(forms)).toBe(forms.map(ftsToken).join(' '));
    expect(ftsColumn(forms).split(' ')).toHaveLength(forms.length);
  });
});
