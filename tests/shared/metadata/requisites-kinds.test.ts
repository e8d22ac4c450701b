/**
 * Kinds as a clerk files them (issue 12): a cyclogram and a schedule of events are plans, a plan
 * whose cover names the minutes that approved it stays a plan (with their number and date), a
 * file of minutes is a protocol by its numbered heading (`№1-Хаттама`, `… отырысының №1
 * хаттамасы`, `… хаттамасы №1`), and a submission that opens with its addressee block is a letter.
 * Fixtures follow the structure of such documents of schools and state enterprises.
 */
import { describe, expect, it } from 'vitest';
import { detectMetadata } from '../../../shared/metadata';

const KK_AGENDA =
  'Күн тәртібінде:\n1. Жаңа оқу жылының міндеттерімен танысу.\n2. Жазғы сауықтыру шараларының қорытындысы.\n' +
  'Тыңдалды: меңгеруші сөз сөйлеп, қызметкерлерді жаңа оқу жылымен құттықтады және міндеттерді атап өтті.';
const RU_BODY =
  'Основной целью деятельности Наблюдательного совета является содействие функционированию и развитию ' +
  'предприятия, в том числе анализ деятельности предприятия с точки зрения эффективности и прозрачности.';

describe('plans', () => {
  it('reads a cyclogram and a schedule of the academic process as plans', () => {
    const cyclogram = detectMetadata({
      pages: ['2023-2024 ОҚУ ЖЫЛЫНА АРНАЛҒАН ӘДІСКЕР\nЦИКЛОГРАММАСЫ\nДүйсенбі: жоспарлау, талдау\nСейсенбі: бақылау, кеңес беру'],
    });
    expect(cyclogram.kind).toBe('plan');
    const schedule = detectMetadata({
      pages: ['График учебного процесса заочного отделения на 2019-2020 учебный год\nСентябрь: установочная сессия\nЯнварь: экзаменационная сессия'],
    });
    expect(schedule.kind).toBe('plan');
    const timetable = detectMetadata({ pages: ['Расписание занятий на 1 семестр\nПонедельник: математика, история\nВторник: физика'] });
    expect(timetable.kind).toBe('other');
    const hours = detectMetadata({ pages: ['График приема граждан секретарем маслихата\nПонедельник: 10:00-12:00\nЧетверг: 15:00-17:00'] });
    expect(hours.kind).toBe('other');
    const kk = detectMetadata({ pages: ['2024-2025 оқу жылына арналған\nсеминарлар өткізу кестесі\nҚыркүйек: әдістемелік семинар'] });
    expect(kk.kind).toBe('plan');
  });

  it('keeps a plan approved by minutes a plan, with the minutes\' number and date', () => {
    const result = detectMetadata({
      pages: [
        'Учреждение «Высший экономический колледж»\nУТВЕРЖДАЮ\nДиректор\n________ А.Б. Сейтов\n"____" ________ 2020 г.\n' +
          'План работы колледжа на\n2020 - 2021 учебный год\nРассмотрен и одобрен на заседании педагогического совета\n' +
          'Протокол №1 от 28 августа 2020 года\nКостанай 2020\n1. Организационная работа\n2. Учебная работа',
      ],
    });
    expect(result.kind).toBe('plan');
    expect(result.number).toBe('1');
    expect(result.date).toBe('2020-08-28');
  });
});

describe('files of minutes', () => {
  it('reads the number and kind of a heading with the number glued to the kind word', () => {
    const result = detectMetadata({ pages: [`ЖШС «Балапан» бөбекжай-бақшасы\nМеңгеруші жанындағы кеңес\n№1-Хаттама\n24.08.2023 ж\n${KK_AGENDA}`] });
    expect(result.kind).toBe('protocol');
    expect(result.number).toBe('1');
    expect(result.date).toBe('2023-08-24');
  });

  it('reads a number closing a one-line heading, before or after the kind word', () => {
    const after = detectMetadata({ pages: [`Педагогикалық кеңес отырысының №1 хаттамасы\n23.08.2024 жыл\n${KK_AGENDA}`] });
    expect(after).toMatchObject({ kind: 'protocol', number: '1', date: '2024-08-23' });
    const before = detectMetadata({
      pages: [`ЖШС «Балапан» бөбекжай-бақшасының\nПедагогикалық әдеп отырысы хаттамасы №1\nӨткізу күні: 09.09.2024ж\n${KK_AGENDA}`],
    });
    expect(before).toMatchObject({ kind: 'protocol', number: '1', date: '2024-09-09' });
  });
});

