// @vitest-environment happy-dom
/** The app shell's note while scans are recognised in the background. */
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../renderer/src/api/transport';
import { App } from '../../../renderer/src/App';
import { I18nProvider } from '../../../renderer/src/i18n';
import { fakeTransport, ocrStatus, TEST_INFO, type Handlers } from '../fake-app';

// The shell imports every screen; pdf.js has no business in this test.
vi.mock('../../../renderer/src/viewer/PdfViewer', () => ({ PdfViewer: () => null }));

const RUN = { done: 12, failed: 0, total: 40, startedAt: '2026-01-01T00:00:00Z', pagesPerMinute: 6 };
const RUNNING = ocrStatus({ state: 'running', pendingPages: 28, run: RUN, current: { documentId: 'd1', title: 'Хаттама', pageNo: 2, pageCount: 5 } });

function renderApp(handlers: Handlers) {
  const fake = fakeTransport({ 'app.info': () => TEST_INFO, ...handlers });
  render(
    <I18nProvider>
      <App transport={fake.transport} />
    </I18nProvider>,
  );
  return fake;
}

const indicator = (): HTMLElement => {
  const element = document.querySelector<HTMLElement>('.topbar .ocr-indicator');
  if (!element) throw new Error('no OCR indicator in the top bar');
  return element;
};

beforeEach(() => {
  window.localStorage.setItem('muragat.locale', 'kk');
  window.location.hash = '#/library';
});
afterEach(cleanup);

describe('OCR indicator', () => {
  it('shows a run in progress from the start, links to the settings, and clears when the run ends', async () => {
    const fake = renderApp({ 'ocr.status': () => RUNNING });
    await waitFor(() => expect(indicator().textContent).toBe('Сканерленген беттер танылуда: 12 / 40'));
    expect(indicator().getAttribute('role')).toBe('status');
    expect(indicator().getAttribute('aria-live')).toBe('polite');
    const link = screen.getByRole('link', { name: 'Сканерленген беттер танылуда: 12 / 40' });
    expect(link.getAttribute('href')).toBe('#/settings');
    fake.emit({ name: 'ocr.progress', payload: { ...RUNNING, run: { ...RUN, done: 13 } } });
    expect(indicator().textContent).toBe('Сканерленген беттер танылуда: 13 / 40');
    fake.emit({ name: 'ocr.progress', payload: ocrStatus() });
    expect(indicator().textContent).toBe('');
    expect(fake.callsOf('ocr.status')).toHaveLength(1);
  });

  it('tolerates a core that cannot tell its status, and follows events', async () => {
    const fake = renderApp({
      'ocr.status': () => {
        throw new ApiError({ code: 'NOT_SUPPORTED', message: 'ocr.status' });
      },
    });
    await waitFor(() => expect(fake.callsOf('ocr.status')).toHaveLength(1));
    expect(indicator().textContent).toBe('');
    fake.emit({ name: 'ocr.progress', payload: RUNNING });
    expect(indicator().textContent).toBe('Сканерленген беттер танылуда: 12 / 40');
  });

  it('reads the status again after an import, not after pages were recognised', async () => {
    const fake = renderApp({ 'ocr.status': () => ocrStatus() });
    await waitFor(() => expect(fake.callsOf('ocr.status')).toHaveLength(1));
    fake.emit({ name: 'archive.changed', payload: { reason: 'ocr' } });
    fake.emit({ name: 'archive.changed', payload: { reason: 'import' } });
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(fake.callsOf('ocr.status')).toHaveLength(2);
  });
});
