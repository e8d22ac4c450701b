// @vitest-environment happy-dom
/**
 * The search screen against the real IPC transport over a scripted bridge: replies can be
 * delayed, so a stale answer arriving after a newer one is exercised for real.
 */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContractMethod, MuragatBridge, Result } from '../../../shared/contract';
import type { SearchHit, SearchRequest, SearchResponse } from '../../../shared/domain/search';
import { ipcTransport } from '../../../renderer/src/api/transport';
import { AppContext } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { SearchScreen } from '../../../renderer/src/screens/search/SearchScreen';
import { fakeServices } from '../fake-app';

function hit(id: string, title: string, snippet: string): SearchHit {
  return {
    id, kind: 'decision', title, number: '6-38', date: '2023-09-14', issuer: 'Алматы облыстық мәслихаты', lang: 'kk', status: 'lapsed',
    pageCount: 2, needsOcr: false, file: `${id}.pdf`, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', score: 1,
    pages: [{ page: 2, snippet, ocr: false }], missing: [], viaTranslation: false, twins: [],
  };
}

function response(query: string, hits: SearchHit[], extra: Partial<SearchResponse> = {}): SearchResponse {
  return {
    query, total: hits.length, tookMs: 3, hits, didYouMean: null, fullMatches: hits.length, ignoredWords: [], corrections: [], highlightWords: query.split(" "), warnings: [], rankedPartially: false, totalIsEstimate: false, facetsPartial: false,
    facets: { kind: [{ value: 'decision', count: hits.length }], year: [{ value: '2023', count: hits.length }], lang: [{ value: 'kk', count: hits.length }], issuer: [] },
    ...extra,
  };
}

/** A bridge whose search replies are chosen (and timed) by the test. */
function scriptedBridge(answer: (request: SearchRequest) => { value: SearchResponse; delayMs?: number }) {
  const searches: SearchRequest[] = [];
  const bridge: MuragatBridge = {
    invoke: (async (method: ContractMethod, params?: unknown): Promise<Result<unknown>> => {
      if (method === 'search.query') {
        const request = params as SearchRequest;
        searches.push(request);
        const { value, delayMs = 0 } = answer(request);
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        return { ok: true, value };
      }
      if (method === 'search.quickFind') return { ok: true, value: [] };
      if (method === 'archive.stats') return { ok: true, value: { documents: 2, pages: 4 } };
      if (method === 'library.browse') return { ok: true, value: { total: 0, items: [], facets: {}, reviewPending: 0 } };
      return { ok: false, error: { code: 'NOT_SUPPORTED', message: method } };
    }) as MuragatBridge['invoke'],
    onEvent: () => () => undefined,
    pathForFile: () => '',
  };
  return { bridge, searches };
}

function renderSearch(bridge: MuragatBridge) {
  const services = fakeServices(ipcTransport(bridge));
  render(
    <I18nProvider>
      <AppContext.Provider value={services}>
        <SearchScreen />
      </AppContext.Provider>
    </I18nProvider>,
  );
  return services;
}

beforeEach(() => window.localStorage.setItem('muragat.locale', 'kk'));
afterEach(cleanup);

