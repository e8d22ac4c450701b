import { commonMessages } from './areas/common';
import { searchMessages } from './areas/search';
import { documentMessages } from './areas/document';
import { importMessages } from './areas/import';
import { libraryMessages } from './areas/library';
import { settingsMessages } from './areas/settings';
import { viewerMessages } from './areas/viewer';
import { syncMessages } from './areas/sync';
import { ocrMessages } from './areas/ocr';
import { detectionMessages } from './areas/detection';
/**
 * Kazakh catalog: the default language and the source of the key set. The ru and en catalogs are
 * typed `Catalog`, so TypeScript rejects a missing or an extra key there.
 *
 * Keys are flat and dotted (`area.item`); values may hold `{name}` placeholders.
 */
export const kk = {
  'app.name': 'Мұрағат',
  'app.description': 'Қоғамдық кеңестер құжаттарының офлайн мұрағаты: іздеу, импорттау, алмасу.',

  'menu.file': 'Файл',
  'menu.file.importFiles': 'Файлдарды импорттау…',
  'menu.file.importFolder': 'Буманы импорттау…',
  'menu.file.openDataFolder': 'Деректер бумасын ашу',
  'menu.file.quit': 'Шығу',
  'menu.edit': 'Өңдеу',
  'menu.edit.undo': 'Болдырмау',
  'menu.edit.redo': 'Қайталау',
  'menu.edit.cut': 'Қиып алу',
  'menu.edit.copy': 'Көшіру',
  'menu.edit.paste': 'Қою',
  'menu.edit.selectAll': 'Барлығын белгілеу',
  'menu.edit.find': 'Іздеу…',
  'menu.view': 'Көрініс',
  'menu.view.reload': 'Қайта жүктеу',
  'menu.view.devTools': 'Әзірлеуші құралдары',
  'menu.view.zoomIn': 'Үлкейту',
  'menu.view.zoomOut': 'Кішірейту',
  'menu.view.resetZoom': 'Нақты өлшем',
  'menu.view.fullScreen': 'Толық экран',
  'menu.help': 'Анықтама',
  'menu.help.about': 'Бағдарлама туралы',
  'menu.help.aboutDetail': 'Нұсқа: {version}\nМұрағат бумасы: {dataDir}',

  'dialog.importFiles.title': 'Импорттайтын файлдарды таңдаңыз',
  'dialog.importFolder.title': 'Импорттайтын буманы таңдаңыз',
  'dialog.dataFolder.title': 'Мұрағат бумасын таңдаңыз',
  'dialog.filter.documents': 'Құжаттар',
  'dialog.filter.bundles': 'Мұрағат пакеттері',
  'dialog.filter.all': 'Барлық файлдар',

  'common.ok': 'Жарайды',
  'common.cancel': 'Бас тарту',
  'common.close': 'Жабу',
  'common.retry': 'Қайталап көру',
  'common.loading': 'Жүктелуде…',
  'common.save': 'Сақтау',
  'common.search': 'Іздеу',
  'common.yes': 'Иә',
  'common.no': 'Жоқ',
  'common.language': 'Тіл',
  'common.version': 'Нұсқа',

  'status.archiveFolder': 'Мұрағат бумасы',

  'error.title': 'Мұрағатпен байланыс жоқ',
  'error.unavailable': 'Мұрағат қазір қолжетімсіз. Сәлден кейін қайталап көріңіз.',
  'error.generic': 'Бірдеңе дұрыс болмады. Қайталап көріңіз.',

  ...commonMessages.kk,
  ...searchMessages.kk,
  ...documentMessages.kk,
  ...importMessages.kk,
  ...libraryMessages.kk,
  ...settingsMessages.kk,
  ...viewerMessages.kk,
  ...syncMessages.kk,
  ...ocrMessages.kk,
  ...detectionMessages.kk,
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof kk;

/** A complete catalog: exactly the Kazakh keys, each a string. */
export type Catalog = { readonly [K in MessageKey]: string };
