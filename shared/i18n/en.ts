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

/** English catalog. Typed `Catalog`: exactly the keys of `kk.ts`. */
export const en: Catalog = {
  'app.name': 'Muragat',
  'app.description': 'An offline archive of public-council documents: search, import, exchange.',

  'menu.file': 'File',
  'menu.file.importFiles': 'Import Files…',
  'menu.file.importFolder': 'Import Folder…',
  'menu.file.openDataFolder': 'Open Data Folder',
  'menu.file.quit': 'Quit',
  'menu.edit': 'Edit',
  'menu.edit.undo': 'Undo',
  'menu.edit.redo': 'Redo',
  'menu.edit.cut': 'Cut',
  'menu.edit.copy': 'Copy',
  'menu.edit.paste': 'Paste',
  'menu.edit.selectAll': 'Select All',
  'menu.edit.find': 'Find…',
  'menu.view': 'View',
  'menu.view.reload': 'Reload',
  'menu.view.devTools': 'Developer Tools',
  'menu.view.zoomIn': 'Zoom In',
  'menu.view.zoomOut': 'Zoom Out',
  'menu.view.resetZoom': 'Actual Size',
  'menu.view.fullScreen': 'Full Screen',
  'menu.help': 'Help',
  'menu.help.about': 'About Muragat',
  'menu.help.aboutDetail': 'Version: {version}\nArchive folder: {dataDir}',

  'dialog.importFiles.title': 'Choose files to import',
  'dialog.importFolder.title': 'Choose a folder to import',
  'dialog.dataFolder.title': 'Choose the archive folder',
  'dialog.filter.documents': 'Documents',
  'dialog.filter.bundles': 'Muragat bundles',
  'dialog.filter.all': 'All files',

  'common.ok': 'OK',
  'common.cancel': 'Cancel',
  'common.close': 'Close',
  'common.retry': 'Try again',
  'common.loading': 'Loading…',
  'common.save': 'Save',
  'common.search': 'Search',
  'common.yes': 'Yes',
  'common.no': 'No',
  'common.language': 'Language',
  'common.version': 'Version',

  'status.archiveFolder': 'Archive folder',

  'error.title': 'The archive is not reachable',
  'error.unavailable': 'The archive is not available right now. Please try again in a moment.',
  'error.generic': 'Something went wrong. Please try again.',

  ...commonMessages.en,
  ...searchMessages.en,
  ...documentMessages.en,
  ...importMessages.en,
  ...libraryMessages.en,
  ...settingsMessages.en,
  ...viewerMessages.en,
  ...syncMessages.en,
  ...ocrMessages.en,
  ...detectionMessages.en,
};
