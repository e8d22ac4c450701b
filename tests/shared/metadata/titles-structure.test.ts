/**
 * The title a clerk would type into the register, read from the structure of the head of a
 * document: wrapped subject lines, the subject line over the requisites line, a heading word with
 * the subject that follows it, letterheads, stamps and OCR noise around the title, and a form
 * without any title. Fixtures follow the layout of official acts (orders, codes, decisions).
 */
import { describe, expect, it } from 'vitest';
import { CONFIDENCE_THRESHOLD, type LayoutLine, detectMetadata, uncertainFields } from '../../../shared/metadata';

const lines = (...rows: string[]): string => rows.join('\n');
const title = (text: string, layout?: LayoutLine[]): string | null =>
  detectMetadata({ pages: [text], ...(layout ? { layout: [layout] } : {}) }).title;

describe('titles: wrapped lines are joined', () => {
  it('joins a Kazakh subject block of three lines closed by «…туралы»', () => {
    const text = lines(
      'ҚАЗАҚСТАН РЕСПУБЛИКАСЫ ДЕНСАУЛЫҚ САҚТАУ МИНИСТРЛІГІ',
      'БҰЙРЫҚ',
      '2023 жылғы 15 наурыздағы № 45',
      'Астана қаласы',
      'Медициналық ұйымдардағы байқау кеңестерінің',
      'құрамын және жұмыс тәртібін',
      'бекіту туралы',
      'БҰЙЫРАМЫН:',
      '1. Қоса беріліп отырған құрам бекітілсін.',
    );
    expect(title(text)).toBe('Медициналық ұйымдардағы байқау кеңестерінің құрамын және жұмыс тәртібін бекіту туралы');
  });

  it('joins the lines of a heading set alike in large type, not only lower-case continuations', () => {
    const heading = ['Сырттай оқу бөлімінің білім алушыларына', '2019-2020 оқу жылының белгіленген сессиясына', 'арналған оқу сабақтарының кестесі'];
    const text = lines(...heading, 'Күні Сабақ уақыты', 'Курс, топтар', '1 курс', 'Б-88');
    const layout: LayoutLine[] = [
      ...heading.map((line): LayoutLine => ({ text: line, size: 1.12, align: 'left' })),
      { text: 'Күні Сабақ уақыты', size: 1 },
      { text: 'Курс, топтар', size: 1 },
    ];
    expect(title(text, layout)).toBe(heading.join(' '));
  });

  it('keeps a cited act inside the subject: «…бекіту туралы» / its date and number / «…өзгерістер енгізу туралы»', () => {
    const text = lines(
      'БҰЙРЫҚ ПРИКАЗ',
      '2023 жылғы 16 мамыр № 112',
      'Астана қаласы город Астана',
      '«2023 жылға арналған',
      'мемлекеттік сатып алу',
      'жоспарын бекіту туралы»',
      '2023 жылғы 06 қаңтардағы № 5-Ө',
      'бұйрығына өзгерістер енгізу',
      'туралы',
      'БҰЙЫРАМЫН:',
    );
    expect(title(text)).toBe(
      '«2023 жылға арналған мемлекеттік сатып алу жоспарын бекіту туралы» 2023 жылғы 06 қаңтардағы № 5-Ө бұйрығына өзгерістер енгізу туралы',
    );
  });
});

describe('titles: the subject line names the act', () => {
  it('takes the subject line, not the requisites line above it', () => {
    const text = lines(
      'Указ Президента Республики Казахстан от 26 февраля 2021 года № 314',
      'О Концептуальном плане развития',
      'государственной службы на 2021 – 2025 годы',
      'В целях совершенствования государственной службы ПОСТАНОВЛЯЮ:',
    );
    expect(title(text)).toBe('О Концептуальном плане развития государственной службы на 2021 – 2025 годы');
  });

  it('gives a heading word with its name the subject that follows (`Кодекс Республики Казахстан` / `О недрах …`)', () => {
    const text = lines(
      'Кодекс Республики Казахстан',
      'О НЕДРАХ И НЕДРОПОЛЬЗОВАНИИ',
      '(с изменениями и дополнениями по состоянию на 22.07.2024 г.)',
      'ОБЩАЯ ЧАСТЬ',
      'Статья 1. Законодательство Республики Казахстан о недрах и недропользовании',
    );
    expect(title(text)).toBe('Кодекс Республики Казахстан О НЕДРАХ И НЕДРОПОЛЬЗОВАНИИ');
  });
});

describe('titles: a heading word takes the subject below it', () => {
  it('lets a lone Kazakh kind word close the heading above it, not open the table below', () => {
    const text = lines(
      'БЕКІТЕМІН',
      'Облыстық тері-венерология диспансерінің бас дәрігері',
      'К.Мырзахметов',
      'Облыстық тері-венерология диспансерінің заңгер маманының 2023 жылға арналған іс-шаралар',
      'ЖОСПАРЫ',
      'орындаушылар ақпарат',
      '1 Еңбек заңнамасының сақталуын қадағалау',
    );
    expect(title(text)).toBe('Облыстық тері-венерология диспансерінің заңгер маманының 2023 жылға арналған іс-шаралар ЖОСПАРЫ');
  });

  it('gives a Kazakh analytical note its subject block closed by «бойынша»', () => {
    const text = lines(
      'ТАЛДАМАЛЫҚ АНЫҚТАМА',
      'Облыстық тері-венерология диспансерінің 2021, 2022 және 2023',
      'жылдың сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу',
      'нәтижелері бойынша',
      '24 мамыр 2023 жыл Қызылорда қаласы',
      'КІРІСПЕ БӨЛІМ:',
    );
    expect(title(text)).toBe(
      'ТАЛДАМАЛЫҚ АНЫҚТАМА Облыстық тері-венерология диспансерінің 2021, 2022 және 2023 жылдың сыбайлас жемқорлық тәуекелдеріне ішкі талдау жүргізу нәтижелері бойынша',
    );
  });

  it('keeps the quoted name and its legal form in a three-line Kazakh minutes heading', () => {
    const text = lines(
      'Қызылорда облысы денсаулық сақтау басқармасының',
      '«Қызылорда облыстық тері-венерология диспансері»',
      'ШЖҚ КМК-ның Байқау кеңесі отырысының',
      '№ 3 ХАТТАМАСЫ',
      'Қызылорда қаласы 04 тамыз 2023 жыл',
      'Отырысты өткізу нысаны: кезектен тыс',
    );
    expect(title(text)).toBe(
      'Қызылорда облысы денсаулық сақтау басқармасының «Қызылорда облыстық тері-венерология диспансері» ШЖҚ КМК-ның Байқау кеңесі отырысының № 3 ХАТТАМАСЫ',
    );
  });
});

