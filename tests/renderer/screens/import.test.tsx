// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo } from '../../../shared/contract';
import type { ImportFileOutcome, ImportJob, ImportJobProgress } from '../../../shared/domain/import';
import type { LibraryItem, LibraryResponse } from '../../../shared/domain/library';
import type { Transport } from '../../../renderer/src/api/transport';
import { fakeServices, fakeTransport } from '../fake-app';
import { AppContext, type AppServices } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { ImportScreen } from '../../../renderer/src/screens/import/ImportScreen';


const INFO: AppInfo = { version: '0.1.0', dataDir: '/tmp/a', archiveId: 'a', archiveName: 'Test', host: 'browser', sample: false };

function services(transport: Transport, overrides: Partial<AppServices> = {}): AppServices {
  return fakeServices(transport, { route: { screen: 'import' }, ...overrides });
}

function renderImport(transport: Transport, overrides: Partial<AppServices> = {}) {
  return render(
    <I18nProvider>
      <AppContext.Provider value={services(transport, overrides)}>
        <ImportScreen />
      </AppContext.Provider>
    </I18nProvider>,
  );
}

function progress(patch: Partial<ImportJobProgress>): ImportJobProgress {
  return {
    jobId: 'job-1',
    state: 'running',
    filesTotal: 3,
    filesDone: 0,
    bytesTotal: 3000,
    bytesDone: 0,
    pagesDone: 0,
    current: null,
    startedAt: '2024-01-01T00:00:00Z',
    elapsedMs: 0,
    counts: { imported: 0, duplicate: 0, skipped: 0, failed: 0 },
    ...patch,
  };
}

function item(id: string, patch: Partial<LibraryItem> = {}): LibraryItem {
  return {
    id,
    kind: 'order',
    title: `Бұйрық ${id}`,
    number: '12',
    date: '2020-05-04',
    issuer: 'Министрлік',
    lang: 'kk',
    status: 'in_force',
    pageCount: 3,
    needsOcr: false,
    file: `${id}.pdf`,
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    tags: [],
    reviewPending: true,
    ...patch,
  };
}

function browse(items: LibraryItem[]): LibraryResponse {
  return { total: items.length, items, facets: { kind: [], year: [], lang: [], issuer: [], tag: [] }, reviewPending: items.length };
}

const IMPORTED: ImportFileOutcome = { name: 'buyryk-66.pdf', status: 'imported', documentId: 'd1', title: 'Жатақхана туралы', kind: 'order', pages: 4 };
const ENCRYPTED: ImportFileOutcome = { name: 'secret.pdf', status: 'failed', error: { code: 'PDF_ENCRYPTED', message: 'encrypted' } };
const DUPLICATE: ImportFileOutcome = { name: 'copy.pdf', status: 'duplicate', documentId: 'd0', duplicateOf: 'd0', title: 'Бұрынғы құжат' };

beforeEach(() => {
  window.localStorage.setItem('muragat.locale', 'kk');
});
afterEach(cleanup);

