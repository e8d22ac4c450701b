/**
 * Issue 13's end-to-end check, in real Chromium against browser mode on the embedded sample
 * archive (Kazakh and Russian acts of resources/sample): a long question shows results with the
 * question words left out and "not found: …" on the documents that lack a word; a typo shows
 * "showing results for …" with a link that searches the words as typed. Screenshots go to
 * test-results/e2e/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, launchChromium, screenshot, startServe, type ServeHandle } from './harness';

let server: ServeHandle;
let browser: Browser;
let page: Page;
const problems: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  server = await startServe(null);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(server.url);
  await page.locator('html[lang="kk"]').waitFor();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function searchFor(text: string): Promise<void> {
  await page.locator('#search-input').fill(text);
  await expect.poll(() => page.locator('#search-results').getAttribute('data-query'), { timeout: 20_000 }).toBe(text);
}

describe('search that answers what people type, in the browser', () => {
  it('a long question: question words are not required, and documents lacking a word say which', async () => {
    await searchFor('академиялық демалыс алу үшін қандай құжаттар керек студентке');
    await expect.poll(() => page.locator('.results-ignored').textContent()).toMatch(/үшін.*қандай.*керек/);
    // No act has every word ("студентке" is the asker's): results, each marked with what it lacks.
    await expect.poll(() => page.locator('.hit').count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.results-partial').count()).toBe(1);
    const missing = page.locator('.hit .hit-missing').first();
    await expect.poll(() => missing.textContent()).toMatch(/^Табылмады:/);
    expect(await missing.locator('s').count()).toBeGreaterThan(0);
    // The order on academic leave is among the first results.
    const titles = await page.locator('.hit-title').allTextContents();
    expect(titles.slice(0, 3).some((title) => /академиялық демалыс/i.test(title))).toBe(true);
    await screenshot(page, 'forgiving-01-question');
  });

  it('a typo: results for the closest archive word, and a link to search the words as typed', async () => {
    await searchFor('академиялық демалс');
    const corrected = page.locator('.results-corrected');
    await expect.poll(() => corrected.textContent()).toContain('демалыс');
    expect(await corrected.textContent()).toMatch(/Нәтижелер мына сөздер бойынша көрсетілді/);
    // The corrected word is found and marked in the snippets.
    await expect.poll(() => page.locator('.hit-title').first().textContent()).toMatch(/академиялық демалыс/i);
    await expect.poll(() => page.locator('.hit-snippet mark').count()).toBeGreaterThan(0);
    await screenshot(page, 'forgiving-02-typo');

    // "Search instead for демалс": no document has it, so none has every word; the closest word is offered.
    await corrected.getByRole('button', { name: 'демалс' }).click();
    await expect.poll(() => page.locator('.results-corrected').count()).toBe(0);
    await expect.poll(() => page.locator('.did-you-mean').textContent()).toContain('академиялық демалыс');
    for (const text of await page.locator('.hit .hit-missing').allTextContents()) expect(text).toContain('демалс');
    await screenshot(page, 'forgiving-03-as-typed');
  });

  it('an abbreviation finds the full form, marked in the snippets without stray brackets', async () => {
    await searchFor('ҚР БҒМ бұйрығы');
    await expect.poll(() => page.locator('.hit').count()).toBeGreaterThan(0);
    const marks = (await page.locator('.hit-snippet mark').allTextContents()).map((text) => text.toLowerCase());
    expect(marks.some((text) => text.startsWith('министр') || text.startsWith('білім') || text.startsWith('республика'))).toBe(true);
    for (const snippet of await page.locator('.hit-snippet').allTextContents()) expect(snippet).not.toMatch(/\[(Қазақстан|Республика|Білім|министр)/iu);
    await screenshot(page, 'forgiving-04-abbreviation');
  });

  it('a translation pair is one result, with a link to the other language version', async () => {
    await searchFor('әлеуметтік маңызы бар қатынастар');
    const twins = page.locator('.hit').first().locator('.hit-twins');
    await expect.poll(() => twins.textContent()).toContain('Орысша');
    // The Russian decision is not listed again as a result of its own.
    const twinLink = twins.getByRole('link').first();
    const twinTitle = ((await twinLink.textContent()) ?? '').replace(/^Орысша\s*/u, '').trim();
    expect(twinTitle.length).toBeGreaterThan(10);
    expect((await page.locator('.hit-title').allTextContents()).map((title) => title.trim())).not.toContain(twinTitle);
    await twinLink.click();
    await expect.poll(() => page.locator('.metadata-facts').textContent(), { timeout: 20_000 }).toContain('Орысша');
    await screenshot(page, 'forgiving-05-twins');
  });

  it('raised no page errors', () => {
    expect(problems).toEqual([]);
  });
});