describe('titles: what stands around the title is not the title', () => {
  it('does not take the approving minutes under «Рассмотрен и одобрен» for the title', () => {
    const rows = [
      '«УТВЕРЖДАЮ»',
      'Директор',
      '_________________А.У. Байгабелов',
      '"____" _______________2020 г.',
      'План работы колледжа на',
      '2020 - 2021 учебный год',
      'Рассмотрен и одобрен на заседании педагогического совета',
      'Протокол №1 от 28 августа 2020 года',
      'Содержание',
    ];
    const layout = rows.map((text, i): LayoutLine => ({ text, size: i === 4 || i === 5 ? 1.71 : 1 }));
    expect(title(lines(...rows), layout)).toBe('План работы колледжа на 2020 - 2021 учебный год');
  });

  it('passes over a letterhead to the name of the document', () => {
    const text = lines(
      'Учреждение "Костанайский высший экономический колледж Казпотребсоюза"',
      'Расписание экзаменов итоговой аттестации',
      'обучающихся заочного отделения на 2019-2020 учебный год',
      'Дата Группа Дисциплина',
    );
    expect(title(text)).toBe('Расписание экзаменов итоговой аттестации обучающихся заочного отделения на 2019-2020 учебный год');
  });

  it('passes over a bold letterhead in capitals to the bold heading below it', () => {
    const rows = ['МИНИСТЕРСТВО ОБОРОНЫ', 'РЕСПУБЛИКИ КАЗАХСТАН', 'ЛИЧНОЕ ДЕЛО ПРИЗЫВНИКА', '(фамилия, имя, отчество (при его наличии))'];
    const layout: LayoutLine[] = [
      ...rows.slice(0, 3).map((text): LayoutLine => ({ text, bold: true, align: 'center', size: 1.14 })),
      { text: rows[3] ?? '', bold: false, size: 1 },
    ];
    expect(title(lines(...rows), layout)).toBe('ЛИЧНОЕ ДЕЛО ПРИЗЫВНИКА');
  });

  it('passes over the agreement and approval stamps with their posts, names and blank dates', () => {
    const text = lines(
      '«СОГЛАСЕН»',
      'Секретарь районного маслихата',
      '_____________ Б. Ахметов',
      '«___» _________ 2017 год',
      '«УТВЕРЖДАЮ»',
      'Председатель постоянной комиссии районного маслихата',
      '______________Г. Егенбаева',
      '«___» _________ 2017 год',
      'План работы постоянной комиссии по вопросам социальной сферы на 2018 год',
      '№ Рассматриваемые вопросы Ответственные Срок',
    );
    expect(title(text)).toBe('План работы постоянной комиссии по вопросам социальной сферы на 2018 год');
  });

  it('never takes an OCR noise line (`20 2.1 жыл Хе 2 Jb`) into the title', () => {
    const text = lines(
      'БҰЙРЫҚ ПРИКАЗ',
      '20 2.1 жыл Хе 2 Jb',
      'Астана қаласы город Астана',
      'Байқау кеңестерінің құрамы',
      'туралы',
      'БҰЙЫРАМЫН:',
    );
    const detected = title(text);
    expect(detected).toBe('Байқау кеңестерінің құрамы туралы');
  });
});

describe('titles: nothing sure, nothing guessed', () => {
  it('leaves a letter to the council without a subject line empty, and sends it to review', () => {
    const text = lines(
      'Председателю Наблюдательного',
      'совета ГКП на ПХВ «Городской',
      'онкологический центр»',
      'управления здравоохранения',
      'города Шымкент',
      'Основной целью деятельности Наблюдательного совета является содействие функционированию',
      'и комплексному развитию Предприятия, в том числе анализ деятельности Предприятия',
      'с точки зрения эффективности.',
    );
    const detected = detectMetadata({ pages: [text] });
    expect(detected.title).toBeNull();
    expect(uncertainFields(detected)).toContain('title');
  });

  it('leaves a table form without a heading empty, keeping its cell as a candidate for review', () => {
    const rows = ['№ п/п Наименование услуги Единица Стоимость', 'Консультация врача терапевта', '1 прием 1435', 'Консультация врача педиатра', '1 прием 1525'];
    const layout = rows.map((text): LayoutLine => ({ text, inTable: true, size: 1 }));
    const detected = detectMetadata({ pages: [lines(...rows)], layout: [layout] });
    expect(detected.title).toBeNull();
    expect(detected.confidence.title).toBeLessThan(CONFIDENCE_THRESHOLD);
    expect(uncertainFields(detected)).toContain('title');
    expect(detected.candidates.title?.map((c) => c.value)).toContain('Консультация врача терапевта');
  });
});