describe('ImportScreen: a job', () => {
  it('uploads picked files, starts the job and follows its progress and file events', async () => {
    const user = userEvent.setup();
    const files = [IMPORTED, ENCRYPTED, DUPLICATE];
    const job: ImportJob = { ...progress({ state: 'finished', filesDone: 3, pagesDone: 4, elapsedMs: 4000, counts: { imported: 1, duplicate: 1, skipped: 0, failed: 1 } }), files };
    const fake = fakeTransport({
      'import.list': () => [],
      'library.browse': () => browse([]),
      'import.start': () => ({ jobId: 'job-1' }),
      'import.get': () => job,
    });
    renderImport(fake.transport);

    const input = document.querySelector<HTMLInputElement>('[data-testid="import-files-input"]');
    if (!input) throw new Error('no file input');
    await user.upload(input, [new File(['%PDF-1'], 'buyryk-66.pdf'), new File(['%PDF-2'], 'secret.pdf'), new File(['%PDF-3'], 'copy.pdf')]);
    await waitFor(() => expect(fake.callsOf('import.start')).toHaveLength(1));
    expect(fake.callsOf('import.start')[0]).toEqual({ sources: [0, 1, 2].map((index) => ({ type: 'upload', uploadId: `0000000${index}` })) });

    fake.emit({ name: 'import.progress', payload: progress({ filesDone: 1, bytesDone: 1000, pagesDone: 4, elapsedMs: 3000, current: 'secret.pdf', counts: { imported: 1, duplicate: 0, skipped: 0, failed: 0 } }) });
    fake.emit({ name: 'import.file', payload: { jobId: 'job-1', file: IMPORTED } });
    // Another job's events are not this screen's business.
    fake.emit({ name: 'import.file', payload: { jobId: 'other', file: { name: 'stranger.pdf', status: 'imported' } } });

    const bar = await screen.findByRole('progressbar', { name: 'Импорттау барысы' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('1'));
    expect(bar.getAttribute('aria-valuemax')).toBe('3');
    expect(screen.getByText('Өңделген файлдар: 1 / 3')).toBeTruthy();
    expect(screen.getByText('secret.pdf')).toBeTruthy();
    expect(screen.getByText(/Шамамен .* қалды/)).toBeTruthy();
    const row = screen.getByRole('rowheader', { name: 'buyryk-66.pdf' }).closest('tr');
    if (!row) throw new Error('no row');
    expect(within(row).getByText('Импортталды')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Жатақхана туралы' }).getAttribute('href')).toBe('#/doc/d1');
    expect(screen.queryByText('stranger.pdf')).toBeNull();

    fake.emit({ name: 'import.file', payload: { jobId: 'job-1', file: ENCRYPTED } });
    fake.emit({ name: 'import.file', payload: { jobId: 'job-1', file: DUPLICATE } });
    fake.emit({ name: 'import.progress', payload: job });

    // The failed file says what to do, in Kazakh.
    expect(await screen.findByText('PDF құпиясөзбен қорғалған. Құпиясөзді алып тастап, қайта импорттаңыз.')).toBeTruthy();
    const duplicateRow = screen.getByRole('rowheader', { name: 'copy.pdf' }).closest('tr');
    if (!duplicateRow) throw new Error('no duplicate row');
    expect(within(duplicateRow).getByText('Қайталанған')).toBeTruthy();
    expect(within(duplicateRow).getByRole('link').getAttribute('href')).toBe('#/doc/d0');

    // The end: the summary, and the core's list fetched once as the authoritative one.
    expect(await screen.findByRole('heading', { name: 'Импорттау аяқталды' })).toBeTruthy();
    const summary = screen.getByRole('list', { name: 'Импорттау нәтижесі' });
    expect(summary.textContent).toContain('1импортталды');
    expect(summary.textContent).toContain('1қайталанған');
    expect(summary.textContent).toContain('0өткізіп жіберілді');
    expect(summary.textContent).toContain('1қате');
    await waitFor(() => expect(fake.callsOf('import.get')).toEqual([{ jobId: 'job-1' }]));
    expect(screen.getAllByRole('row')).toHaveLength(4);
  });

  it('stops a running job with import.cancel', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({
      'import.list': () => [progress({ filesDone: 1 })],
      'import.get': () => ({ ...progress({ filesDone: 1 }), files: [IMPORTED] }),
      'library.browse': () => browse([]),
      'import.cancel': () => undefined,
    });
    renderImport(fake.transport);
    // A job already running when the screen opens (the user navigated away and back) is shown.
    expect(await screen.findByText('buyryk-66.pdf')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Тоқтату' }));
    expect(fake.callsOf('import.cancel')).toEqual([{ jobId: 'job-1' }]);
    // Nothing new may start while a job runs.
    expect((screen.getByRole('button', { name: 'Файлдарды таңдау' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('starts importing paths the desktop shell handed over', async () => {
    const fake = fakeTransport({
      'import.list': () => [],
      'library.browse': () => browse([]),
      'import.start': () => ({ jobId: 'job-1' }),
    });
    const take = vi.fn(() => ['C:\\Хаттамалар', 'C:\\scan.pdf']);
    renderImport(fake.transport, { info: { ...INFO, host: 'desktop' }, pendingImportPaths: ['C:\\Хаттамалар', 'C:\\scan.pdf'], takePendingImportPaths: take });
    await waitFor(() =>
      expect(fake.callsOf('import.start')).toEqual([{ sources: [{ type: 'path', path: 'C:\\Хаттамалар' }, { type: 'path', path: 'C:\\scan.pdf' }] }]),
    );
    expect(take).toHaveBeenCalledTimes(1);
  });

  it('uses the native dialog in the desktop app', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({
      'import.list': () => [],
      'library.browse': () => browse([]),
      'app.pickImportPaths': () => ['/home/u/docs'],
      'import.start': () => ({ jobId: 'job-1' }),
    });
    renderImport(fake.transport, { info: { ...INFO, host: 'desktop' } });
    await user.click(screen.getByRole('button', { name: 'Буманы таңдау' }));
    await waitFor(() => expect(fake.callsOf('import.start')).toEqual([{ sources: [{ type: 'path', path: '/home/u/docs' }] }]));
    expect(fake.callsOf('app.pickImportPaths')).toEqual([{ folders: true }]);
  });
});

describe('ImportScreen: review', () => {
  function reviewFake(items: LibraryItem[]) {
    let pending = items;
    return fakeTransport({
      'import.list': () => [],
      'library.browse': () => browse(pending),
      'documents.update': (params: { id: string }) => ({ id: params.id }),
      'documents.confirmReview': (params: { ids: string[] }) => {
        pending = pending.filter((each) => !params.ids.includes(each.id));
        return { confirmed: params.ids.length };
      },
    });
  }

  it('saves only the fields that changed', async () => {
    const user = userEvent.setup();
    const fake = reviewFake([item('a'), item('b')]);
    renderImport(fake.transport);
    const title = await screen.findByRole('textbox', { name: 'Атауы: Бұйрық a' });
    await user.clear(title);
    await user.type(title, 'Жатақхана туралы бұйрық');
    await user.clear(screen.getByRole('textbox', { name: 'Нөмірі: Бұйрық b' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Тілі: Бұйрық b' }), 'ru');
    await user.click(screen.getByRole('button', { name: 'Өзгерістерді сақтау (2)' }));
    await waitFor(() =>
      expect(fake.callsOf('documents.update')).toEqual([
        { id: 'a', patch: { title: 'Жатақхана туралы бұйрық' } },
        { id: 'b', patch: { number: null, lang: 'ru' } },
      ]),
    );
  });

  it('refuses a date that is not on the calendar, and accepts DD.MM.YYYY', async () => {
    const user = userEvent.setup();
    const fake = reviewFake([item('a')]);
    renderImport(fake.transport);
    const date = await screen.findByRole('textbox', { name: 'Күні: Бұйрық a' });
    await user.clear(date);
    await user.type(date, '2021-02-30');
    await user.tab();
    expect(screen.getByText(/Күн дұрыс емес/)).toBeTruthy();
    expect(date.getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByRole('button', { name: 'Өзгерістерді сақтау (1)' }));
    expect(fake.callsOf('documents.update')).toEqual([]);
    expect(screen.getByText(/Сақталмады: 1 құжатта қате бар/)).toBeTruthy();
    // The field to correct gets the focus.
    await waitFor(() => expect(document.activeElement).toBe(date));

    await user.clear(date);
    await user.type(date, '15.03.2021');
    expect(screen.queryByText(/Күн дұрыс емес/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Өзгерістерді сақтау (1)' }));
    await waitFor(() => expect(fake.callsOf('documents.update')).toEqual([{ id: 'a', patch: { date: '2021-03-15' } }]));
  });

  it('refuses an empty title', async () => {
    const user = userEvent.setup();
    const fake = reviewFake([item('a')]);
    renderImport(fake.transport);
    await user.clear(await screen.findByRole('textbox', { name: 'Атауы: Бұйрық a' }));
    await user.click(screen.getByRole('button', { name: 'Өзгерістерді сақтау (1)' }));
    expect(screen.getByText('Атауын жазыңыз.')).toBeTruthy();
    expect(fake.callsOf('documents.update')).toEqual([]);
  });

  it('applies a kind to the selected rows and confirms them', async () => {
    const user = userEvent.setup();
    const fake = reviewFake([item('a'), item('b'), item('c')]);
    renderImport(fake.transport);
    await user.click(await screen.findByRole('checkbox', { name: 'Белгілеу: Бұйрық a' }));
    await user.click(screen.getByRole('checkbox', { name: 'Белгілеу: Бұйрық c' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Түрін орнату…' }), 'protocol');
    await user.click(screen.getAllByRole('button', { name: 'Қолдану' })[0] as HTMLElement);
    expect((screen.getByRole('combobox', { name: 'Түрі: Бұйрық a' }) as HTMLSelectElement).value).toBe('protocol');
    expect((screen.getByRole('combobox', { name: 'Түрі: Бұйрық b' }) as HTMLSelectElement).value).toBe('order');

    await user.click(screen.getByRole('button', { name: 'Растау (2)' }));
    await waitFor(() => expect(fake.callsOf('documents.confirmReview')).toEqual([{ ids: ['a', 'c'] }]));
    expect(fake.callsOf('documents.update')).toEqual([
      { id: 'a', patch: { kind: 'protocol' } },
      { id: 'c', patch: { kind: 'protocol' } },
    ]);
    // Confirmed rows leave the review list.
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'Белгілеу: Бұйрық a' })).toBeNull());
    expect(screen.getByRole('checkbox', { name: 'Белгілеу: Бұйрық b' })).toBeTruthy();
  });
});
