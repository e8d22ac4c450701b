// @vitest-environment happy-dom
import { act, cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LibraryItem, LibraryRequest, LibraryResponse } from '../../../shared/domain/library';
import type { Transport } from '../../../renderer/src/api/transport';
import { fakeServices, fakeTransport } from '../fake-app';
import { AppContext, type AppServices } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { LibraryScreen } from '../../../renderer/src/screens/library/LibraryScreen';



function services(transport: Transport, overrides: Partial<AppServices> = {}): AppServices {
  return fakeServices(transport, { route: { screen: 'library' }, ...overrides });
}

function ui(transport: Transport, overrides: Partial<AppServices> = {}) {
  return (
    <I18nProvider>
      <AppContext.Provider value={services(transport, overrides)}>
        <LibraryScreen />
      </AppContext.Provider>
    </I18nProvider>
  );
}

function item(id: string, patch: Partial<LibraryItem> = {}): LibraryItem {
  return {
    id,
    kind: 'order',
    title: `Құжат ${id}`,
    number: `${id}-н`,
    date: '2020-05-04',
    issuer: 'Білім министрлігі',
    lang: 'kk',
    status: 'in_force',
    pageCount: 3,
    needsOcr: false,
    file: `${id}.pdf`,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    tags: [],
    reviewPending: false,
    ...patch,
  };
}

/** A tiny archive the fake browses: filters by kind, deletion hides documents until restored. */
function archive(items: LibraryItem[]) {
  const deleted = new Set<string>();
  const fake = fakeTransport({
    'library.browse': (request: LibraryRequest): LibraryResponse => {
      const live = items.filter((each) => !deleted.has(each.id));
      const matching = live.filter((each) => !request.kinds?.length || request.kinds.includes(each.kind));
      return {
        total: matching.length,
        items: matching.slice(request.offset ?? 0, (request.offset ?? 0) + (request.limit ?? 50)),
        facets: {
          kind: [
            { value: 'order', count: live.filter((each) => each.kind === 'order').length },
            { value: 'protocol', count: live.filter((each) => each.kind === 'protocol').length },
          ],
          year: [{ value: '2020', count: live.length }],
          lang: [{ value: 'kk', count: live.length }],
          issuer: [],
          tag: [{ value: 'кеңес', count: 1 }],
        },
        reviewPending: 0,
      };
    },
    'documents.delete': (params: { ids: string[] }) => {
      for (const id of params.ids) deleted.add(id);
      return { deleted: params.ids };
    },
    'documents.restore': (params: { ids: string[] }) => {
      for (const id of params.ids) deleted.delete(id);
      return { restored: params.ids };
    },
    'documents.tag': (params: { ids: string[] }) => ({ changed: params.ids.length }),
  });
  return fake;
}

const lastBrowse = (fake: ReturnType<typeof archive>): LibraryRequest => fake.callsOf('library.browse').at(-1) as LibraryRequest;

beforeEach(() => {
  window.localStorage.setItem('muragat.locale', 'kk');
});
afterEach(cleanup);

