/**
 * Messages of the document viewer (PDF and text). One file per UI area keeps each screen's
 * strings together; kk.ts, ru.ts and en.ts spread them into the catalogs. `satisfies` makes a
 * missing or an extra key in ru/en a type error.
 */
const kk = {
  'viewer.loading': 'Құжат ашылуда…',
  'viewer.region': 'Құжатты қарау',
  'viewer.toolbar': 'Құжат құралдары',
  'viewer.empty': 'Бұл құжатта көрсететін мәтін жоқ.',

  'viewer.sidebar.show': 'Бет нобайларын көрсету',
  'viewer.sidebar.hide': 'Бет нобайларын жасыру',
  'viewer.sidebar.label': 'Бет нобайлары',

  'viewer.page.previous': 'Алдыңғы бет',
  'viewer.page.next': 'Келесі бет',
  'viewer.page.input': 'Бет нөмірі',
  'viewer.page.total': '/ {total}',
  'viewer.page.label': '{page}-бет',
  'viewer.page.heading': 'Бет {page}',
  'viewer.page.error': 'Бұл бетті көрсету мүмкін болмады.',

  'viewer.zoom.in': 'Үлкейту',
  'viewer.zoom.out': 'Кішірейту',
  'viewer.zoom.fitWidth': 'Беттің енін толтыру',
  'viewer.zoom.actual': 'Нақты өлшем',
  'viewer.zoom.level': 'Масштаб',

  'viewer.find.label': 'Құжаттан іздеу',
  'viewer.find.placeholder': 'Құжаттан іздеу',
  'viewer.find.clear': 'Іздеуді тазарту',
  'viewer.find.next': 'Келесі сәйкестік',
  'viewer.find.previous': 'Алдыңғы сәйкестік',
  'viewer.find.position': '{current} / {total}',
  'viewer.find.positionPartial': '{current} / {total}+',
  'viewer.find.count': 'Сәйкестік: {total}',
  'viewer.find.countPartial': 'Сәйкестік: {total}+',
  'viewer.find.none': 'Табылмады',
  'viewer.find.scanning': 'Ізделуде…',
  'viewer.find.hitsOnPage': 'Бұл бетте сәйкестік бар',

  'viewer.error.title': 'Құжатты ашу мүмкін болмады',
  'viewer.error.invalid': 'Файл бүлінген немесе PDF құжаты емес.',
  'viewer.error.missing': 'Құжат файлы мұрағаттан табылмады.',
  'viewer.error.network': 'Файлды жүктеу мүмкін болмады. Қайталап көріңіз.',
  'viewer.error.password': 'Құжат құпиясөзбен қорғалған.',
  'viewer.error.generic': 'Құжатты көрсету кезінде қате шықты.',
  'viewer.retry': 'Қайталау',

  'viewer.password.prompt': 'Бұл құжат құпиясөзбен қорғалған. Ашу үшін құпиясөзді енгізіңіз.',
  'viewer.password.incorrect': 'Құпиясөз қате. Қайта енгізіп көріңіз.',
  'viewer.password.label': 'Құпиясөз',
  'viewer.password.submit': 'Ашу',
} as const satisfies Record<string, string>;

type Keys = keyof typeof kk;

