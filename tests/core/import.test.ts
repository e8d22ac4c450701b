import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../electron/core/archive';
import type { ImportFileResult } from '../../electron/core/ingest/import-files';
import { archiveStateHash, storedBlobCount, tempArchive } from '../helpers/archive';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

const ORDER_PDF = path.join(FIXTURES_DIR, 'import/kk-order-110.pdf');
const SCAN_PDF = path.join(FIXTURES_DIR, 'import/kk-order-110-scan.pdf');
const ENCRYPTED_PDF = path.join(FIXTURES_DIR, 'import/kk-order-110-encrypted.pdf');

const DECISION_KK = `Алматы облыстық мәслихатының 2023 жылғы 14 қыркүйектегі № 6-38 шешімі
Алматы облысында әлеуметтік маңызы бар қатынастардың тізбесін айқындау туралы
Қазақстан Республикасының "Автомобиль көлігі туралы" Заңына сәйкес Алматы облыстық мәслихаты ШЕШІМ ҚАБЫЛДАДЫ:`;

const DECISION_RU = `Решение Алматинского областного маслихата от 14 сентября 2023 года № 6-38
Об определении перечня социально значимых сообщений в Алматинской области
В соответствии с Законом Республики Казахстан "Об автомобильном транспорте" Алматинский областной маслихат РЕШИЛ:`;

let archive: Archive | null = null;
afterEach(async () => {
  await archive?.close();
  archive = null;
});

async function importAll(paths: string[]): Promise<{ results: ImportFileResult[]; summary: Awaited<ReturnType<Archive['importPaths']>> }> {
  archive ??= await tempArchive();
  const results: ImportFileResult[] = [];
  const summary = await archive.importPaths(paths, { onFile: (r) => results.push(r) });
  return { results, summary };
}

function byName(results: ImportFileResult[], name: string): ImportFileResult {
  const found = results.find((r) => path.basename(r.path) === name);
  if (!found) throw new Error(`no result for ${name}`);
  return found;
}

