// @vitest-environment happy-dom
/**
 * Issue 12 in the UI: a field detection was unsure of is marked (a "?" whose label gives the
 * confidence, a tint, the control described by it: never colour alone), its candidates are
 * one-click choices with the line they came from as tooltip, and picking one fills the field so
 * that saving sends it. In the review table, the metadata form, the library and the import list.
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentView } from '../../../shared/contract';
import type { DocumentDetection } from '../../../shared/domain/detection';
import type { LibraryItem, LibraryResponse } from '../../../shared/domain/library';
import { AppContext } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { MetadataForm } from '../../../renderer/src/screens/document/MetadataForm';
import { ImportScreen } from '../../../renderer/src/screens/import/ImportScreen';
import { LibraryScreen } from '../../../renderer/src/screens/library/LibraryScreen';
import { fakeServices, fakeTransport, type Handlers } from '../fake-app';

/** The date is in doubt (two dates of equal standing), the kind too; the rest is sure. */
const DETECTION: DocumentDetection = {
  confidence: { kind: 0.45, number: 0.9, date: 0.42, lang: 0.99, title: 0.8, issuer: 0.7 },
  candidates: {
    kind: [{ value: 'announcement', score: 0.45, evidence: ['heading'], excerpt: 'Қоғамдық кеңес мүшелерінің назарына' }],
    date: [
      { value: '2024-03-12', score: 0.42, evidence: ['body'], excerpt: 'Кеңестің кезекті отырысы 2024 жылғы 12 наурызда өтеді.' },
      { value: '2024-03-19', score: 0.4, evidence: ['body'], excerpt: 'отырыс 2024 жылғы 19 наурызға ауыстырылады' },
    ],
  },
  uncertain: ['kind', 'date'],
};

const DOC = {
  id: '01890000-0000-7000-8000-000000000002', kind: 'other', title: 'Қоғамдық кеңес мүшелерінің назарына', number: '14', date: null,
  issuer: null, lang: 'kk', status: 'unknown', pageCount: 1, needsOcr: false, file: 'notice.txt',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', council: null, notes: '', source: null, tags: [],
  files: [], relations: [], origin: 'a', version: 'v1', reviewPending: true, detection: DETECTION, textRepair: null,
  // `as`: the text-repair note belongs to another part of issue 12, landing alongside.
} as DocumentView;

function item(patch: Partial<LibraryItem> = {}): LibraryItem {
  const { id, kind, title, number, date, issuer, lang, status, pageCount, needsOcr, file, createdAt, updatedAt } = DOC;
  return { id, kind, title, number, date, issuer, lang, status, pageCount, needsOcr, file, createdAt, updatedAt, tags: [], reviewPending: true, detection: DETECTION, ...patch };
}

function browse(items: LibraryItem[]): LibraryResponse {
  return { total: items.length, items, facets: { kind: [], year: [], lang: [], issuer: [], tag: [] }, reviewPending: items.length };
}

function renderWith(handlers: Handlers, node: ReactNode, route: Parameters<typeof fakeServices>[1] = {}) {
  const fake = fakeTransport(handlers);
  render(
    <I18nProvider>
      <AppContext.Provider value={fakeServices(fake.transport, route)}>{node}</AppContext.Provider>
    </I18nProvider>,
  );
  return fake;
}

beforeEach(() => window.localStorage.setItem('muragat.locale', 'kk'));
afterEach(cleanup);

