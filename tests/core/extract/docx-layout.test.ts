import mammoth from 'mammoth';
import { describe, expect, it } from 'vitest';
import { extractDocx } from '../../../electron/core/ingest/extract/docx';
import { parseDocxParagraphs, parseDocxStyles } from '../../../electron/core/ingest/extract/docx-layout';
import { extractNonPdf } from '../../../electron/core/ingest/extract/non-pdf';
import { detectMetadata } from '../../../shared/metadata';
import type { LayoutLine } from '../../../shared/metadata/types';
import { buildDocx, paragraph, runs, tableRow, textBox } from '../../helpers/docx-build';
import { expectInOrder, fixture } from './fixtures';

const line = (lines: readonly LayoutLine[] | undefined, text: string): LayoutLine | undefined => lines?.find((candidate) => candidate.text === text);

const SUBJECT = 'Бюджеттік бағдарламалар әкімшілерінің есептерін ұсыну тәртібі туралы';
const REQUEST = '2024 жылғы 20 мамырдағы № 12-3/456 хатыңызға сәйкес Министрлік мынаны хабарлайды.';

/**
 * A ministry's outgoing letter in Kazakh: the letterhead, the outgoing stamp in a text box at
 * the top ("Шығ. № 16-13-183 / 31.05.2024"), the addressee on the right, the subject line
 * "… туралы", and a body citing the incoming request's number.
 */
async function kazakhLetter(options: { vmlFallback: boolean }): Promise<Buffer> {
  return buildDocx([
    paragraph(
      runs({ text: 'ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҚАРЖЫ МИНИСТРЛІГІ', bold: true }) +
        textBox([paragraph(runs('Шығ. № 16-13-183')), paragraph(runs('31.05.2024'))], options),
      { jc: 'center' },
    ),
    paragraph(runs('Алматы облыстық мәслихатының\nаппаратына'), { style: 'Addressee' }),
    paragraph(runs({ text: SUBJECT, style: 'Strong' })),
    paragraph(runs(REQUEST), { jc: 'both' }),
    paragraph(runs('Бюджеттік бағдарламалар әкімшілері есептерді есепті кезеңнен кейінгі айдың 10-күнінен кешіктірмей ұсынады.'), { jc: 'both' }),
    tableRow([paragraph(runs({ text: 'Вице-министр', bold: true }))], [paragraph(runs({ text: 'Д. Кенбейіл', bold: true }), { jc: 'right' })]),
  ]);
}

