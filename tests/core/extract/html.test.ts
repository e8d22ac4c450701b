import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeHtml, extractHtml, htmlToText } from '../../../electron/core/ingest/extract/html';
import { fixture } from './fixtures';

const page = (body: string, head = '<meta charset="utf-8"><title>Хаттама</title>'): string =>
  `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;

describe('HTML: charset', () => {
  it('reads a Windows-1251 page by its http-equiv declaration', () => {
    const doc = extractHtml(fixture('rus-cp1251.html'));
    expect(doc).toMatchObject({
      format: 'html',
      mediaType: 'text/html',
      encoding: 'windows-1251',
      embeddedTitle: 'Об определении перечня социально значимых сообщений в Алматинской области',
      warnings: [],
    });
    expect(doc.pages).toHaveLength(1);
    expect(doc.pages[0]!.text).toContain('Алматинский областной маслихат РЕШИЛ:');
  });

  it('finds <meta charset>, http-equiv and the XML declaration', () => {
    expect(declaredCharset(Buffer.from('<html><head><meta charset=windows-1251></head>'))).toBe('windows-1251');
    expect(declaredCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=KOI8-R">'))).toBe('koi8-r');
    expect(declaredCharset(Buffer.from('<?xml version="1.0" encoding="UTF-8"?><html>'))).toBe('utf-8');
    expect(declaredCharset(Buffer.from('<!-- <meta charset="koi8-r"> --><html>'))).toBeUndefined();
  });

  it('believes the bytes over a stale declaration: UTF-8 bytes declared as windows-1251', () => {
    const decoded = decodeHtml(Buffer.from(page('<p>Қоғамдық кеңес</p>', '<meta charset="windows-1251">'), 'utf8'));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.warnings.join(' ')).toMatch(/declares windows-1251 but its bytes are UTF-8/);
    expect(htmlToText(decoded.html).text).toBe('Қоғамдық кеңес');
  });

  it('detects the code page when a page declares UTF-8 but is Windows-1251', () => {
    const bytes = iconv.encode(page('<p>Решение маслихата о бюджете района на 2024 год</p>'), 'windows-1251');
    const doc = extractHtml(bytes);
    expect(doc.encoding).toBe('windows-1251');
    expect(doc.pages[0]!.text).toBe('Решение маслихата о бюджете района на 2024 год');
  });

  it('reports the encoding by one name whatever the spelling, KZ-1048 included', () => {
    const russian = iconv.encode(page('<p>Приказ</p>', '<meta charset="CP1251">'), 'windows-1251');
    expect(extractHtml(russian)).toMatchObject({ encoding: 'windows-1251', pages: [{ text: 'Приказ' }] });
    const kazakh = iconv.encode(page('<p>Қаулы өкім</p>', '<meta charset="kz-1048">'), 'rk1048');
    expect(extractHtml(kazakh)).toMatchObject({ encoding: 'kz-1048', pages: [{ text: 'Қаулы өкім' }] });
  });

  it('detects the code page when nothing is declared', () => {
    const bytes = iconv.encode('<html><body><p>Закон о общественных советах</p></body></html>', 'koi8-r');
    expect(extractHtml(bytes)).toMatchObject({ encoding: 'koi8-r', pages: [{ text: 'Закон о общественных советах' }] });
  });

  it('reads a UTF-16 page with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(page('<p>Ұсыным</p>'), 'utf16le')]);
    expect(extractHtml(bytes)).toMatchObject({ encoding: 'utf-16le', pages: [{ text: 'Ұсыным' }] });
  });
});

describe('HTML: text', () => {
  it('skips head, script, style, noscript and template; keeps the title apart', () => {
    const html = page(
      '<script>var a = "скрипт";</script><style>p{}</style><noscript>Включите JavaScript</noscript>' +
        '<template><p>шаблон</p></template><p>Мәтін</p>',
      '<meta charset="utf-8"><title> Бас   бет </title><style>.x{}</style>',
    );
    expect(htmlToText(html)).toEqual({ text: 'Мәтін', title: 'Бас бет' });
  });

  it('reads the body even when </head> is missing', () => {
    expect(htmlToText('<html><head><title>T</title><p>Шешім қабылданды</p></html>').text).toBe('Шешім қабылданды');
  });

  it('makes block elements lines, collapses whitespace, decodes entities', () => {
    const html = page(
      '<h1>Хаттама\n  № 5</h1><div>Бірінші<br>екінші   жол</div><ul><li>бір</li><li>екі</li></ul>' +
        '<p>&laquo;Заң&raquo;&nbsp;&#1179;&#x4E9;&amp;</p><p>   </p><span>inline</span> <b>text</b>',
    );
    expect(htmlToText(html).text).toBe('Хаттама № 5\nБірінші\nекінші жол\nбір\nекі\n«Заң» қө&\ninline text');
  });

  it('keeps short table rows on one line with tabs, and long layout cells as paragraphs', () => {
    const html = page(
      '<table><tr><th>№</th><th>Іс-шара</th></tr><tr><td><p>1</p></td><td><p>Отырыс</p><p>өткізу</p></td></tr></table>' +
        '<table><tr><td><p>Бір</p><p>Екі</p><p>Үш</p><p>Төрт</p></td></tr></table>',
    );
    expect(htmlToText(html).text).toBe('№\tІс-шара\n1\tОтырыс өткізу\nБір\nЕкі\nҮш\nТөрт');
  });

  it('keeps the table of the Windows-1251 fixture and turns &nbsp; into a space', () => {
    const text = extractHtml(fixture('rus-cp1251.html')).pages[0]!.text;
    expect(text.endsWith('Номер\tДата\n№ 6-38\t14 сентября 2023 года')).toBe(true);
    expect(text).not.toMatch(/не текст документа|Включите JavaScript|margin/);
  });

  it('gives an empty page, not an error, for a page without text', () => {
    expect(extractHtml(Buffer.from(page(''))).pages).toEqual([{ pageNo: 1, text: '', needsOcr: false }]);
  });
});
