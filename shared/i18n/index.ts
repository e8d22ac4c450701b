/**
 * UI languages and message lookup. Kazakh is the default and defines the key set; the Russian and
 * English catalogs must carry exactly the same keys (enforced by the `Catalog` type).
 * Pure TypeScript: used by the renderer and by the Electron shell (native menu, dialogs).
 */
import type { ErrorCode } from '../errors';
import { en } from './en';
import { kk, type Catalog, type MessageKey } from './kk';
import { ru } from './ru';

export type { Catalog, MessageKey } from './kk';

export const LOCALES = ['kk', 'ru', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'kk';

/** Each language's name in that language (for the language switch). */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = {
  kk: 'Қазақша',
  ru: 'Русский',
  en: 'English',
};

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { kk, ru, en };

export type MessageParams = Readonly<Record<string, string | number>>;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.prototype.hasOwnProperty.call(kk, value);
}

/** The message for `key` in `locale`, with `{name}` placeholders filled from `params`. */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  // A key built at run time (kind.<code>) that no catalog has shows as itself, never as undefined.
  const template: string = CATALOGS[locale][key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** A translator bound to one language. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

/**
 * The catalog key for an error code: `error.<CODE>` when the catalogs have one, else the generic
 * message. Lets the UI grow per-code messages without touching callers.
 */
export function errorMessageKey(code: ErrorCode): MessageKey {
  const key = `error.${code}`;
  return isMessageKey(key) ? key : 'error.generic';
}
