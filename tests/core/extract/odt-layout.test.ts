import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { extractOdt } from '../../../electron/core/ingest/extract/odt';
import type { LayoutLine } from '../../../shared/metadata/types';
import { fixture } from './fixtures';

const line = (lines: readonly LayoutLine[] | undefined, text: string): LayoutLine | undefined => lines?.find((candidate) => candidate.text === text);

const OFFICE = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" ' +
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"';

/** An ODT letter built from XML: default 14 pt in styles.xml, automatic styles in content.xml. */
async function letter(): Promise<Buffer> {
  const styles =
    `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${OFFICE}><office:styles>` +
    '<style:default-style style:family="paragraph"><style:text-properties fo:font-size="14pt"/></style:default-style>' +
    '<style:style style:name="Addressee" style:family="paragraph"><style:paragraph-properties fo:text-align="end"/></style:style>' +
    '</office:styles></office:document-styles>';
  const content =
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${OFFICE}><office:automatic-styles>` +
    '<style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold" fo:font-size="16pt"/></style:style>' +
    '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Addressee"/>' +
    '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>' +
    '</office:automatic-styles><office:body><office:text>' +
    '<text:p text:style-name="P1">ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҚАРЖЫ МИНИСТРЛІГІ</text:p>' +
    '<table:table><table:table-row><table:table-cell><text:p>Шығ. № 16-13-183</text:p></table:table-cell><table:table-cell><text:p>31.05.2024</text:p></table:table-cell></table:table-row></table:table>' +
    '<text:p text:style-name="P2">Алматы облыстық мәслихатының аппаратына</text:p>' +
    '<text:p><text:span text:style-name="T1">Бюджеттік бағдарламалар туралы</text:span></text:p>' +
    '<text:p>2024 жылғы 20 мамырдағы № 12-3/456 хатыңызға сәйкес хабарлаймыз.</text:p>' +
    '</office:text></office:body></office:document-content>';
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  zip.file('content.xml', content);
  zip.file('styles.xml', styles);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('ODT: layout of paragraphs', () => {
  it('gives each line its alignment, bold and size from automatic, named and default styles', async () => {
    const doc = await extractOdt(await letter());
    const lines = doc.pages[0]!.lines;
    expect(lines!.map((candidate) => candidate.text).join('\n')).toBe(doc.pages[0]!.text);
    expect(line(lines, 'ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҚАРЖЫ МИНИСТРЛІГІ')).toMatchObject({ align: 'center', bold: true, size: 1.14, inTable: false });
    expect(line(lines, 'Шығ. № 16-13-183\t31.05.2024')).toMatchObject({ inTable: true, bold: false, size: 1 });
    // Right alignment inherited from the named parent style.
    expect(line(lines, 'Алматы облыстық мәслихатының аппаратына')).toMatchObject({ align: 'right', bold: false });
    expect(line(lines, 'Бюджеттік бағдарламалар туралы')).toMatchObject({ bold: true, size: 1 });
    expect(line(lines, '2024 жылғы 20 мамырдағы № 12-3/456 хатыңызға сәйкес хабарлаймыз.')).toMatchObject({ bold: false, size: 1 });
  });

  it('marks the heading of the ODT fixture and keeps its text', async () => {
    const doc = await extractOdt(fixture('kaz.odt'));
    expect(doc.pages[0]!.lines![0]).toMatchObject({ text: 'Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы', style: 'h', bold: true });
    expect(doc.pages[0]!.lines![0]!.size).toBeGreaterThan(1);
    expect(doc.pages[0]!.lines!.map((candidate) => candidate.text).join('\n')).toBe(doc.pages[0]!.text);
  });
});
