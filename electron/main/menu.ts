/**
 * The native menu (File / Edit / View / Help), labelled from the i18n catalogs and rebuilt when
 * the UI language changes. Items that need the archive or the UI only emit events; main does the
 * native parts (file dialogs, opening the data folder).
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { translator, type Locale } from '../../shared/i18n';

export interface MenuActions {
  importFiles(): void;
  importFolder(): void;
  openDataFolder(): void;
  find(): void;
  about(): void;
}

export function buildMenu(locale: Locale, actions: MenuActions, options: { devTools: boolean; isMac: boolean }): Menu {
  const t = translator(locale);

  const file: MenuItemConstructorOptions = {
    label: t('menu.file'),
    submenu: [
      { label: t('menu.file.importFiles'), accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
      { label: t('menu.file.importFolder'), accelerator: 'CmdOrCtrl+Shift+O', click: () => actions.importFolder() },
      { type: 'separator' },
      { label: t('menu.file.openDataFolder'), click: () => actions.openDataFolder() },
      ...(options.isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: t('menu.file.quit') } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: t('menu.edit'),
    submenu: [
      { role: 'undo', label: t('menu.edit.undo') },
      { role: 'redo', label: t('menu.edit.redo') },
      { type: 'separator' },
      { role: 'cut', label: t('menu.edit.cut') },
      { role: 'copy', label: t('menu.edit.copy') },
      { role: 'paste', label: t('menu.edit.paste') },
      { role: 'selectAll', label: t('menu.edit.selectAll') },
      { type: 'separator' },
      { label: t('menu.edit.find'), accelerator: 'CmdOrCtrl+F', click: () => actions.find() },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: t('menu.view'),
    submenu: [
      ...(options.devTools
        ? [
            { role: 'reload', label: t('menu.view.reload') } as const,
            { role: 'toggleDevTools', label: t('menu.view.devTools') } as const,
            { type: 'separator' } as const,
          ]
        : []),
      { role: 'zoomIn', label: t('menu.view.zoomIn') },
      { role: 'zoomOut', label: t('menu.view.zoomOut') },
      { role: 'resetZoom', label: t('menu.view.resetZoom') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('menu.view.fullScreen') },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: t('menu.help'),
    submenu: [{ label: t('menu.help.about'), click: () => actions.about() }],
  };

  const template: MenuItemConstructorOptions[] = [file, edit, view, help];
  if (options.isMac) {
    template.unshift({
      label: t('app.name'),
      submenu: [
        { label: t('menu.help.about'), click: () => actions.about() },
        { type: 'separator' },
        { role: 'quit', label: t('menu.file.quit') },
      ],
    });
  }
  return Menu.buildFromTemplate(template);
}
