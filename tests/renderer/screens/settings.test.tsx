// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/contract';
import type { ArchiveStats } from '../../../shared/domain/document';
import { ApiError, type Transport } from '../../../renderer/src/api/transport';
import { fakeServices, fakeTransport, ocrHandlers, ocrStatus } from '../fake-app';
import { AppContext, type AppServices } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { SettingsScreen } from '../../../renderer/src/screens/settings/SettingsScreen';

const INFO: AppInfo = { version: '0.1.0', dataDir: '/srv/muragat-data', archiveId: 'a', archiveName: 'Ақмола кеңесі', host: 'browser', sample: false };

const STATS: ArchiveStats = {
  archiveId: 'a',
  archiveName: 'Ақмола кеңесі',
  documents: 1234,
  pages: 56789,
  needsOcr: 7,
  files: 1240,
  storedBytes: 3 * 1024 * 1024 * 1024,
  databaseBytes: 50 * 1024 * 1024,
  byKind: {},
  byLang: {},
  byYear: {},
};

function renderSettings(transport: Transport, overrides: Partial<AppServices> = {}) {
  const services: AppServices = fakeServices(transport, { route: { screen: 'settings' }, info: INFO, ...overrides });
  render(
    <I18nProvider>
      <AppContext.Provider value={services}>
        <SettingsScreen />
      </AppContext.Provider>
    </I18nProvider>,
  );
  return services;
}

beforeEach(() => {
  window.localStorage.setItem('muragat.locale', 'kk');
});
afterEach(cleanup);

describe('SettingsScreen', () => {
  it('renames the archive and refreshes the app info', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({ 'archive.stats': () => STATS, 'archive.rename': (params: { name: string }) => ({ ...INFO, archiveName: params.name }) });
    const services = renderSettings(fake.transport);
    const name = screen.getByRole('textbox', { name: 'Атауы' });
    expect((name as HTMLInputElement).value).toBe('Ақмола кеңесі');
    await user.clear(name);
    await user.type(name, '  Көкшетау қалалық қоғамдық кеңесі ');
    await user.click(screen.getByRole('button', { name: 'Сақтау' }));
    await waitFor(() => expect(fake.callsOf('archive.rename')).toEqual([{ name: 'Көкшетау қалалық қоғамдық кеңесі' }]));
    await waitFor(() => expect(services.refreshInfo).toHaveBeenCalled());
    expect(await screen.findByText('Мұрағат атауы сақталды.')).toBeTruthy();
    // The confirmation follows a language switch like every other label.
    await user.click(screen.getByRole('radio', { name: 'Русский' }));
    expect(screen.getByText('Название архива сохранено.')).toBeTruthy();
  });

  it('refuses an empty or too long name with a message', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({ 'archive.stats': () => STATS, 'archive.rename': () => INFO });
    renderSettings(fake.transport);
    const name = screen.getByRole('textbox', { name: 'Атауы' });
    await user.clear(name);
    await user.click(screen.getByRole('button', { name: 'Сақтау' }));
    expect(screen.getByText('Мұрағат атауын жазыңыз.')).toBeTruthy();
    expect(name.getAttribute('aria-invalid')).toBe('true');
    await user.click(name);
    await user.paste('к'.repeat(201));
    await user.click(screen.getByRole('button', { name: 'Сақтау' }));
    expect(screen.getByText('Атауы тым ұзын: ең көбі 200 таңба.')).toBeTruthy();
    expect(fake.callsOf('archive.rename')).toEqual([]);
  });

  it('switches the interface language at once', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({ 'archive.stats': () => STATS });
    renderSettings(fake.transport);
    expect(screen.getByRole('heading', { level: 1, name: 'Баптаулар' })).toBeTruthy();
    expect((screen.getByRole('radio', { name: 'Қазақша' }) as HTMLInputElement).checked).toBe(true);
    await user.click(screen.getByRole('radio', { name: 'Русский' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Настройки' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Название архива' })).toBeTruthy();
    expect(window.localStorage.getItem('muragat.locale')).toBe('ru');
    await user.click(screen.getByRole('radio', { name: 'English' }));
    expect(screen.getByRole('heading', { level: 1, name: 'Settings' })).toBeTruthy();
  });

  it('shows the statistics of the archive', async () => {
    const fake = fakeTransport({ 'archive.stats': () => STATS });
    renderSettings(fake.transport);
    const documents = await screen.findByText('Құжаттар');
    expect(documents.nextElementSibling?.textContent?.replace(/\s/g, '')).toBe('1234');
    expect(screen.getByText('OCR керек').nextElementSibling?.textContent).toBe('7');
    expect(screen.getByText('Файлдар көлемі').nextElementSibling?.textContent).toMatch(/^3[.,]00 ГБ$/);
    expect(screen.getByText('0.1.0')).toBeTruthy();
  });

  it('explains how browser mode picks its folder, and says when it is the sample', () => {
    const fake = fakeTransport({ 'archive.stats': () => STATS });
    renderSettings(fake.transport, { info: { ...INFO, sample: true } });
    expect(screen.getByText('/srv/muragat-data')).toBeTruthy();
    expect(screen.getByText(/muragat serve --data/)).toBeTruthy();
    expect(screen.getByText(/Бұл — үлгі мұрағат/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Өзгерту…' })).toBeNull();
  });

  it('lets the desktop app choose another data folder', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({ 'archive.stats': () => STATS, 'app.chooseDataFolder': () => true });
    renderSettings(fake.transport, { info: { ...INFO, host: 'desktop' } });
    await user.click(screen.getByRole('button', { name: 'Өзгерту…' }));
    expect(fake.callsOf('app.chooseDataFolder')).toHaveLength(1);
    expect(await screen.findByText('Бағдарлама жаңа бумамен қайта ашылуда…')).toBeTruthy();
  });
});

