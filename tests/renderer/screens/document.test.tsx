// @vitest-environment happy-dom
/**
 * The document screen's text recognition: the OCR panel (counts, "recognise text" with or
 * without replacing text, progress from events, missing language data) and what the PDF viewer
 * is given to overlay the recognised words. The viewer itself needs pdf.js and real layout, so
 * it is replaced here by a stand-in that records its props (tests/e2e covers the real one).
 */
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentView } from '../../../shared/contract';
import type { PageText } from '../../../shared/domain/document';
import type { PageOcr } from '../../../shared/domain/ocr';
import { AppContext, type AppServices } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { DocumentScreen } from '../../../renderer/src/screens/document/DocumentScreen';
import type { PdfViewerProps } from '../../../renderer/src/viewer/PdfViewer';
import { fakeServices, fakeTransport, ocrHandlers, ocrStatus, type Handlers } from '../fake-app';

const viewer = vi.hoisted(() => ({ props: [] as PdfViewerProps[] }));
vi.mock('../../../renderer/src/viewer/PdfViewer', () => ({
  PdfViewer: (props: PdfViewerProps): ReactNode => {
    viewer.props.push(props);
    return <div data-testid="pdf-viewer" />;
  },
}));

const DOC: DocumentView = {
  id: 'd1', kind: 'protocol', title: 'Қоғамдық кеңес отырысының хаттамасы', number: '5', date: '2019-04-12', issuer: null, lang: 'kk',
  status: 'in_force', pageCount: 3, needsOcr: false, file: 'protocol.pdf', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  council: null, notes: '', source: null, tags: [], relations: [], origin: 'a', version: 'v1', reviewPending: false, detection: null, textRepair: null,
  files: [{ sha256: 'ab', size: 1000, mediaType: 'application/pdf', format: 'pdf', originalName: 'protocol.pdf', encoding: null, addedAt: '2026-01-01T00:00:00Z' }],
};

const page = (pageNo: number, textSource: PageText['textSource'], needsOcr = false, text = `${pageNo}-бет мәтіні`): PageText => ({ pageNo, text, textSource, needsOcr });

const WORDS: PageOcr = {
  pageNo: 2, words: [{ text: 'хаттама', x0: 0.1, y0: 0.1, x1: 0.3, y1: 0.13, confidence: 91 }], confidence: 91, languages: ['kaz'],
  rotation: 0, reason: 'no-text', recognizedAt: '2026-01-01T00:00:00Z',
};

function renderDocument(handlers: Handlers, overrides: Partial<AppServices> = {}) {
  const fake = fakeTransport({ 'documents.get': () => DOC, 'documents.pageOcr': () => WORDS, ...handlers });
  const services = (more: Partial<AppServices> = {}): AppServices =>
    fakeServices(fake.transport, { route: { screen: 'document', id: DOC.id }, ...overrides, ...more });
  const view = render(
    <I18nProvider>
      <AppContext.Provider value={services()}>
        <DocumentScreen />
      </AppContext.Provider>
    </I18nProvider>,
  );
  /** Re-renders as the app does after an `archive.changed` event. */
  const archiveChanged = (revision: number): void =>
    view.rerender(
      <I18nProvider>
        <AppContext.Provider value={services({ archiveRevision: revision })}>
          <DocumentScreen />
        </AppContext.Provider>
      </I18nProvider>,
    );
  return { ...fake, archiveChanged };
}

const PANEL_TITLE = 'Мәтінді тану (OCR)';
const panel = () => within(screen.getByRole('heading', { name: PANEL_TITLE }).closest('section') as HTMLElement);
/** The panel once the document is loaded. */
const findPanel = async () => {
  await screen.findByRole('heading', { name: PANEL_TITLE });
  return panel();
};
const lastViewerProps = (): PdfViewerProps => {
  const props = viewer.props.at(-1);
  if (!props) throw new Error('the viewer was not rendered');
  return props;
};

beforeEach(() => {
  window.localStorage.setItem('muragat.locale', 'kk');
  viewer.props.length = 0;
});
afterEach(cleanup);

