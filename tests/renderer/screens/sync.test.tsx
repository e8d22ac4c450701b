// @vitest-environment happy-dom
import { generateKeyPairSync } from 'node:crypto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/contract';
import type { BundleExportOutcome, BundleImportOutcome, BundleInspection, ConflictInfo, ExchangeIdentity, TrustedOfficeInfo } from '../../../shared/domain/exchange';
import { ApiError, type Transport } from '../../../renderer/src/api/transport';
import { AppContext, type AppServices } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { SyncScreen } from '../../../renderer/src/screens/sync/SyncScreen';
import { formatTrustLine, parseTrustLine } from '../../../renderer/src/screens/sync/trust-line';
import { fingerprintOf } from '../../../electron/core/bundles/identity';
import { fakeServices, fakeTransport, type Handlers } from '../fake-app';

const INFO: AppInfo = { version: '0.1.0', dataDir: '/srv/a', archiveId: '1111111111111111', archiveName: 'Ақмола кеңесі', host: 'browser', sample: false };

const newKey = (): string => generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

const OWN_KEY = newKey();
const IDENTITY: ExchangeIdentity = { archiveId: INFO.archiveId, name: INFO.archiveName, fingerprint: fingerprintOf(OWN_KEY), publicKey: OWN_KEY };

const ATYRAU: TrustedOfficeInfo = {
  archiveId: '2222222222222222',
  name: 'Атырау кеңесі',
  fingerprint: '7K2M-9QXD-4HTR-B81C',
  addedAt: '2026-01-10T09:00:00Z',
  lastSentAt: '2026-02-01T10:30:00Z',
  lastReceivedAt: null,
};

function inspection(patch: Partial<BundleInspection> = {}): BundleInspection {
  return {
    bundleId: 'b-1',
    from: { archiveId: ATYRAU.archiveId, name: ATYRAU.name, fingerprint: ATYRAU.fingerprint },
    createdAt: '2026-03-04T08:15:00Z',
    signer: 'trusted',
    alreadyImported: false,
    counts: { added: 12, updated: 3, unchanged: 40, conflicts: 2, deleted: 1, files: 9 },
    ...patch,
  };
}

function baseHandlers(extra: Handlers = {}): Handlers {
  return {
    'exchange.identity': () => IDENTITY,
    'exchange.offices': () => [ATYRAU],
    'exchange.conflicts': () => [],
    'exchange.history': () => [],
    'exchange.syncFolder': () => ({ folder: null }),
    'exchange.syncList': () => [],
    ...extra,
  };
}

function renderSync(transport: Transport, overrides: Partial<AppServices> = {}): AppServices {
  const services = fakeServices(transport, { route: { screen: 'sync' }, info: INFO, ...overrides });
  render(
    <I18nProvider>
      <AppContext.Provider value={services}>
        <SyncScreen />
      </AppContext.Provider>
    </I18nProvider>,
  );
  return services;
}

async function openReceive(user: ReturnType<typeof userEvent.setup>): Promise<void> {
  await user.click(screen.getByRole('tab', { name: 'Қабылдау' }));
  await user.upload(screen.getByTestId('sync-bundle-input'), new File(['PK'], 'atyrau-2026-03.muragat'));
}

beforeEach(() => {
  window.localStorage.setItem('muragat.locale', 'kk');
});
afterEach(cleanup);

describe('trust line', () => {
  it('round-trips and computes the same fingerprint as the core', () => {
    const key = newKey();
    const parsed = parseTrustLine(formatTrustLine({ archiveId: 'abcdefabcdefabcd', name: 'Атырау', publicKey: key }));
    expect(parsed).toEqual({ ok: true, office: { archiveId: 'abcdefabcdefabcd', name: 'Атырау', publicKey: key }, fingerprint: fingerprintOf(key) });
  });

  it('reads the command line `muragat identity` prints, and refuses a broken key', () => {
    const key = newKey();
    const parsed = parseTrustLine(`  muragat trust add --id abcdefabcdefabcd --name "Атырау облыстық кеңесі" --key ${key}\n`);
    expect(parsed.ok && parsed.office).toEqual({ archiveId: 'abcdefabcdefabcd', name: 'Атырау облыстық кеңесі', publicKey: key });
    expect(parseTrustLine(formatTrustLine({ archiveId: 'abcdefabcdefabcd', name: 'A', publicKey: key.slice(0, -8) })).ok).toBe(false);
    expect(parseTrustLine('hello').ok).toBe(false);
  });
});