describe('DOCX: layout of paragraphs', () => {
  it('reads the outgoing stamp from a text box mammoth alone drops, above the subject line', async () => {
    const bytes = await kazakhLetter({ vmlFallback: false });
    // The failure this fixes: mammoth reads a text box only through its VML fallback.
    expect((await mammoth.extractRawText({ buffer: bytes })).value).not.toContain('16-13-183');

    const doc = await extractDocx(bytes);
    const text = doc.pages[0]!.text;
    expectInOrder(text, ['ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҚАРЖЫ МИНИСТРЛІГІ', 'Шығ. № 16-13-183', '31.05.2024', 'Алматы облыстық мәслихатының', SUBJECT, REQUEST]);
    expect(doc.pages[0]!.lines!.map((candidate) => candidate.text).join('\n')).toBe(text);
    expect(line(doc.pages[0]!.lines, 'Шығ. № 16-13-183')).toMatchObject({ inTable: false, size: 1, bold: false });
  });

  it('reads a text box with a VML fallback once, not twice', async () => {
    const text = (await extractDocx(await kazakhLetter({ vmlFallback: true }))).pages[0]!.text;
    expect(text.match(/Шығ\. № 16-13-183/g)).toHaveLength(1);
    expectInOrder(text, ['ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҚАРЖЫ МИНИСТРЛІГІ', 'Шығ. № 16-13-183', '31.05.2024', SUBJECT]);
  });

  it('gives each line its alignment, bold, size and style from the paragraph, its runs and styles.xml', async () => {
    const lines = (await extractDocx(await kazakhLetter({ vmlFallback: false }))).pages[0]!.lines;
    expect(line(lines, 'ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҚАРЖЫ МИНИСТРЛІГІ')).toMatchObject({ align: 'center', bold: true, size: 1, inTable: false });
    // A paragraph broken by w:br is two lines, both right-aligned by the paragraph's style.
    expect(line(lines, 'Алматы облыстық мәслихатының')).toMatchObject({ align: 'right', style: 'Addressee', bold: false });
    expect(line(lines, 'аппаратына')).toMatchObject({ align: 'right', style: 'Addressee' });
    // Bold from a character style.
    expect(line(lines, SUBJECT)).toMatchObject({ bold: true });
    expect(line(lines, SUBJECT)?.align).toBeUndefined();
    expect(line(lines, REQUEST)).toMatchObject({ align: 'justify', bold: false, size: 1 });
    expect(line(lines, 'Вице-министр\tД. Кенбейіл')).toMatchObject({ inTable: true, bold: true });
  });

  it('takes a heading style with its inherited alignment, bold and size relative to the body', async () => {
    const bytes = await buildDocx([
      paragraph(runs('ШЕШІМ'), { style: 'Heading1' }),
      paragraph(runs('Бірінші абзац мәтіні.')),
      paragraph(runs('Екінші абзац мәтіні.')),
      paragraph(runs({ text: 'Кішкентай ескерту', size: 20 })),
    ]);
    const lines = (await extractDocx(bytes)).pages[0]!.lines;
    expect(line(lines, 'ШЕШІМ')).toMatchObject({ style: 'Heading1', align: 'center', bold: true, size: 1.14 });
    expect(line(lines, 'Бірінші абзац мәтіні.')).toMatchObject({ size: 1, bold: false });
    expect(line(lines, 'Кішкентай ескерту')).toMatchObject({ size: 0.71 });
  });

  it('reads the Russian outgoing stamp from the table at the top, with the addressee on the right', async () => {
    const bytes = await buildDocx([
      tableRow(
        [paragraph(runs({ text: 'МИНИСТЕРСТВО ФИНАНСОВ РЕСПУБЛИКИ КАЗАХСТАН', bold: true }))],
        [paragraph(runs('№ исх: 16-13-183Д/С от: 31.05.2024'))],
      ),
      paragraph(runs('Аппарату маслихата Алматинской области'), { jc: 'right' }),
      paragraph(runs({ text: 'О порядке представления отчетов администраторами бюджетных программ', bold: true })),
      paragraph(runs('На Ваше письмо от 20 мая 2024 года № 12-3/456 Министерство сообщает следующее.'), { jc: 'both' }),
    ]);
    const doc = await extractNonPdf(bytes, 'docx', 'pismo.docx');
    const lines = doc.pages[0]!.lines;
    expect(line(lines, 'МИНИСТЕРСТВО ФИНАНСОВ РЕСПУБЛИКИ КАЗАХСТАН\t№ исх: 16-13-183Д/С от: 31.05.2024')).toMatchObject({ inTable: true });
    expect(line(lines, 'Аппарату маслихата Алматинской области')).toMatchObject({ align: 'right', inTable: false });
    expect(line(lines, 'О порядке представления отчетов администраторами бюджетных программ')).toMatchObject({ bold: true });
  });

  it('detection reads the letter from the stamp, not the incoming request it answers', async () => {
    const doc = await extractDocx(await kazakhLetter({ vmlFallback: false }));
    const detected = detectMetadata({ pages: doc.pages.map((page) => page.text), layout: doc.pages.map((page) => page.lines), fileName: 'hat.docx' });
    expect(detected).toMatchObject({ kind: 'letter', number: '16-13-183', date: '2024-05-31', lang: 'kk' });
  });

  it('keeps the text of existing DOCX fixtures and gives every body line its layout', async () => {
    for (const name of ['kaz.docx', 'footnote.docx']) {
      const doc = await extractDocx(fixture(name));
      const html = (await mammoth.convertToHtml({ buffer: fixture(name) })).value;
      expect(html.length).toBeGreaterThan(0);
      const lines = doc.pages[0]!.lines!;
      expect(lines.map((candidate) => candidate.text).join('\n')).toBe(doc.pages[0]!.text);
      // Body lines all matched a paragraph (a footnote is no paragraph of document.xml).
      expect(lines.filter((candidate) => candidate.bold === undefined).length).toBeLessThanOrEqual(name === 'footnote.docx' ? 1 : 0);
    }
  });

  it('skips deleted revisions, field codes and old properties of a tracked change', () => {
    const xml =
      `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
      '<w:p><w:pPr><w:jc w:val="right"/><w:pPrChange><w:pPr><w:jc w:val="center"/></w:pPr></w:pPrChange></w:pPr>' +
      '<w:r><w:t>Шешім</w:t></w:r><w:del><w:r><w:delText>жобасы</w:delText></w:r></w:del>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>' +
      '</w:body></w:document>';
    const [record] = parseDocxParagraphs(xml, parseDocxStyles(undefined));
    expect(record).toMatchObject({ text: 'Шешім', align: 'right' });
  });
});
