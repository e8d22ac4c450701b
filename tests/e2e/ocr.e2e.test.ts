/**
 * Scans in real Chromium against browser mode: a scanned order imported through the import
 * screen is read by OCR in the background (the top bar says so), its words are found with an
 * inflected query, the hit carries the OCR badge, and the viewer highlights the words on the
 * scan image from the word boxes — also on a page scanned sideways. Screenshots go to
 * test-results/e2e/ (ocr-*).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall as harnessApiCall, ensureBuilt, launchChromium, ROOT, screenshot, startServe, type ServeHandle } from './harness';

const SCANS = [path.join(ROOT, 'tests/fixtures/ocr/kk-order-110-p1-scan.pdf'), path.join(ROOT, 'tests/fixtures/ocr/kk-order-110-p1-sideways.pdf')];

let dataDir: string;
let server: ServeHandle;
let browser: Browser;
let page: Page;

const apiCall = (method: string, params: unknown = null): Promise<unknown> => harnessApiCall(server, method, params);

beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-e2e-ocr-'));
  server = await startServe(dataDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(server.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

interface HitBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Share of dark pixels of the scan under the box: a box that misses its word covers paper. */
  ink: number;
}

/** Boxes of the highlighted words relative to the page's rendered canvas (0…1), with the ink under them. */
async function hitBoxes(pageNumber: number): Promise<HitBox[]> {
  return page.evaluate((n) => {
    const pageElement = document.querySelector(`.viewer-page[data-page-number="${n}"]`)!;
    const canvasElement = pageElement.querySelector('canvas')!;
    const canvas = canvasElement.getBoundingClientRect();
    const context = canvasElement.getContext('2d')!;
    return [...pageElement.querySelectorAll('.viewer-hit')].map((hit) => {
      const box = hit.getBoundingClientRect();
      const x0 = (box.left - canvas.left) / canvas.width;
      const y0 = (box.top - canvas.top) / canvas.height;
      const x1 = (box.right - canvas.left) / canvas.width;
      const y1 = (box.bottom - canvas.top) / canvas.height;
      const sx = Math.max(0, Math.floor(x0 * canvasElement.width));
      const sy = Math.max(0, Math.floor(y0 * canvasElement.height));
      const sw = Math.max(1, Math.floor((x1 - x0) * canvasElement.width));
      const sh = Math.max(1, Math.floor((y1 - y0) * canvasElement.height));
      const data = context.getImageData(sx, sy, sw, sh).data;
      let dark = 0;
      for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 3 * 128) dark++;
      return { x0, y0, x1, y1, ink: dark / (data.length / 4) };
    });
  }, pageNumber);
}

describe('scanned documents in the browser', () => {
  it('imports scans and reads them in the background, with progress in the top bar', async () => {
    await page.getByRole('link', { name: 'Импорт' }).click();
    await page.locator('[data-testid="import-files-input"]').setInputFiles(SCANS);
    await expect.poll(async () => ((await apiCall('import.list')) as Array<{ state: string }>)[0]?.state, { timeout: 60_000, interval: 300 }).toBe('finished');
    // OCR starts by itself after the import; the indicator shows while it runs.
    await page.locator('.ocr-indicator-link').waitFor({ timeout: 15_000 });
    await screenshot(page, 'ocr-01-reading-in-background');
    await expect
      .poll(async () => (await apiCall('ocr.status')) as { state: string; pendingPages: number }, { timeout: 180_000, interval: 1000 })
      .toMatchObject({ state: 'idle', pendingPages: 0 });
    await expect.poll(() => page.locator('.ocr-indicator-link').count(), { timeout: 10_000 }).toBe(0);
  }, 240_000);

  it('finds words of the scan with an inflected query and marks the hit as recognised text', async () => {
    await page.getByRole('link', { name: 'Іздеу' }).click();
    await page.locator('#search-input').fill('академиялық демалыс');
    await expect.poll(() => page.locator('.hit').count(), { timeout: 15_000 }).toBe(2);
    await expect.poll(() => page.locator('.hit .badge-ocr').count()).toBeGreaterThan(0);
    const marked = await page.locator('.hit-snippet mark').allTextContents();
    expect(marked.some((word) => word.toLowerCase().startsWith('демалыс'))).toBe(true);
    await screenshot(page, 'ocr-02-search-results');
  });

  it('opens the scan with the words highlighted on the image, over selectable recognised text', async () => {
    await page.locator('.hit').first().locator('.hit-page-link').first().click();
    const scanPage = page.locator('.viewer-page[data-page-number="1"][data-ocr="true"][data-rendered="true"]');
    await scanPage.waitFor({ timeout: 30_000 });
    await expect.poll(() => scanPage.locator('.viewer-ocr-word').count(), { timeout: 15_000 }).toBeGreaterThan(100);
    await expect.poll(() => scanPage.locator('.viewer-hit').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'ocr-03-scan-highlighted');
    const boxes = await hitBoxes(1);
    for (const box of boxes) {
      expect(box.x0).toBeGreaterThanOrEqual(0);
      expect(box.x1).toBeLessThanOrEqual(1.001);
      // Each highlight sits on a printed word of the scan, not on blank paper.
      expect(box.ink).toBeGreaterThan(0.05);
    }
    const words = await scanPage.locator('.viewer-ocr-word').allTextContents();
    expect(words.join(' ')).toContain('Қазақстан');
  });

  it('highlights words on a page that was scanned sideways, where the text runs upwards', async () => {
    await page.getByRole('link', { name: 'Іздеу' }).click();
    await page.locator('#search-input').fill('академиялық демалыс');
    const sideways = page.locator('.hit', { hasText: 'sideways' }).first();
    await sideways.waitFor({ timeout: 15_000 });
    await sideways.locator('.hit-page-link').first().click();
    const scanPage = page.locator('.viewer-page[data-page-number="1"][data-ocr="true"][data-rendered="true"]');
    await scanPage.waitFor({ timeout: 30_000 });
    await expect.poll(() => scanPage.locator('.viewer-hit').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await screenshot(page, 'ocr-04-sideways-highlighted');
    const boxes = await hitBoxes(1);
    // Turned text: each highlighted word is taller than it is wide, and sits on printed ink.
    for (const box of boxes) {
      expect(box.y1 - box.y0).toBeGreaterThan(box.x1 - box.x0);
      expect(box.ink).toBeGreaterThan(0.05);
    }
  });

  it('shows OCR languages and status in Settings', async () => {
    await page.getByRole('link', { name: 'Баптаулар' }).click();
    const heading = page.getByRole('heading', { name: 'Мәтінді тану (OCR)' });
    await heading.waitFor({ timeout: 10_000 });
    await heading.scrollIntoViewIfNeeded();
    await page.evaluate(() => window.scrollBy(0, 300));
    // The three languages are installed (none is reported missing) and can be chosen.
    await expect.poll(() => page.getByRole('checkbox').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, 'ocr-05-settings');
  });
});
