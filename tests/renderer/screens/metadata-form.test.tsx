// @vitest-environment happy-dom
/** Editing a document's metadata: what is sent, what is refused, and a conflict explained. */
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentView } from '../../../shared/contract';
import { ApiError } from '../../../renderer/src/api/transport';
import { AppContext } from '../../../renderer/src/app/context';
import { I18nProvider } from '../../../renderer/src/i18n';
import { MetadataForm } from '../../../renderer/src/screens/document/MetadataForm';
import { fakeServices, fakeTransport, type Handlers } from '../fake-app';

const DOC: DocumentView = {
  id: '01890000-0000-7000-8000-000000000001', kind: 'order', title: 'Академиялық демалыс беру қағидалары', number: '110', date: '2017-03-10',
  issuer: 'Білім және ғылым министрі', lang: 'kk', status: 'in_force', pageCount: 2, needsOcr: false, file: 'kk-order-110.pdf',
  createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', council: null, notes: '', source: null, tags: ['білім'],
  files: [], relations: [], origin: 'a', version: 'v1', reviewPending: false, detection: null, textRepair: null,
};

function renderForm(handlers: Handlers) {
  const fake = fakeTransport(handlers);
  const onSaved = vi.fn();
  render(
    <I18nProvider>
      <AppContext.Provider value={fakeServices(fake.transport, { route: { screen: 'document', id: DOC.id } })}>
        <MetadataForm doc={DOC} onSaved={onSaved} onCancel={vi.fn()} />
      </AppContext.Provider>
    </I18nProvider>,
  );
  return { ...fake, onSaved };
}

beforeEach(() => window.localStorage.setItem('muragat.locale', 'kk'));
afterEach(cleanup);

describe('metadata form', () => {
  it('sends only the changed fields, with the version it was read at', async () => {
    const { callsOf, onSaved } = renderForm({ 'documents.update': () => ({ ...DOC, number: '110-Б' }) });
    const number = screen.getByLabelText('Нөмірі');
    await userEvent.clear(number);
    await userEvent.type(number, '110-Б');
    await userEvent.type(screen.getByLabelText('Тегтер'), ', мұрағат, Білім');
    await userEvent.click(screen.getByRole('button', { name: 'Сақтау' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(callsOf('documents.update')).toEqual([{ id: DOC.id, expectedVersion: 'v1', patch: { number: '110-Б', tags: ['білім', 'мұрағат'] } }]);
  });

  it('refuses an impossible date and an empty title with messages, and sends nothing', async () => {
    const { callsOf } = renderForm({ 'documents.update': () => DOC });
    const date = screen.getByLabelText('Күні');
    await userEvent.clear(date);
    await userEvent.type(date, '2017-02-30');
    await userEvent.clear(screen.getByLabelText('Атауы'));
    await userEvent.click(screen.getByRole('button', { name: 'Сақтау' }));
    expect(screen.getByText('Атауын жазыңыз.')).toBeTruthy();
    expect(screen.getByText(/нақты күн болуы керек/)).toBeTruthy();
    expect(date.getAttribute('aria-invalid')).toBe('true');
    expect(callsOf('documents.update')).toEqual([]);
  });

  it('explains a conflict when someone else changed the document meanwhile', async () => {
    renderForm({
      'documents.update': () => {
        throw new ApiError({ code: 'CONFLICT', message: 'changed elsewhere' });
      },
    });
    await userEvent.type(screen.getByLabelText('Шығарған орган'), ' РК');
    await userEvent.click(screen.getByRole('button', { name: 'Сақтау' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('басқа біреу өзгертті'));
  });
});
