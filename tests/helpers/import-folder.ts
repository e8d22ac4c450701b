import * as fs from 'node:fs';
import * as path from 'node:path';
import JSZip from 'jszip';
import { FIXTURES_DIR } from './temp-dir';

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A minimal, valid DOCX (what Word needs to open it) with one paragraph per line of `text`. */
export async function makeDocx(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const paragraphs = text
    .split('\n')
    .map((line) => `<w:p><w:r><w:t xml:space="preserve">${escapeXml(line)}</w:t></w:r></w:p>`)
    .join('');
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${paragraphs}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

const ACT = `Алматы облыстық мәслихатының 2023 жылғы 14 қыркүйектегі № 6-38 шешімі
Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы
Алматы облыстық мәслихаты ШЕШІМ ҚАБЫЛДАДЫ:`;

/**
 * Fills `dir` with a folder an office might import: TXT and DOCX acts (each different), the
 * text and scanned PDF fixtures, and byte-identical copies under other names (also in a
 * sub-folder). Returns how many files it wrote and how many distinct contents they hold.
 */
export async function writeImportFolder(dir: string, options: { txt?: number; docx?: number } = {}): Promise<{ files: number; distinct: number }> {
  const txt = options.txt ?? 30;
  const docx = options.docx ?? 6;
  fs.mkdirSync(path.join(dir, 'copies'), { recursive: true });
  let files = 0;
  for (let i = 0; i < txt; i++) {
    fs.writeFileSync(path.join(dir, `decision-${String(i).padStart(3, '0')}.txt`), `${ACT}\nҚосымша № ${i}: қоғамдық кеңес отырысы.`);
    files++;
  }
  for (let i = 0; i < docx; i++) {
    fs.writeFileSync(path.join(dir, `order-${i}.docx`), await makeDocx(`${ACT}\nБұйрық № ${100 + i}`));
    files++;
  }
  fs.copyFileSync(path.join(FIXTURES_DIR, 'import/kk-order-110.pdf'), path.join(dir, 'kk-order-110.pdf'));
  fs.copyFileSync(path.join(FIXTURES_DIR, 'import/kk-order-110-scan.pdf'), path.join(dir, 'kk-order-110-scan.pdf'));
  files += 2;
  const distinct = files;
  // The same bytes again under other names: an office's folders are full of these.
  fs.copyFileSync(path.join(dir, 'decision-000.txt'), path.join(dir, 'copies', 'decision-000 (1).txt'));
  fs.copyFileSync(path.join(dir, 'decision-001.txt'), path.join(dir, 'copies', 'decision-001 copy.txt'));
  fs.copyFileSync(path.join(dir, 'order-0.docx'), path.join(dir, 'copies', 'order-0 (2).docx'));
  fs.copyFileSync(path.join(dir, 'kk-order-110.pdf'), path.join(dir, 'copies', 'kk-order-110 copy.pdf'));
  files += 4;
  return { files, distinct };
}
