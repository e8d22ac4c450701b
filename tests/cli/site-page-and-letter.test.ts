/**
 * Issue 12, point 2 (HTML and DOCX), end to end with the real CLI: a maslikhat decision saved
 * from a site (menus, breadcrumbs, sidebar, footer around it) and a ministry's letter whose
 * outgoing stamp sits in a DOCX text box are imported with their own details; the site's menu
 * is not part of the archive's text, the stamp is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runMuragat } from '../helpers/cli';
import { buildDocx, paragraph, runs, tableRow, textBox } from '../helpers/docx-build';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

interface Shown {
  title: string | null;
  pages: Array<{ text: string }>;
}

describe('a site page and a letter with a stamp in a text box', () => {
  it('are imported with their own kind, number and date; the menu is not searchable, the stamp is', async () => {
    const data = path.join(tempDir(), 'archive');
    const docs = tempDir();
    fs.copyFileSync(path.join(FIXTURES_DIR, 'extract', 'site-decision.html'), path.join(docs, 'reshenija.html'));
    fs.writeFileSync(
      path.join(docs, 'hat.docx'),
      await buildDocx([
        paragraph(
          runs({ text: 'ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ҚАРЖЫ МИНИСТРЛІГІ', bold: true }) +
            textBox([paragraph(runs('Шығ. № 16-13-183')), paragraph(runs('31.05.2024'))], { vmlFallback: false }),
          { jc: 'center' },
        ),
        paragraph(runs('Алматы облыстық мәслихатының\nаппаратына'), { style: 'Addressee' }),
        paragraph(runs({ text: 'Бюджеттік бағдарламалар әкімшілерінің есептерін ұсыну тәртібі туралы', style: 'Strong' })),
        paragraph(runs('2024 жылғы 20 мамырдағы № 12-3/456 хатыңызға сәйкес Министрлік мынаны хабарлайды.'), { jc: 'both' }),
        tableRow([paragraph(runs({ text: 'Вице-министр', bold: true }))], [paragraph(runs({ text: 'Д. Кенбейіл', bold: true }), { jc: 'right' })]),
      ]),
    );

    const imported = runMuragat(['--data', data, 'import', docs, '--json', '--ocr', 'never']);
    expect(imported.stderr).toBe('');
    expect(imported.status).toBe(0);
    const outcomes = jsonLines(imported.stdout).filter((line) => 'status' in line);
    const outcome = (name: string): Record<string, unknown> => outcomes.find((line) => path.basename(String(line.path)) === name)!;

    expect(outcome('reshenija.html')).toMatchObject({ status: 'imported', kind: 'decision', number: '6-38', date: '2023-09-14', lang: 'ru' });
    expect(outcome('reshenija.html').title).toBe('Об определении перечня социально значимых сообщений в Алматинской области');
    // The letter's own number is the outgoing stamp's, not the request it answers.
    expect(outcome('hat.docx')).toMatchObject({ status: 'imported', kind: 'letter', number: '16-13-183', date: '2024-05-31', lang: 'kk' });

    const page = JSON.parse(runMuragat(['--data', data, 'show', String(outcome('reshenija.html').id), '--json']).stdout) as Shown;
    const text = page.pages.map((entry) => entry.text).join('\n');
    expect(text).toContain('маслихат Алматинской области РЕШИЛ:');
    expect(text).not.toMatch(/Рекомендации|Протоколы сессий|Все права защищены/);

    const search = (query: string): string[] =>
      (JSON.parse(runMuragat(['--data', data, 'search', query, '--json']).stdout) as { hits: Array<{ id: string }> }).hits.map((hit) => hit.id);
    expect(search('Рекомендации')).toEqual([]);
    expect(search('16-13-183')).toEqual([outcome('hat.docx').id]);
    expect(search('социально значимых сообщений')).toContain(outcome('reshenija.html').id);
  });
});
