/** Messages of the settings screen. See viewer.ts for the pattern. */
const kk = {
  'settings.title': 'Баптаулар',
} as const satisfies Record<string, string>;

type Keys = keyof typeof kk;

export const settingsMessages = {
  kk,
  ru: {
    'settings.title': 'Настройки',
  } satisfies Record<Keys, string>,
  en: {
    'settings.title': 'Settings',
  } satisfies Record<Keys, string>,
};
