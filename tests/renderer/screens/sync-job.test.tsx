// @vitest-environment happy-dom
/**
 * A bundle export is a job: while it runs the Send tab shows how many entries are written (from
 * `job.progress` events) and a Stop button that cancels it with `jobs.cancel`.
 */
import { generateKeyPairSync } from 'node:crypto';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../shared/contract';
import type { BundleInspection, ExchangeIdentity } from '../../../shared/domain/exchange';
import type { JobInfo } from '../../../shared/domain/jobs';
import { ApiError } from '../../../renderer/src/api/transport';
import { AppContext } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { SyncScreen } from '../../../renderer/src/screens/sync/SyncScreen';
import { fingerprintOf } from '../../../electron/core/bundles/identity';
import { fakeServices, fakeTransport } from '../fake-app';

beforeEach(() => {
  window.localStorage.setItem('muragat.locale', 'kk');
});
afterEach(cleanup);

const INFO: AppInfo = { version: '0.1.0', dataDir: '', archiveId: '1111111111111111', archiveName: 'Ақмола кеңесі', host: 'browser', sample: false };
const KEY = generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
const IDENTITY: ExchangeIdentity = { archiveId: INFO.archiveId, name: INFO.archiveName, fingerprint: fingerprintOf(KEY), publicKey: KEY };

function exportJob(done: number, total: number, state: JobInfo['state'] = 'running', kind: JobInfo['kind'] = 'bundle-export'): JobInfo {
  return {
    jobId: 'job-1',
    kind,
    state,
    progress: { done, total, unit: 'entries', current: null },
    startedAt: '2026-03-04T08:15:00Z',
    finishedAt: state === 'running' ? null : '2026-03-04T08:15:09Z',
    elapsedMs: 900,
    outcome: {},
    error: state === 'cancelled' ? { code: 'CANCELLED' } : null,
    cancellable: true,
  };
}

describe('bundle export as a job', () => {
  it('shows the entries written while the bundle is made, and stops it with jobs.cancel', async () => {
    const user = userEvent.setup();
    let reject: (error: unknown) => void = () => undefined;
    const fake = fakeTransport({
      'exchange.identity': () => IDENTITY,
      'exchange.offices': () => [],
      'exchange.conflicts': () => [],
      'exchange.history': () => [],
      'exchange.syncFolder': () => ({ folder: null }),
      'exchange.syncList': () => [],
      'exchange.export': () => new Promise((_, fail) => (reject = fail)),
      'jobs.cancel': () => {
        reject(new ApiError({ code: 'CANCELLED', message: 'cancelled' }));
        return exportJob(15, 40, 'cancelled');
      },
    });
    render(
      <I18nProvider>
        <AppContext.Provider value={fakeServices(fake.transport, { route: { screen: 'sync' }, info: INFO })}>
          <SyncScreen />
        </AppContext.Provider>
      </I18nProvider>,
    );
    await user.click(await screen.findByRole('tab', { name: 'Жіберу' }));
    await user.click(await screen.findByRole('button', { name: 'Пакет жасау' }));
    await waitFor(() => expect(fake.callsOf('exchange.export')).toHaveLength(1));
    fake.emit({ name: 'job.progress', payload: exportJob(15, 40) });
    expect(await screen.findByText(/15 \/ 40 дайын/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Тоқтату' }));
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-1' }]);
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Тоқтату' })).toBeNull());
    expect(screen.queryByText(/15 \/ 40 дайын/)).toBeNull();
  });

  it('shows the files taken from a bundle while it is imported, and stops it with jobs.cancel', async () => {
    const user = userEvent.setup();
    const inspection: BundleInspection = {
      bundleId: 'b-1',
      from: { archiveId: '2222222222222222', name: 'Атырау кеңесі', fingerprint: '7K2M-9QXD-4HTR-B81C' },
      createdAt: '2026-03-04T08:15:00Z',
      signer: 'trusted',
      alreadyImported: false,
      counts: { added: 12, updated: 3, unchanged: 40, conflicts: 0, deleted: 1, files: 9 },
    };
    let reject: (error: unknown) => void = () => undefined;
    const fake = fakeTransport({
      'exchange.identity': () => IDENTITY,
      'exchange.offices': () => [],
      'exchange.conflicts': () => [],
      'exchange.history': () => [],
      'exchange.syncFolder': () => ({ folder: null }),
      'exchange.syncList': () => [],
      'exchange.inspect': () => inspection,
      'exchange.import': () => new Promise((_, fail) => (reject = fail)),
      'jobs.cancel': () => {
        reject(new ApiError({ code: 'CANCELLED', message: 'cancelled' }));
        return exportJob(4, 9, 'cancelled', 'bundle-import');
      },
    });
    render(
      <I18nProvider>
        <AppContext.Provider value={fakeServices(fake.transport, { route: { screen: 'sync' }, info: INFO })}>
          <SyncScreen />
        </AppContext.Provider>
      </I18nProvider>,
    );
    await user.click(await screen.findByRole('tab', { name: 'Қабылдау' }));
    await user.upload(screen.getByTestId('sync-bundle-input'), new File(['PK'], 'atyrau-2026-03.muragat'));
    const card = await screen.findByRole('region', { name: '«Атырау кеңесі» кеңсесінен келген пакет' });
    await user.click(within(card).getByRole('button', { name: 'Импорттау' }));
    await waitFor(() => expect(fake.callsOf('exchange.import')).toHaveLength(1));
    fake.emit({ name: 'job.progress', payload: exportJob(4, 9, 'running', 'bundle-import') });
    expect(await screen.findByText(/4 \/ 9 дайын/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Тоқтату' }));
    expect(fake.callsOf('jobs.cancel')).toEqual([{ jobId: 'job-1' }]);
    await waitFor(() => expect(screen.queryByText(/4 \/ 9 дайын/)).toBeNull());
  });
});
