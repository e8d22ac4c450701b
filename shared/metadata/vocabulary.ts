import type { KindCode } from '../domain/kinds';

/**
 * The words that name a document's kind, in the forms each rule looks for. All lower case; Kazakh
 * words with `і`, never a Latin `i` (the text is cleaned first).
 */

/**
 * Heading words: the form a kind takes as a title line (`ПОЛОЖЕНИЕ`, `ЖҰМЫС ЖОСПАРЫ`, `Протокол № 5`).
 * Kazakh headings put the kind last and often in the possessive form (`…туралы ЕРЕЖЕ`,
 * `…ҚАҒИДАЛАРЫ`), Russian ones first. Inflected forms (`решением`, `к Правилам`, `бұйрығына`) are
 * deliberately absent: they refer to another act.
 */
export const HEADING_WORDS: ReadonlyMap<string, KindCode> = new Map<string, KindCode>([
  ...forms('law', ['закон', 'заң', 'заңы', 'конституция', 'конституциясы', 'law', 'constitution']),
  ...forms('code', ['кодекс', 'кодексі', 'code']),
  ...forms('decree', ['указ', 'жарлық', 'жарлығы', 'decree']),
  ...forms('resolution', ['постановление', 'қаулы', 'қаулысы', 'resolution']),
  ...forms('decision', ['решение', 'шешім', 'шешімі', 'decision']),
  ...forms('order', ['приказ', 'бұйрық', 'бұйрығы', 'order']),
  ...forms('directive', ['распоряжение', 'өкім', 'өкімі', 'directive']),
  ...forms('protocol', ['протокол', 'хаттама', 'хаттамасы', 'minutes', 'protocol']),
  ...forms('regulation', [
    'положение', 'ереже', 'ережесі', 'правила', 'қағида', 'қағидалар', 'қағидалары', 'қағидасы',
    'регламент', 'регламенті', 'политика', 'саясат', 'саясаты', 'устав', 'жарғы', 'жарғысы',
    'regulation', 'regulations', 'rules', 'policy', 'charter',
  ]),
  // A schedule of events and a cyclogram are plans (the README's rule); a timetable is not.
  ...forms('plan', ['план', 'жоспар', 'жоспары', 'жоспарлары', 'plan', 'циклограмма', 'циклограммасы']),
  ...forms('report', ['отчет', 'есеп', 'есебі', 'доклад', 'баяндама', 'баяндамасы', 'анықтама', 'анықтамасы', 'справка', 'report']),
  ...forms('opinion', ['заключение', 'қорытынды', 'қорытындысы', 'opinion', 'conclusion']),
  ...forms('transcript', ['стенограмма', 'стенограммасы', 'transcript']),
  ...forms('inquiry', ['запрос', 'сауал', 'сауалы', 'inquiry']),
  ...forms('memorandum', ['меморандум', 'меморандумы', 'memorandum']),
  ...forms('announcement', ['объявление', 'хабарландыру', 'хабарландыруы', 'announcement']),
  ...forms('recommendation', [
    'рекомендация', 'рекомендации', 'ұсыным', 'ұсынымы', 'ұсынымдар', 'ұсынымдары', 'recommendation', 'recommendations',
  ]),
  ...forms('press_release', ['пресс-релиз', 'релиз', 'хабарлама', 'хабарламасы', 'сообщение', 'жаңалық', 'новость']),
  ...forms('letter', ['письмо', 'хат', 'хаты', 'letter']),
  // Documents with a clear type that is none of the kinds: seeing them settles the kind as
  // 'other', so that a weaker clue further down cannot turn a licence into a law.
  ...forms('other', [
    'лицензия', 'лицензиясы', 'свидетельство', 'куәлік', 'куәлігі', 'сертификат', 'инструкция',
    'нұсқаулық', 'нұсқаулығы', 'руководство', 'licence', 'license', 'certificate',
    'manual', 'guidelines', 'расписание',
  ]),
]);

