/** Messages of the library screen. See viewer.ts for the pattern. */
const kk = {
  'library.title': 'Кітапхана',
} as const satisfies Record<string, string>;

type Keys = keyof typeof kk;

export const libraryMessages = {
  kk,
  ru: {
    'library.title': 'Библиотека',
  } satisfies Record<Keys, string>,
  en: {
    'library.title': 'Library',
  } satisfies Record<Keys, string>,
};
