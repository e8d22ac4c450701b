/**
 * Detection reads a document's structure the way a clerk does (issue 12): running headers,
 * e-signature logs, annexes with lists of repealed acts, letters' outgoing stamps, text that
 * arrived on one line, spaced-letter headings, wrapped titles, and the layout of the head block.
 * Each field is chosen among scored candidates, and left empty when none is convincing. The
 * fixtures are written for these tests in the shape of official acts.
 */
import { describe, expect, it } from 'vitest';
import { CONFIDENCE_THRESHOLD, detectMetadata, type LayoutLine, uncertainFields } from '../../../shared/metadata';

const KK_BODY =
  'Қазақстан Республикасының «Қазақстан Республикасындағы жергілікті мемлекеттік басқару және өзін-өзі басқару ' +
  'туралы» Заңына сәйкес аудандық мәслихаттың тұрақты комиссиялары өз құзыреті шегінде мәселелерді қарап, ' +
  'мәслихат сессиясына ұсыныстар енгізеді және олардың орындалу барысын бақылайды.';
const RU_BODY =
  'В соответствии с законодательством Республики Казахстан постоянные комиссии районного маслихата в пределах ' +
  'своей компетенции рассматривают вопросы, вносят предложения на сессию маслихата и контролируют ход их исполнения.';
const RU_SPEECH =
  'Уважаемые коллеги, мы рассматриваем проект бюджета района на следующий год, и я прошу обратить внимание ' +
  'на расходы по образованию, здравоохранению и благоустройству сельских округов, которые были увеличены.';

describe('minutes and verbatim records', () => {
  it('reads a protocol whose number closes a three-line heading', () => {
    const result = detectMetadata({
      pages: [
        'Еңбекшіқазақ аудандық қоғамдық кеңесінің\n' +
          '2023 жылғы 15 наурыздағы отырысының\n' +
          '№ 2 ХАТТАМАСЫ\n\n' +
          'Есік қаласы\n\n' +
          `Қатысқандар: кеңес мүшелері 9 адам.\nКүн тәртібі:\n1. ${KK_BODY}\nТЫҢДАЛДЫ:\n${KK_BODY}\nШЕШТІ:\n${KK_BODY}`,
      ],
    });
    expect(result).toMatchObject({ kind: 'protocol', number: '2', date: '2023-03-15', lang: 'kk' });
    expect(result.title).toMatch(/қоғамдық кеңесінің.*№ 2 ХАТТАМАСЫ/u);
  });

  it('never takes the running header of a verbatim record for its title, and sees a Kazakh frame around Russian speeches', () => {
    const frame = 'Төраға: Құрметті әріптестер, сессияның жұмысын жалғастырамыз. Сөз аудан әкімінің орынбасарына беріледі.';
    const pages = [
      'Стенографиялық есеп 1\n\nҚазақстан Республикасы Парламенті Мәжілісінің\nжалпы отырысының\nСТЕНОГРАФИЯЛЫҚ ЕСЕБІ\n\n' +
        `2024 жылғы 17 қаңтар\nАстана, Парламент Мәжілісінің ғимараты\n\n${frame}\n${frame}\n${RU_SPEECH}`,
      ...[2, 3, 4, 5].map((n) => `Стенографиялық есеп ${n}\n\n${RU_SPEECH}\n${RU_SPEECH}\n${frame}\n${RU_SPEECH}\n${frame}`),
    ];
    const result = detectMetadata({ pages });
    expect(result.kind).toBe('transcript');
    expect(result.title).toMatch(/жалпы отырысының/u);
    expect(result.title).not.toMatch(/^Стенографиялық есеп \d/u);
    expect(result.date).toBe('2024-01-17');
    expect(result.lang).toBe('mixed');
  });
});

