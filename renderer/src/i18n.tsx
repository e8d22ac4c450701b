/**
 * The UI language: kept in localStorage, switchable at any time without a restart. Every
 * visible string comes from the shared catalogs through `t`.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { DEFAULT_LOCALE, isLocale, translate, translator, type Locale, type Translate } from '../../shared/i18n';

const STORAGE_KEY = 'muragat.locale';

interface I18nValue {
  locale: Locale;
  setLocale(locale: Locale): void;
  t: Translate;
}

const I18nContext = createContext<I18nValue | null>(null);

function storedLocale(): Locale {
  try {
    const saved = window.localStorage.getItem(STORAGE_KEY);
    if (isLocale(saved)) return saved;
  } catch {
    // Storage may be unavailable (private mode, file:// quirks): use the default.
  }
  return DEFAULT_LOCALE;
}

export function I18nProvider(props: { children: ReactNode; onLocaleChange?: (locale: Locale) => void }): ReactNode {
  const { children, onLocaleChange } = props;
  const [locale, setLocale] = useState<Locale>(storedLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.name');
    try {
      window.localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // Not remembered across launches; still switched for this session.
    }
    onLocaleChange?.(locale);
  }, [locale, onLocaleChange]);

  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() outside <I18nProvider>');
  return value;
}
