/** Messages of the import screen. See viewer.ts for the pattern. */
const kk = {
  'import.title': 'Құжаттарды импорттау',
} as const satisfies Record<string, string>;

type Keys = keyof typeof kk;

export const importMessages = {
  kk,
  ru: {
    'import.title': 'Импорт документов',
  } satisfies Record<Keys, string>,
  en: {
    'import.title': 'Import documents',
  } satisfies Record<Keys, string>,
};
