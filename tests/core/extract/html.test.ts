import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { declaredCharset, decodeHtml, extractHtml, htmlToLayout, htmlToText } from '../../../electron/core/ingest/extract/html';
import type { ExtractedDocument } from '../../../electron/core/ingest/extract/types';
import { detectMetadata } from '../../../shared/metadata';
import type { LayoutLine } from '../../../shared/metadata/types';
import { expectInOrder, fixture } from './fixtures';

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
    expect(extractHtml(Buffer.from(page(''))).pages).toEqual([{ pageNo: 1, text: '', needsOcr: false, lines: [] }]);
  });
});

/** Lines of a page as detection sees them, without the properties a check does not name. */
const line = (lines: readonly LayoutLine[] | undefined, text: string): LayoutLine | undefined => lines?.find((candidate) => candidate.text === text);

describe('HTML: a page saved from a site keeps only the document', () => {
  // The Almaty oblast maslikhat decision of 14 September 2023 No. 6-38 (official act) inside a
  // maslikhat site's page: header with the site's name, a menu ("Рекомендации", "Решения"),
  // breadcrumbs, a sidebar of links, a footer with the site's name and the date of the site.
  const sitePage = (): ExtractedDocument => extractHtml(fixture('site-decision.html'));
  const TITLE = 'Об определении перечня социально значимых сообщений в Алматинской области';

  it('drops the header, menu, breadcrumbs, sidebar and footer', () => {
    const text = sitePage().pages[0]!.text;
    expect(text.split('\n')[0]).toBe(TITLE);
    expectInOrder(text, [
      'Решение маслихата Алматинской области от 14 сентября 2023 года № 6-38',
      'маслихат Алматинской области РЕШИЛ:',
      '4. Настоящее решение вводится в действие',
      'Председатель маслихата Алматинской области\tТ. Байедилов',
      'Приложение к решению маслихата Алматинской области от 14 сентября 2023 года № 6-38',
      '2\tКонаев – Есик\tмеждугородное',
    ]);
    for (const chrome of ['Рекомендации', 'Главная', 'Протоколы сессий', 'Поиск', 'Найти', 'Решения 2024 года', 'Все права защищены', '01.02.2024', 'Қаз']) {
      expect(text).not.toContain(chrome);
    }
  });

  it("takes the document's heading for the title, not the site's name from <title>", () => {
    expect(sitePage().embeddedTitle).toBe(TITLE);
  });

  it('gives each line its tag, bold, alignment, size and table', () => {
    const lines = sitePage().pages[0]!.lines;
    expect(line(lines, TITLE)).toMatchObject({ style: 'h1', bold: true, size: 2, inTable: false });
    expect(line(lines, 'Решение маслихата Алматинской области от 14 сентября 2023 года № 6-38. Зарегистрировано в Министерстве юстиции Республики Казахстан 20 сентября 2023 года № 6019-05'))
      .toMatchObject({ style: 'p', bold: true, align: 'center', size: 1 });
    expect(line(lines, 'Приложение к решению маслихата Алматинской области от 14 сентября 2023 года № 6-38')).toMatchObject({ align: 'right' });
    expect(line(lines, '№\tНаименование маршрута\tВид сообщения')).toMatchObject({ style: 'th', bold: true, inTable: true });
    expect(line(lines, '1\tТалдыкорган – Текели\tмеждугородное')).toMatchObject({ style: 'td', inTable: true });
    expect(line(lines, '1\tТалдыкорган – Текели\tмеждугородное')?.bold).toBeUndefined();
    // The lines are the page text, line for line.
    expect(lines!.map((candidate) => candidate.text).join('\n')).toBe(sitePage().pages[0]!.text);
  });

  it("detection reads the decision's kind, number and date, not the menu's or the site's", () => {
    const doc = sitePage();
    const detected = detectMetadata({
      pages: doc.pages.map((page) => page.text),
      layout: doc.pages.map((page) => page.lines),
      fileName: 'reshenija.html',
      ...(doc.embeddedTitle ? { embeddedTitle: doc.embeddedTitle } : {}),
    });
    expect(detected).toMatchObject({ kind: 'decision', number: '6-38', date: '2023-09-14', lang: 'ru' });
    expect(detected.kind).not.toBe('recommendation');
    expect(String(detected.title)).toContain('социально значимых сообщений');
  });

  it('finds the document on an old site laid out in a table, with no marked navigation', () => {
    const html = page(
      '<table width="100%"><tr><td colspan="2"><font size="5"><b>Алматы облыстық мәслихаты</b></font><br>' +
        '<a href="/">Басты бет</a> | <a href="/kk/ponsy">Ұсынымдар</a> | <a href="/kk/decisions">Шешімдер</a> | <a href="/kk/contacts">Байланыс</a></td></tr>' +
        '<tr><td width="200" valign="top"><a href="/kk/news">Жаңалықтар</a><br><a href="/kk/sessions">Сессиялар</a><br><a href="/kk/deputies">Депутаттар</a><br><a href="/kk/plan">Жұмыс жоспары</a></td>' +
        '<td valign="top"><p align="center"><b>Алматы облысының әлеуметтік маңызы бар қатынастарының тізбесін айқындау туралы</b></p>' +
        '<p align="center">Алматы облыстық мәслихатының 2023 жылғы 14 қыркүйектегі № 6-38 шешімі</p>' +
        '<p>«Автомобиль көлігі туралы» Қазақстан Республикасы Заңының 14-бабы 1-тармағының 5) тармақшасына сәйкес, Алматы облыстық мәслихаты ШЕШТІ:</p>' +
        '<p>1. Алматы облысының әлеуметтік маңызы бар қатынастарының тізбесі осы шешімнің қосымшасына сәйкес айқындалсын.</p>' +
        '<p>2. Осы шешім оның алғашқы ресми жарияланған күнінен кейін күнтізбелік он күн өткен соң қолданысқа енгізіледі.</p>' +
        '<p><b>Алматы облыстық мәслихатының төрағасы Т. Байедилов</b></p></td></tr>' +
        '<tr><td colspan="2" align="center"><font size="2">© 2010-2024 Алматы облыстық мәслихаты. Сайт жаңартылды: 01.02.2024</font></td></tr></table>',
      '<meta charset="utf-8"><title>Алматы облыстық мәслихаты - Ресми сайт</title>',
    );
    const doc = extractHtml(Buffer.from(html));
    const text = doc.pages[0]!.text;
    expect(text.split('\n')[0]).toBe('Алматы облысының әлеуметтік маңызы бар қатынастарының тізбесін айқындау туралы');
    expect(text).toContain('Алматы облыстық мәслихатының төрағасы Т. Байедилов');
    for (const chrome of ['Ұсынымдар', 'Шешімдер', 'Жаңалықтар', 'Сайт жаңартылды']) expect(text).not.toContain(chrome);
    // The <title> is the site's name and no line of the content: it is not the document's title.
    expect(doc.embeddedTitle).toBeUndefined();
    expect(line(doc.pages[0]!.lines, 'Алматы облыстық мәслихатының 2023 жылғы 14 қыркүйектегі № 6-38 шешімі')).toMatchObject({ align: 'center', inTable: false });
  });

  it('keeps the part of a <title> that is a line of the content', () => {
    const html = page(
      '<nav><a href="/">Басты бет</a> <a href="/a">Шешімдер</a></nav><div class="content"><h2>Қоғамдық кеңес туралы ереже</h2>' +
        `<p>${'Ереже Еңбекшіқазақ ауданының қоғамдық кеңесінің жұмыс тәртібін айқындайды. '.repeat(12)}</p></div>`,
      '<meta charset="utf-8"><title>Қоғамдық кеңес туралы ереже | Еңбекшіқазақ аудандық мәслихаты</title>',
    );
    expect(extractHtml(Buffer.from(html)).embeddedTitle).toBe('Қоғамдық кеңес туралы ереже');
  });

  it("takes an article's h2 for the title when the site keeps h1 for its logo", () => {
    const html = page(
      '<header><h1>Алматы облыстық мәслихаты</h1><nav><a href="/">Басты бет</a> <a href="/a">Шешімдер</a></nav></header>' +
        '<div class="item-page"><h2>Қоғамдық кеңес туралы ереже</h2>' +
        `<p>${'Ереже Еңбекшіқазақ ауданының қоғамдық кеңесінің жұмыс тәртібін айқындайды. '.repeat(12)}</p></div>`,
      '<meta charset="utf-8"><title>Алматы облыстық мәслихаты</title>',
    );
    expect(extractHtml(Buffer.from(html)).embeddedTitle).toBe('Қоғамдық кеңес туралы ереже');
  });

  it('keeps the body without the navigation when the content is not prose Readability can find', () => {
    const items = Array.from({ length: 40 }, (_, index) => `<div>${index + 1}. Шешім № ${index + 1}-${index + 10}</div>`).join('');
    const html = page(`<header><nav><a href="/">Басты бет</a> <a href="/r">Ұсынымдар</a></nav></header>${items}<footer>© Мәслихат</footer>`);
    const text = extractHtml(Buffer.from(html)).pages[0]!.text;
    expect(text.split('\n')).toHaveLength(40);
    expect(text).toContain('40. Шешім № 40-49');
    expect(text).not.toMatch(/Ұсынымдар|© Мәслихат/);
  });

  it("keeps all of an editor's fragment (no <html>, no navigation), links and headings included", () => {
    const fragment =
      '<h1 style="text-align:center"><span style="font-size:18px"><strong>Еңбекшіқазақ аудандық мәслихатының XXII сессиясы өтті</strong></span></h1>' +
      '<p style="text-align:justify"><span style="font-size:12px">2017 жылғы 22 желтоқсанда аудандық мәслихаттың кезекті XXII сессиясы өтті.</span></p>' +
      '<p><span style="font-size:12px">Сессия шешімдері <a href="/kk/decisions">Шешімдер</a> бөлімінде жарияланды.</span></p>' +
      '<table border="1"><tr><td><span style="font-size:12px">1</span></td><td><span style="font-size:12px">Бюджет туралы</span></td></tr></table>';
    const doc = extractHtml(Buffer.from(fragment));
    expect(doc.pages[0]!.text).toBe(htmlToText(fragment).text);
    expect(doc.pages[0]!.text).toContain('Шешімдер бөлімінде жарияланды');
    expect(doc.warnings).toEqual([]);
    expect(doc.embeddedTitle).toBe('Еңбекшіқазақ аудандық мәслихатының XXII сессиясы өтті');
    expect(doc.pages[0]!.lines![0]).toMatchObject({ style: 'h1', bold: true, align: 'center', size: 1.5 });
    expect(doc.pages[0]!.lines![1]).toMatchObject({ style: 'p', align: 'justify', size: 1 });
  });

  it("keeps a page saved by Word whole, with its <title>: Word's MsoHeader paragraphs are no site header", () => {
    const html = page(
      '<div class="WordSection1"><p class="MsoHeader">Алматы облыстық мәслихаты</p><p class="MsoNormal" align="center"><b>ШЕШІМ</b></p>' +
        '<p class="MsoNormal">2023 жылғы 14 қыркүйек № 6-38</p><p class="MsoNormal">Алматы облыстық мәслихаты ШЕШТІ:</p></div>',
      '<meta charset="utf-8"><title>Әлеуметтік маңызы бар қатынастар</title>',
    );
    const doc = extractHtml(Buffer.from(html));
    expect(doc.warnings).toEqual([]);
    expect(doc.embeddedTitle).toBe('Әлеуметтік маңызы бар қатынастар');
    expect(doc.pages[0]!.text).toBe('Алматы облыстық мәслихаты\nШЕШІМ\n2023 жылғы 14 қыркүйек № 6-38\nАлматы облыстық мәслихаты ШЕШТІ:');
  });

  it("keeps a document with a table of contents whole: links to its own anchors are not a site's menu", () => {
    const toc = Array.from({ length: 8 }, (_, index) => `<p class="MsoToc1"><a href="#_Toc${index}">${index + 1}-бап</a></p>`).join('');
    const articles = Array.from({ length: 8 }, (_, index) => `<h2><a name="_Toc${index}"></a>${index + 1}-бап</h2><p>Баптың мәтіні ${index + 1}.</p>`).join('');
    const doc = extractHtml(Buffer.from(page(`<div class="WordSection1"><p align="center"><b>ЕРЕЖЕ</b></p>${toc}${articles}</div>`)));
    expect(doc.warnings).toEqual([]);
    expect(doc.pages[0]!.text.split('\n')).toHaveLength(1 + 8 + 16);
  });

  it('reads bold, alignment and size from old markup and from styles', () => {
    const { lines } = htmlToLayout(
      page(
        '<center><font size="5">ҚАУЛЫ</font></center>' +
          '<div style="text-align: right; font-weight: 700">Шығ. № 16-13-183</div>' +
          '<p><b>Бір</b> сөз ғана жуан емес, жол емес</p>' +
          '<p style="font-size:14pt"><strong>Өте ұзын тақырып <span style="font-weight:normal">жол</span></strong></p>' +
          '<p style="font-size:12pt">Негізгі мәтін</p><p style="font-size:12pt">Тағы бір жол</p><p style="font-size:12pt">Үшінші жол</p>',
      ),
    );
    expect(lines[0]).toMatchObject({ text: 'ҚАУЛЫ', align: 'center', style: 'center' });
    expect(lines[1]).toMatchObject({ text: 'Шығ. № 16-13-183', align: 'right', bold: true });
    expect(lines[2]!.bold).toBeUndefined();
    expect(lines[3]).toMatchObject({ text: 'Өте ұзын тақырып жол', bold: true, size: 1.17 });
    expect(lines[4]).toMatchObject({ size: 1 });
  });

  it('stays within its limits on a deep page with navigation, without Readability', () => {
    const depth = 5000;
    const html = `<nav><a href="/">Басты бет</a></nav>${'<div>'.repeat(depth)}<p>Шешім</p>${'</div>'.repeat(depth)}`;
    const started = performance.now();
    const doc = extractHtml(Buffer.from(html));
    expect(doc.pages[0]!.text).toBe('Шешім');
    expect(performance.now() - started).toBeLessThan(5000);
  });
});