/**
 * Kazakh heading forms, which may close a heading line (`…туралы ЕРЕЖЕ`). Russian and English
 * words count only at the start: a Russian line ending in `план` is a sentence, not a heading.
 */
export const KK_HEADING_FORMS: ReadonlySet<string> = new Set([
  'заң', 'заңы', 'конституциясы', 'кодекс', 'кодексі', 'жарлық', 'жарлығы', 'қаулы', 'қаулысы', 'шешім', 'шешімі',
  'бұйрық', 'бұйрығы', 'өкім', 'өкімі', 'хаттама', 'хаттамасы', 'ереже', 'ережесі', 'қағида', 'қағидалар',
  'қағидалары', 'қағидасы', 'регламент', 'регламенті', 'саясат', 'саясаты', 'жарғы', 'жарғысы', 'жоспар',
  'жоспары', 'жоспарлары', 'есеп', 'есебі', 'баяндама', 'баяндамасы', 'қорытынды', 'қорытындысы', 'ұсыным',
  'ұсынымы', 'ұсынымдар', 'ұсынымдары', 'хабарлама', 'хабарламасы', 'хат', 'хаты', 'лицензиясы', 'куәлік', 'куәлігі',
  'нұсқаулық', 'нұсқаулығы', 'анықтама', 'стенограмма', 'стенограммасы', 'сауал', 'сауалы', 'меморандум',
  'меморандумы', 'хабарландыру', 'хабарландыруы', 'циклограмма', 'циклограммасы',
]);

function forms(kind: KindCode, words: readonly string[]): Array<[string, KindCode]> {
  return words.map((word) => [word, kind]);
}

/**
 * Heading words that count only in an upper-case heading (`ЗАКОН`, `ЗАҢЫ`): on web pages and in
 * body text a line such as `Закон Республики Казахстан «О …»` quotes a law rather than being one.
 * An act's own law line carries a date and number and is found by the requisites rules instead.
 */
export const UPPER_CASE_ONLY_HEADING_WORDS: ReadonlySet<string> = new Set([
  'закон', 'заң', 'заңы', 'law', 'order', 'хат', 'хаты', 'релиз', 'code', 'запрос', 'сауал', 'сауалы', 'новость', 'жаңалық',
]);

/** Multi-word headings, matched at the start of a heading line. */
export const HEADING_PREFIXES: ReadonlyArray<readonly [RegExp, KindCode]> = [
  [/^(?:пресс[- ]?релиз|баспасөз релизі|баспасөз хабарламасы|информационное сообщение|press release)(?![\p{L}])/u, 'press_release'],
  [/^(?:аналитическая справка|аналитикалық анықтама|тезисы (?:отчета|доклада))(?![\p{L}])/u, 'report'],
  // A schedule of events is a plan; a schedule of office hours (`График приема граждан`) or a
  // timetable is a routine, and stays other.
  [/^(?:график|календарн\p{L}* график)\s+(?:учебного процесса|проведения|мероприятий|выполнения|реализации|семинаров|заседаний|проверок|контроля)(?![\p{L}])/u, 'plan'],
  // A code of ethics is an organisation's regulation, not a code of law.
  [/^кодекс (?:(?:деловой |корпоративной |профессиональной )?этики|корпоративного управления|(?:делового )?поведения|чести)(?![\p{L}])/u, 'regulation'],
  // A verbatim record: `Стенографический отчёт заседания …`, `Стенографиялық есеп`.
  [/^(?:стенографическ\p{L}* отч[её]т|стенографиялық есеп\p{L}*|стенограмма)(?![\p{L}])/u, 'transcript'],
  [/^(?:депутатск\p{L}* запрос|депутаттық сауал\p{L}*)(?![\p{L}])/u, 'inquiry'],
  [/^(?:сопроводительное письмо|ілеспе хат\p{L}*|ответ на (?:письмо|запрос))(?![\p{L}])/u, 'letter'],
  [/^(?:конституционн\p{L}* закон|конституциялық заң\p{L}*)(?![\p{L}])/u, 'law'],
  // `Сведения о деятельности …`, `Пояснительная записка к годовому отчету`: reports on activity.
  [/^(?:сведения (?:о|об) (?:деятельности|работе|исполнении|ходе|итогах|результатах|выполнении)|пояснительная записка к (?:\p{L}+ )?(?:отчету|отчетности|финансовой отчетности))(?![\p{L}])/u, 'report'],
  // `Представление о назначении …`: a submission is a letter (the README's rule).
  [/^представление (?:о|об|на) (?:назначени|утверждени|рассмотрени|согласовани|награждени|кандидатур)/u, 'letter'],
  // `Информация об исполнении … по итогам 2022 года`: the regulated disclosure reports.
  [/^информация (?:о|об) (?:исполнении|ходе|итогах|работе|деятельности|соблюдении|достижении|результатах|выполнении|проделанной)(?![\p{L}])/u, 'report'],
];

