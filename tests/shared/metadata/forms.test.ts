/**
 * The shapes of headers the detector must read, one kind or form at a time. Short made-up
 * headers in the official formats (real excerpts are in acts.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { detectMetadata } from '../../../shared/metadata';

const detect = (text: string, extra: { fileName?: string; embeddedTitle?: string } = {}) =>
  detectMetadata({ pages: [text], ...extra });

const RU_BODY =
  'Совет рассмотрел вопросы, внесенные на заседание, и принял к сведению информацию о ходе исполнения ' +
  'плана работы на текущий год, а также предложения членов совета по проекту бюджета района.';
const KK_BODY =
  'Кеңес отырысқа енгізілген мәселелерді қарап, ағымдағы жылға арналған жұмыс жоспарының орындалу барысы ' +
  'туралы ақпаратты және кеңес мүшелерінің аудан бюджетінің жобасы бойынша ұсыныстарын назарға алды.';

describe('kind from the act’s own requisites', () => {
  it('reads Kazakh and Russian law requisites', () => {
    expect(detect(`Қоғамдық кеңестер туралы\nҚазақстан Республикасының 2015 жылғы 2 қарашадағы № 383-V ҚРЗ Заңы.\n${KK_BODY}`))
      .toMatchObject({ kind: 'law', number: '383-V ҚРЗ', date: '2015-11-02', title: 'Қоғамдық кеңестер туралы' });
    expect(detect(`Об общественных советах\nЗакон Республики Казахстан от 2 ноября 2015 года № 383-V ЗРК.\n${RU_BODY}`))
      .toMatchObject({ kind: 'law', number: '383-V ЗРК', date: '2015-11-02', title: 'Об общественных советах' });
  });

  it('reads codes, decrees, resolutions and orders', () => {
    expect(detect(`Қазақстан Республикасының Кәсіпкерлік кодексі\nҚазақстан Республикасының 2015 жылғы 29 қазандағы № 375-V ҚРЗ Кодексі.\n${KK_BODY}`))
      .toMatchObject({ kind: 'code', number: '375-V ҚРЗ', date: '2015-10-29' });
    expect(detect(`Указ Президента Республики Казахстан от 1 февраля 2021 года № 504.\n${RU_BODY}`))
      .toMatchObject({ kind: 'decree', number: '504', date: '2021-02-01', issuer: 'Президент Республики Казахстан' });
    expect(detect(`Об утверждении Правил\nПостановление Правительства Республики Казахстан от 31 декабря 2015 года № 1193.\n${RU_BODY}`))
      .toMatchObject({ kind: 'resolution', number: '1193', date: '2015-12-31', title: 'Об утверждении Правил', issuer: 'Правительство Республики Казахстан' });
    expect(
      detect(
        'Об утверждении Правил распределения мест в общежитиях организаций образования\n' +
          'Приказ Министра образования и науки Республики Казахстан от 22 января 2016 года № 66. Зарегистрирован в ' +
          'Министерстве юстиции Республики Казахстан 16 марта 2016 года № 13487.\n' + RU_BODY,
      ),
    ).toMatchObject({
      kind: 'order',
      number: '66',
      date: '2016-01-22',
      title: 'Об утверждении Правил распределения мест в общежитиях организаций образования',
      issuer: 'Министр образования и науки Республики Казахстан',
    });
  });

  it('reads a heading with its requisites on the next line', () => {
    expect(detect(`РАСПОРЯЖЕНИЕ\nот 4 августа 2017 года № 17-ө\nг. Есик\n${RU_BODY}`))
      .toMatchObject({ kind: 'directive', number: '17-ө', date: '2017-08-04' });
    expect(detect(`ШЕШІМ\n2023 жылғы 14 қыркүйек № 6-38\nҚонаев қаласы\n${KK_BODY}`))
      .toMatchObject({ kind: 'decision', number: '6-38', date: '2023-09-14' });
  });
});

describe('minutes', () => {
  it('reads a protocol number and the date on the place line', () => {
    const found = detect(
      `УТВЕРЖДАЮ\nПредседатель Правления\nПротокол № 5\nсовещания по вопросам предупреждения коррупционных правонарушений\n` +
        `г. Астана 09.00 29 июня 2023 года\n«О разъяснении антикоррупционных ограничений»\n1. Принять к сведению информацию.\nРЕШИЛИ:\n${RU_BODY}`,
    );
    expect(found).toMatchObject({ kind: 'protocol', number: '5', date: '2023-06-29' });
    expect(found.title).toBe('Протокол № 5 совещания по вопросам предупреждения коррупционных правонарушений');
  });

  it('reads a Kazakh protocol', () => {
    expect(detect(`ХАТТАМА № 3\nАстана қ. 2024 жылғы 15 ақпан\n${KK_BODY}`))
      .toMatchObject({ kind: 'protocol', number: '3', date: '2024-02-15' });
  });
});

describe('documents approved by an act', () => {
  it('files rules approved by an order as a regulation with the order’s requisites', () => {
    const found = detect(
      `Қазақстан Республикасы Білім және ғылым министрінің 2016 жылғы 22 қаңтардағы № 66 бұйрығымен бекітілген\n\n` +
        `Білім беру ұйымдарының жатақханаларындағы орындарды бөлу қағидалары\n1-тарау. Жалпы ережелер\n` +
        `1. Осы Қағидалар білім беру ұйымдарының жатақханаларындағы орындарды бөлу тәртібін айқындайды.\n${KK_BODY}`,
    );
    expect(found).toMatchObject({ kind: 'regulation', number: '66', date: '2016-01-22', lang: 'kk' });
    expect(found.title).toBe('Білім беру ұйымдарының жатақханаларындағы орындарды бөлу қағидалары');
  });

  it('files a board-approved policy the same way', () => {
    const found = detect(
      `Утверждено решением Правления\n\nАО «Астана-Энергия»\n\n№ 22-22 от «23» июня 2022 года\n\n` +
        `ПРАВИЛА УРЕГУЛИРОВАНИЯ КОНФЛИКТА ИНТЕРЕСОВ\n\nАКЦИОНЕРНОГО ОБЩЕСТВА «АСТАНА-ЭНЕРГИЯ»\n\nНур-Султан, 2022 год\n\n` +
        `1. Общие положения\n1.1 Настоящие Правила устанавливают процедуру урегулирования конфликта интересов.\n${RU_BODY}`,
    );
    expect(found).toMatchObject({
      kind: 'regulation',
      number: '22-22',
      date: '2022-06-23',
      lang: 'ru',
      title: 'ПРАВИЛА УРЕГУЛИРОВАНИЯ КОНФЛИКТА ИНТЕРЕСОВ АКЦИОНЕРНОГО ОБЩЕСТВА «АСТАНА-ЭНЕРГИЯ»',
      issuer: 'Правление АО «Астана-Энергия»',
    });
  });

  it('leaves blank stamp fields empty', () => {
    expect(detect(`Утверждено решением Правления\n№ _______ от «____» января 2023 года\nПлан мероприятий по противодействию коррупции\nна 2023 год\n${RU_BODY}`))
      .toMatchObject({ kind: 'plan', number: null, date: null, title: 'План мероприятий по противодействию коррупции на 2023 год' });
  });
});

describe('kinds from headings', () => {
  const cases: Array<[string, string]> = [
    ['ҚАЗАҚСТАН РЕСПУБЛИКАСЫНЫҢ КОНСТИТУЦИЯСЫ', 'law'],
    ['Трудовой кодекс Российской Федерации', 'code'],
    ['ПОЛОЖЕНИЕ\nоб общественном совете района', 'regulation'],
    ['Аудандық қоғамдық кеңес туралы\nЕРЕЖЕ', 'regulation'],
    ['РЕГЛАМЕНТ\nработы общественного совета', 'regulation'],
    ['Аудандық мәслихаттың 2019 жылға арналған\nЖҰМЫС ЖОСПАРЫ', 'plan'],
    ['ПЛАН РАБОТЫ\nОбщественного совета района на 2018 год', 'plan'],
    ['Отчет о работе общественного совета за 2023 год', 'report'],
    ['Информация\nоб исполнении утвержденной тарифной сметы по итогам 2022 года', 'report'],
    ['Аудандық қоғамдық кеңестің жұмысы туралы ақпарат', 'report'],
    ['ЗАКЛЮЧЕНИЕ\nобщественного совета по проекту бюджета района', 'opinion'],
    ['ҚОҒАМДЫҚ КЕҢЕСТІҢ ҚОРЫТЫНДЫСЫ', 'opinion'],
    ['РЕКОМЕНДАЦИИ\nобщественного совета по итогам слушаний', 'recommendation'],
    ['Пресс-релиз\nОбщественный совет провел слушания', 'press_release'],
    ['Баспасөз релизі\nҚоғамдық кеңес тыңдау өткізді', 'press_release'],
    ['Сопроводительное письмо', 'letter'],
    ['Свидетельство о государственной регистрации', 'other'],
    ['Инструкция по работе в информационной системе', 'other'],
    ['Проект решения\nО бюджете района на 2020 год', 'decision'],
  ];
  it.each(cases)('%s → %s', (heading, kind) => {
    const body = /[әғқңөұүһі]/iu.test(heading) ? KK_BODY : RU_BODY;
    expect(detect(`${heading}\n${body}`).kind).toBe(kind);
  });

  it('does not take section headings or inflected kind words for the kind', () => {
    expect(detect(`1. Общие положения\n${RU_BODY}`).kind).toBe('other');
    expect(detect(`Приложение 5\nк Правилам осуществления деятельности\n${RU_BODY}`).kind).toBe('other');
    expect(detect(`Закон Республики Казахстан «О местном государственном управлении»\n${RU_BODY}`).kind).toBe('other');
  });

  it('takes the operative word over a web page’s section name', () => {
    const found = detect(
      `Положение\n\nОб утверждении Положения государственного учреждения «Аппарат маслихата»\n\n` +
        `В соответствии со статьями 8, 25 Закона Республики Казахстан, Енбекшиказахский районный маслихат РЕШИЛ:\n\n${RU_BODY}`,
    );
    expect(found).toMatchObject({
      kind: 'decision',
      title: 'Об утверждении Положения государственного учреждения «Аппарат маслихата»',
      issuer: 'Енбекшиказахский районный маслихат',
    });
  });
});

describe('press releases and news', () => {
  it('reads a dateline and takes the headline above the lead', () => {
    const found = detect(
      `Қоғамдық кеңестер: шешімдерді қабылдауға әсер ету мүмкіндігі\n\n` +
        `Сарапшылар қоғамдық кеңестердің ашықтығын арттыру қажеттілігін алға тартады.\n\n` +
        `АТЫРАУ, 2016 жылғы 10 маусым – Қоғамдық бірлестік семинар өткізеді. ${KK_BODY}`,
    );
    expect(found).toMatchObject({
      kind: 'press_release',
      date: '2016-06-10',
      title: 'Қоғамдық кеңестер: шешімдерді қабылдауға әсер ету мүмкіндігі',
    });
  });

  it('dates a news item by the event in its headline or lead', () => {
    expect(detect(`22 ДЕКАБРЯ 2017 ГОДА СОСТОЯЛАСЬ ОЧЕРЕДНАЯ ХХІІ СЕССИЯ РАЙОННОГО МАСЛИХАТА\n\n${RU_BODY}`))
      .toMatchObject({ kind: 'press_release', date: '2017-12-22', lang: 'ru' });
    expect(detect(`Аудандық мәслихаттың XLVI (46) сессиясы\n\n2019 жылғы 23 сәуірінде аудандық мәслихаттың кезектен тыс сессиясы өтті.\n${KK_BODY}`))
      .toMatchObject({ kind: 'press_release', date: '2019-04-23' });
  });

  it('distrusts a list of dates at the top (a news feed)', () => {
    expect(detect(`09/06/2016\nПервая новость\n31/05/2016\nВторая новость\n17/06/2016\n${RU_BODY}`).date).toBeNull();
  });
});

describe('letters', () => {
  it('reads an outgoing letter: its outgoing number and date, the kind from number and salutation', () => {
    expect(detect(`Исх. № 01-12/345 от 10.03.2024\n\nАкиму Енбекшиказахского района\n\nУважаемый Бинали Абдыкаримович!\n\n${RU_BODY}`))
      .toMatchObject({ kind: 'letter', number: '01-12/345', date: '2024-03-10' });
    expect(detect(`Шығ. № 15-04/112\n2024 жылғы 12 наурыз\n\nҚұрметті Бекет Төлегенұлы!\n\n${KK_BODY}`))
      .toMatchObject({ kind: 'letter', number: '15-04/112', date: '2024-03-12' });
  });
});

describe('dates and numbers that are not the document’s', () => {
  it('ignores dates in running text', () => {
    expect(detect(`Информация о работе совета\n${RU_BODY} Заседание было перенесено на 5 мая 2023 года.`).date).toBeNull();
  });

  it('reads the signature block at the end of a code', () => {
    const pages = [
      `РОССИЙСКАЯ ФЕДЕРАЦИЯ\n\nЖилищный кодекс Российской Федерации\n\nПринят Государственной Думой 22 декабря 2004 года\n\n${RU_BODY}`,
      `${RU_BODY}\n\nПрезидент Российской Федерации В.Путин\n\nМосква, Кремль\n\n29 декабря 2004 года\n\n№ 188-ФЗ`,
    ];
    expect(detectMetadata({ pages })).toMatchObject({ kind: 'code', number: '188-ФЗ', date: '2004-12-29' });
  });

  it('takes a registration number only when nothing else names the act', () => {
    expect(detect(`Қазақстан Республикасының Әділет министрлігінде 2016 жылы 16 наурызда № 13487 болып тіркелді\n${KK_BODY}`))
      .toMatchObject({ number: '13487', date: null });
  });
});

describe('titles', () => {
  it('uses a meaningful stored title when the text has no heading', () => {
    expect(detect(RU_BODY, { embeddedTitle: 'Протокол заседания общественного совета' }).title)
      .toBe('Протокол заседания общественного совета');
    // The body is a sentence, not a name: the title stays empty rather than the word processor's label.
    expect(detect(RU_BODY, { embeddedTitle: 'Microsoft Word - prikaz_110.docx' }).title ?? '').not.toContain('Microsoft');
    expect(detect('', { embeddedTitle: 'Untitled' }).title).toBeNull();
  });

  it('prefers a fuller heading to a short page label', () => {
    expect(detect(`Өткізу тәртібі\nМәслихат сессиясын өткізу тәртібі\n${KK_BODY}`).title).toBe('Мәслихат сессиясын өткізу тәртібі');
  });

  it('keeps the title in the document’s language on a bilingual cover', () => {
    const cover = `БЕКІТЕМІН\nУТВЕРЖДАЮ\nКӘСІПТІК ОҚЫТУДЫҢ ОҚУ ОРТАЛЫҒЫ\nҚАҒИДАЛАРЫ\nПОЛОЖЕНИЕ ОБ УЧЕБНОМ ЦЕНТРЕ\nПО ПРОФЕССИОНАЛЬНОМУ ОБУЧЕНИЮ\n`;
    expect(detect(`${cover}${RU_BODY}\n${RU_BODY}`).title).toBe('ПОЛОЖЕНИЕ ОБ УЧЕБНОМ ЦЕНТРЕ ПО ПРОФЕССИОНАЛЬНОМУ ОБУЧЕНИЮ');
    expect(detect(`${cover}${KK_BODY}\n${KK_BODY}`).title).toBe('КӘСІПТІК ОҚЫТУДЫҢ ОҚУ ОРТАЛЫҒЫ ҚАҒИДАЛАРЫ');
  });

  it('shortens a very long title keeping its start and its end', () => {
    const long = `О внесении изменений в решение ${'районного маслихата '.repeat(20)}о бюджете района на 2020 год`;
    const title = detect(`${long}\n\nмаслихат РЕШИЛ:\n${RU_BODY}`).title ?? '';
    expect(title.length).toBeLessThanOrEqual(300);
    expect(title.startsWith('О внесении изменений')).toBe(true);
    expect(title.endsWith('о бюджете района на 2020 год')).toBe(true);
  });
});

describe('documents without text', () => {
  it('guesses the kind from a Cyrillic file name and nothing else', () => {
    expect(detect('', { fileName: 'Протокол №5 от 29.06.2023.pdf' })).toMatchObject({
      kind: 'protocol', number: null, date: null, lang: null, title: null, issuer: null,
    });
    expect(detect('', { fileName: 'ru_astana-energy_2023_protokol-5.pdf' }).kind).toBe('other');
  });
});
