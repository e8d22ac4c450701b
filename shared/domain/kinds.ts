/**
 * The kind vocabulary (docs/ARCHITECTURE.md §3.2). The database stores the code; the UI shows the label in
 * the user's language. Order is the order in pickers and facets.
 */
export const KIND_CODES = [
  'law',
  'code',
  'decree',
  'resolution',
  'decision',
  'order',
  'directive',
  'protocol',
  'transcript',
  'regulation',
  'plan',
  'report',
  'opinion',
  'recommendation',
  'inquiry',
  'letter',
  'memorandum',
  'press_release',
  'announcement',
  'other',
] as const;

export type KindCode = (typeof KIND_CODES)[number];

export interface KindLabels {
  kk: string;
  ru: string;
  en: string;
}

export const KIND_LABELS: Readonly<Record<KindCode, KindLabels>> = {
  law: { kk: 'Заң', ru: 'Закон', en: 'Law' },
  code: { kk: 'Кодекс', ru: 'Кодекс', en: 'Code' },
  decree: { kk: 'Жарлық', ru: 'Указ', en: 'Decree' },
  resolution: { kk: 'Қаулы', ru: 'Постановление', en: 'Resolution' },
  decision: { kk: 'Шешім', ru: 'Решение', en: 'Decision' },
  order: { kk: 'Бұйрық', ru: 'Приказ', en: 'Order' },
  directive: { kk: 'Өкім', ru: 'Распоряжение', en: 'Directive' },
  protocol: { kk: 'Хаттама', ru: 'Протокол', en: 'Minutes' },
  transcript: { kk: 'Стенограмма', ru: 'Стенограмма', en: 'Verbatim record' },
  regulation: { kk: 'Ереже, қағида', ru: 'Положение, правила', en: 'Regulation' },
  plan: { kk: 'Жоспар', ru: 'План', en: 'Plan' },
  report: { kk: 'Есеп', ru: 'Отчёт', en: 'Report' },
  opinion: { kk: 'Қорытынды', ru: 'Заключение', en: 'Opinion' },
  recommendation: { kk: 'Ұсыным', ru: 'Рекомендация', en: 'Recommendation' },
  inquiry: { kk: 'Депутаттық сауал', ru: 'Депутатский запрос', en: "Deputy's inquiry" },
  letter: { kk: 'Хат', ru: 'Письмо', en: 'Letter' },
  memorandum: { kk: 'Меморандум', ru: 'Меморандум', en: 'Memorandum' },
  press_release: { kk: 'Баспасөз релизі, жаңалық', ru: 'Пресс-релиз, новость', en: 'Press release, news' },
  announcement: { kk: 'Хабарландыру', ru: 'Объявление', en: 'Announcement' },
  other: { kk: 'Басқа', ru: 'Другое', en: 'Other' },
};

export function isKindCode(value: string): value is KindCode {
  return (KIND_CODES as readonly string[]).includes(value);
}

/** Document languages. `mixed`: substantial text in two languages (a bilingual act). */
export const LANGUAGE_CODES = ['kk', 'ru', 'en', 'mixed'] as const;
export type LanguageCode = (typeof LANGUAGE_CODES)[number];

export function isLanguageCode(value: string): value is LanguageCode {
  return (LANGUAGE_CODES as readonly string[]).includes(value);
}

export const DOCUMENT_STATUSES = ['in_force', 'lapsed', 'draft', 'unknown'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const RELATION_TYPES = ['translation_of', 'amends', 'repeals', 'refers_to'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];
