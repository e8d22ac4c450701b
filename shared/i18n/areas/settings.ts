/** Messages of the settings screen. See viewer.ts for the pattern. */
const kk = {
  'settings.title': 'Баптаулар',

  'settings.language.title': 'Интерфейс тілі',
  'settings.language.help': 'Тіл бірден ауысады, бағдарламаны қайта қосудың қажеті жоқ.',

  'settings.name.title': 'Мұрағат атауы',
  'settings.name.help': 'Бұл атауды басқа кеңселер сіздің мұрағатыңыздан алынған пакеттерде көреді.',
  'settings.name.label': 'Атауы',
  'settings.name.count': '{n} / {max} таңба',
  'settings.name.required': 'Мұрағат атауын жазыңыз.',
  'settings.name.tooLong': 'Атауы тым ұзын: ең көбі {max} таңба.',
  'settings.name.saved': 'Мұрағат атауы сақталды.',

  'settings.data.title': 'Деректер бумасы',
  'settings.data.desktopHelp': 'Мұрағаттың барлық құжаттары мен дерекқоры осы бумада сақталады. Басқа буманы таңдасаңыз, бағдарлама сол бумамен қайта ашылады.',
  'settings.data.change': 'Өзгерту…',
  'settings.data.restarting': 'Бағдарлама жаңа бумамен қайта ашылуда…',
  'settings.data.browserHelp': 'Браузер режимінде деректер бумасы серверді іске қосқанда --data параметрімен таңдалады:',
  'settings.data.folderPlaceholder': 'бума',
  'settings.data.sample': 'Бұл — үлгі мұрағат: танысуға арналған. Өз құжаттарыңыз үшін --data параметрімен жеке бума көрсетіңіз.',

  'settings.stats.title': 'Статистика',
  'settings.stats.documents': 'Құжаттар',
  'settings.stats.pages': 'Беттер',
  'settings.stats.files': 'Файлдар',
  'settings.stats.stored': 'Файлдар көлемі',
  'settings.stats.database': 'Дерекқор көлемі',
  'settings.stats.needsOcr': 'OCR керек',

  'settings.about.title': 'Бағдарлама туралы',

  'settings.diagnostics.title': 'Қолдау қызметіне',
  'settings.diagnostics.help': 'Ақау болса, қолдау қызметіне жіберетін файл жинаңыз: бағдарлама журналы, нұсқалар, мұрағатты тексеру нәтижесі және баптаулар. Онда құжаттардың мәтіні, іздеу сұраулары, құпиясөздер мен мұрағат кілті жоқ.',
  'settings.diagnostics.create': 'Қолдау қызметіне диагностика жинау',
  'settings.diagnostics.working': 'Жиналуда… (сақталған әр файл тексеріледі)',
  'settings.diagnostics.download': 'Диагностиканы жүктеп алу',
  'settings.diagnostics.downloadHelp': 'Жүктелген файлды қолдау қызметіне хатпен жіберіңіз.',
  'settings.diagnostics.savedAt': 'Диагностика сақталған орын:',
  'settings.diagnostics.savedHelp': 'Осы файлды қолдау қызметіне хатпен жіберіңіз.',
} as const satisfies Record<string, string>;

type Keys = keyof typeof kk;

