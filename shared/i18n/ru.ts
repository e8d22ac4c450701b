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
import type { Catalog } from './kk';

/** Russian catalog. Typed `Catalog`: exactly the keys of `kk.ts`. */
export const ru: Catalog = {
  'app.name': 'Мұрағат',
  'app.description': 'Офлайн-архив документов общественных советов: поиск, импорт, обмен.',

  'menu.file': 'Файл',
  'menu.file.importFiles': 'Импортировать файлы…',
  'menu.file.importFolder': 'Импортировать папку…',
  'menu.file.openDataFolder': 'Открыть папку данных',
  'menu.file.quit': 'Выход',
  'menu.edit': 'Правка',
  'menu.edit.undo': 'Отменить',
  'menu.edit.redo': 'Повторить',
  'menu.edit.cut': 'Вырезать',
  'menu.edit.copy': 'Копировать',
  'menu.edit.paste': 'Вставить',
  'menu.edit.selectAll': 'Выделить всё',
  'menu.edit.find': 'Найти…',
  'menu.view': 'Вид',
  'menu.view.reload': 'Перезагрузить',
  'menu.view.devTools': 'Инструменты разработчика',
  'menu.view.zoomIn': 'Увеличить',
  'menu.view.zoomOut': 'Уменьшить',
  'menu.view.resetZoom': 'Исходный размер',
  'menu.view.fullScreen': 'Полноэкранный режим',
  'menu.help': 'Справка',
  'menu.help.about': 'О программе',
  'menu.help.aboutDetail': 'Версия: {version}\nПапка архива: {dataDir}',

  'dialog.importFiles.title': 'Выберите файлы для импорта',
  'dialog.importFolder.title': 'Выберите папку для импорта',
  'dialog.dataFolder.title': 'Выберите папку архива',
  'dialog.filter.documents': 'Документы',
  'dialog.filter.bundles': 'Пакеты Мұрағат',
  'dialog.filter.all': 'Все файлы',

  'common.ok': 'ОК',
  'common.cancel': 'Отмена',
  'common.close': 'Закрыть',
  'common.retry': 'Повторить',
  'common.loading': 'Загрузка…',
  'common.save': 'Сохранить',
  'common.search': 'Поиск',
  'common.yes': 'Да',
  'common.no': 'Нет',
  'common.language': 'Язык',
  'common.version': 'Версия',

  'status.archiveFolder': 'Папка архива',

  'error.title': 'Нет связи с архивом',
  'error.unavailable': 'Архив сейчас недоступен. Попробуйте ещё раз чуть позже.',
  'error.generic': 'Что-то пошло не так. Попробуйте ещё раз.',

  ...commonMessages.ru,
  ...searchMessages.ru,
  ...documentMessages.ru,
  ...importMessages.ru,
  ...libraryMessages.ru,
  ...settingsMessages.ru,
  ...viewerMessages.ru,
  ...syncMessages.ru,
  ...ocrMessages.ru,
  ...detectionMessages.ru,
};
