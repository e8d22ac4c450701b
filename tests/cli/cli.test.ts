import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runMuragat } from '../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

const DECISION_KK = `Алматы облыстық мәслихатының 2023 жылғы 14 қыркүйектегі № 6-38 шешімі
Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы
Қазақстан Республикасының Заңына сәйкес облыстық мәслихат және қоғамдық кеңес ШЕШІМ ҚАБЫЛДАДЫ:`;

describe('muragat CLI', () => {
  it('imports, lists, shows, searches, reports stats, checks and backs up an archive', () => {
    const data = path.join(tempDir(), 'archive');
    const docs = tempDir();
    fs.copyFileSync(path.join(FIXTURES_DIR, 'import/kk-order-110.pdf'), path.join(docs, 'бұйрық 110.pdf'));
    fs.copyFileSync(path.join(FIXTURES_DIR, 'import/kk-order-110-scan.pdf'), path.join(docs, 'scan.pdf'));
    fs.writeFileSync(path.join(docs, 'шешім.txt'), DECISION_KK);
    fs.writeFileSync(path.join(docs, 'broken.pdf'), '%PDF-1.4 this is not a PDF');

    // OCR has its own tests (tests/cli/ocr.test.ts): here the scan stays waiting for it.
    const imported = runMuragat(['--data', data, 'import', docs, '--json', '--ocr', 'never']);
    expect(imported.status).toBe(1); // one file failed
    const lines = jsonLines(imported.stdout);
    const files = lines.filter((line) => 'status' in line);
    expect(files).toHaveLength(4);
    for (const line of files) {
      expect(Object.keys(line)).toEqual(expect.arrayContaining(['path', 'status', 'id', 'kind', 'number', 'date', 'lang', 'title', 'pages', 'error']));
    }
    const byName = (name: string) => files.find((line) => path.basename(String(line.path)) === name)!;
    expect(byName('бұйрық 110.pdf')).toMatchObject({ status: 'imported', kind: 'order', pages: 2, lang: 'kk' });
    expect(byName('scan.pdf')).toMatchObject({ status: 'imported', needsOcr: true });
    expect(byName('шешім.txt')).toMatchObject({ status: 'imported', kind: 'decision', number: '6-38', date: '2023-09-14' });
    expect(byName('broken.pdf')).toMatchObject({ status: 'failed', errorCode: 'PDF_CORRUPT' });
    expect(String(byName('broken.pdf').error)).not.toBe('');
    expect(lines.at(-1)).toMatchObject({ summary: { imported: 3, failed: 1 } });
    expect(imported.stderr).toBe('');

    const again = runMuragat(['--data', data, 'import', path.join(docs, 'бұйрық 110.pdf'), '--json']);
    expect(again.status).toBe(0);
    expect(jsonLines(again.stdout)[0]).toMatchObject({ status: 'duplicate', id: byName('бұйрық 110.pdf').id });

    const list = runMuragat(['--data', data, 'list', '--json']);
    const listed = JSON.parse(list.stdout) as Array<{ id: string; file: string }>;
    expect(listed.map((d) => d.file).sort()).toEqual(['scan.pdf', 'бұйрық 110.pdf', 'шешім.txt'].sort());

    const shown = runMuragat(['--data', data, 'show', String(byName('шешім.txt').id), '--json']);
    expect(JSON.parse(shown.stdout)).toMatchObject({ file: 'шешім.txt', kind: 'decision', pages: [{ pageNo: 1 }] });
    const shownText = runMuragat(['--data', data, 'show', String(byName('шешім.txt').id)]);
    expect(shownText.stdout).toMatch(/file\s+шешім\.txt/);

    const search = runMuragat(['--data', data, 'search', 'кеңес', '--json']);
    const found = JSON.parse(search.stdout) as { total: number; hits: Array<{ file: string; pages: Array<{ page: number; snippet: string }> }> };
    expect(found.total).toBe(1);
    expect(found.hits[0]!.file).toBe('шешім.txt');
    expect(found.hits[0]!.pages[0]!.snippet).toContain('[кеңес]');

    const stats = JSON.parse(runMuragat(['--data', data, 'stats', '--json']).stdout) as { documents: number; needsOcr: number; byKind: Record<string, number> };
    expect(stats).toMatchObject({ documents: 3, needsOcr: 1 });
    expect(stats.byKind).toMatchObject({ order: 1, decision: 1 });

    const check = runMuragat(['--data', data, 'check']);
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^ok: 3 documents, 3 files/m);

    const backupDir = path.join(tempDir(), 'backup');
    expect(runMuragat(['--data', data, 'backup', backupDir]).status).toBe(0);
    const restoredCheck = runMuragat(['--data', backupDir, 'check', '--json']);
    expect(JSON.parse(restoredCheck.stdout)).toMatchObject({ ok: true, documents: 3, filesChecked: 3 });
    expect(runMuragat(['--data', backupDir, 'search', 'академиялық', '--json']).stdout).toMatch(/"total":1/);
  });

  it('finds damaged stored files with check', () => {
    const data = path.join(tempDir(), 'archive');
    const docs = tempDir();
    fs.writeFileSync(path.join(docs, 'a.txt'), DECISION_KK);
    const line = jsonLines(runMuragat(['--data', data, 'import', docs, '--json']).stdout)[0]!;
    expect(line.status).toBe('imported');
    const filesDir = path.join(data, 'files');
    const blob = fs.readdirSync(filesDir, { recursive: true }).map(String).find((name) => /[0-9a-f]{64}$/.test(name))!;
    fs.appendFileSync(path.join(filesDir, blob), 'tampered');
    const check = runMuragat(['--data', data, 'check']);
    expect(check.status).toBe(1);
    expect(check.stdout).toMatch(/FILE_SIZE_MISMATCH/);
  });

  it('explains usage errors and refuses unknown options with exit code 2', () => {
    const data = path.join(tempDir(), 'archive');
    expect(runMuragat(['--help']).stdout).toMatch(/Commands:/);
    const unknown = runMuragat(['--data', data, 'frobnicate']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    const badKind = runMuragat(['--data', data, 'import', '.', '--kind', 'poem']);
    expect(badKind.status).toBe(2);
    expect(badKind.stderr).toMatch(/unknown kind 'poem'/);
    const badOption = runMuragat(['--data', data, 'search', 'x', '--colour']);
    expect(badOption.status).toBe(2);
    expect(runMuragat(['--data', data, 'show', '0000dead']).stderr).toMatch(/no document with id/);
  });

  it('uses MURAGAT_DATA when --data is not given', () => {
    const data = path.join(tempDir(), 'from-env');
    const stats = runMuragat(['stats', '--json'], { MURAGAT_DATA: data });
    expect(stats.status).toBe(0);
    expect(fs.existsSync(path.join(data, 'archive.sqlite'))).toBe(true);
  });
});

