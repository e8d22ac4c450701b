/**
 * Accessibility and fit, on the sample archive that browser mode opens by default: every screen
 * checked with axe-core for WCAG 2 A/AA problems (contrast, labels, roles, names), and every
 * screen usable at 1366×768 and at 150% zoom without the page scrolling sideways.
 */
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, launchChromium, screenshot, startServe, type ServeHandle } from './harness';

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let server: ServeHandle;
let browser: Browser;
let firstDocumentId: string;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

/** The WCAG 2 A/AA violations axe finds on the page as it is now. */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate<{ violations: AxeViolation[] }>(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })`,
  );
  return result.violations;
}

function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.impact ?? ''} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}

const SCREENS: Array<{ name: string; hash: () => string; ready: string }> = [
  { name: 'search-empty', hash: () => '#/search', ready: '.search-home' },
  { name: 'search-results', hash: () => '#/search?q=білім', ready: '.hit' },
  { name: 'document', hash: () => `#/doc/${firstDocumentId}?page=1&q=білім`, ready: '.viewer-page[data-rendered="true"]' },
  { name: 'library', hash: () => '#/library', ready: 'table' },
  { name: 'import', hash: () => '#/import', ready: '[data-testid="import-files-input"]' },
  { name: 'settings', hash: () => '#/settings', ready: 'input[type="radio"]' },
];

beforeAll(async () => {
  ensureBuilt();
  server = await startServe(null);
  browser = await launchChromium();
  const response = await fetch(`${server.origin}api/search.query`, { method: 'POST', headers: { 'x-muragat': '1', ...server.authorization }, body: JSON.stringify({ query: 'білім' }) });
  firstDocumentId = ((await response.json()) as { value: { hits: Array<{ id: string }> } }).value.hits[0]!.id;
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('accessibility and fit (sample archive)', () => {
  it('opens the sample archive when no data folder is given', async () => {
    const info = await (await fetch(`${server.origin}api/app.info`, { method: 'POST', headers: { 'x-muragat': '1', ...server.authorization }, body: 'null' })).json();
    expect(info).toMatchObject({ ok: true, value: { sample: true } });
    expect(firstDocumentId).toBeTruthy();
  });

  for (const screen of SCREENS) {
    it(`${screen.name}: no WCAG 2 A/AA violations (axe-core)`, async () => {
      // axe is injected as a script: the app's CSP (no inline scripts) is bypassed for this page only.
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${server.url}${screen.hash()}`);
      await page.locator(screen.ready).first().waitFor({ timeout: 30_000 });
      const violations = await axeViolations(page);
      await context.close();
      expect(violations, describeViolations(violations)).toEqual([]);
    });

    it(`${screen.name}: fits at 150% zoom without sideways scrolling`, async () => {
      // 150% zoom of a 1366×768 screen: a 911×512 CSS-pixel viewport at device scale 1.5.
      const context = await browser.newContext({ viewport: { width: 911, height: 512 }, deviceScaleFactor: 1.5 });
      const page = await context.newPage();
      await page.goto(`${server.url}${screen.hash()}`);
      await page.locator(screen.ready).first().waitFor({ timeout: 30_000 });
      const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - document.documentElement.clientWidth');
      await screenshot(page, `zoom150-${screen.name}`);
      await context.close();
      expect(overflow).toBeLessThanOrEqual(0);
    });
  }
});
