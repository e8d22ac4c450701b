/**
 * Issue 12's end-to-end check, in real Chromium against browser mode: a document whose own date
 * no detector can be sure of (a notice with two dates of equal standing and no requisites line,
 * tests/fixtures/detection/README.md) is uploaded through the import screen; it waits in the
 * review list with the doubted field marked (a "?" with a label, and a tint); the user clicks one
 * of the values detection found; after saving, a reload shows the value stored and the mark gone.
 * The same document in the library's review list names the fields to check. Screenshots go to
 * test-results/e2e/.
 */
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentView } from '../../shared/contract';
import type { LibraryResponse } from '../../shared/domain/library';
import type { DetectedField } from '../../shared/metadata/types';
import { apiCall as harnessApiCall, ensureBuilt, launchChromium, ROOT, screenshot, startServe, type ServeHandle } from './harness';

const NOTICE = path.join(ROOT, 'tests/fixtures/detection/ambiguous-notice.txt');
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2 A/AA violations axe-core finds on the page as it is now (as tests/e2e/accessibility does). */
async function axeViolations(): Promise<Array<{ id: string; nodes: Array<{ target: string[] }> }>> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })`,
  );
  return result.violations;
}

let dataDir: string;
let server: ServeHandle;
let browser: Browser;
let page: Page;
const problems: string[] = [];

const apiCall = <T>(method: string, params: unknown = null): Promise<T> => harnessApiCall(server, method, params) as Promise<T>;

beforeAll(async () => {
  ensureBuilt();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'muragat-e2e-review-'));
  server = await startServe(dataDir);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('pageerror', (error) => problems.push(String(error)));
  await page.goto(server.url);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('an uncertain field in review, end to end', () => {
  let documentId: string;
  /** The doubted field whose candidate the user picks, and that candidate. */
  let field: DetectedField;
  let picked: string;

  it('an uploaded document with an uncertain field waits in the review list with the field marked and its candidates offered', async () => {
    await page.locator('html[lang="kk"]').waitFor();
    await page.getByRole('link', { name: 'Импорт' }).click();
    await page.locator('[data-testid="import-files-input"]').setInputFiles([NOTICE]);
    await expect.poll(async () => (await apiCall<Array<{ state: string }>>('import.list'))[0]?.state, { timeout: 120_000, interval: 500 }).toBe('finished');

    // The import's list of files says what is left to check.
    await expect.poll(() => page.locator('.outcomes-table').textContent(), { timeout: 10_000 }).toContain('Тексеру керек:');
    const list = await apiCall<LibraryResponse>('library.browse', { reviewPending: true });
    expect(list.total).toBe(1);
    const item = list.items[0]!;
    documentId = item.id;
    // The field the user will settle: one detection doubts and offers values for. Dates and
    // numbers are the ones this notice makes ambiguous; any such field will do.
    const current = (name: string): string => String((item as unknown as Record<string, unknown>)[name] ?? '');
    const offeredFor = (name: DetectedField) => (item.detection!.candidates[name] ?? []).filter((candidate) => candidate.value !== current(name));
    const offered = item.detection!.uncertain.filter((name) => offeredFor(name).length > 0);
    expect(offered.length, `no uncertain field with candidates in ${JSON.stringify(item.detection)}`).toBeGreaterThan(0);
    field = offered.includes('date') ? 'date' : offered[0]!;
    // Chips are in the order detection ranked them; the user takes the last, a runner-up.
    picked = offeredFor(field).at(-1)!.value;

    const row = page.locator('.review-table tbody tr').first();
    await row.waitFor();
    const cell = row.locator(`td.col-${field}`);
    const mark = cell.locator('.uncertain-mark');
    await mark.waitFor();
    // Never colour alone: the mark has a text label that says how sure detection was.
    expect(await mark.getAttribute('aria-label')).toMatch(/Сенімсіз анықталды \(\d+%\)/);
    expect(await cell.locator('.is-uncertain').count()).toBe(1);
    const chips = cell.getByRole('group', { name: 'Мәтінде табылғандар' }).getByRole('button');
    expect(await chips.count()).toBeGreaterThan(0);
    await page.locator('.review-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'review-01-marked');
    // The marks and chips add no accessibility problem (names, roles, contrast of the tint).
    expect(await axeViolations()).toEqual([]);

    const chip = chips.last();
    // The excerpt the value was read from is the chip's tooltip.
    expect(await chip.getAttribute('title')).toBeTruthy();
    await chip.click();
    await page.getByRole('button', { name: /Өзгерістерді сақтау/ }).click();
    await expect.poll(async () => (await apiCall<DocumentView>('documents.get', { id: documentId })).detection!.uncertain.includes(field), { timeout: 10_000 }).toBe(false);
  });

  it('after a reload the picked value is stored and shown, and the mark is gone', async () => {
    const stored = await apiCall<DocumentView>('documents.get', { id: documentId });
    const value = String((stored as unknown as Record<string, unknown>)[field] ?? '');
    expect(value).toBe(picked);
    await page.reload();
    const row = page.locator('.review-table tbody tr').first();
    await row.waitFor();
    const cell = row.locator(`td.col-${field}`);
    if (field !== 'kind' && field !== 'lang') expect(await cell.locator('input').inputValue()).toBe(value);
    expect(await cell.locator('.uncertain-mark').count()).toBe(0);
    await page.locator('.review-table').scrollIntoViewIfNeeded();
    await screenshot(page, 'review-02-picked');
  });

  it('the library review list names the fields still to check', async () => {
    const view = await apiCall<DocumentView>('documents.get', { id: documentId });
    await page.getByRole('link', { name: 'Кітапхана' }).click();
    await page.getByLabel(/Тексеруді күтуде/).check();
    const row = page.locator(`tr:has(a[href*="${documentId}"])`).first();
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    if (view.detection!.uncertain.length) expect(text).toContain('Тексеру керек');
    else expect(text).not.toContain('Тексеру керек');
    await screenshot(page, 'review-03-library');
  });

  it('the document page marks the fields still in doubt, and its edit form offers their candidates', async () => {
    const view = await apiCall<DocumentView>('documents.get', { id: documentId });
    const shownInFacts = view.detection!.uncertain.filter((name) => name !== 'title');
    await page.locator(`a[href*="${documentId}"]`).first().click();
    const facts = page.locator('.metadata-facts');
    await facts.waitFor();
    expect(await facts.locator('.uncertain-mark').count()).toBe(shownInFacts.length);
    await page.locator('.metadata-panel').getByRole('button', { name: 'Өңдеу' }).click();
    const form = page.locator('.metadata-form');
    await form.waitFor();
    expect(await form.locator('.field-uncertain').count()).toBe(view.detection!.uncertain.length);
    // The picked field is settled: no mark on it in the form either.
    const labels: Record<DetectedField, string> = { title: 'Атауы', kind: 'Түрі', number: 'Нөмірі', date: 'Күні', issuer: 'Шығарған орган', lang: 'Тілі' };
    expect(await form.locator('.field-uncertain').filter({ has: page.getByLabel(labels[field], { exact: true }) }).count()).toBe(0);
    await screenshot(page, 'review-04-document-form');
    expect(await axeViolations()).toEqual([]);
    expect(problems).toEqual([]);
  });
});
