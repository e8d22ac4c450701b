/**
 * Shell preferences kept in `<userData>/preferences.json`. For now only the UI language, which
 * the native menu and dialogs need before the renderer has loaded.
 */
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../shared/i18n';
import { isRecord, readJsonFile, writeJsonFile } from './json-file';

export interface Preferences {
  locale: Locale;
}

export function loadPreferences(file: string): Preferences {
  const raw = readJsonFile(file);
  const locale = isRecord(raw) && isLocale(raw.locale) ? raw.locale : DEFAULT_LOCALE;
  return { locale };
}

export function savePreferences(file: string, preferences: Preferences): void {
  writeJsonFile(file, preferences);
}