describe('metadata form: uncertain fields', () => {
  it('marks only the doubted fields, with the confidence in words, and describes the control by the mark', () => {
    renderWith({}, <MetadataForm doc={DOC} onSaved={vi.fn()} onCancel={vi.fn()} />, { route: { screen: 'document', id: DOC.id } });
    const marks = screen.getAllByRole('img', { name: /Сенімсіз анықталды/ });
    expect(marks.map((mark) => mark.getAttribute('aria-label'))).toEqual([
      'Сенімсіз анықталды (45%): осы өрісті тексеріңіз',
      'Сенімсіз анықталды (42%): осы өрісті тексеріңіз',
    ]);
    const date = screen.getByLabelText('Күні');
    expect(date.getAttribute('aria-describedby')).toContain(marks[1]!.id);
    expect(date.closest('.field')?.className).toContain('field-uncertain');
    expect(screen.getByLabelText('Нөмірі').closest('.field')?.className).not.toContain('field-uncertain');
  });

  it('offers the candidates as buttons with their excerpt; a click fills the field and saving sends it', async () => {
    const { callsOf } = renderWith({ 'documents.update': () => ({ ...DOC, date: '2024-03-19' }) }, <MetadataForm doc={DOC} onSaved={vi.fn()} onCancel={vi.fn()} />, {
      route: { screen: 'document', id: DOC.id },
    });
    const dateChoices = within(screen.getByLabelText('Күні').closest('.field') as HTMLElement).getByRole('group', { name: 'Мәтінде табылғандар' });
    const chips = within(dateChoices).getAllByRole('button');
    expect(chips.map((chip) => chip.textContent)).toEqual(['2024-03-12', '2024-03-19']);
    expect(chips[1]!.getAttribute('title')).toBe('отырыс 2024 жылғы 19 наурызға ауыстырылады');
    expect(chips[1]!.getAttribute('aria-label')).toBe('«2024-03-19» мәнін қою (мәтінде: отырыс 2024 жылғы 19 наурызға ауыстырылады)');
    // A kind candidate reads as the kind's name, not its code.
    expect(screen.getByRole('button', { name: /«Хабарландыру» мәнін қою/ }).textContent).toBe('Хабарландыру');

    await userEvent.click(chips[1]!);
    expect((screen.getByLabelText('Күні') as HTMLInputElement).value).toBe('2024-03-19');
    await userEvent.click(screen.getByRole('button', { name: 'Сақтау' }));
    await waitFor(() => expect(callsOf('documents.update')).toEqual([{ id: DOC.id, expectedVersion: 'v1', patch: { date: '2024-03-19' } }]));
  });

  it('shows no marks and no choices for a document without a detection or with nothing in doubt', () => {
    renderWith({}, <MetadataForm doc={{ ...DOC, detection: { ...DETECTION, uncertain: [] } }} onSaved={vi.fn()} onCancel={vi.fn()} />, { route: { screen: 'document', id: DOC.id } });
    expect(screen.queryAllByRole('img', { name: /Сенімсіз/ })).toEqual([]);
    expect(screen.queryByRole('group', { name: 'Мәтінде табылғандар' })).toBeNull();
    cleanup();
    renderWith({}, <MetadataForm doc={{ ...DOC, detection: null }} onSaved={vi.fn()} onCancel={vi.fn()} />, { route: { screen: 'document', id: DOC.id } });
    expect(screen.queryAllByRole('img', { name: /Сенімсіз/ })).toEqual([]);
  });
});

describe('review table: uncertain fields', () => {
  it('marks the doubted cells, a candidate click fills the draft, and "save" sends the picked value', async () => {
    const user = userEvent.setup();
    const fake = renderWith(
      { 'import.list': () => [], 'library.browse': () => browse([item()]), 'documents.update': (params: { id: string }) => ({ id: params.id }) },
      <ImportScreen />,
      { route: { screen: 'import' } },
    );
    const date = await screen.findByRole('textbox', { name: `Күні: ${DOC.title}` });
    expect(date.className).toContain('is-uncertain');
    const dateCell = date.closest('td') as HTMLElement;
    const mark = within(dateCell).getByRole('img', { name: 'Сенімсіз анықталды (42%): осы өрісті тексеріңіз' });
    expect(date.getAttribute('aria-describedby')).toContain(mark.id);
    const number = screen.getByRole('textbox', { name: `Нөмірі: ${DOC.title}` });
    expect(number.className).not.toContain('is-uncertain');
    expect(within(number.closest('td') as HTMLElement).queryByRole('img')).toBeNull();

    await user.click(within(dateCell).getByRole('button', { name: /«2024-03-12» мәнін қою/ }));
    expect((date as HTMLInputElement).value).toBe('2024-03-12');
    await user.click(within(screen.getByRole('combobox', { name: `Түрі: ${DOC.title}` }).closest('td') as HTMLElement).getByRole('button', { name: /Хабарландыру/ }));
    await user.click(screen.getByRole('button', { name: 'Өзгерістерді сақтау (1)' }));
    await waitFor(() => expect(fake.callsOf('documents.update')).toEqual([{ id: DOC.id, patch: { kind: 'announcement', date: '2024-03-12' } }]));
  });
});

describe('library and import list: which fields to check', () => {
  it('the review list names the doubted fields and marks their cells', async () => {
    renderWith({ 'library.browse': () => browse([item()]), 'documents.tags': () => [] }, <LibraryScreen />, { route: { screen: 'library' } });
    expect(await screen.findByText('Тексеру керек: Түрі, Күні')).toBeTruthy();
    expect(screen.getAllByRole('img', { name: /Сенімсіз анықталды/ })).toHaveLength(2);
  });
});