export const settingsMessages = {
  kk,
  ru: {
    'settings.title': 'Настройки',

    'settings.language.title': 'Язык интерфейса',
    'settings.language.help': 'Язык меняется сразу, перезапускать программу не нужно.',

    'settings.name.title': 'Название архива',
    'settings.name.help': 'Это название увидят другие учреждения в пакетах из вашего архива.',
    'settings.name.label': 'Название',
    'settings.name.count': '{n} / {max} знаков',
    'settings.name.required': 'Введите название архива.',
    'settings.name.tooLong': 'Название слишком длинное: не больше {max} знаков.',
    'settings.name.saved': 'Название архива сохранено.',

    'settings.data.title': 'Папка данных',
    'settings.data.desktopHelp': 'В этой папке хранятся все документы архива и его база данных. Если выбрать другую папку, программа перезапустится с ней.',
    'settings.data.change': 'Изменить…',
    'settings.data.restarting': 'Программа перезапускается с новой папкой…',
    'settings.data.browserHelp': 'В режиме браузера папка данных задаётся параметром --data при запуске сервера:',
    'settings.data.folderPlaceholder': 'папка',
    'settings.data.sample': 'Это демонстрационный архив для знакомства. Для своих документов укажите отдельную папку параметром --data.',

    'settings.stats.title': 'Статистика',
    'settings.stats.documents': 'Документы',
    'settings.stats.pages': 'Страницы',
    'settings.stats.files': 'Файлы',
    'settings.stats.stored': 'Объём файлов',
    'settings.stats.database': 'Объём базы данных',
    'settings.stats.needsOcr': 'Нужно OCR',

    'settings.about.title': 'О программе',

    'settings.diagnostics.title': 'Для службы поддержки',
    'settings.diagnostics.help': 'Если что-то не работает, соберите файл для службы поддержки: журнал программы, версии, результат проверки архива и настройки. В нём нет текста документов, поисковых запросов, паролей и ключа архива.',
    'settings.diagnostics.create': 'Собрать диагностику для поддержки',
    'settings.diagnostics.working': 'Идёт сбор… (проверяется каждый сохранённый файл)',
    'settings.diagnostics.download': 'Скачать диагностику',
    'settings.diagnostics.downloadHelp': 'Отправьте скачанный файл в службу поддержки по почте.',
    'settings.diagnostics.savedAt': 'Диагностика сохранена здесь:',
    'settings.diagnostics.savedHelp': 'Отправьте этот файл в службу поддержки по почте.',
  } satisfies Record<Keys, string>,
  en: {
    'settings.title': 'Settings',

    'settings.language.title': 'Interface language',
    'settings.language.help': 'The language changes at once; no restart is needed.',

    'settings.name.title': 'Archive name',
    'settings.name.help': 'Other offices see this name in bundles exported from your archive.',
    'settings.name.label': 'Name',
    'settings.name.count': '{n} / {max} characters',
    'settings.name.required': 'Enter a name for the archive.',
    'settings.name.tooLong': 'The name is too long: {max} characters at most.',
    'settings.name.saved': 'The archive name was saved.',

    'settings.data.title': 'Data folder',
    'settings.data.desktopHelp': 'Every document of the archive and its database are kept in this folder. If you choose another folder, the app restarts with it.',
    'settings.data.change': 'Change…',
    'settings.data.restarting': 'The app is restarting with the new folder…',
    'settings.data.browserHelp': 'In browser mode the data folder is chosen with --data when the server is started:',
    'settings.data.folderPlaceholder': 'folder',
    'settings.data.sample': 'This is the sample archive, for trying Muragat out. For your own documents, give a folder of your own with --data.',

    'settings.stats.title': 'Statistics',
    'settings.stats.documents': 'Documents',
    'settings.stats.pages': 'Pages',
    'settings.stats.files': 'Files',
    'settings.stats.stored': 'Size of files',
    'settings.stats.database': 'Size of database',
    'settings.stats.needsOcr': 'Need OCR',

    'settings.about.title': 'About',

    'settings.diagnostics.title': 'Support',
    'settings.diagnostics.help': 'When something goes wrong, collect a file for support: the program log, versions, the result of checking the archive, and settings. It holds no document text, no search queries, no passwords and not the archive key.',
    'settings.diagnostics.create': 'Collect diagnostics for support',
    'settings.diagnostics.working': 'Collecting… (every stored file is checked)',
    'settings.diagnostics.download': 'Download the diagnostics',
    'settings.diagnostics.downloadHelp': 'Send the downloaded file to support by email.',
    'settings.diagnostics.savedAt': 'The diagnostics were saved here:',
    'settings.diagnostics.savedHelp': 'Send this file to support by email.',
  } satisfies Record<Keys, string>,
};
