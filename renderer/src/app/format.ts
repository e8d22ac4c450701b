/**
 * Dates and numbers in the UI language. Kazakh month names come from the catalogs rather than
 * from Intl, whose Kazakh data varies between Chromium builds (and some print Russian months).
 */
import type { Locale, Translate } from '../../../shared/i18n';
import type { MessageKey } from '../../../shared/i18n';

const MONTH_KEYS = [
  'date.month.1', 'date.month.2', 'date.month.3', 'date.month.4', 'date.month.5', 'date.month.6',
  'date.month.7', 'date.month.8', 'date.month.9', 'date.month.10', 'date.month.11', 'date.month.12',
] as const satisfies readonly MessageKey[];

/** `2020-05-04` → "2020 жылғы 4 мамыр" / "4 мая 2020 г." / "4 May 2020"; anything else as given. */
export function formatDate(t: Translate, iso: string | null | undefined): string {
  if (!iso) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return iso;
  const month = MONTH_KEYS[Number(match[2]) - 1];
  if (!month) return iso;
  return t('date.full', { year: match[1] ?? '', month: t(month), day: Number(match[3]) });
}

/** A timestamp (ISO with time) as a date and hh:mm. */
export function formatDateTime(t: Translate, iso: string | null | undefined): string {
  if (!iso) return '';
  const time = /T(\d{2}:\d{2})/.exec(iso)?.[1];
  const local = new Date(iso);
  if (Number.isNaN(local.getTime())) return iso;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const date = `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
  return time ? `${formatDate(t, date)}, ${pad(local.getHours())}:${pad(local.getMinutes())}` : formatDate(t, date);
}

/**
 * Kazakh writes numbers as Russian does (1 035; 4,4 МБ), but Chromium's kk-KZ data gives
 * "1,035" and "4.4": Russian rules are used for both.
 */
const NUMBER_LOCALES: Record<Locale, string> = { kk: 'ru-RU', ru: 'ru-RU', en: 'en-GB' };

export function formatNumber(locale: Locale, value: number, fractionDigits = 0): string {
  try {
    return new Intl.NumberFormat(NUMBER_LOCALES[locale], { maximumFractionDigits: fractionDigits, minimumFractionDigits: fractionDigits }).format(value);
  } catch {
    return value.toFixed(fractionDigits);
  }
}

export function formatBytes(locale: Locale, t: Translate, bytes: number): string {
  if (bytes < 1024) return t('unit.bytes', { n: formatNumber(locale, bytes) });
  if (bytes < 1024 * 1024) return t('unit.kb', { n: formatNumber(locale, bytes / 1024, 0) });
  if (bytes < 1024 * 1024 * 1024) return t('unit.mb', { n: formatNumber(locale, bytes / 1024 / 1024, 1) });
  return t('unit.gb', { n: formatNumber(locale, bytes / 1024 / 1024 / 1024, 2) });
}

/** Seconds as "1 мин 05 с" / "1 min 05 s". */
export function formatDuration(t: Translate, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return t('unit.seconds', { n: s });
  return t('unit.minutes', { m: Math.floor(s / 60), s: String(s % 60).padStart(2, '0') });
}
