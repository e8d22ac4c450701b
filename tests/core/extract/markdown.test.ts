import { describe, expect, it } from 'vitest';
import { extractMarkdown, markdownToText, stripInlineMarkdown } from '../../../electron/core/ingest/extract/markdown';
import { KAZAKH_PHRASES, expectInOrder, fixture, kazakhParagraphs } from './fixtures';

describe('Markdown: the official act', () => {
  it('reads as the same text as the plain-text copy, with the first heading as title', () => {
    const doc = extractMarkdown(fixture('kaz.md'));
    expect(doc).toMatchObject({
      format: 'markdown',
      mediaType: 'text/markdown',
      encoding: 'utf-8',
      embeddedTitle: 'Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы',
    });
    expect(doc.pages).toEqual([{ pageNo: 1, text: kazakhParagraphs().join('\n'), needsOcr: false }]);
    expectInOrder(doc.pages[0]!.text, KAZAKH_PHRASES);
    expect(doc.pages[0]!.text).not.toMatch(/\*\*|^#|^>/m);
  });
});

describe('Markdown: markup removed, content kept', () => {
  it('strips emphasis, links, images, inline code and escapes', () => {
    expect(stripInlineMarkdown('**Қаулы** мен *шешім*, __бұйрық__ және _өкім_ ~~ескі~~')).toBe('Қаулы мен шешім, бұйрық және өкім ескі');
    expect(stripInlineMarkdown('[Заң](https://adilet.zan.kz/kaz/docs/Z1500000383 "Әділет") бойынша ![логотип](logo.png)')).toBe('Заң бойынша ');
    expect(stripInlineMarkdown('[мәтін][1] мен <https://zan.gov.kz>')).toBe('мәтін мен https://zan.gov.kz');
    expect(stripInlineMarkdown('`**код**` және \\*жұлдызша\\*')).toBe('**код** және *жұлдызша*');
  });

  it('leaves arithmetic, identifiers and lone markers alone', () => {
    expect(stripInlineMarkdown('2 * 3 * 4 = 24, file_name_v2, 5 * 5')).toBe('2 * 3 * 4 = 24, file_name_v2, 5 * 5');
  });

  it('keeps front matter and code, drops rules, bullets, quote marks and table borders', () => {
    const source = [
      '---',
      'title: Жоспар',
      'date: 2023-09-14',
      '---',
      '',
      'Жоспар',
      '======',
      '',
      '> Дәйексөз **маңызды**',
      '',
      '- бірінші тармақ',
      '* [x] орындалды',
      '1. Нөмірленген тармақ',
      '',
      '***',
      '',
      '| № | Іс-шара |',
      '|---|:-------:|',
      '| 1 | Отырыс  |',
      '',
      '```sql',
      'SELECT *  FROM   docs; -- **not emphasis**',
      '```',
      '',
      '[1]: https://example.kz',
    ].join('\n');
    expect(markdownToText(source)).toEqual({
      title: 'Жоспар',
      text: [
        'title: Жоспар',
        'date: 2023-09-14',
        'Жоспар',
        'Дәйексөз маңызды',
        'бірінші тармақ',
        'орындалды',
        '1. Нөмірленген тармақ',
        '№\tІс-шара',
        '1\tОтырыс',
        'SELECT *  FROM   docs; -- **not emphasis**',
      ].join('\n'),
    });
  });

  it('takes the first level-1 heading as the title, not a lower one', () => {
    expect(markdownToText('## Кіріспе\n\n# Негізгі ## \n\n# Екінші').title).toBe('Негізгі');
    expect(markdownToText('Тек мәтін').title).toBeUndefined();
  });

  it('decodes a Windows-1251 Markdown file like a text file', () => {
    const bytes = Buffer.from([0x23, 0x20, 0xcf, 0xf0, 0xe8, 0xea, 0xe0, 0xe7, 0x0a, 0xd2, 0xe5, 0xea, 0xf1, 0xf2]);
    expect(extractMarkdown(bytes)).toMatchObject({ encoding: 'windows-1251', embeddedTitle: 'Приказ', pages: [{ text: 'Приказ\nТекст' }] });
  });
});