describe('document screen: text recognition', () => {
  it('replaces existing text only after a confirmation, then follows this document in ocr.progress', async () => {
    const user = userEvent.setup();
    const fake = renderDocument({ 'documents.pages': () => [page(1, 'text'), page(2, 'text'), page(3, 'text')], ...ocrHandlers() });
    expect(await (await findPanel()).findByText('Барлық беттердің мәтіні PDF файлының өзінде бар.')).toBeTruthy();
    await user.click(panel().getByRole('button', { name: 'Мәтінді тану' }));
    expect(fake.callsOf('ocr.start')).toEqual([]);
    const confirm = panel().getByRole('group', { name: 'Беттердің мәтіні ауыстырылсын ба?' });
    await user.click(within(confirm).getByRole('button', { name: 'Иә, қайта тану' }));
    expect(fake.callsOf('ocr.start')).toEqual([{ ids: ['d1'], force: true }]);

    const running = { state: 'running' as const, run: { done: 1, failed: 0, total: 3, startedAt: '2026-01-01T00:00:00Z', pagesPerMinute: 6 } };
    fake.emit({ name: 'ocr.progress', payload: ocrStatus({ ...running, current: { documentId: 'other', title: 'Басқа', pageNo: 1, pageCount: 1 } }) });
    expect(panel().getByRole('status').textContent).toBe('Кезекте: алдымен басқа құжаттардың беттері танылады.');
    fake.emit({ name: 'ocr.progress', payload: ocrStatus({ ...running, current: { documentId: 'd1', title: DOC.title, pageNo: 2, pageCount: 3 } }) });
    expect(panel().getByRole('status').textContent).toBe('3 беттің 2-беті танылуда…');
    expect((panel().getByRole('button', { name: 'Мәтінді тану' }) as HTMLButtonElement).disabled).toBe(true);
    fake.emit({ name: 'ocr.progress', payload: ocrStatus() });
    expect(panel().getByRole('status').textContent).toBe('');
  });

  it('recognises waiting pages at once, without replacing text', async () => {
    const user = userEvent.setup();
    const fake = renderDocument({ 'documents.pages': () => [page(1, 'text'), page(2, 'ocr'), page(3, 'none', true, '')], ...ocrHandlers() });
    expect(await (await findPanel()).findByText('Күтіп тұрған беттер: 1')).toBeTruthy();
    expect(panel().getByText('Сканерден танылған беттер: 1')).toBeTruthy();
    await user.click(panel().getByRole('button', { name: 'Мәтінді тану' }));
    expect(fake.callsOf('ocr.start')).toEqual([{ ids: ['d1'] }]);
    expect(panel().queryByRole('group')).toBeNull();
  });

  it('does nothing when the confirmation is cancelled', async () => {
    const user = userEvent.setup();
    const fake = renderDocument({ 'documents.pages': () => [page(1, 'text')], ...ocrHandlers() });
    await user.click(await (await findPanel()).findByRole('button', { name: 'Мәтінді тану' }));
    await user.click(panel().getByRole('button', { name: 'Бас тарту' }));
    expect(panel().queryByRole('group')).toBeNull();
    expect(fake.callsOf('ocr.start')).toEqual([]);
  });

  it('names the missing language data instead of a bare failure, and translates other errors', async () => {
    const languages = { configured: ['kaz' as const, 'rus' as const], available: [], missing: ['kaz' as const, 'rus' as const], rotationDetection: false };
    const lastError = { code: 'OCR_LANGUAGE_MISSING' as const, message: 'kaz, rus data missing' };
    renderDocument({ 'documents.pages': () => [page(1, 'none', true, '')], ...ocrHandlers(ocrStatus({ state: 'unavailable', languages, lastError })) });
    expect(await (await findPanel()).findByText('Мәтінді тану мүмкін емес: тіл деректері орнатылмаған (Қазақша, Орысша).')).toBeTruthy();
    expect((panel().getByRole('button', { name: 'Мәтінді тану' }) as HTMLButtonElement).disabled).toBe(true);
    expect(panel().queryByText(/Соңғы қате/)).toBeNull();
    cleanup();

    renderDocument({ 'documents.pages': () => [page(1, 'none', true, '')], ...ocrHandlers(ocrStatus({ lastError: { code: 'OCR_PAGE_FAILED', message: 'bad image' } })) });
    expect(await (await findPanel()).findByText('Соңғы қате: Беттің суретін тану мүмкін болмады: сурет зақымдалған не оқылмайды.')).toBeTruthy();
  });

  it('gives the viewer the OCR pages, and new words only when recognition changed the text', async () => {
    let pages = [page(1, 'text'), page(2, 'ocr')];
    const fake = renderDocument({ 'documents.pages': () => pages, ...ocrHandlers() });
    await waitFor(() => expect(lastViewerProps().ocr).toBeTruthy());
    const first = lastViewerProps().ocr;
    expect([first?.has(1), first?.has(2)]).toEqual([false, true]);
    expect((await first?.text(2))?.text).toBe('хаттама');
    expect(fake.callsOf('documents.pageOcr')).toEqual([{ id: 'd1', pageNo: 2 }]);

    // Metadata saved elsewhere: the pages are read again, the words stay.
    fake.archiveChanged(1);
    await waitFor(() => expect(fake.callsOf('documents.pages')).toHaveLength(2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(lastViewerProps().ocr).toBe(first);

    // Page 1 recognised again: the viewer gets a new source with both pages.
    pages = [page(1, 'ocr', false, 'жаңа мәтін'), page(2, 'ocr')];
    fake.archiveChanged(2);
    await waitFor(() => expect(lastViewerProps().ocr).not.toBe(first));
    expect([lastViewerProps().ocr?.has(1), lastViewerProps().ocr?.has(2)]).toEqual([true, true]);
    expect(panel().getByText('Сканерден танылған беттер: 2')).toBeTruthy();
  });
});