describe('letters without a stamp', () => {
  it('reads a submission that opens with its addressee block as a letter', () => {
    const result = detectMetadata({
      pages: [
        'Председателю Наблюдательного\nсовета ГКП на ПХВ «Городская больница»\nЧленам Наблюдательного совета\n' +
          `${RU_BODY}\nПредлагается назначить секретарем Наблюдательного совета Иванова И.И.\nДиректор А. Сейтов`,
      ],
    });
    expect(result.kind).toBe('letter');
    expect(result.number).toBeNull();
  });

  it('lets a heading naming the kind outrank the addressee block', () => {
    const result = detectMetadata({
      pages: [`Директору колледжа\nА.Б. Сейтову\nСПРАВКА\nо проделанной работе за 2023 год\n${RU_BODY}`],
    });
    expect(result.kind).toBe('report');
  });
});

describe('news items and blank forms', () => {
  const KK_LEAD =
    '2018 жылдың 28-29 мамырында аудандық мәслихат хатшысы бастаған тұрақты комиссиялардың депутаттары ' +
    'бес ауылдық округті аралап, тұрғындармен кездесіп, ауыз су, жол және мектеп мәселелерін талқылап, ұсыныстар жинады.';

  it('reads a news item by its lead opening with the day of the event, and dates it so', () => {
    const result = detectMetadata({
      pages: [`АУДАНДЫҚ МӘСЛИХАТТЫҢ ТҰРАҚТЫ КОМИССИЯЛАРЫНЫҢ КӨШПЕЛІ ОТЫРЫСЫ\nДепутат болу – халықтың сенімін арқалау.\n${KK_LEAD}\n${KK_LEAD}`],
    });
    expect(result.kind).toBe('press_release');
    expect(result.date).toBe('2018-05-28');
  });

  it('does not take a preamble citing a dated act for a news lead', () => {
    const preamble =
      'Қазақстан Республикасының 2001 жылғы 23 қаңтардағы «Қазақстан Республикасындағы жергілікті мемлекеттік ' +
      'басқару және өзін-өзі басқару туралы» Заңына сәйкес аудандық мәслихат тұрақты комиссиялардың жұмысын қарады.';
    const result = detectMetadata({ pages: [`Тұрақты комиссиялардың жұмысы\n${preamble}\n${preamble}`] });
    expect(result.kind).not.toBe('press_release');
  });

  it('does not read a blank form\'s field (Приказ … №____) as the kind', () => {
    const result = detectMetadata({
      pages: [
        'Приложение 6 к Правилам\nвоинского учета\nФорма 1\nПриказ Министерства обороны Республики Казахстан №____________\n' +
          'МИНИСТЕРСТВО ОБОРОНЫ\nЛИЧНОЕ ДЕЛО ПРИЗЫВНИКА\n_______________\n(фамилия, имя, отчество)\nОбразование ____________',
      ],
    });
    expect(result.kind).not.toBe('order');
    expect(result.number).toBeNull();
  });
});

describe('codes of organisations', () => {
  it('files a code of ethics or conduct as a regulation, a code of law as a code', () => {
    const kk = detectMetadata({
      pages: ['«Облыстық диспансер» ШЖҚ КМК-ның\nКорпоративтік этика және мінез-құлық кодексі\nІ-тарау. Жалпы ережелер\n1.1. Осы Кодекс қызметкерлердің мінез-құлқын айқындайды.'],
    });
    expect(kk.kind).toBe('regulation');
    const ru = detectMetadata({ pages: ['КОДЕКС КОРПОРАТИВНОГО УПРАВЛЕНИЯ\nАО «Энергия»\nГлава 1. Общие положения\n1. Настоящий Кодекс определяет принципы.'] });
    expect(ru.kind).toBe('regulation');
    const law = detectMetadata({ pages: ['КОДЕКС РЕСПУБЛИКИ КАЗАХСТАН\nО НАЛОГАХ И ДРУГИХ ОБЯЗАТЕЛЬНЫХ ПЛАТЕЖАХ В БЮДЖЕТ\nРаздел 1. Общие положения'] });
    expect(law.kind).toBe('code');
  });
});

describe('reports and submissions by their heading', () => {
  it('reads Сведения о деятельности and an explanatory note to the accounts as reports, a Представление as a letter', () => {
    const body = '\nВ отчетном периоде предприятие выполнило план по основным показателям деятельности.';
    expect(detectMetadata({ pages: [`Сведения о деятельности Наблюдательного совета за 2022 год${body}`] }).kind).toBe('report');
    expect(detectMetadata({ pages: [`Пояснительная записка к годовому отчету за 2020 год${body}`] }).kind).toBe('report');
    expect(detectMetadata({ pages: [`ШЖҚ «Қалалық орталық» МКК 2020 жыл\nЕСЕПТІЛІГІНЕ ТҮСІНДІРМЕ ЖАЗБА\nКассада қалған ақша қалдығы 586,6 мың теңге`] }).kind).toBe('report');
    expect(detectMetadata({ pages: [`Представление о назначении секретаря Наблюдательного совета${body}`] }).kind).toBe('letter');
    // `Сведения` alone names no kind.
    expect(detectMetadata({ pages: [`Сведения о доходах${body}`] }).kind).toBe('other');
  });
});