/** Multi-word headings, matched at the end of a heading line (Kazakh word order). */
export const HEADING_SUFFIXES: ReadonlyArray<readonly [RegExp, KindCode]> = [
  [/(?:^|\s)(?:баспасөз релизі|баспасөз хабарламасы)$/u, 'press_release'],
  // An organisation's code of ethics or conduct (`Корпоративтік этика және мінез-құлық кодексі`).
  [/(?:^|\s)(?:әдеп|этика|этикасы|мінез-құлық|мінез-құлқы|корпоративтік басқару)(?:\s+(?:және|мен)\s+[\p{L}-]+)?\s+кодексі$/u, 'regulation'],
  [/(?:^|\s)(?:үрдісінің|үдерісінің|процесінің|өткізу|іс-шараларының|бақылау) (?:графигі|кестесі)$/u, 'plan'],
  [/(?:^|\s)стенографиялық есебі?$/u, 'transcript'],
  [/(?:^|\s)депутаттық сауалы?$/u, 'inquiry'],
  [/(?:^|\s)(?:ілеспе|жауап) хаты?$/u, 'letter'],
  [/(?:^|\s)конституциялық заңы?$/u, 'law'],
  [/(?:^|\s)(?:туралы|бойынша) ақпарат$/u, 'report'],
  [/(?:^|\s)есебінің тезистері$/u, 'report'],
  [/(?:^|\s)(?:есептілігіне|есебіне) түсіндірме жазба$/u, 'report'],
  [/(?:^|\s)(?:қызметі|жұмысы) туралы мәліметтер$/u, 'report'],
  [/(?:^|\s)(?:шешімнің|шешімінің) жобасы$/u, 'decision'],
  [/(?:^|\s)(?:бұйрықтың|бұйрығының) жобасы$/u, 'order'],
  [/(?:^|\s)(?:қаулының|қаулысының) жобасы$/u, 'resolution'],
];

/** Draft headings name their kind in the genitive: `Проект решения`, `Проект приказа`. */
export const DRAFT_PREFIX_KINDS: ReadonlyMap<string, KindCode> = new Map<string, KindCode>([
  ['решения', 'decision'], ['приказа', 'order'], ['постановления', 'resolution'], ['закона', 'law'],
  ['распоряжения', 'directive'], ['указа', 'decree'],
]);

/** Section headings that contain a kind word but are parts of a document (`Общие положения`). */
export const SECTION_HEADINGS_RE =
  /^(?:общие|заключительные|переходные|основные) положения|^(?:жалпы|қорытынды|өтпелі|негізгі) ережел?е?р?/u;

/**
 * The Kazakh self-identifying form after `№ N` in an act's own requisites line:
 * `…2016 жылғы 22 қаңтардағы № 66 бұйрығы.` — nominative with possessive ending. The same noun with
 * a case ending (`бұйрығына`, `бұйрығымен`) refers to another act.
 */
