/**
 * Messages of text recognition (OCR) of scanned pages: the settings section, the document
 * screen's panel, the app-wide progress indicator and the badge on search hits. One area of its
 * own because the feature shows on several screens. See viewer.ts for the pattern.
 *
 * Language names come from the `lang.*` keys of common.ts (kaz → lang.kk, …).
 */
const kk = {
  'ocr.title': 'Мәтінді тану (OCR)',
  'ocr.badge': 'OCR',
  'ocr.badge.help': 'Сканерден танылған мәтін: кейбір әріптер қате танылуы мүмкін.',

  'ocr.missing': 'Мына тілдердің деректері орнатылмаған, сондықтан олар танылмайды: {languages}.',
  'ocr.unavailable': 'Мәтінді тану мүмкін емес: тіл деректері орнатылмаған ({languages}).',
  'ocr.unavailableGeneric': 'Мәтінді тану қазір қолжетімсіз.',
  'ocr.lastError': 'Соңғы қате: {message}',

  'ocr.doc.recognised': 'Сканерден танылған беттер: {n}',
  'ocr.doc.waiting': 'Күтіп тұрған беттер: {n}',
  'ocr.doc.allText': 'Барлық беттердің мәтіні PDF файлының өзінде бар.',
  'ocr.doc.recognise': 'Мәтінді тану',
  'ocr.doc.confirmTitle': 'Беттердің мәтіні ауыстырылсын ба?',
  'ocr.doc.confirmHelp': 'Беттердің қазіргі мәтіні сканерден қайта танылған мәтінмен ауыстырылады. Танылған мәтінде қателер болуы мүмкін.',
  'ocr.doc.confirm': 'Иә, қайта тану',
  'ocr.doc.progress': '{total} беттің {page}-беті танылуда…',
  'ocr.doc.queued': 'Кезекте: алдымен басқа құжаттардың беттері танылады.',

  'ocr.settings.help': 'Сканерленген беттердің мәтіні осы компьютерде фондық режимде танылады, сонда олар іздеуде табылады.',
  'ocr.settings.languages': 'Тану тілдері',
  'ocr.settings.notInstalled': 'деректері орнатылмаған',
  'ocr.settings.lastLanguage': 'Кемінде бір тіл таңдалып тұруы керек.',
  'ocr.settings.saved': 'Тану тілдері сақталды.',
  'ocr.settings.rotationOn': 'Беттің бұрылуы өздігінен анықталады.',
  'ocr.settings.rotationOff': 'Беттің бұрылуын анықтау қолжетімсіз (osd деректері орнатылмаған): беттер қалай жатса, солай оқылады.',
  'ocr.settings.startAll': 'Күтіп тұрған беттердің бәрін тану',
  'ocr.settings.stop': 'Тоқтату',

  'ocr.status.idle': 'Тану жүріп жатқан жоқ.',
  'ocr.status.waiting': 'Күтіп тұрған беттер: {pages} ({documents} құжатта).',
  'ocr.status.running': 'Танылуда: {done} / {total} бет',
  'ocr.status.speed': 'минутына {n} бет',
  'ocr.status.failed': 'танылмады: {n}',
  'ocr.status.current': 'Қазір: «{title}», {page}-бет',

  'ocr.indicator': 'Сканерленген беттер танылуда: {done} / {total}',
  'ocr.indicator.open': 'Мәтінді тану баптауларын ашу',
} as const satisfies Record<string, string>;

type Keys = keyof typeof kk;