describe('headings and titles', () => {
  it('reads Kazakh headings with the number before the kind word or the year first', () => {
    expect(detectMetadata({ pages: [`Педагогикалық кеңес отырысының №1 хаттамасы\n\n${KK_BODY}`] }).kind).toBe('protocol');
    expect(detectMetadata({ pages: [`2024-2025 оқу жылының әдеп кеңесінің жоспары\n\n${KK_BODY}`] }).kind).toBe('plan');
  });

  it('takes no kind or requisites from a list of amending acts under a code’s heading, and no source note as title', () => {
    const result = detectMetadata({
      pages: [
        'Источник: ИС Параграф WWW http://online.zakon.kz\n\nГРАЖДАНСКИЙ КОДЕКС РЕСПУБЛИКИ КАЗАХСТАН\n(ОБЩАЯ ЧАСТЬ)\n' +
          'См. о внесении изменений в настоящий Кодекс:\nЗакон РК от 02.08.15 г. № 342-V (вводятся в действие с 1 января 2023 г.);\n' +
          'Закон РК от 13.05.20 г. № 327-VI (вводится в действие с 1 июля 2021 г.)\n' +
          `Введен в действие Постановлением Верховного Совета РК от 27 декабря 1994 года № 269-XII\n\n${RU_BODY}\n${RU_BODY}`,
      ],
    });
    expect(result.kind).toBe('code');
    expect(result.date).toBe('1994-12-27');
    expect(result.number).toBeNull();
    expect(result.title).toBe('ГРАЖДАНСКИЙ КОДЕКС РЕСПУБЛИКИ КАЗАХСТАН (ОБЩАЯ ЧАСТЬ)');
  });

  it('reads a committee conclusion set in spaced letters: kind opinion, title from what follows', () => {
    const result = detectMetadata({
      pages: [
        'Комитет по финансам и бюджету Мажилиса Парламента Республики Казахстан\n\n' +
          'З А К Л Ю Ч Е Н И Е\n' +
          'на проект Закона Республики Казахстан «О внесении изменений и дополнений в Бюджетный кодекс»\n\n' +
          `${RU_BODY}\n${RU_BODY}`,
      ],
    });
    expect(result.kind).toBe('opinion');
    expect(result.title).toMatch(/^ЗАКЛЮЧЕНИЕ на проект Закона/u);
  });

  it('joins a title wrapped over three lines', () => {
    const result = detectMetadata({
      pages: [
        'Алматы облысы Еңбекшіқазақ аудандық мәслихатының\n2014 жылғы 7 сәуірдегі № 30-2 шешімі\n\n' +
          'Еңбекшіқазақ аудандық мәслихатының\nрегламентін бекіту туралы\n\n' +
          `${KK_BODY}\nЕңбекшіқазақ аудандық мәслихаты ШЕШТІ:\n1. ${KK_BODY}`,
      ],
    });
    expect(result).toMatchObject({ kind: 'decision', number: '30-2', date: '2014-04-07' });
    expect(result.title).toBe('Еңбекшіқазақ аудандық мәслихатының регламентін бекіту туралы');

    const russian = detectMetadata({
      pages: [
        'ПОСТАНОВЛЕНИЕ ПРАВИТЕЛЬСТВА РЕСПУБЛИКИ КАЗАХСТАН\nот 28 декабря 2023 года № 1215\n\n' +
          'Об утверждении Правил предоставления\nсубсидий на развитие племенного животноводства,\nповышение продуктивности и качества продукции животноводства\n\n' +
          `${RU_BODY}\nПравительство Республики Казахстан ПОСТАНОВЛЯЕТ:\n1. ${RU_BODY}`,
      ],
    });
    expect(russian).toMatchObject({ kind: 'resolution', number: '1215', date: '2023-12-28' });
    expect(russian.title).toBe(
      'Об утверждении Правил предоставления субсидий на развитие племенного животноводства, повышение продуктивности и качества продукции животноводства',
    );
  });

  it('takes the subject line, not the requisites line, as the title', () => {
    const result = detectMetadata({
      pages: [
        'Указ Президента Республики Казахстан от 26 июня 2023 года № 314\n\n' +
          'О Концептуальном плане развития\nпубличного управления до 2030 года\n\n' +
          `${RU_BODY}\nПОСТАНОВЛЯЮ:\n1. ${RU_BODY}`,
      ],
    });
    expect(result).toMatchObject({ kind: 'decree', number: '314', date: '2023-06-26' });
    expect(result.title).toBe('О Концептуальном плане развития публичного управления до 2030 года');
  });

  it('prefers a bold, centred, larger line to a plain one when the layout is known', () => {
    const text =
      'Материалы к заседанию постоянной комиссии\n' +
      'Программа развития туризма в районе\n' +
      `${RU_BODY}\n${RU_BODY}`;
    const plain = detectMetadata({ pages: [text] });
    expect(plain.title).toBe('Материалы к заседанию постоянной комиссии');

    const layout: LayoutLine[] = [
      { text: 'Материалы к заседанию постоянной комиссии', size: 1, bold: false, align: 'left' },
      { text: 'Программа развития туризма в районе', size: 1.4, bold: true, align: 'center' },
      { text: RU_BODY, size: 1, bold: false, align: 'justify' },
    ];
    const laidOut = detectMetadata({ pages: [text], layout: [layout] });
    expect(laidOut.title).toBe('Программа развития туризма в районе');
    expect(laidOut.candidates.title?.[0]?.evidence).toEqual(expect.arrayContaining(['bold', 'centred', 'large']));
  });
});

