import { describe, expect, it } from 'vitest';
import { extractRtf, rtfToText } from '../../../electron/core/ingest/extract/rtf';
import { expectMuragatError, fixture } from './fixtures';

const rtf = (source: string): Buffer => Buffer.from(source, 'latin1');

/** Non-ASCII letters as \uN? escapes, the way RTF writers store Kazakh text. */
const u = (text: string): string =>
  [...text].map((ch) => (ch.charCodeAt(0) < 0x80 ? ch : `\\u${ch.charCodeAt(0)}?`)).join('');

/** A document head as Word writes it: font table with charsets, colours, styles, info. */
const HEAD = String.raw`{\rtf1\ansi\ansicpg1251\deff0\deflang1049{\fonttbl{\f0\froman\fcharset204 Times New Roman;}{\f1\fswiss\fcharset0 Arial;}{\f2\fnil\fcharset238 Tahoma CE;}}
{\colortbl ;\red0\green0\blue0;}
{\stylesheet{\s0 Normal;}{\s1 heading 1;}}
{\*\generator Riched20 10.0.19041}{\info{\title \'d0\'e5\'f8\'e5\'ed\'e8\'e5}{\author Secretary}}
\viewkind4\uc1\pard\f0\fs24 `;

describe('RTF: text and code pages', () => {
  it('decodes \\\'hh bytes in the font\'s code page (fcharset204 → 1251) and skips the tables', () => {
    const result = rtfToText(rtf(HEAD + String.raw`\'d0\'e5\'f8\'e5\'ed\'e8\'e5 \'ec\'e0\'f1\'eb\'e8\'f5\'e0\'f2\'e0\par }`));
    expect(result.text).toBe('Решение маслихата');
    expect(result.title).toBe('Решение');
  });

  it('falls back to \\ansicpg for fcharset0 fonts and honours other charsets (238 → 1250)', () => {
    const result = rtfToText(rtf(HEAD + String.raw`\f1 \'cf\'f0\'e8\'ea\'e0\'e7\par \f2 \'8a\'e9\par }`));
    expect(result.text).toBe('Приказ\nŠé');
  });

  it('reads \\uN with \\ucN fallbacks skipped, negative N and surrogate pairs', () => {
    const source = String.raw`{\rtf1\ansi\uc1 \u1178?\u1171?\u1187?\u1241? \uc2\u1201\'3f\'3f{\uc0\u1257}{\u-1279??}\uc1\u-10179?\u-8704?\par}`;
    // Қ ғ ң ә, ұ (two fallback bytes), ө (no fallback), U+FB01 (ﬁ, negative N), U+1F600 as a surrogate pair
    expect(rtfToText(rtf(source)).text).toBe('Қғңә ұөﬁ😀');
  });

  it('turns \\par, \\line, \\tab, \\cell, \\row into the page structure', () => {
    const source = u(String.raw`{\rtf1\ansi Бірінші\line жол\par\trowd\cellx1000\cellx2000 A1\cell B1\cell\row Соңы\tab мәтін\par}`);
    expect(rtfToText(rtf(source)).text).toBe('Бірінші\nжол\nA1\tB1\nСоңы\tмәтін');
  });

  it('handles control symbols: \\~ \\_ \\- escaped braces and backslash', () => {
    const source = u(String.raw`{\rtf1\ansi N\~6-38 пред\-седатель 2018\_2023 \{x\} a\\b\par}`);
    expect(rtfToText(rtf(source)).text).toBe('N 6-38 председатель 2018-2023 {x} a\\b');
  });

  it('reads raw 8-bit text in the document code page', () => {
    const source = Buffer.concat([rtf(String.raw`{\rtf1\ansi\ansicpg1251 `), Buffer.from([0xca, 0xee, 0xe4, 0xe5, 0xea, 0xf1]), rtf('}')]);
    expect(rtfToText(source).text).toBe('Кодекс');
  });
});

