/**
 * The secretary's day in real Chromium against browser mode on a temporary archive: import real
 * PDFs through the import screen, search in Kazakh typed on a Russian keyboard, open the hit at
 * its page with the PDF rendered and the word highlighted, edit the metadata, switch the UI
 * language, and do it all again by keyboard alone. Screenshots go to test-results/e2e/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall as harnessApiCall, ensureBuilt, inkedPixels, launchChromium, ROOT, screenshot, startServe, type ServeHandle } from './harness';

const SAMPLE = path.join(ROOT, 'resources/sample');
const PDFS = [
  path.join(SAMPLE, 'kk_mon-rk_2020-05-04_buyryk-180_tegin-tamaktandyru.pdf'),
  path.join(SAMPLE, 'ru_konstitutsiya-respubliki-kazakhstan_red-2022.pdf'),
  path.join(ROOT, 'tests/fixtures/import/kk-order-110.pdf'),
  path.join(ROOT, 'tests/fixtures/import/kk-order-110-encrypted.pdf'),
];

let dataDir: string;
let server: ServeHandle;
let browser: Browser;
let page: Page;

const apiCall = (method: string, params: unknown = null): Promise<unknown> => harnessApiCall(server, method, params);

beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-e2e-'));
  server = await startServe(dataDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('browser mode, end to end', () => {
  it('starts in Kazakh on an empty archive with the search box focused', async () => {
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('kk');
    await page.locator('#search-input').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await expect.poll(() => page.locator('nav a[aria-current="page"]').textContent()).toBe('Іздеу');
    await screenshot(page, '01-empty-search');
  });

  it('imports real PDFs through the import screen, with the encrypted one refused and explained', async () => {
    await page.getByRole('link', { name: 'Импорт' }).click();
    await page.locator('[data-testid="import-files-input"]').setInputFiles(PDFS);
    await expect
      .poll(async () => ((await apiCall('import.list')) as Array<{ state: string }>)[0]?.state, { timeout: 120_000, interval: 500 })
      .toBe('finished');
    const jobs = (await apiCall('import.list')) as Array<{ counts: { imported: number; failed: number } }>;
    expect(jobs[0]?.counts).toMatchObject({ imported: 3, failed: 1 });
    // The screen lists each file by its name and says why the encrypted one failed, in Kazakh.
    await expect.poll(() => page.locator('main').textContent(), { timeout: 10_000 }).toContain('kk-order-110-encrypted.pdf');
    await expect.poll(() => page.locator('main').textContent()).toContain('құпиясөз');
    await screenshot(page, '02-import-done');
  });

  it('finds Kazakh documents from a query typed on a Russian keyboard, with the words marked', async () => {
    await page.getByRole('link', { name: 'Іздеу' }).click();
    await page.locator('#search-input').fill('казакстан республикасы');
    const firstHit = page.locator('.hit').first();
    await firstHit.waitFor();
    await expect.poll(() => page.locator('.hit-snippet mark').count()).toBeGreaterThan(0);
    const marked = await page.locator('.hit-snippet mark').first().textContent();
    expect(marked?.toLowerCase()).toMatch(/^қазақстан|^республика/);
    await screenshot(page, '03-search-results');
  });

  it('opens the hit at its page: the PDF page is rendered and the word is highlighted on it', async () => {
    const pageLink = page.locator('.hit').first().locator('.hit-page-link').first();
    const pageNumber = Number((await pageLink.textContent())?.match(/\d+/)?.[0]);
    await pageLink.click();
    const rendered = page.locator(`.viewer-page[data-page-number="${pageNumber}"][data-rendered="true"]`);
    await rendered.waitFor({ timeout: 30_000 });
    expect(await inkedPixels(page, `.viewer-page[data-page-number="${pageNumber}"] canvas`)).toBeGreaterThan(2000);
    await expect.poll(() => page.locator(`.viewer-page[data-page-number="${pageNumber}"] .viewer-hit`).count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, '04-document-highlighted');
  });

  it('edits the metadata, refusing an impossible date, and shows the saved values', async () => {
    await page.getByRole('button', { name: 'Өңдеу' }).click();
    const date = page.getByLabel('Күні', { exact: true });
    await date.fill('2020-02-30');
    await page.getByRole('button', { name: 'Сақтау' }).click();
    await expect.poll(() => page.locator('.field-error').count()).toBeGreaterThan(0);
    await date.fill('2020-05-04');
    await page.getByLabel('Нөмірі', { exact: true }).fill('180-Т');
    await page.getByLabel('Тегтер', { exact: true }).fill('білім, тамақтандыру');
    await page.getByRole('button', { name: 'Сақтау' }).click();
    await expect.poll(() => page.locator('.metadata-facts').textContent()).toContain('180-Т');
    await expect.poll(() => page.locator('.metadata-facts').textContent()).toContain('тамақтандыру');
    await screenshot(page, '05-metadata-saved');
  });

  it('switches the UI to Russian and English without a reload', async () => {
    await page.getByRole('button', { name: 'Русский' }).click();
    await expect.poll(() => page.locator('nav a[aria-current="page"]').textContent()).toBe('Поиск');
    await expect.poll(() => page.locator('.metadata-panel .panel-title').textContent()).toBe('Реквизиты');
    await screenshot(page, '06-russian');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('nav a[aria-current="page"]').textContent()).toBe('Search');
    await page.getByRole('button', { name: 'Қазақша' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('kk');
  });

  it('works by keyboard alone: / to search, ↓ to the first result, Enter to open, Tab with visible focus', async () => {
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await page.keyboard.type('конституция');
    await page.locator('.hit').first().waitFor();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.hit-title') !== null)).toBe(true);
    await page.keyboard.press('Enter');
    await page.locator('.viewer-page[data-rendered="true"]').first().waitFor({ timeout: 30_000 });
    // Focus is visible wherever Tab takes it.
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const element = document.activeElement;
      return element ? getComputedStyle(element).outlineStyle : 'none';
    });
    expect(outline).not.toBe('none');
    await screenshot(page, '07-keyboard-document');
  });
});