export const viewerMessages = {
  kk,
  ru: {
    'viewer.loading': 'Документ открывается…',
    'viewer.region': 'Просмотр документа',
    'viewer.toolbar': 'Инструменты документа',
    'viewer.empty': 'В этом документе нет текста для показа.',

    'viewer.sidebar.show': 'Показать миниатюры страниц',
    'viewer.sidebar.hide': 'Скрыть миниатюры страниц',
    'viewer.sidebar.label': 'Миниатюры страниц',

    'viewer.page.previous': 'Предыдущая страница',
    'viewer.page.next': 'Следующая страница',
    'viewer.page.input': 'Номер страницы',
    'viewer.page.total': '/ {total}',
    'viewer.page.label': 'Страница {page}',
    'viewer.page.heading': 'Страница {page}',
    'viewer.page.error': 'Не удалось показать эту страницу.',

    'viewer.zoom.in': 'Увеличить',
    'viewer.zoom.out': 'Уменьшить',
    'viewer.zoom.fitWidth': 'По ширине страницы',
    'viewer.zoom.actual': 'Реальный размер',
    'viewer.zoom.level': 'Масштаб',

    'viewer.find.label': 'Поиск в документе',
    'viewer.find.placeholder': 'Поиск в документе',
    'viewer.find.clear': 'Очистить поиск',
    'viewer.find.next': 'Следующее совпадение',
    'viewer.find.previous': 'Предыдущее совпадение',
    'viewer.find.position': '{current} / {total}',
    'viewer.find.positionPartial': '{current} / {total}+',
    'viewer.find.count': 'Совпадений: {total}',
    'viewer.find.countPartial': 'Совпадений: {total}+',
    'viewer.find.none': 'Не найдено',
    'viewer.find.scanning': 'Поиск…',
    'viewer.find.hitsOnPage': 'На этой странице есть совпадения',

    'viewer.error.title': 'Не удалось открыть документ',
    'viewer.error.invalid': 'Файл повреждён или не является PDF-документом.',
    'viewer.error.missing': 'Файл документа не найден в архиве.',
    'viewer.error.network': 'Не удалось загрузить файл. Попробуйте ещё раз.',
    'viewer.error.password': 'Документ защищён паролем.',
    'viewer.error.generic': 'При показе документа произошла ошибка.',
    'viewer.retry': 'Повторить',

    'viewer.password.prompt': 'Документ защищён паролем. Введите пароль, чтобы открыть его.',
    'viewer.password.incorrect': 'Неверный пароль. Попробуйте ещё раз.',
    'viewer.password.label': 'Пароль',
    'viewer.password.submit': 'Открыть',
  } satisfies Record<Keys, string>,
  en: {
    'viewer.loading': 'Opening the document…',
    'viewer.region': 'Document view',
    'viewer.toolbar': 'Document tools',
    'viewer.empty': 'This document has no text to show.',

    'viewer.sidebar.show': 'Show page thumbnails',
    'viewer.sidebar.hide': 'Hide page thumbnails',
    'viewer.sidebar.label': 'Page thumbnails',

    'viewer.page.previous': 'Previous page',
    'viewer.page.next': 'Next page',
    'viewer.page.input': 'Page number',
    'viewer.page.total': 'of {total}',
    'viewer.page.label': 'Page {page}',
    'viewer.page.heading': 'Page {page}',
    'viewer.page.error': 'This page could not be shown.',

    'viewer.zoom.in': 'Zoom in',
    'viewer.zoom.out': 'Zoom out',
    'viewer.zoom.fitWidth': 'Fit page width',
    'viewer.zoom.actual': 'Actual size',
    'viewer.zoom.level': 'Zoom',

    'viewer.find.label': 'Find in document',
    'viewer.find.placeholder': 'Find in document',
    'viewer.find.clear': 'Clear search',
    'viewer.find.next': 'Next match',
    'viewer.find.previous': 'Previous match',
    'viewer.find.position': '{current} / {total}',
    'viewer.find.positionPartial': '{current} / {total}+',
    'viewer.find.count': '{total} matches',
    'viewer.find.countPartial': '{total}+ matches',
    'viewer.find.none': 'No matches',
    'viewer.find.scanning': 'Searching…',
    'viewer.find.hitsOnPage': 'This page has matches',

    'viewer.error.title': 'The document could not be opened',
    'viewer.error.invalid': 'The file is damaged or is not a PDF document.',
    'viewer.error.missing': 'The document file was not found in the archive.',
    'viewer.error.network': 'The file could not be loaded. Please try again.',
    'viewer.error.password': 'The document is password-protected.',
    'viewer.error.generic': 'Something went wrong while showing the document.',
    'viewer.retry': 'Try again',

    'viewer.password.prompt': 'This document is password-protected. Enter the password to open it.',
    'viewer.password.incorrect': 'Wrong password. Please try again.',
    'viewer.password.label': 'Password',
    'viewer.password.submit': 'Open',
  } satisfies Record<Keys, string>,
};