describe('import', () => {
  it('imports a text-layer PDF with the text of every page and detected metadata', async () => {
    const { results } = await importAll([ORDER_PDF]);
    const result = results[0]!;
    expect(result).toMatchObject({ status: 'imported', kind: 'order', lang: 'kk', pages: 2, needsOcr: false });
    expect(result.date).toBe('2017-03-10');
    expect(result.number).toBe('110');
    const pages = archive!.pages(result.id!);
    expect(pages).toHaveLength(2);
    expect(pages[0]!.text).toContain('академиялық демалыстар');
    const details = archive!.get(result.id!);
    expect(details.files[0]).toMatchObject({ originalName: 'kk-order-110.pdf', format: 'pdf', mediaType: 'application/pdf' });
  });

  it('imports a scan with no text layer and flags it as needing OCR', async () => {
    const { results } = await importAll([SCAN_PDF]);
    expect(results[0]).toMatchObject({ status: 'imported', pages: 1, needsOcr: true });
    expect(archive!.list()[0]!.needsOcr).toBe(true);
  });

  it('reports an identical file as a duplicate, stores it once, and changes nothing the second time', async () => {
    const dir = tempDir();
    fs.copyFileSync(ORDER_PDF, path.join(dir, 'a.pdf'));
    fs.copyFileSync(ORDER_PDF, path.join(dir, 'copy of a.pdf'));
    const first = await importAll([dir]);
    expect(first.results.map((r) => r.status).sort()).toEqual(['duplicate', 'imported']);
    expect(storedBlobCount(archive!)).toBe(1);
    const before = archiveStateHash(archive!);
    const second = await importAll([dir]);
    expect(second.results.map((r) => r.status)).toEqual(['duplicate', 'duplicate']);
    expect(archiveStateHash(archive!)).toBe(before);
  });

  it('of files with the same bytes in one batch, the first listed is the one imported, however reads finish', async () => {
    for (let round = 0; round < 3; round++) {
      const dir = tempDir();
      // A larger copy first and small different files between, so reads finish out of order.
      fs.copyFileSync(ORDER_PDF, path.join(dir, 'a-first.pdf'));
      for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(dir, `b-${i}.txt`), `Хаттама № ${round}-${i}. Кеңес отырысы өтті.`);
      fs.copyFileSync(ORDER_PDF, path.join(dir, 'c-copy.pdf'));
      fs.symlinkSync(path.join(dir, 'a-first.pdf'), path.join(dir, 'd-link.pdf'));
      archive = null;
      const { results } = await importAll([dir]);
      expect(byName(results, 'a-first.pdf').status, `round ${round}`).toBe('imported');
      expect(byName(results, 'c-copy.pdf').status).toBe('duplicate');
      expect(byName(results, 'd-link.pdf').status).toBe('duplicate');
      await archive!.close();
      archive = null;
    }
  });

  it('refuses bad files with a specific reason, leaves nothing of them behind, and goes on with the batch', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good.txt');
    fs.writeFileSync(good, DECISION_KK);
    fs.writeFileSync(path.join(dir, 'empty.pdf'), '');
    fs.writeFileSync(path.join(dir, 'truncated.pdf'), fs.readFileSync(ORDER_PDF).subarray(0, 2000));
    fs.copyFileSync(ENCRYPTED_PDF, path.join(dir, 'encrypted.pdf'));
    fs.writeFileSync(path.join(dir, 'really-html.pdf'), '<!DOCTYPE html><html><body>Сайт</body></html>');
    fs.writeFileSync(path.join(dir, 'data.xyz'), 'binary-ish data');
    fs.writeFileSync(path.join(dir, 'records.jsonl'), '{"a":1}\n');
    const { results, summary } = await importAll([dir]);
    expect(byName(results, 'good.txt').status).toBe('imported');
    expect(byName(results, 'empty.pdf')).toMatchObject({ status: 'failed', error: { code: 'FILE_EMPTY' } });
    expect(byName(results, 'truncated.pdf')).toMatchObject({ status: 'failed' });
    expect(byName(results, 'truncated.pdf').error!.code).toMatch(/PDF_CORRUPT/);
    expect(byName(results, 'encrypted.pdf')).toMatchObject({ status: 'failed', error: { code: 'PDF_ENCRYPTED' } });
    expect(byName(results, 'encrypted.pdf').error!.message).toMatch(/password/);
    expect(byName(results, 'really-html.pdf')).toMatchObject({ status: 'failed', error: { code: 'FILE_TYPE_MISMATCH' } });
    expect(byName(results, 'data.xyz').status).toBe('skipped');
    expect(byName(results, 'records.jsonl').status).toBe('skipped');
    expect(summary).toMatchObject({ imported: 1, failed: 4, skipped: 2 });
    // Only the good file left anything in the archive.
    expect(archive!.list()).toHaveLength(1);
    expect(storedBlobCount(archive!)).toBe(1);
    expect((await archive!.check()).ok).toBe(true);
  });

  it('detects a Windows-1251 text file instead of assuming UTF-8', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'решение-1251.txt');
    fs.writeFileSync(file, iconv.encode(DECISION_RU, 'win1251'));
    const { results } = await importAll([file]);
    expect(results[0]).toMatchObject({ status: 'imported', lang: 'ru', kind: 'decision', number: '6-38', date: '2023-09-14' });
    const details = archive!.get(results[0]!.id!);
    expect(details.files[0]!.encoding).toBe('windows-1251');
    expect(archive!.pages(details.id)[0]!.text).toContain('Алматинского областного маслихата');
  });

  it('keeps Kazakh letters and spaces in file names', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'Қоғамдық кеңес шешімі № 6-38.txt');
    fs.writeFileSync(file, DECISION_KK);
    const { results } = await importAll([file]);
    expect(results[0]!.status).toBe('imported');
    expect(archive!.list()[0]!.file).toBe('Қоғамдық кеңес шешімі № 6-38.txt');
  });

  it('lets the caller override detected metadata', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'note.txt');
    fs.writeFileSync(file, DECISION_KK);
    archive = await tempArchive();
    const results: ImportFileResult[] = [];
    await archive.importPaths([file], { overrides: { kind: 'protocol', title: 'Менің атауым', lang: 'kk', tags: ['кеңес', '2023'] }, onFile: (r) => results.push(r) });
    const doc = archive.get(results[0]!.id!);
    expect(doc).toMatchObject({ kind: 'protocol', title: 'Менің атауым', lang: 'kk', tags: ['2023', 'кеңес'] });
    expect(doc.number).toBe('6-38');
  });

  it('reports a file that vanishes before it is read, and a path that does not exist', async () => {
    const dir = tempDir();
    const vanishing = path.join(dir, 'vanishing.txt');
    fs.writeFileSync(vanishing, DECISION_KK);
    archive = await tempArchive();
    const results: ImportFileResult[] = [];
    await archive.importPaths([dir, path.join(dir, 'never-existed.pdf')], {
      onProgress: (progress) => {
        // Delete the file after it was listed but before it is read.
        if (progress.filesDone === 1 && fs.existsSync(vanishing)) fs.rmSync(vanishing);
      },
      onFile: (r) => results.push(r),
    });
    // The path that never existed is reported first; by then the folder was listed, so the
    // vanishing file is gone when its turn comes.
    expect(byName(results, 'never-existed.pdf')).toMatchObject({ status: 'failed', error: { code: 'FILE_UNREADABLE' } });
    expect(byName(results, 'vanishing.txt')).toMatchObject({ status: 'failed', error: { code: 'FILE_VANISHED' } });
    expect(byName(results, 'vanishing.txt').error!.message).toMatch(/disappeared/);
    expect(archive.list()).toHaveLength(0);
  });

  it('imports a folder of 1,000 files of which some are broken, failing only those', async () => {
    const dir = tempDir();
    for (let i = 0; i < 1000; i++) {
      const sub = path.join(dir, `batch-${Math.floor(i / 100)}`);
      fs.mkdirSync(sub, { recursive: true });
      if (i % 97 === 0) fs.writeFileSync(path.join(sub, `broken-${i}.pdf`), `%PDF-1.7 garbage ${i}`);
      else if (i % 101 === 0) fs.writeFileSync(path.join(sub, `empty-${i}.docx`), '');
      else fs.writeFileSync(path.join(sub, `decision-${i}.txt`), `${DECISION_KK}\nҚосымша № ${i}: қоғамдық кеңес отырысы.`);
    }
    const { summary } = await importAll([dir]);
    const broken = Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 97 === 0 || i % 101 === 0).length;
    expect(summary.total).toBe(1000);
    expect(summary.failed).toBe(broken);
    expect(summary.imported).toBe(1000 - broken);
    expect(archive!.stats().documents).toBe(1000 - broken);
    expect((await archive!.check()).ok).toBe(true);
  });
});