export const KK_SELF_WORDS: ReadonlyMap<string, KindCode> = new Map<string, KindCode>([
  ['бұйрығы', 'order'], ['шешімі', 'decision'], ['қаулысы', 'resolution'], ['заңы', 'law'],
  ['кодексі', 'code'], ['жарлығы', 'decree'], ['өкімі', 'directive'], ['хаттамасы', 'protocol'],
]);

/** Adjectives that may stand between the number and the self word: `№ 2529 Конституциялық заңы`. */
export const KK_SELF_ADJECTIVES_RE = /^(?:конституциялық)$/iu;

/** Russian requisites lines start with the kind: `Приказ Министра … от 22 января 2016 года № 66`. */
export const RU_SELF_WORDS: ReadonlyMap<string, KindCode> = new Map<string, KindCode>([
  ['приказ', 'order'], ['решение', 'decision'], ['постановление', 'resolution'], ['закон', 'law'],
  ['кодекс', 'code'], ['указ', 'decree'], ['распоряжение', 'directive'], ['протокол', 'protocol'],
  ['order', 'order'], ['decision', 'decision'], ['resolution', 'resolution'], ['law', 'law'],
  ['decree', 'decree'], ['minutes', 'protocol'],
]);

/**
 * The operative word of an act, always in capitals and followed by a colon:
 * `…мәслихаты ШЕШТІ:`, `БҰЙЫРАМЫН:`, `маслихат РЕШИЛ:`. Plural `РЕШИЛИ`/`ПОСТАНОВИЛИ` belong to
 * minutes and are listed as protocol.
 */
export const OPERATIVE_WORDS: ReadonlyArray<readonly [string, KindCode]> = [
  ['БҰЙЫРАМЫН', 'order'],
  ['ПРИКАЗЫВАЮ', 'order'],
  ['ШЕШТІ', 'decision'],
  ['ШЕШІМ ҚАБЫЛДАДЫ', 'decision'],
  ['РЕШИЛ', 'decision'],
  ['РЕШИЛА', 'decision'],
  ['РЕШИЛО', 'decision'],
  ['ҚАУЛЫ ЕТЕДІ', 'resolution'],
  ['ПОСТАНОВЛЯЕТ', 'resolution'],
  ['ҚАУЛЫ ЕТЕМІН', 'decree'],
  ['ПОСТАНОВЛЯЮ', 'decree'],
  ['РЕШИЛИ', 'protocol'],
  ['ПОСТАНОВИЛИ', 'protocol'],
  ['СЛУШАЛИ', 'protocol'],
  ['ТЫҢДАЛДЫ', 'protocol'],
];

/**
 * A document names itself: `настоящего решения`, `осы бұйрықтың`, `настоящие Правила`,
 * `осы Ереже`. Stems after `настоящ…`/`осы`.
 */
export const SELF_REFERENCE_STEMS: ReadonlyArray<readonly [string, KindCode]> = [
  ['решени', 'decision'], ['шешім', 'decision'],
  ['приказ', 'order'], ['бұйрық', 'order'], ['бұйрығ', 'order'],
  ['постановлени', 'resolution'], ['қаулы', 'resolution'],
  ['распоряжени', 'directive'], ['өкім', 'directive'],
  ['протокол', 'protocol'], ['хаттама', 'protocol'],
  ['положени', 'regulation'], ['правил', 'regulation'], ['ереже', 'regulation'], ['қағида', 'regulation'],
  ['регламент', 'regulation'], ['политик', 'regulation'],
  ['план', 'plan'], ['жоспар', 'plan'], ['циклограмм', 'plan'],
  ['отчет', 'report'], ['есеп', 'report'], ['доклад', 'report'],
  ['закон', 'law'], ['заң', 'law'], ['конституци', 'law'],
  ['кодекс', 'code'], ['указ', 'decree'], ['жарлық', 'decree'], ['жарлығ', 'decree'],
  ['рекомендаци', 'recommendation'], ['ұсыным', 'recommendation'],
  ['заключени', 'opinion'], ['қорытынды', 'opinion'],
  ['стенограмм', 'transcript'], ['меморандум', 'memorandum'], ['объявлени', 'announcement'], ['хабарландыру', 'announcement'],
  ['инструкци', 'other'], ['нұсқаулық', 'other'], ['лицензи', 'other'],
];