export const ocrMessages = {
  kk,
  ru: {
    'ocr.title': 'Распознавание текста (OCR)',
    'ocr.badge': 'OCR',
    'ocr.badge.help': 'Распознано со скана: отдельные буквы могут быть прочитаны неверно.',

    'ocr.missing': 'Не установлены данные языков, поэтому они не распознаются: {languages}.',
    'ocr.unavailable': 'Распознавание текста невозможно: не установлены данные языков ({languages}).',
    'ocr.unavailableGeneric': 'Распознавание текста сейчас недоступно.',
    'ocr.lastError': 'Последняя ошибка: {message}',

    'ocr.doc.recognised': 'Распознано со скана: {n} стр.',
    'ocr.doc.waiting': 'Ждут распознавания: {n} стр.',
    'ocr.doc.allText': 'Текст всех страниц есть в самом PDF.',
    'ocr.doc.recognise': 'Распознать текст',
    'ocr.doc.confirmTitle': 'Заменить текст страниц?',
    'ocr.doc.confirmHelp': 'Текущий текст страниц будет заменён текстом, заново распознанным со скана. В распознанном тексте возможны ошибки.',
    'ocr.doc.confirm': 'Да, распознать заново',
    'ocr.doc.progress': 'Распознаётся страница {page} из {total}…',
    'ocr.doc.queued': 'В очереди: сначала распознаются страницы других документов.',

    'ocr.settings.help': 'Текст сканированных страниц распознаётся в фоне на этом компьютере, после чего их находит поиск.',
    'ocr.settings.languages': 'Языки распознавания',
    'ocr.settings.notInstalled': 'данные не установлены',
    'ocr.settings.lastLanguage': 'Хотя бы один язык должен оставаться выбранным.',
    'ocr.settings.saved': 'Языки распознавания сохранены.',
    'ocr.settings.rotationOn': 'Поворот страниц определяется автоматически.',
    'ocr.settings.rotationOff': 'Определение поворота страниц недоступно (не установлены данные osd): страницы читаются так, как лежат.',
    'ocr.settings.startAll': 'Распознать все ожидающие страницы',
    'ocr.settings.stop': 'Остановить',

    'ocr.status.idle': 'Распознавание не идёт.',
    'ocr.status.waiting': 'Ждут распознавания: {pages} стр. (документов: {documents}).',
    'ocr.status.running': 'Распознаётся: {done} / {total} стр.',
    'ocr.status.speed': '{n} стр. в минуту',
    'ocr.status.failed': 'не распознано: {n}',
    'ocr.status.current': 'Сейчас: «{title}», стр. {page}',

    'ocr.indicator': 'Распознавание сканов: {done} / {total} стр.',
    'ocr.indicator.open': 'Открыть настройки распознавания текста',
  } satisfies Record<Keys, string>,
  en: {
    'ocr.title': 'Text recognition (OCR)',
    'ocr.badge': 'OCR',
    'ocr.badge.help': 'Recognised from a scan: some letters may be misread.',

    'ocr.missing': 'Language data is not installed, so these languages are not recognised: {languages}.',
    'ocr.unavailable': 'Text recognition cannot run: language data is not installed ({languages}).',
    'ocr.unavailableGeneric': 'Text recognition is not available now.',
    'ocr.lastError': 'Last error: {message}',

    'ocr.doc.recognised': 'Pages recognised from the scan: {n}',
    'ocr.doc.waiting': 'Pages waiting for recognition: {n}',
    'ocr.doc.allText': 'All pages have their text in the PDF itself.',
    'ocr.doc.recognise': 'Recognise text',
    'ocr.doc.confirmTitle': 'Replace the text of the pages?',
    'ocr.doc.confirmHelp': 'The current text of the pages will be replaced by text recognised again from the scan. Recognised text may contain mistakes.',
    'ocr.doc.confirm': 'Yes, recognise again',
    'ocr.doc.progress': 'Recognising page {page} of {total}…',
    'ocr.doc.queued': 'Queued: pages of other documents are recognised first.',

    'ocr.settings.help': 'The text of scanned pages is recognised in the background on this computer, so that search finds them.',
    'ocr.settings.languages': 'Recognition languages',
    'ocr.settings.notInstalled': 'data not installed',
    'ocr.settings.lastLanguage': 'At least one language must stay selected.',
    'ocr.settings.saved': 'Recognition languages saved.',
    'ocr.settings.rotationOn': 'Page rotation is detected automatically.',
    'ocr.settings.rotationOff': 'Page rotation detection is unavailable (osd data not installed): pages are read as they lie.',
    'ocr.settings.startAll': 'Recognise all waiting pages',
    'ocr.settings.stop': 'Stop',

    'ocr.status.idle': 'Recognition is not running.',
    'ocr.status.waiting': 'Pages waiting: {pages} (documents: {documents}).',
    'ocr.status.running': 'Recognising: {done} / {total} pages',
    'ocr.status.speed': '{n} pages per minute',
    'ocr.status.failed': 'failed: {n}',
    'ocr.status.current': 'Now: “{title}”, page {page}',

    'ocr.indicator': 'Recognising scans: {done} / {total} pages',
    'ocr.indicator.open': 'Open the text recognition settings',
  } satisfies Record<Keys, string>,
};
