/**
 * Requisites on an organisation's printed blank (issue 12): the bilingual heading `БҰЙРЫҚ ПРИКАЗ`
 * with the date and the number filled in on the line below, often without the `№`, the place
 * under them; an extract's blank (`ВЫПИСКА из решения …`); and a title that wraps over the
 * requisites of the act it amends, which are never the document's own. Fixtures follow the
 * structure of orders and decisions of state enterprises.
 */
import { describe, expect, it } from 'vitest';
import { detectMetadata } from '../../../shared/metadata';

const KK_BODY =
  'Қазақстан Республикасының «Сыбайлас жемқорлыққа қарсы іс-қимыл туралы» Заңына сәйкес кәсіпорынның ' +
  'қызметінде сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу мақсатында, БҰЙЫРАМЫН:\n' +
  '1. Ішкі талдау жүргізу жөніндегі жұмыс тобының құрамы бекітілсін.\n2. Осы бұйрықтың орындалуын бақылау өзіме қалдырамын.';
const LETTERHEAD =
  '«ОБЛЫСТЫҚ ДЕНСАУЛЫҚ САҚТАУ  КОММУНАЛЬНОЕ ГОСУДАРСТВЕННОЕ\nБАСҚАРМАСЫНЫҢ КӘСІПОРНЫ» ПРЕДПРИЯТИЕ УПРАВЛЕНИЯ\n';

describe('blank-form requisites lines', () => {
  it('reads the date and the bare number under a bilingual order heading', () => {
    const result = detectMetadata({
      pages: [
        `${LETTERHEAD}БҰЙРЫҚ ПРИКАЗ\n25.01.2024ж. 33-05/01\nҚызылорда қаласы город Кызылорда\n` +
          `Сыбайлас жемқорлық тәуекелдеріне\nішкі талдау жүргізу туралы\n${KK_BODY}`,
      ],
    });
    expect(result.kind).toBe('order');
    expect(result.number).toBe('33-05/01');
    expect(result.date).toBe('2024-01-25');
  });

  it('reads an extract from a decision: its number before «от» and the date', () => {
    const result = detectMetadata({
      pages: [
        'ВЫПИСКА\nиз решения Наблюдательного совета ГКП на ПХВ «Городская больница»\n' +
          'город Шымкент 03/21 от «26» марта 2021 года.\nПОВЕСТКА ДНЯ:\n' +
          '1. О рассмотрении отчета о работе Наблюдательного совета за 2020 год.\n' +
          'РЕШИЛ:\n1. Отчет о работе Наблюдательного совета за 2020 год принять к сведению и одобрить.',
      ],
    });
    expect(result.kind).toBe('decision');
    expect(result.number).toBe('03/21');
    expect(result.date).toBe('2021-03-26');
  });

  it('takes no bare number that is a span of years, and no number without a heading above', () => {
    const years = detectMetadata({
      pages: [`БҰЙРЫҚ ПРИКАЗ\n12.09.2023ж. 2023-2024\nҚызылорда қаласы\nОқу жылын ұйымдастыру туралы\n${KK_BODY}`],
    });
    expect(years.number).toBeNull();
    const plain = detectMetadata({
      pages: [`Ақпарат\n12.09.2023ж. 15-04/112\nОқу жылын ұйымдастыру туралы\n${KK_BODY.replace('БҰЙЫРАМЫН:', '')}`],
    });
    expect(plain.number).toBeNull();
  });

  it('never takes the requisites of the amended act a wrapped title names', () => {
    const result = detectMetadata({
      pages: [
        `${LETTERHEAD}БҰЙРЫҚ ПРИКАЗ\n\nАстана қаласы город Астана\n«2023 жылға арналған\nмемлекеттік сатып алу\n` +
          `жоспарын бекіту туралы»\n2023 жылғы 06 қаңтардағы 5-Ө\nбұйрығына өзгерістер енгізу\nтуралы\n${KK_BODY}`,
      ],
    });
    expect(result.kind).toBe('order');
    expect(result.date).toBeNull();
    expect(result.number).toBeNull();
  });

  it('keeps a date line above a draft heading (Шешімнің жобасы) as the date', () => {
    const result = detectMetadata({
      pages: [
        'Жобалар НҚА\n28/11/2019\nШешімнің жобасы\nӘзірлеуші орган: аудандық экономика бөлімі\n' +
          'Аудандық мәслихаттың 2019 жылғы 9 қаңтардағы «Аудан бюджеті туралы» № 41-100 шешіміне өзгерістер енгізу туралы\n' +
          'Қазақстан Республикасының Бюджет кодексіне сәйкес аудандық мәслихат ШЕШТІ:\n1. Шешімге өзгерістер енгізілсін.',
      ],
    });
    expect(result.date).toBe('2019-11-28');
  });
});

describe('licences', () => {
  it('reads a licence number printed beside its date without the sign, and never a BIN', () => {
    const result = detectMetadata({
      pages: [
        '18019571\nЛИЦЕНЗИЯ\n25.10.2018 года 0000055DX\nГосударственное коммунальное предприятие «Городской центр»\n' +
          'Выдана\n(полное наименование, местонахождение, бизнес-идентификационный номер юридического лица)\nБИН: 990740003271\n' +
          'Медицинская деятельность\n(наименование лицензируемого вида деятельности)',
      ],
    });
    expect(result.number).toBe('0000055DX');
    expect(result.date).toBe('2018-10-25');
    const bin = detectMetadata({ pages: ['СПРАВКА\n25.10.2018 года 990740003271\nо регистрации юридического лица'] });
    expect(bin.number).toBeNull();
  });
});

describe('requisites line below a long cover', () => {
  it('pairs the number with the date of the requisites line that dates the document', () => {
    const cover = Array.from({ length: 18 }, (_, k) => `Адрес ${k + 1}: Костанайская область, проспект Аль-Фараби, дом ${k + 10}`).join('\n');
    const result = detectMetadata({ pages: [`${cover}\nЛицензия\n№ KZ27LAA00028039 15.04.2021 год\nВыдана Учреждению «Колледж»`] });
    expect(result.number).toBe('KZ27LAA00028039');
    expect(result.date).toBe('2021-04-15');
  });
});

describe('prescribed forms', () => {
  it('takes no requisites from the order stamp inside a form prescribed by rules', () => {
    const table = Array.from({ length: 12 }, (_, k) => `Показатель ${k + 1} объем услуг тыс. тенге план факт отклонение причины`).join('\n');
    const result = detectMetadata({
      pages: [
        'Приложение 5\nк Правилам осуществления деятельности\nсубъектами естественных монополий\nИнформация\n' +
          'об исполнении утвержденной инвестиционной программы по итогам полугодия 2023 года\n' +
          'Наименование мероприятий, объем финансирования, источники финансирования инвестиционной программы, ' +
          'фактические показатели за отчетный период, причины отклонений и оценка повышения качества услуг\n' +
          `${table}\nПриложение 2 к приказу\nМинистра национальной экономики\nот 2 марта 2022 года № 241\n${table}`,
      ],
    });
    expect(result.number).toBeNull();
    expect(result.date).toBeNull();
  });
});
