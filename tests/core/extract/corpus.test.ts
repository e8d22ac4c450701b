/**
 * The extractors on the real documents of the shared corpus (skipped where it is absent):
 * office DOCX files, the Enbekshikazakh maslikhat web pages in Kazakh and Russian, and three
 * large pages of Russian federal law (2 MB each) that must not be slow.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { declaredCharset } from '../../../electron/core/ingest/extract/html';
import { extractNonPdf } from '../../../electron/core/ingest/extract/non-pdf';
import { sniffFormat } from '../../../electron/core/ingest/extract/sniff';
import type { ExtractedDocument } from '../../../electron/core/ingest/extract/types';
import { cyrillicShare } from './fixtures';

const CORPUS = process.env.MURAGAT_CORPUS ?? '/work/shared/corpus';
const OFFICE = join(CORPUS, 'office');
const MASLIKHAT_HTML = join(CORPUS, 'text/kk-ru_maslikhat-enbekshikazakh-html');
const FEDERAL_CODES = join(CORPUS, 'text/ru_rf-federal-codes-html');

const filesIn = (dir: string, extension: string): string[] =>
  existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(extension)).sort() : [];

/** Sniffs then extracts, as the importer does. */
async function importLike(path: string): Promise<ExtractedDocument> {
  const bytes = readFileSync(path);
  const sniffed = await sniffFormat(bytes, path);
  if (!('format' in sniffed) || sniffed.format === 'pdf') throw new Error(`unexpected sniff result for ${path}: ${JSON.stringify(sniffed)}`);
  return extractNonPdf(bytes, sniffed.format, path);
}

describe.skipIf(!existsSync(OFFICE))('corpus: office DOCX', () => {
  it.each(filesIn(OFFICE, '.docx'))('%s gives Russian text', async (name) => {
    const doc = await importLike(join(OFFICE, name));
    const text = doc.pages[0]!.text;
    expect(doc.format).toBe('docx');
    expect(text.length).toBeGreaterThan(1_000);
    expect(cyrillicShare(text)).toBeGreaterThan(0.9);
    expect(text).toMatch(/коррупц/i);
    expect(text).not.toContain('\uFFFD');
  });
});

describe.skipIf(!existsSync(MASLIKHAT_HTML))('corpus: maslikhat web pages', () => {
  it.each(filesIn(MASLIKHAT_HTML, '.html'))('%s', async (name) => {
    const doc = await importLike(join(MASLIKHAT_HTML, name));
    const text = doc.pages[0]!.text;
    expect(doc).toMatchObject({ format: 'html', encoding: 'utf-8' });
    expect(doc.embeddedTitle).toBeTruthy();
    expect(text.length).toBeGreaterThan(100);
    expect(cyrillicShare(text)).toBeGreaterThan(0.6);
    expect(text).not.toMatch(/<\/?(?:p|div|span|td|br)\b|&nbsp;|&laquo;/);
    if (name.includes('_kk_')) expect(text).toMatch(/[әғқңөұүһі]/);
  });

  it('finds «қоғамдық кеңес» in the Kazakh pages about the public council', async () => {
    const pages = filesIn(MASLIKHAT_HTML, '.html').filter((name) => name.includes('_kk_'));
    const texts = await Promise.all(pages.map(async (name) => (await importLike(join(MASLIKHAT_HTML, name))).pages[0]!.text.toLowerCase()));
    expect(texts.filter((text) => text.includes('қоғамдық кеңес')).length).toBeGreaterThanOrEqual(3);
  });
});

describe.skipIf(!existsSync(FEDERAL_CODES))('corpus: large federal code pages', () => {
  it.each(filesIn(FEDERAL_CODES, '.html'))('%s: declared charset honoured, text complete, not slow', async (name) => {
    const path = join(FEDERAL_CODES, name);
    const bytes = readFileSync(path);
    // The pages declare UTF-8 (one by http-equiv, two by <meta charset>), and they are UTF-8.
    expect(declaredCharset(bytes)).toBe('utf-8');
    const started = performance.now();
    const doc = await importLike(path);
    const elapsed = performance.now() - started;
    const text = doc.pages[0]!.text;
    console.log(`${name}: ${(bytes.length / 1024 / 1024).toFixed(1)} MB → ${text.length} characters in ${elapsed.toFixed(0)} ms`);
    expect(doc.encoding).toBe('utf-8');
    expect(cyrillicShare(text)).toBeGreaterThan(0.95);
    if (name.includes('konstitutsiya')) expect(text).toContain('Конституция Российской Федерации');
    else expect(text).toMatch(/кодекс Российской Федерации[\s\S]*настоящим Кодексом/);
    expect(text).not.toMatch(/mso-|@page|<\/?\w+>/);
    expect(text.length).toBeGreaterThan(bytes.length / 4);
    expect(elapsed).toBeLessThan(10_000);
  });
});
