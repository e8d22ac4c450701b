// @vitest-environment happy-dom
/**
 * The document screen says when a document's text was typed in a legacy Kazakh font and
 * converted at import (issue 12, point 5), and says nothing for other documents.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { DocumentView } from '../../../shared/contract';
import type { PageText } from '../../../shared/domain/document';
import { AppContext } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { DocumentScreen } from '../../../renderer/src/screens/document/DocumentScreen';
import { fakeServices, fakeTransport } from '../fake-app';

const DOC: DocumentView = {
  id: 'd1', kind: 'decision', title: 'Қоғамдық кеңесі туралы ереже', number: '43-108', date: '2019-03-13', issuer: null, lang: 'kk',
  status: 'in_force', pageCount: 1, needsOcr: false, file: 'ereje.doc', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z',
  council: null, notes: '', source: null, tags: [], relations: [], origin: 'a', version: 'v1', reviewPending: false, detection: null, textRepair: null,
  files: [{ sha256: 'ab', size: 1000, mediaType: 'application/msword', format: 'doc', originalName: 'ereje.doc', encoding: null, addedAt: '2026-01-01T00:00:00Z' }],
};
const PAGES: PageText[] = [{ pageNo: 1, text: 'Қазақстан Республикасы Үкіметінің қаулысы', textSource: 'text', needsOcr: false }];

function renderDocument(doc: DocumentView, locale: 'kk' | 'ru' | 'en') {
  window.localStorage.setItem('muragat.locale', locale);
  const fake = fakeTransport({ 'documents.get': () => doc, 'documents.pages': () => PAGES });
  render(
    <I18nProvider>
      <AppContext.Provider value={fakeServices(fake.transport, { route: { screen: 'document', id: doc.id } })}>
        <DocumentScreen />
      </AppContext.Provider>
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('document screen: legacy-font repair notice', () => {
  it('says the text was converted from an old Kazakh font and that the original file is unchanged', async () => {
    renderDocument({ ...DOC, textRepair: { kind: 'legacy-kazakh-font', mapping: 'kz1048' } }, 'kk');
    expect(await screen.findByText('Мәтін ескі қазақ қарпімен терілген еді және стандартты әріптерге түрлендірілді; түпнұсқа файл өзгертілген жоқ.')).toBeTruthy();
    cleanup();
    renderDocument({ ...DOC, textRepair: { kind: 'legacy-kazakh-font', mapping: 'pt154' } }, 'en');
    expect(await screen.findByText('The text was typed in an old Kazakh font and was converted to standard letters; the original file is unchanged.')).toBeTruthy();
  });

  it('shows no such notice for a document read as stored', async () => {
    renderDocument(DOC, 'ru');
    expect(await screen.findByText('Қазақстан Республикасы Үкіметінің қаулысы')).toBeTruthy();
    expect(screen.queryByText(/старым казахским шрифтом/)).toBeNull();
  });
});