/**
 * Nouns in the instrumental case used in approval stamps: `Утверждено решением Правления`,
 * `…№ 30-43 шешімімен бекітілді`, `протоколом № 23-29`.
 */
export const APPROVAL_INSTRUMENTAL_RE =
  /(?<![\p{L}])(?:решением|приказом|постановлением|протоколом|распоряжением|указом|шешімімен|бұйрығымен|қаулысымен|хаттамасымен|өкімімен|жарлығымен)(?![\p{L}])/iu;
/** Words that open or close an approval or attachment stamp. */
export const APPROVAL_MARK_RE =
  /(?<![\p{L}])(?:утвержд\p{L}*|бекітіл\p{L}*|бекітемін|приложение|қосымша|согласовано|келісілген|approved)(?![\p{L}])/iu;

/**
 * Case endings after a kind noun that make it a reference to another act
 * (`№ 506 бұйрығына`, `№ 37-204 шешімінің`, `решением № 12`).
 */
export const KK_REFERENCE_WORD_RE =
  /^(?:бұйрығ|бұйрық|шешім|қаулы|заң|кодекс|жарлығ|өкім|хаттама)\p{L}*/u;

/** Words that show a phrase names an institution, for issuer extraction. */
export const INSTITUTION_RE =
  /(?:министр|мәслихат|маслихат|әкім|аким|үкімет|правительств|президент|парламент|мәжіліс|мажилис|сенат|агенттік|агентств|комитет|кеңес|совет|басқарм|управлени|департамент|правлени|директор|ректор|төраға|председател|палата|сот|суд|прокурор|орган|министерств|ministry|council|board|government)/iu;

/**
 * Words that put an act's requisites on a cover as the act that approved or considered the
 * document: `Рассмотрен и одобрен на заседании педагогического совета` / `Протокол № 1 от …`,
 * `Педагогикалық кеңесте қаралды`. The document is the plan, not the minutes. Participles only: the
 * noun in a subject line (`Об утверждении Правил`) names what an act does, not who approved it.
 */
export const APPROVAL_CONTEXT_RE =
  /(?<![\p{L}])(?:рассмотрен[аоы]?|одобрен[аоы]?|согласован[аоы]?|утвержден[аоы]?|принят[аоы]?\s+на\s+заседании|на\s+заседании|қаралды|қаралған|мақұлданды|мақұлданған|келісілді|бекітілді|бекітілген|отырысында)(?![\p{L}])/iu;

/**
 * The addressee block a letter opens with, in the dative: `Председателю Наблюдательного совета`,
 * `Генеральному директору …`, `Членам комиссии`; Kazakh `… төрағасына`, `… директорына`.
 */
export const ADDRESSEE_RU_RE =
  /^(?:\p{Lu}\p{Ll}+(?:ому|ему)\s+)?(?:Председател|Заместител|Директор|Министр|Вице-министр|Аким|Руководител|Начальник|Член|Депутат|Ректор|Глав|Управляющ|Секретар|Президент)(?:ю|у|ам|е)(?![\p{L}])/u;
export const ADDRESSEE_KK_RE =
  /(?<![\p{L}])(?:төрағасына|төрайымына|директорына|министріне|әкіміне|басшысына|бастығына|мүшелеріне|депутатына|ректорына|орынбасарына|меңгерушісіне)$/iu;