describe('requisites that are not the document’s own', () => {
  it('keeps the act’s own number and date when its annex lists repealed acts', () => {
    const result = detectMetadata({
      pages: [
        'Алматы облысы Еңбекшіқазақ аудандық мәслихатының\n2020 жылғы 25 желтоқсандағы № 68-250 шешімі\n\n' +
          'Еңбекшіқазақ аудандық мәслихатының кейбір шешімдерінің күші жойылды деп тану туралы\n\n' +
          `${KK_BODY}\nЕңбекшіқазақ аудандық мәслихаты ШЕШТІ:\n1. Осы шешімге қосымшаға сәйкес мәслихаттың кейбір шешімдерінің күші жойылды деп танылсын.\n\n` +
          'Мәслихат хатшысы Б. Ахметов\n',
        'Еңбекшіқазақ аудандық мәслихатының\n2020 жылғы 25 желтоқсандағы № 68-250\nшешіміне қосымша\n\n' +
          'Еңбекшіқазақ аудандық мәслихатының күші жойылды деп танылатын кейбір шешімдерінің тізбесі\n\n' +
          '1. «Аудандық бюджет туралы» Еңбекшіқазақ аудандық мәслихатының\n2018 жылғы 21 желтоқсандағы № 40-152 шешімі.\n' +
          '2. «Аудандық бюджет туралы» Еңбекшіқазақ аудандық мәслихатының\n2019 жылғы 20 желтоқсандағы № 55-201 шешімі.\n',
      ],
    });
    expect(result).toMatchObject({ kind: 'decision', number: '68-250', date: '2020-12-25' });
  });

  it('takes an annex’s approval stamp only when the body states no requisites of its own', () => {
    const result = detectMetadata({
      pages: [
        `${RU_BODY}\n${RU_BODY}\n\n` +
          'Приложение к постановлению Правительства Республики Казахстан от 12 мая 2022 года № 285\n\n' +
          'Перечень государственных услуг\n1. Выдача справок.\n',
      ],
    });
    expect(result).toMatchObject({ number: '285', date: '2022-05-12' });
    expect(result.candidates.number?.[0]?.evidence).toContain('annex-stamp');
  });

  it('lets no e-signature log sway the kind or supply a date', () => {
    const result = detectMetadata({
      pages: [
        'Қоғамдық кеңестің 2024 жылға арналған\nЖҰМЫС ЖОСПАРЫ\n\n' +
          `${KK_BODY}\n${KK_BODY}\n\n` +
          'Кеңес төрағасы А. Серіков\n\n' +
          'Қол қою шешімі\nҚол қойды: Серіков А.Б.\n2024 жылғы 12 ақпан 10:15\nЭЦҚ қол қойылды\n' +
          'Бұл құжат ҚР 2003 жылғы 7 қаңтардағы N370-II «Электрондық құжат және электрондық цифрлық қолтаңба туралы» заңының 7 бабы 1 тармағына сәйкес қағаз тасығыштағы құжатпен бірдей.',
      ],
    });
    expect(result.kind).toBe('plan');
    expect(result.date).toBeNull();
    expect(result.number).toBeNull();
  });

  it('keeps the text after a preamble that cites the law on e-documents (only the log itself is cut)', () => {
    const result = detectMetadata({
      pages: [
        'Алматинская область\nЕнбекшиказахский район\nРайонный маслихат\nг. Есик\nVII созыв\n' +
          'В соответствии с Законом Республики Казахстан «Об электронном документе и электронной цифровой подписи» ' +
          'и Законом «О местном государственном управлении и самоуправлении» районный маслихат РЕШИЛ:\n' +
          `1. ${RU_BODY}\n2. ${RU_BODY}`,
      ],
    });
    expect(result.kind).toBe('decision');
  });

  it('reads a letter’s own number in the outgoing stamp, not the request it answers', () => {
    const result = detectMetadata({
      pages: [
        'Министерство финансов Республики Казахстан\n\n' +
          '№ исх: 16-13-183Д/С от: 31.05.2024\n' +
          'На № 12-04/778 от 15.05.2024\n\n' +
          'Аппарату Мажилиса Парламента Республики Казахстан\n\n' +
          `Уважаемый Ерлан Жаксылыкович!\n${RU_BODY}\n\nВице-министр А. Иванов`,
      ],
    });
    expect(result).toMatchObject({ kind: 'letter', number: '16-13-183Д/С', date: '2024-05-31' });
    const incoming = result.candidates.number?.find((c) => c.value === '12-04/778');
    expect(incoming?.score ?? 0).toBeLessThan(CONFIDENCE_THRESHOLD);

    const kazakh = detectMetadata({
      pages: [`Шығ. № 04-2/115\n2024 жылғы 3 маусым\n\nАудандық мәслихат аппаратына\n\nҚұрметті Асқар Бекұлы!\n${KK_BODY}`],
    });
    expect(kazakh).toMatchObject({ kind: 'letter', number: '04-2/115', date: '2024-06-03' });
  });
});

