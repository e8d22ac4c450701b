import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Locale } from '../../shared/i18n';
import { App } from './App';
import { createTransport } from './api/transport';
import { I18nProvider } from './i18n';
import './styles.css';

const transport = createTransport();

/** Tells the desktop shell the language so its native menu follows; other hosts ignore it. */
function announceLocale(locale: Locale): void {
  transport.invoke('app.setLocale', { locale }).catch(() => undefined);
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');

createRoot(container).render(
  <StrictMode>
    <I18nProvider onLocaleChange={announceLocale}>
      <App transport={transport} />
    </I18nProvider>
  </StrictMode>,
);