describe('RTF: what is not text', () => {
  it('skips pictures, objects, headers, footers, field instructions, \\* destinations and hidden text', () => {
    const source =
      String.raw`{\rtf1\ansi\ansicpg1251{\fonttbl{\f0\fcharset204 Arial;}}` +
      String.raw`{\header \'c2\'e5\'f0\'f5\'ed\'e8\'e9 \'ea\'ee\'eb\'ee\'ed\'f2\'e8\'f2\'f3\'eb\par}{\footer \'d1\'f2\'f0. 1\par}` +
      String.raw`{\pict\wmetafile8\picw100 0123456789abcdef}{\object{\*\objdata 01050000}}` +
      String.raw`{\*\themedata 504b0304}{\*\datastore 0105}{\*\unknowndestination secret}` +
      String.raw`\f0 \'d2\'e5\'ea\'f1\'f2 {\field{\*\fldinst HYPERLINK "http://adilet.zan.kz"}{\fldrslt \'f1\'f1\'fb\'eb\'ea\'e0}} {\v \'f1\'ea\'f0\'fb\'f2\'ee}\'ea\'ee\'ed\'e5\'f6\par}`;
    expect(rtfToText(rtf(source)).text).toBe('Текст ссылка конец');
  });

  it('skips \\bin data even when it contains braces and backslashes', () => {
    const binary = Buffer.from([0x7b, 0x7b, 0x5c, 0x7d, 0x00, 0xff, 0x5c, 0x70, 0x61, 0x72]);
    const source = Buffer.concat([rtf(String.raw`{\rtf1\ansi before {\pict\bin10 `), binary, rtf(String.raw`} after\par}`)]);
    expect(rtfToText(source).text).toBe('before after');
  });

  it('reads the Unicode alternative of \\upr, not the ANSI one', () => {
    const source = String.raw`{\rtf1\ansi{\info{\upr{\title ????}{\*\ud{\title \u1178?\u1072?\u1091?\u1083?\u1099?}}}}Body\par}`;
    expect(rtfToText(rtf(source))).toMatchObject({ title: 'Қаулы', text: 'Body' });
  });

  it('puts footnotes after the body', () => {
    const source = String.raw`{\rtf1\ansi Main text{\super\chftn}{\footnote\pard{\super\chftn} The note.} continues.\par Next paragraph.\par}`;
    expect(rtfToText(rtf(source)).text).toBe('Main text continues.\nNext paragraph.\nThe note.');
  });
});

describe('RTF: broken files', () => {
  it('still yields the text when braces are unbalanced, with warnings', () => {
    const extraClose = rtfToText(rtf(String.raw`{\rtf1\ansi First}} second\par}`));
    expect(extraClose.text).toBe('First second');
    expect(extraClose.warnings.join(' ')).toMatch(/unmatched closing/);

    const unclosed = rtfToText(rtf(String.raw`{\rtf1\ansi{\b Bold {\i and italic\par Last words`));
    expect(unclosed.text).toBe('Bold and italic\nLast words');
    expect(unclosed.warnings.join(' ')).toMatch(/unclosed groups/);
  });

  it('reads the first half of a real RTF file that was cut', () => {
    const full = fixture('kaz.rtf');
    const half = extractRtf(full.subarray(0, full.length >> 1));
    expect(half.pages[0]!.text.startsWith('Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы\n')).toBe(true);
    expect(half.warnings.length).toBeGreaterThan(0);
  });

  it('refuses what is not RTF with RTF_CORRUPT', async () => {
    await expectMuragatError(() => rtfToText(rtf('Just text, no RTF header')), 'RTF_CORRUPT');
    await expectMuragatError(() => rtfToText(Buffer.from([0xd0, 0xcf, 0x11, 0xe0])), 'RTF_CORRUPT');
  });

  it('accepts a BOM and whitespace before {\\rtf', () => {
    expect(rtfToText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), rtf('\r\n {\\rtf1 ok}')])).text).toBe('ok');
  });

  it('is linear on a large file (1 MB of hex picture data)', () => {
    const source = rtf(`{\\rtf1\\ansi start {\\pict ${'0123456789abcdef'.repeat(65_536)}} end}`);
    const started = performance.now();
    expect(rtfToText(source).text).toBe('start end');
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