describe('requisites broken across lines and odd signs', () => {
  it('reads a constitutional law whose kind word wraps and whose sign is a Latin N', () => {
    const result = detectMetadata({
      pages: [
        'Қазақстан Республикасының Парламенті туралы\n\n' +
          'Қазақстан Республикасының 1995 жылғы 16 қазандағы N 2529 Конституциялық\nзаңы.\n\n' +
          `${KK_BODY}\n${KK_BODY}`,
      ],
    });
    expect(result).toMatchObject({ kind: 'law', number: '2529', date: '1995-10-16', title: 'Қазақстан Республикасының Парламенті туралы' });
  });
});

describe('one-line texts', () => {
  it('splits a text dumped on one line and finds its requisites and title', () => {
    const oneLine =
      'ПРИКАЗ МИНИСТРА ЗДРАВООХРАНЕНИЯ РЕСПУБЛИКИ КАЗАХСТАН ' +
      'Об утверждении Санитарных правил «Санитарно-эпидемиологические требования к обеспечению радиационной безопасности» ' +
      'Приказ Министра здравоохранения Республики Казахстан от 15 декабря 2020 года № ҚР ДСМ-275/2020. ' +
      `Зарегистрирован в Министерстве юстиции Республики Казахстан 18 декабря 2020 года № 21822. ${RU_BODY} ${RU_BODY} ` +
      `ПРИКАЗЫВАЮ: 1. Утвердить прилагаемые Санитарные правила. ${RU_BODY} ${RU_BODY} ${RU_BODY} ${RU_BODY} ${RU_BODY} ${RU_BODY}`;
    expect(oneLine.includes('\n')).toBe(false);
    const result = detectMetadata({ pages: [oneLine] });
    expect(result).toMatchObject({ kind: 'order', number: 'ҚР ДСМ-275/2020', date: '2020-12-15' });
    expect(result.title).toMatch(/^Об утверждении Санитарных правил/u);
  });
});

describe('candidates and confidence', () => {
  it('leaves the date empty when two dates compete and no requisites line states one, offering both', () => {
    const result = detectMetadata({
      pages: [
        'Информация о работе общественного совета\n\n' +
          'Общественный совет провел заседание 12 марта 2023 года и рассмотрел отчет акима района о выполнении плана. ' +
          'Повторное заседание совета с участием депутатов маслихата состоялось 15 апреля 2023 года в здании акимата.\n' +
          RU_BODY,
      ],
    });
    expect(result.date).toBeNull();
    expect(uncertainFields(result)).toContain('date');
    const offered = (result.candidates.date ?? []).map((c) => c.value);
    expect(offered).toEqual(expect.arrayContaining(['2023-03-12', '2023-04-15']));
    for (const candidate of result.candidates.date ?? []) {
      expect(candidate.score).toBeLessThan(CONFIDENCE_THRESHOLD);
      expect(candidate.evidence.length).toBeGreaterThan(0);
      expect(candidate.excerpt?.length ?? 0).toBeLessThanOrEqual(160);
    }
  });

  it('gives a chosen field the score of its candidate, first among at most four', () => {
    const result = detectMetadata({
      pages: [`Об общественных советах\nЗакон Республики Казахстан от 2 ноября 2015 года № 383-V ЗРК.\n${RU_BODY}`],
    });
    for (const field of ['kind', 'number', 'date', 'title'] as const) {
      const list = result.candidates[field] ?? [];
      expect(list.length).toBeGreaterThan(0);
      expect(list.length).toBeLessThanOrEqual(4);
      expect(list[0]?.value).toBe(String(result[field]));
      expect(result.confidence[field]).toBe(list[0]?.score);
      expect(result.confidence[field]).toBeGreaterThanOrEqual(CONFIDENCE_THRESHOLD);
    }
    expect(uncertainFields(result)).toEqual([]);
  });
});