describe('SettingsScreen: text recognition', () => {
  const ocrSection = (): HTMLElement => {
    const heading = screen.getByRole('heading', { name: 'Мәтінді тану (OCR)' });
    const section = heading.closest('section');
    if (!section) throw new Error('no OCR section');
    return section;
  };
  const checkbox = (name: RegExp): HTMLInputElement => within(ocrSection()).getByRole('checkbox', { name }) as HTMLInputElement;

  it('saves the chosen languages in the order they are offered', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({ 'archive.stats': () => STATS, ...ocrHandlers(ocrStatus({ languages: { configured: ['rus'], available: ['kaz', 'rus', 'eng'], missing: [], rotationDetection: true } })) });
    renderSettings(fake.transport);
    await waitFor(() => expect(checkbox(/Орысша/).checked).toBe(true));
    expect(checkbox(/Қазақша/).checked).toBe(false);
    await user.click(checkbox(/Ағылшынша/));
    await waitFor(() => expect(fake.callsOf('ocr.setLanguages')).toEqual([{ languages: ['rus', 'eng'] }]));
    await user.click(checkbox(/Қазақша/));
    await waitFor(() => expect(fake.callsOf('ocr.setLanguages')).toHaveLength(2));
    expect(fake.callsOf('ocr.setLanguages')[1]).toEqual({ languages: ['kaz', 'rus', 'eng'] });
    await user.click(checkbox(/Орысша/));
    await waitFor(() => expect(fake.callsOf('ocr.setLanguages')[2]).toEqual({ languages: ['kaz', 'eng'] }));
    expect(await within(ocrSection()).findByText('Тану тілдері сақталды.')).toBeTruthy();
    expect(checkbox(/Орысша/).checked).toBe(false);
  });

  it('refuses to clear the last language', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({ 'archive.stats': () => STATS, ...ocrHandlers(ocrStatus({ languages: { configured: ['kaz'], available: ['kaz', 'rus', 'eng'], missing: [], rotationDetection: true } })) });
    renderSettings(fake.transport);
    await waitFor(() => expect(checkbox(/Қазақша/).checked).toBe(true));
    await user.click(checkbox(/Қазақша/));
    expect(within(ocrSection()).getByRole('alert').textContent).toBe('Кемінде бір тіл таңдалып тұруы керек.');
    expect(checkbox(/Қазақша/).checked).toBe(true);
    expect(fake.callsOf('ocr.setLanguages')).toEqual([]);
  });

  it('shows languages without data as unavailable and says which are missing', async () => {
    const languages = { configured: ['kaz' as const, 'rus' as const], available: ['kaz' as const, 'eng' as const], missing: ['rus' as const], rotationDetection: false };
    const fake = fakeTransport({ 'archive.stats': () => STATS, ...ocrHandlers(ocrStatus({ languages })) });
    renderSettings(fake.transport);
    await waitFor(() => expect(checkbox(/Қазақша/).checked).toBe(true));
    expect(checkbox(/Орысша/).closest('label')?.textContent).toContain('деректері орнатылмаған');
    // Chosen before its data went missing: it can still be cleared.
    expect(checkbox(/Орысша/).disabled).toBe(false);
    expect(checkbox(/Ағылшынша/).disabled).toBe(false);
    expect(within(ocrSection()).getByText('Мына тілдердің деректері орнатылмаған, сондықтан олар танылмайды: Орысша.')).toBeTruthy();
    expect(within(ocrSection()).getByText(/Беттің бұрылуын анықтау қолжетімсіз/)).toBeTruthy();
  });

  it('cannot choose a language whose data is not installed', async () => {
    const languages = { configured: ['kaz' as const], available: ['kaz' as const, 'rus' as const], missing: [], rotationDetection: true };
    const fake = fakeTransport({ 'archive.stats': () => STATS, ...ocrHandlers(ocrStatus({ languages })) });
    renderSettings(fake.transport);
    await waitFor(() => expect(checkbox(/Қазақша/).checked).toBe(true));
    expect(checkbox(/Ағылшынша/).disabled).toBe(true);
    expect(checkbox(/Ағылшынша/).closest('label')?.textContent).toContain('деректері орнатылмаған');
    expect(within(ocrSection()).getByText('Беттің бұрылуы өздігінен анықталады.')).toBeTruthy();
  });

  it('starts recognising the waiting pages, follows the run and stops it', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({ 'archive.stats': () => STATS, ...ocrHandlers(ocrStatus({ pendingPages: 40, pendingDocuments: 3 })) });
    renderSettings(fake.transport);
    expect(await within(ocrSection()).findByText('Күтіп тұрған беттер: 40 (3 құжатта).')).toBeTruthy();
    expect(within(ocrSection()).queryByRole('button', { name: 'Тоқтату' })).toBeNull();
    await user.click(within(ocrSection()).getByRole('button', { name: 'Күтіп тұрған беттердің бәрін тану' }));
    expect(fake.callsOf('ocr.start')).toEqual([{}]);
    fake.emit({
      name: 'ocr.progress',
      payload: ocrStatus({
        state: 'running',
        pendingPages: 28,
        pendingDocuments: 2,
        run: { done: 12, failed: 1, total: 40, startedAt: '2026-01-01T00:00:00Z', pagesPerMinute: 7.5 },
        current: { documentId: 'd1', title: 'Хаттама', pageNo: 3, pageCount: 9 },
      }),
    });
    const section = within(ocrSection());
    expect(section.getByText('Танылуда: 12 / 40 бет')).toBeTruthy();
    expect(section.getByText(/^минутына 7[.,]5 бет$/)).toBeTruthy();
    expect(section.getByText('танылмады: 1')).toBeTruthy();
    expect(section.getByText('Қазір: «Хаттама», 3-бет')).toBeTruthy();
    await user.click(section.getByRole('button', { name: 'Тоқтату' }));
    expect(fake.callsOf('ocr.cancel')).toHaveLength(1);
    await waitFor(() => expect(section.queryByRole('button', { name: 'Тоқтату' })).toBeNull());
  });
});

