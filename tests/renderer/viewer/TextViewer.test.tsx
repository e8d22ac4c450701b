// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHighlighter } from '../../../shared/search/highlight';
import { I18nProvider } from '../../../renderer/src/i18n';
import { TextViewer } from '../../../renderer/src/viewer/TextViewer';

const PAGES = [
  { page: 1, text: 'Қоғамдық кеңестің отырысы\nКүн тәртібі: жатақханалардағы орындар туралы.' },
  { page: 2, text: 'Кеңесінің шешімі.\nОбщественный совет рассмотрел вопрос.' },
  { page: 3, text: 'Кеңес мүшелері дауыс берді. Решение Совета принято.' },
];

function renderViewer(node: ReactNode) {
  return render(<I18nProvider>{node}</I18nProvider>);
}

const hits = (): string[] => [...document.querySelectorAll('.viewer-hit')].map((hit) => hit.textContent ?? '');
const currentHits = (): string[] => [...document.querySelectorAll('.viewer-hit-current')].map((hit) => hit.textContent ?? '');
const counter = (): string => document.querySelector('.viewer-find-count')?.textContent ?? '';

beforeEach(() => {
  window.localStorage.setItem('muragat.locale', 'kk');
});
afterEach(cleanup);

describe('TextViewer', () => {
  it('marks inflected and Russian-keyboard forms of the search words', () => {
    // "кенес" is "кеңес" typed without the Kazakh ң.
    renderViewer(<TextViewer pages={PAGES} highlighter={createHighlighter('кенес')} />);
    expect(hits()).toEqual(['кеңестің', 'Кеңесінің', 'Кеңес']);
    expect(document.querySelectorAll('[data-page-number]')).toHaveLength(3);
  });

  it('opens at the initial page with its first hit current', () => {
    renderViewer(<TextViewer pages={PAGES} initialPage={2} highlighter={createHighlighter('кенес')} />);
    expect(currentHits()).toEqual(['Кеңесінің']);
    expect(document.querySelector('.viewer-hit-current')?.closest('[data-page-number]')?.getAttribute('data-page-number')).toBe('2');
    expect(counter()).toBe('2 / 3');
  });

  it('moves the current hit with next and previous, wrapping around', async () => {
    const user = userEvent.setup();
    renderViewer(<TextViewer pages={PAGES} initialPage={1} highlighter={createHighlighter('кенес')} />);
    expect(currentHits()).toEqual(['кеңестің']);
    const next = screen.getByRole('button', { name: 'Келесі сәйкестік' });
    const previous = screen.getByRole('button', { name: 'Алдыңғы сәйкестік' });
    await user.click(next);
    expect(currentHits()).toEqual(['Кеңесінің']);
    await user.click(next);
    expect(currentHits()).toEqual(['Кеңес']);
    expect(counter()).toBe('3 / 3');
    await user.click(next);
    expect(currentHits()).toEqual(['кеңестің']);
    await user.click(previous);
    expect(currentHits()).toEqual(['Кеңес']);
    expect(document.querySelectorAll('.viewer-hit-current')).toHaveLength(1);
  });

  it('finds in the document with the same matching rules, Enter going to the next hit', async () => {
    const user = userEvent.setup();
    renderViewer(<TextViewer pages={PAGES} highlighter={createHighlighter('кенес')} />);
    const box = screen.getByRole('searchbox', { name: 'Құжаттан іздеу' });
    await user.type(box, 'совет');
    await waitFor(() => expect(currentHits()).toEqual(['совет']));
    expect(hits()).toEqual(['совет', 'Совета']);
    expect(counter()).toBe('1 / 2');
    await user.keyboard('{Enter}');
    expect(currentHits()).toEqual(['Совета']);
    await user.keyboard('{Shift>}{Enter}{/Shift}');
    expect(currentHits()).toEqual(['совет']);

    // Folded Kazakh typed on a Russian layout: "жатакхана" finds "жатақханалардағы".
    await user.clear(box);
    await user.type(box, 'жатакхана{Enter}');
    expect(hits()).toEqual(['жатақханалардағы']);

    // Clearing the box (Escape) brings back the search words.
    await user.keyboard('{Escape}');
    await waitFor(() => expect(hits()).toEqual(['кеңестің', 'Кеңесінің', 'Кеңес']));
  });

  it('says so when the find text matches nothing', async () => {
    const user = userEvent.setup();
    renderViewer(<TextViewer pages={PAGES} />);
    expect(counter()).toBe('');
    await user.type(screen.getByRole('searchbox'), 'бюджет{Enter}');
    expect(hits()).toEqual([]);
    expect(counter()).toBe('Табылмады');
    expect(screen.getByRole('button', { name: 'Келесі сәйкестік' }).hasAttribute('disabled')).toBe(true);
  });

  it('focuses the find box on Ctrl+F inside the viewer', async () => {
    const user = userEvent.setup();
    renderViewer(<TextViewer pages={PAGES} />);
    await user.click(screen.getByRole('region', { name: 'Құжатты қарау' }));
    await user.keyboard('{Control>}f{/Control}');
    expect(document.activeElement).toBe(screen.getByRole('searchbox'));
  });

  it('shows a message for a document without text', () => {
    renderViewer(<TextViewer pages={[]} />);
    expect(screen.getByText('Бұл құжатта көрсететін мәтін жоқ.')).toBeTruthy();
  });
});