describe('LibraryScreen', () => {
  it('lists documents with translated kind, formatted date and a link to each', async () => {
    const fake = archive([item('a'), item('b', { kind: 'protocol', lang: 'ru', tags: ['кеңес'] })]);
    render(ui(fake.transport));
    const link = await screen.findByRole('link', { name: 'Құжат a' });
    expect(link.getAttribute('href')).toBe('#/doc/a');
    const row = screen.getByRole('link', { name: 'Құжат b' }).closest('tr');
    if (!row) throw new Error('no row');
    expect(within(row).getByText('Хаттама')).toBeTruthy();
    expect(within(row).getByText('Орысша')).toBeTruthy();
    expect(within(row).getByText('2020 жылғы 4 мамыр')).toBeTruthy();
    expect(within(row).getByText('кеңес')).toBeTruthy();
    expect(screen.getByText('Барлығы 2 құжат')).toBeTruthy();
    expect(screen.getByRole('columnheader', { name: 'Атауы' })).toBeTruthy();
  });

  it('sends the facet a user ticks as a filter, starting at the first page', async () => {
    const user = userEvent.setup();
    const fake = archive([item('a'), item('b', { kind: 'protocol' })]);
    render(ui(fake.transport));
    await screen.findByRole('link', { name: 'Құжат a' });
    const filters = screen.getByRole('complementary', { name: 'Сүзгілер' });
    await user.click(within(filters).getByRole('checkbox', { name: /Хаттама/ }));
    await waitFor(() => expect(lastBrowse(fake)).toMatchObject({ kinds: ['protocol'], offset: 0 }));
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Құжат a' })).toBeNull());
    expect(screen.getByRole('link', { name: 'Құжат b' })).toBeTruthy();

    await user.click(within(filters).getByRole('checkbox', { name: /2020/ }));
    await waitFor(() => expect(lastBrowse(fake)).toMatchObject({ kinds: ['protocol'], years: [2020] }));
    await user.click(within(filters).getByRole('checkbox', { name: /Тексеруді күтуде/ }));
    await waitFor(() => expect(lastBrowse(fake)).toMatchObject({ reviewPending: true }));
  });

  it('sorts by the chosen field with its natural direction', async () => {
    const user = userEvent.setup();
    const fake = archive([item('a')]);
    render(ui(fake.transport));
    await screen.findByRole('link', { name: 'Құжат a' });
    expect(lastBrowse(fake)).toMatchObject({ sort: 'date', direction: 'desc', limit: 50 });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Сұрыптау' }), 'title');
    await waitFor(() => expect(lastBrowse(fake)).toMatchObject({ sort: 'title', direction: 'asc' }));
  });

  it('deletes the selected documents and restores the same ones on Undo', async () => {
    const user = userEvent.setup();
    const fake = archive([item('a'), item('b'), item('c')]);
    render(ui(fake.transport));
    await user.click(await screen.findByRole('checkbox', { name: 'Белгілеу: Құжат a' }));
    await user.click(screen.getByRole('checkbox', { name: 'Белгілеу: Құжат c' }));
    expect(screen.getByText('2 құжат белгіленді')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Жою' }));

    await waitFor(() => expect(fake.callsOf('documents.delete')).toEqual([{ ids: ['a', 'c'] }]));
    expect(await screen.findByText('2 құжат жойылды')).toBeTruthy();
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Құжат a' })).toBeNull());
    const undo = screen.getByRole('button', { name: 'Болдырмау' });
    // Keyboard users land on the way back.
    await waitFor(() => expect(document.activeElement).toBe(undo));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(fake.callsOf('documents.restore')).toEqual([{ ids: ['a', 'c'] }]));
    expect(await screen.findByRole('link', { name: 'Құжат a' })).toBeTruthy();
    expect(screen.getByText('2 құжат қалпына келтірілді')).toBeTruthy();
  });

  it('selects a range with Shift+click and the whole page with the header box', async () => {
    const user = userEvent.setup();
    const fake = archive(['a', 'b', 'c', 'd', 'e'].map((id) => item(id)));
    render(ui(fake.transport));
    await user.click(await screen.findByRole('checkbox', { name: 'Белгілеу: Құжат b' }));
    await user.keyboard('{Shift>}');
    await user.click(screen.getByRole('checkbox', { name: 'Белгілеу: Құжат d' }));
    await user.keyboard('{/Shift}');
    const checked = screen.getAllByRole('checkbox', { name: /Белгілеу: Құжат/ }).map((box) => (box as HTMLInputElement).checked);
    expect(checked).toEqual([false, true, true, true, false]);

    await user.click(screen.getByRole('checkbox', { name: 'Осы беттегі барлық құжатты белгілеу' }));
    expect(screen.getByText('5 құжат белгіленді')).toBeTruthy();
  });

  it('adds and removes a tag on the selected documents', async () => {
    const user = userEvent.setup();
    const fake = archive([item('a', { tags: ['кеңес'] }), item('b')]);
    render(ui(fake.transport));
    await user.click(await screen.findByRole('checkbox', { name: 'Белгілеу: Құжат a' }));
    await user.type(screen.getByRole('combobox', { name: 'Тег атауы' }), ' 2024 отырыс {Enter}');
    await waitFor(() => expect(fake.callsOf('documents.tag')).toEqual([{ ids: ['a'], add: ['2024 отырыс'] }]));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Алынатын тег…' }), 'кеңес');
    await user.click(screen.getByRole('button', { name: 'Тегті алу' }));
    await waitFor(() => expect(fake.callsOf('documents.tag').at(-1)).toEqual({ ids: ['a'], remove: ['кеңес'] }));
  });

  it('reloads when the archive changes', async () => {
    const fake = archive([item('a')]);
    const { rerender } = render(ui(fake.transport));
    await screen.findByRole('link', { name: 'Құжат a' });
    const before = fake.callsOf('library.browse').length;
    await act(async () => {
      rerender(ui(fake.transport, { archiveRevision: 1 }));
    });
    await waitFor(() => expect(fake.callsOf('library.browse').length).toBeGreaterThan(before));
  });

  it('pages by 50', async () => {
    const user = userEvent.setup();
    const fake = archive(Array.from({ length: 120 }, (_, index) => item(`n${index}`)));
    render(ui(fake.transport));
    await screen.findByRole('link', { name: 'Құжат n0' });
    expect(screen.getByText('3 беттің 1-беті')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Келесі →' }));
    await waitFor(() => expect(lastBrowse(fake)).toMatchObject({ offset: 50, limit: 50 }));
    expect(await screen.findByRole('link', { name: 'Құжат n50' })).toBeTruthy();
  });
});