describe('SyncScreen', () => {
  it('shows this office with its fingerprint and copies a trust line', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport(baseHandlers());
    renderSync(fake.transport);
    expect(await screen.findByText(IDENTITY.fingerprint)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Атауын Баптауларда өзгерту' }).getAttribute('href')).toBe('#/settings');
    const line = screen.getByRole('textbox', { name: 'Кілт жолы' }) as HTMLInputElement;
    expect(parseTrustLine(line.value)).toMatchObject({ ok: true, office: { archiveId: IDENTITY.archiveId, name: IDENTITY.name, publicKey: OWN_KEY } });
    await user.click(screen.getByRole('button', { name: 'Кілтті көшіру' }));
    expect(await navigator.clipboard.readText()).toBe(line.value);
    expect(await screen.findByText(/Кілт көшірілді/)).toBeTruthy();
  });

  it('adds an office from a pasted line after showing its fingerprint', async () => {
    const user = userEvent.setup();
    const key = newKey();
    const office = { archiveId: 'abcdefabcdefabcd', name: 'Маңғыстау кеңесі', publicKey: key };
    const fake = fakeTransport(
      baseHandlers({
        'exchange.trust': (params: typeof office) => ({ ...params, fingerprint: fingerprintOf(params.publicKey), addedAt: '2026-03-01T00:00:00Z', lastSentAt: null, lastReceivedAt: null }),
      }),
    );
    renderSync(fake.transport);
    await user.click(screen.getByRole('textbox', { name: 'Басқа кеңсенің кілт жолы' }));
    await user.paste(formatTrustLine(office));
    const check = screen.getByRole('group', { name: '«Маңғыстау кеңесі» кеңсесінің кодын тексеріңіз' });
    expect(within(check).getByText(fingerprintOf(key))).toBeTruthy();
    expect(fake.callsOf('exchange.trust')).toEqual([]);
    await user.click(within(check).getByRole('button', { name: 'Код бірдей — сенім білдіру' }));
    await waitFor(() => expect(fake.callsOf('exchange.trust')).toEqual([office]));
    expect(await screen.findByText('«Маңғыстау кеңесі» сенімді кеңселерге қосылды.')).toBeTruthy();
    // The list is read again.
    await waitFor(() => expect(fake.callsOf('exchange.offices').length).toBeGreaterThan(1));
  });

  it('says why a pasted line is refused', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport(baseHandlers());
    renderSync(fake.transport);
    await screen.findByText(IDENTITY.fingerprint);
    await user.click(screen.getByRole('textbox', { name: 'Басқа кеңсенің кілт жолы' }));
    await user.paste(formatTrustLine(IDENTITY));
    await user.click(screen.getByRole('button', { name: 'Тексеру' }));
    expect(screen.getByText(/Бұл — біздің кеңсенің өз кілті/)).toBeTruthy();
    await user.clear(screen.getByRole('textbox', { name: 'Басқа кеңсенің кілт жолы' }));
    await user.paste('{"archiveId":"abcdefabcdefabcd","name":"X","publicKey":"AAAA"}');
    await user.click(screen.getByRole('button', { name: 'Тексеру' }));
    expect(screen.getByText(/Бұл жолдан кеңсе кілті табылмады/)).toBeTruthy();
  });

  it('removes a trusted office only after confirmation', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport(baseHandlers({ 'exchange.untrust': () => undefined }));
    renderSync(fake.transport);
    await user.click(await screen.findByRole('button', { name: '«Атырау кеңесі» кеңсесін алып тастау' }));
    expect(fake.callsOf('exchange.untrust')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Иә, алып тастау' }));
    await waitFor(() => expect(fake.callsOf('exchange.untrust')).toEqual([{ archiveId: ATYRAU.archiveId }]));
  });

  it('inspects an uploaded bundle and shows the sender and what would change', async () => {
    const user = userEvent.setup();
    const outcome: BundleImportOutcome = { ...inspection().counts, bundleId: 'b-1', from: inspection().from, applied: true, alreadyImported: false, conflictIds: ['d1', 'd2'] };
    const fake = fakeTransport(baseHandlers({ 'exchange.inspect': () => inspection(), 'exchange.import': () => outcome }));
    renderSync(fake.transport);
    await openReceive(user);
    const card = await screen.findByRole('region', { name: '«Атырау кеңесі» кеңсесінен келген пакет' });
    expect(fake.callsOf('exchange.inspect')).toEqual([{ source: { type: 'upload', uploadId: '00000000' } }]);
    expect(within(card).getByText(ATYRAU.fingerprint)).toBeTruthy();
    expect(within(card).getByText(/Сенімді кеңсе/)).toBeTruthy();
    const counts = within(card).getByLabelText('Импорттағанда не өзгереді');
    const value = (label: string): string | null | undefined => within(counts).getByText(label).parentElement?.querySelector('dd')?.textContent;
    expect(value('Жаңа')).toBe('12');
    expect(value('Жаңартылған')).toBe('3');
    expect(value('Өзгеріссіз')).toBe('40');
    expect(value('Қайшылықтар')).toBe('2');
    expect(value('Жойылған')).toBe('1');
    expect(value('Жаңа файлдар')).toBe('9');
    // A trusted sender imports without a checkbox, with the same upload.
    await user.click(within(card).getByRole('button', { name: 'Импорттау' }));
    await waitFor(() => expect(fake.callsOf('exchange.import')).toEqual([{ source: { type: 'upload', uploadId: '00000000' } }]));
    expect(await screen.findByRole('heading', { name: 'Пакет импортталды' })).toBeTruthy();
    expect(screen.getByText(/Шешімді күтетін қайшылықтар: 2/)).toBeTruthy();
  });

  it('needs the fingerprint checked before importing from an unknown office, then trusts it', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport(
      baseHandlers({
        'exchange.inspect': () => inspection({ signer: 'unknown', from: { archiveId: '3333333333333333', name: 'Жаңа кеңсе', fingerprint: 'ABCD-EFGH-JKMN-PQRS' } }),
        'exchange.import': () => ({ ...inspection().counts, bundleId: 'b-1', from: inspection().from, applied: true, alreadyImported: false, conflictIds: [] }),
      }),
    );
    renderSync(fake.transport);
    await openReceive(user);
    expect(await screen.findByText('Бұл кеңсе сенімді кеңселер тізімінде жоқ')).toBeTruthy();
    expect(screen.getAllByText('ABCD-EFGH-JKMN-PQRS').length).toBeGreaterThan(0);
    const importButton = screen.getByRole('button', { name: 'Импорттау' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(true);
    await user.click(importButton);
    expect(fake.callsOf('exchange.import')).toEqual([]);
    await user.click(screen.getByRole('checkbox', { name: 'Мен бұл кодты кеңсемен тексердім, ол бірдей' }));
    expect(importButton.disabled).toBe(false);
    await user.click(importButton);
    await waitFor(() => expect(fake.callsOf('exchange.import')).toEqual([{ source: { type: 'upload', uploadId: '00000000' }, trustSigner: true }]));
  });

  it('shows a tampered bundle in Kazakh and says that nothing was changed', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport(
      baseHandlers({
        'exchange.inspect': () => {
          throw new ApiError({ code: 'BUNDLE_TAMPERED', message: 'records.jsonl: SHA-256 differs' });
        },
      }),
    );
    renderSync(fake.transport);
    await openReceive(user);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('Пакетті ашу мүмкін болмады')).toBeTruthy();
    expect(within(alert).getByText('Пакет жасалғаннан кейін өзгертілген не зақымдалған. Оны импорттамаңыз: кеңседен жаңа пакет сұраңыз.')).toBeTruthy();
    expect(within(alert).getByText('Мұрағатта ештеңе өзгерген жоқ.')).toBeTruthy();
    expect(fake.callsOf('exchange.import')).toEqual([]);
    await user.click(within(alert).getByRole('button', { name: 'Басқа файл таңдау' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('refuses a file that is not a bundle before uploading it', async () => {
    const user = userEvent.setup({ applyAccept: false });
    const fake = fakeTransport(baseHandlers({ 'exchange.inspect': () => inspection() }));
    renderSync(fake.transport);
    await user.click(screen.getByRole('tab', { name: 'Қабылдау' }));
    await user.upload(screen.getByTestId('sync-bundle-input'), new File(['%PDF'], 'order.pdf'));
    expect(screen.getByText(/Бұл — пакет емес/)).toBeTruthy();
    expect(fake.callsOf('exchange.inspect')).toEqual([]);
  });

  it('inspects bundles the desktop shell handed over', async () => {
    const taken: string[][] = [];
    const fake = fakeTransport(baseHandlers({ 'exchange.inspect': () => inspection() }));
    renderSync(fake.transport, {
      info: { ...INFO, host: 'desktop' },
      pendingBundlePaths: ['C:\\Users\\aigul\\Downloads\\atyrau.muragat'],
      // The shell's list empties once taken; this fake keeps offering it, but hands the paths over once.
      takePendingBundlePaths: () => {
        const paths = taken.length ? [] : ['C:\\Users\\aigul\\Downloads\\atyrau.muragat'];
        taken.push(paths);
        return paths;
      },
    });
    expect(screen.getByRole('tab', { name: 'Қабылдау' }).getAttribute('aria-selected')).toBe('true');
    await waitFor(() => expect(fake.callsOf('exchange.inspect')).toEqual([{ source: { type: 'path', path: 'C:\\Users\\aigul\\Downloads\\atyrau.muragat' } }]));
    expect(await screen.findByText('atyrau.muragat')).toBeTruthy();
    expect(fake.callsOf('exchange.inspect').length).toBe(1);
  });

  it('resolves conflicts: keep mine and keep theirs send the chosen side', async () => {
    const user = userEvent.setup();
    const conflicts: ConflictInfo[] = [
      {
        id: 7,
        documentId: 'doc-7',
        title: 'Кеңес отырысының хаттамасы № 3',
        losingSide: 'mine',
        createdAt: '2026-03-04T08:20:00Z',
        differences: [
          { field: 'title', current: 'Хаттама № 3 (Атырау)', losing: 'Кеңес отырысының хаттамасы № 3' },
          { field: 'kind', current: 'protocol', losing: 'decision' },
        ],
      },
      {
        id: 8,
        documentId: 'doc-8',
        title: 'Жоспар 2026',
        losingSide: 'theirs',
        createdAt: '2026-03-04T08:20:00Z',
        differences: [{ field: 'number', current: '12', losing: '' }],
      },
    ];
    const fake = fakeTransport(baseHandlers({ 'exchange.conflicts': () => conflicts, 'exchange.resolve': () => undefined }));
    const services = renderSync(fake.transport);
    const tab = await screen.findByRole('tab', { name: /Қайшылықтар/ });
    await waitFor(() => expect(tab.textContent).toContain('2'));
    await user.click(tab);

    const first = screen.getByRole('article', { name: 'Кеңес отырысының хаттамасы № 3' });
    expect(within(first).getByRole('link', { name: 'Кеңес отырысының хаттамасы № 3' }).getAttribute('href')).toBe('#/doc/doc-7');
    expect(within(first).getByText(/Қазір мұрағатта олардың нұсқасы тұр/)).toBeTruthy();
    // Our version lost: it is the losing value, shown under "our version"; field names and kinds are translated.
    const kindRow = within(first).getByRole('row', { name: /Түрі/ });
    const cells = within(kindRow).getAllByRole('cell');
    expect(cells.map((cell) => cell.textContent)).toEqual(['Шешім', 'Хаттама']);
    await user.click(within(first).getByRole('button', { name: 'Біздікін қалдыру' }));
    await waitFor(() => expect(fake.callsOf('exchange.resolve')).toEqual([{ id: 7, keep: 'mine' }]));

    const second = screen.getByRole('article', { name: 'Жоспар 2026' });
    expect(within(second).getByText(/Қазір мұрағатта біздің нұсқа тұр/)).toBeTruthy();
    expect(within(second).getByText('(бос)')).toBeTruthy();
    await user.click(within(second).getByRole('button', { name: 'Олардыкін қалдыру' }));
    await waitFor(() => expect(fake.callsOf('exchange.resolve')).toEqual([{ id: 7, keep: 'mine' }, { id: 8, keep: 'theirs' }]));
    expect(services.navigate).not.toHaveBeenCalled();
  });

  it('creates a bundle for an office and offers the download in browser mode', async () => {
    const user = userEvent.setup();
    const outcome: BundleExportOutcome = {
      bundleId: 'b-9',
      path: '/srv/a/outbox/1111111111111111-to-2222222222222222-2026.muragat',
      fileName: '1111111111111111-to-2222222222222222-2026.muragat',
      bytes: 5 * 1024 * 1024,
      to: { archiveId: ATYRAU.archiveId, name: ATYRAU.name },
      documents: 14,
      tombstones: 1,
      relations: 2,
      files: 13,
    };
    const fake = fakeTransport(baseHandlers({ 'exchange.export': () => outcome }));
    renderSync(fake.transport);
    await user.click(screen.getByRole('tab', { name: 'Жіберу' }));
    await screen.findByRole('option', { name: ATYRAU.name });
    expect(screen.getByText(/Бұл кеңсеге соңғы пакет:/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Пакет жасау' }));
    await waitFor(() => expect(fake.callsOf('exchange.export')).toEqual([{ selection: { kind: 'office', office: ATYRAU.archiveId } }]));
    expect(await screen.findByText('«Атырау кеңесі» кеңсесіне арналған пакет дайын')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Пакетті жүктеп алу' });
    expect(link.getAttribute('href')).toBe(`/outbox/${outcome.fileName}`);
    expect(link.getAttribute('download')).toBe(outcome.fileName);
    expect(screen.getByText('5,0 МБ')).toBeTruthy();

    // Everything, in the desktop app: the path instead of a link.
    await user.click(screen.getByRole('button', { name: 'Тағы бір пакет жасау' }));
    await user.click(screen.getByRole('radio', { name: 'Барлығы: бүкіл мұрағат' }));
    await user.click(screen.getByRole('button', { name: 'Пакет жасау' }));
    await waitFor(() => expect(fake.callsOf('exchange.export')).toEqual([{ selection: { kind: 'office', office: ATYRAU.archiveId } }, { selection: { kind: 'all' } }]));
  });

  it('shows where the bundle was saved in the desktop app', async () => {
    const user = userEvent.setup();
    const outcome: BundleExportOutcome = { bundleId: 'b-9', path: 'C:\\Muragat\\outbox\\all.muragat', fileName: 'all.muragat', bytes: 2048, to: null, documents: 3, tombstones: 0, relations: 0, files: 3 };
    const fake = fakeTransport(baseHandlers({ 'exchange.offices': () => [], 'exchange.export': () => outcome }));
    fake.transport.bundleUrl = () => null;
    renderSync(fake.transport, { info: { ...INFO, host: 'desktop' } });
    await user.click(screen.getByRole('tab', { name: 'Жіберу' }));
    expect(await screen.findByText('Алдымен «Кеңселер» бөлімінде сенімді кеңсе қосыңыз.')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Пакет жасау' }));
    await waitFor(() => expect(fake.callsOf('exchange.export')).toEqual([{ selection: { kind: 'all' } }]));
    expect(await screen.findByText('C:\\Muragat\\outbox\\all.muragat')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Пакетті жүктеп алу' })).toBeNull();
  });

  it('in browser mode shows the sync folder but offers no way to set one on the serving computer', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport(baseHandlers({ 'exchange.syncFolder': () => ({ folder: '/mnt/share/muragat' }), 'exchange.syncList': () => [] }));
    renderSync(fake.transport);
    await user.click(screen.getByRole('tab', { name: 'Қабылдау' }));
    expect(await screen.findByText(/muragat serve --sync-folder/)).toBeTruthy();
    expect(screen.getAllByText('/mnt/share/muragat').length).toBeGreaterThan(0);
    expect(screen.queryByRole('textbox', { name: 'Буманың толық жолы' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Ажырату' })).toBeNull();
    expect(fake.callsOf('exchange.setSyncFolder')).toEqual([]);
  });

  it('lists bundles waiting in the sync folder and opens one by its path', async () => {
    const user = userEvent.setup();
    const fake = fakeTransport(
      baseHandlers({
        'exchange.syncFolder': () => ({ folder: '/mnt/share/muragat' }),
        'exchange.syncList': () => [
          { fileName: 'atyrau.muragat', bundleId: 'b-1', from: inspection().from, createdAt: '2026-03-04T08:15:00Z', errorCode: null },
          { fileName: 'broken.muragat', bundleId: null, from: null, createdAt: null, errorCode: 'BUNDLE_TRUNCATED' },
        ],
        'exchange.inspect': () => inspection(),
      }),
    );
    renderSync(fake.transport);
    await user.click(screen.getByRole('tab', { name: 'Қабылдау' }));
    expect(await screen.findByText(/Пакет толық емес/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: /^Пакетті ашу: Атырау кеңесі/ }));
    await waitFor(() => expect(fake.callsOf('exchange.inspect')).toEqual([{ source: { type: 'path', path: '/mnt/share/muragat/atyrau.muragat' } }]));
  });
});