describe('search screen', () => {
  it('searches as you type and marks the matched words, not brackets of the text itself', async () => {
    const { bridge } = scriptedBridge((request) => ({
      value: response(request.query, [hit('d1', 'Әлеуметтік маңызы бар қатынастар туралы', '…[1] облыстық [кеңестің] шешімі…')]),
    }));
    renderSearch(bridge);
    await userEvent.type(screen.getByRole('searchbox'), 'кенес');
    await waitFor(() => expect(screen.getByText('1 құжат табылды')).toBeTruthy());
    const marks = [...document.querySelectorAll('.hit-snippet mark')].map((mark) => mark.textContent);
    expect(marks).toEqual(['кеңестің']);
    expect(document.querySelector('.hit-snippet')?.textContent).toContain('[1]');
  });

  it('never shows the answer to an older query over a newer one', async () => {
    const { bridge } = scriptedBridge((request) =>
      request.query === 'заң'
        ? { value: response('заң', [hit('old', 'Ескі нәтиже', '[заң]')]), delayMs: 150 }
        : { value: response(request.query, [hit('new', 'Жаңа нәтиже', '[заңнама]')]) },
    );
    renderSearch(bridge);
    const box = screen.getByRole('searchbox');
    await userEvent.type(box, 'заң');
    await new Promise((resolve) => setTimeout(resolve, 40));
    await userEvent.type(box, 'нама');
    await waitFor(() => expect(screen.getByText('Жаңа нәтиже')).toBeTruthy());
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(screen.queryByText('Ескі нәтиже')).toBeNull();
  });

  it('sends a facet choice as a filter and offers "did you mean"', async () => {
    const { bridge, searches } = scriptedBridge((request) => ({
      value: response(request.query, request.query.includes('кенестр') ? [] : [hit('d1', 'Кеңес шешімі', '[кеңес]')], { didYouMean: request.query.includes('кенестр') ? 'кеңестер' : null }),
    }));
    renderSearch(bridge);
    await userEvent.type(screen.getByRole('searchbox'), 'кенестр');
    await waitFor(() => expect(screen.getByRole('button', { name: 'кеңестер' })).toBeTruthy());
    expect(screen.getByText('«кенестр» бойынша ештеңе табылмады')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'кеңестер' }));
    await waitFor(() => expect(screen.getByText('Кеңес шешімі')).toBeTruthy());
    await userEvent.click(screen.getByRole('checkbox', { name: /Шешім/ }));
    await waitFor(() => expect(searches.at(-1)?.kinds).toEqual(['decision']));
    await userEvent.click(screen.getByRole('checkbox', { name: /2023/ }));
    await waitFor(() => expect(searches.at(-1)?.query).toBe('кеңестер year:2023'));
  });

  it('flags page hits whose text was recognised from a scan, and only those', async () => {
    const scanned: SearchHit = {
      ...hit('d1', 'Отырыс хаттамасы', ''),
      pages: [
        { page: 1, snippet: 'кеңестің [хаттамасы] сканерден', ocr: true },
        { page: 3, snippet: 'бекітілген [хаттама]', ocr: false },
      ],
    };
    const { bridge } = scriptedBridge((request) => ({ value: response(request.query, [scanned, hit('d2', 'Қаулы жобасы', '[хаттама] мәтіні')]) }));
    renderSearch(bridge);
    await userEvent.type(screen.getByRole('searchbox'), 'хаттама');
    await waitFor(() => expect(screen.getByText('Қаулы жобасы')).toBeTruthy());
    const pages = [...document.querySelectorAll<HTMLElement>('.hit-page')];
    expect(pages).toHaveLength(3);
    const badges = pages.map((page) => page.querySelector<HTMLElement>('.badge-ocr'));
    expect(badges.map((badge) => badge !== null)).toEqual([true, false, false]);
    const badge = badges[0];
    expect(badge?.title).toBe('Сканерден танылған мәтін: кейбір әріптер қате танылуы мүмкін.');
    // Screen readers get the explanation too, not a bare "OCR".
    expect(badge?.textContent).toBe('OCR (Сканерден танылған мәтін: кейбір әріптер қате танылуы мүмкін.)');
    expect(pages[0]?.querySelector('mark')?.textContent).toBe('хаттамасы');
  });

  it('moves focus through result titles with the arrow keys, back to the box, and opens one with Enter', async () => {
    const { bridge } = scriptedBridge((request) => ({ value: response(request.query, [hit('d1', 'Бірінші', '[шешім]'), hit('d2', 'Екінші', '[шешім]')]) }));
    renderSearch(bridge);
    const box = screen.getByRole('searchbox');
    await userEvent.type(box, 'шешім');
    await waitFor(() => expect(screen.getByText('Екінші')).toBeTruthy());
    await userEvent.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement?.textContent).toBe('Екінші');
    await userEvent.keyboard('{ArrowUp}{ArrowUp}');
    expect(document.activeElement).toBe(box);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    expect(window.location.hash).toBe('#/doc/d1?page=2&q=%D1%88%D0%B5%D1%88%D1%96%D0%BC');
  });
});
