/**
 * The "done when", on the real corpus (skipped when ../shared/corpus is absent): after
 * `muragat import ../shared/corpus`, words that appear only in the scanned PDFs are found by
 * `muragat search`, through Russian morphology, on the right page, marked as OCR — including
 * a scan lying sideways and the PDF whose text layer is garbage.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, jsonLines, REPO_ROOT, runMuragat } from '../helpers/cli';
import { CORPUS_DIR, hasCorpus, suiteTempDir } from '../helpers/temp-dir';

interface Found {
  total: number;
  hits: Array<{ file: string; title: string; missing: string[]; pages: Array<{ page: number; snippet: string; ocr: boolean }> }>;
}

describe.skipIf(!hasCorpus)('the corpus, imported with OCR', () => {
  const data = path.join(suiteTempDir(), 'archive');
  let ocrSummary: Record<string, number>;

  beforeAll(() => {
    const run = spawnSync(process.execPath, [CLI, '--data', data, 'import', CORPUS_DIR, '--json'], {
      cwd: REPO_ROOT,
      env: { ...process.env, MURAGAT_DATA: '' },
      encoding: 'utf8',
      timeout: 30 * 60_000,
    });
    const lines = jsonLines(run.stdout);
    ocrSummary = (lines.at(-1) as { ocr: Record<string, number> }).ocr;
  }, 30 * 60_000);

  const search = (query: string): Found => JSON.parse(runMuragat(['--data', data, 'search', query, '--json']).stdout) as Found;

  it('read every scanned page (55 pages in 11 scans) and the 3 garbage pages', () => {
    expect(ocrSummary).toMatchObject({ pages: 58, failed: 0, documents: 12 });
  });

  it('finds the title of the meeting protocol No. 5 scan in other grammatical forms', () => {
    // Printed: "совещания по вопросам предупреждения коррупционных правонарушений".
    const found = search('совещание предупреждение коррупционного правонарушения');
    const top = found.hits[0]!;
    expect(top.file).toBe('ru_astana-energy_2023-06-29_protokol-5-soveshchaniya-antikorruptsiya_SCAN.pdf');
    expect(top.pages[0]).toMatchObject({ page: 1, ocr: true });
    // OCR reads the scan's "щ" as "ш" here ("совешания"); the query still finds it and marks it.
    expect(top.pages[0]!.snippet).toMatch(/\[сове[щш]ания\] по вопросам \[предупреждения\] \[коррупционных\] \[правонарушений\]/);
    // Its details, unknown at import (an image), were detected from the recognised text.
    expect(top).toMatchObject({ kind: 'protocol', date: '2023-06-29', lang: 'ru' });
    // The heading's number sign is kept, as printed ("ПРОТОКОЛ № 5").
    expect(top.title).toMatch(/^Протокол № 5 сове[щш]ания по вопросам/);
  });

  it('finds words that exist only in scans, and only there', () => {
    // The protocol's title and the code of ethics' mission are printed in no text document.
    // Only the scan has every word; documents with some of them follow, marked with what they lack.
    const withEveryWord = (found: Found): string[] => found.hits.filter((hit) => hit.missing.length === 0).map((hit) => hit.file);
    const protocol = search('совещание предупреждение коррупционного правонарушения');
    expect(withEveryWord(protocol)).toEqual(['ru_astana-energy_2023-06-29_protokol-5-soveshchaniya-antikorruptsiya_SCAN.pdf']);
    expect(protocol.hits[0]!.file).toBe('ru_astana-energy_2023-06-29_protokol-5-soveshchaniya-antikorruptsiya_SCAN.pdf');
    const ethics = search('миссия кодекса деловой этики');
    expect(withEveryWord(ethics)).toEqual(['ru_astana-energy_2023-06-08_kodeks-delovoy-etiki_SCAN.pdf']);
    expect(ethics.hits[0]!.file).toBe('ru_astana-energy_2023-06-08_kodeks-delovoy-etiki_SCAN.pdf');
    expect(ethics.hits[0]!.pages[0]).toMatchObject({ page: 3, ocr: true });
  });

  it('finds text on a page scanned sideways', () => {
    // Printed (rotated 90°): "ПЛАН МЕРОПРИЯТИЙ по устранению причин и условий, способствующих…"
    const found = search('устранение причин и условий способствующих');
    expect(found.hits.map((hit) => hit.file)).toContain('ru_astana-energy_2023_plan-meropriyatiy-korruptsionnye-riski_SCAN-ROTATED.pdf');
  });

  it('finds the report whose text layer was garbage', () => {
    const found = search('тепловая энергия потребители');
    const hit = found.hits.find((h) => h.file.includes('BROKEN-TEXT-LAYER'));
    expect(hit).toBeDefined();
    expect(hit!.pages.every((page) => page.ocr)).toBe(true);
  });
});