describe('SettingsScreen: diagnostics for support', () => {
  const FILE = 'muragat-diagnostics-20261207T193000Z.zip';

  it('browser mode: collects the zip and offers it as a download from the outbox', async () => {
    const user = userEvent.setup();
    let finish: (value: unknown) => void = () => undefined;
    const fake = fakeTransport({ 'archive.stats': () => STATS, 'diagnostics.create': () => new Promise((resolve) => (finish = resolve)) });
    renderSettings(fake.transport);
    const button = screen.getByRole('button', { name: 'Қолдау қызметіне диагностика жинау' });
    await user.click(button);
    expect(fake.callsOf('diagnostics.create')).toHaveLength(1);
    // Checking every file takes a while: the button waits and says so.
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/Жиналуда…/)).toBeTruthy();
    finish({ fileName: FILE, path: null, bytes: 2048 });
    const link = await screen.findByRole('link', { name: 'Диагностиканы жүктеп алу' });
    expect(link.getAttribute('href')).toBe(`/outbox/${FILE}`);
    expect(link.getAttribute('download')).toBe(FILE);
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it('desktop: says where the zip was saved', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({ 'archive.stats': () => STATS, 'diagnostics.create': () => ({ fileName: FILE, path: `C:\\Muragat\\outbox\\${FILE}`, bytes: 2048 }) });
    renderSettings({ ...fake.transport, kind: 'ipc', bundleUrl: () => null }, { info: { ...INFO, host: 'desktop' } });
    await user.click(screen.getByRole('button', { name: 'Қолдау қызметіне диагностика жинау' }));
    expect(await screen.findByText(`C:\\Muragat\\outbox\\${FILE}`)).toBeTruthy();
    expect(screen.getByText('Диагностика сақталған орын:')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Диагностиканы жүктеп алу' })).toBeNull();
  });

  it('shows why it failed, in the user\'s language', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport({
      'archive.stats': () => STATS,
      'diagnostics.create': () => {
        throw new ApiError({ code: 'DISK_FULL', message: 'no room' });
      },
    });
    renderSettings(fake.transport);
    await user.click(screen.getByRole('radio', { name: 'English' }));
    await user.click(screen.getByRole('button', { name: 'Collect diagnostics for support' }));
    const section = screen.getByRole('heading', { name: 'Support' }).closest('section') as HTMLElement;
    expect((await within(section).findByRole('alert')).textContent).toContain('The disk is full.');
    expect(within(section).queryByRole('link')).toBeNull();
  });
});
