/**
 * Shell preferences kept in `<userData>/preferences.json`: the UI language (the native menu and
 * dialogs need it before the renderer has loaded) and the data folder the user chose.
 */
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../shared/i18n';
import { isRecord, readJsonFile, writeJsonFile } from './json-file';

export interface Preferences {
  locale: Locale;
  /** An archive folder chosen in Settings; absent = the default under userData. */
  dataDir?: string;
}

export function loadPreferences(file: string): Preferences {
  const raw = readJsonFile(file);
  const locale = isRecord(raw) && isLocale(raw.locale) ? raw.locale : DEFAULT_LOCALE;
  const dataDir = isRecord(raw) && typeof raw.dataDir === 'string' && raw.dataDir.trim() ? raw.dataDir : undefined;
  return dataDir ? { locale, dataDir } : { locale };
}

export function savePreferences(file: string, preferences: Preferences): void {
  writeJsonFile(file, preferences);
}