/**
 * Abbreviations of kinds as they follow a number or stand for a kind word: a number with `ҚРЗ`/
 * `ЗРК` is a law's (`№ 383-V ҚРЗ`), `НҚА`/`НПА` is a normative legal act (a draft or a list of acts,
 * never a kind by itself), `ҚР`/`РК` the Republic.
 */
export const KIND_ABBREVIATIONS: ReadonlyMap<string, KindCode | null> = new Map<string, KindCode | null>([
  ['ҚРЗ', 'law'], ['ЗРК', 'law'], ['ФКЗ', 'law'], ['ФЗ', 'law'], ['ҚРЗҚ', 'law'],
  ['НҚА', null], ['НПА', null], ['ҚР', null], ['РК', null],
]);

/**
 * The e-signature log printed at the end of an e-document (Documentolog, e-Otinish, SED): the
 * signing decision, the signers with timestamps, and the statutory note that an e-document equals
 * paper. Everything from its first marker on is no part of the document's own text.
 */
export const SIGNATURE_LOG_RE = new RegExp(
  [
    'қол\\s+қою\\s+шешімі',
    'решение\\s+о\\s+подписании',
    'подписано\\s+эцп',
    'эцқ\\s+қол\\s+қой\\p{L}*',
    'электрондық\\s+цифрлық\\s+қолтаңбамен\\s+қол\\s+қойылған',
    'документ\\s+подписан\\p{L}*\\s+(?:эцп|электронн)',
    // The statutory note's opening words, not the law's name: acts cite «Об электронном документе и
    // электронной цифровой подписи» in their preambles, and must not be cut there.
    'бұл\\s+құжат\\s+ҚР',
    'данный\\s+документ\\s+согласно\\s+пункту',
    'келісу\\s+парағы',
    'лист\\s+согласования',
    'дата\\s+и\\s+время\\s+подписания',
  ].join('|'),
  'giu',
);

/**
 * The outgoing stamp of a letter: `Исх. № 01-12/345`, `№ исх: 16-13-183Д/С от: 31.05.2024`,
 * `Шығ. № 15-04/112`, `Шығыс №`. The letter's own number and date.
 */
export const OUTGOING_MARK_RE = /(?<![\p{L}])(?:исх(?:одящий|\.)?|шығ(?:ыс|\.)?|out(?:going)?\.?)(?![\p{L}])/iu;
/**
 * The request a letter answers: `На № 12-3/45 от 01.02.2024`, `на ваш исх. №`, `Сіздің … № 5 хатыңызға`,
 * `Вх. №`, `Кіріс №`. Its number is not the letter's.
 */
export const INCOMING_MARK_RE =
  /(?<![\p{L}])(?:на\s+(?:ваш\s+|исх\.?\s*)?(?=№|N\s?\d|исх)|вх(?:одящий|\.)?|кіріс|сіздің|ваш(?:е)?\s+(?:письмо|запрос)|хатыңыз\p{L}*|в\s+ответ\s+на)(?![\p{L}])/iu;

/**
 * The heading or sentence that opens a list of repealed or amended acts (`Перечень утративших силу
 * …`, `Күші жойылды деп танылатын …`): the requisites in that list are other acts'.
 */
export const REPEALED_LIST_RE =
  /утративш\p{L}*\s+силу|утратившими\s+силу|күші\s+жойыл\p{L}*|признанных\s+утратившими|изменений,\s+вносимых|енгізілетін\s+өзгерістер/iu;

/**
 * Phrases that cite another act in running text (`в соответствии с Законом … от … №`, `… сәйкес`,
 * `на основании`, `внесении изменений в`): a date or number inside one is that act's.
 */
export const CITATION_RE =
  /(?<![\p{L}])(?:в\s+соответствии\s+с|согласно|на\s+основании|во\s+исполнение|сәйкес|негізінде|орындау\s+үшін|внесении\s+изменени\p{L}*|өзгерістер\s+енгізу|өзгеріс\s+енгізу|утвержденн\p{L}*|бекітілген)(?![\p{L}])/iu;
