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
  ...forms('plan', ['план', 'жоспар', 'жоспары', 'жоспарлары', 'plan']),
  ...forms('report', ['отчет', 'есеп', 'есебі', 'доклад', 'баяндама', 'баяндамасы', 'report']),
  ...forms('opinion', ['заключение', 'қорытынды', 'қорытындысы', 'opinion']),
  ...forms('recommendation', [
    'рекомендация', 'рекомендации', 'ұсыным', 'ұсынымы', 'ұсынымдар', 'ұсынымдары', 'recommendation', 'recommendations',
  ]),
  ...forms('press_release', ['пресс-релиз', 'релиз', 'хабарлама', 'хабарламасы', 'сообщение', 'announcement']),
  ...forms('letter', ['письмо', 'хат', 'letter']),
  // Documents with a clear type that is none of the kinds: seeing them settles the kind as
  // 'other', so that a weaker clue further down cannot turn a licence into a law.
  ...forms('other', [
    'лицензия', 'лицензиясы', 'свидетельство', 'куәлік', 'куәлігі', 'сертификат', 'инструкция',
    'нұсқаулық', 'нұсқаулығы', 'руководство', 'анықтама', 'справка', 'licence', 'license', 'certificate',
    'manual', 'guidelines',
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
  'ұсынымы', 'ұсынымдар', 'ұсынымдары', 'хабарлама', 'хабарламасы', 'хат', 'лицензиясы', 'куәлік', 'куәлігі',
  'нұсқаулық', 'нұсқаулығы', 'анықтама',
]);

function forms(kind: KindCode, words: readonly string[]): Array<[string, KindCode]> {
  return words.map((word) => [word, kind]);
}

/**
 * Heading words that count only in an upper-case heading (`ЗАКОН`, `ЗАҢЫ`): on web pages and in
 * body text a line such as `Закон Республики Казахстан «О …»` quotes a law rather than being one.
 * An act's own law line carries a date and number and is found by the requisites rules instead.
 */
export const UPPER_CASE_ONLY_HEADING_WORDS: ReadonlySet<string> = new Set(['закон', 'заң', 'заңы', 'law', 'order', 'хат', 'релиз', 'code']);

/** Multi-word headings, matched at the start of a heading line. */
export const HEADING_PREFIXES: ReadonlyArray<readonly [RegExp, KindCode]> = [
  [/^(?:пресс[- ]?релиз|баспасөз релизі|баспасөз хабарламасы|информационное сообщение|press release)(?![\p{L}])/u, 'press_release'],
  [/^(?:аналитическая справка|аналитикалық анықтама|тезисы (?:отчета|доклада))(?![\p{L}])/u, 'report'],
  // `Информация об исполнении … по итогам 2022 года`: the regulated disclosure reports.
  [/^информация (?:о|об) (?:исполнении|ходе|итогах|работе|деятельности|соблюдении|достижении|результатах|выполнении|проделанной)(?![\p{L}])/u, 'report'],
];

/** Multi-word headings, matched at the end of a heading line (Kazakh word order). */
export const HEADING_SUFFIXES: ReadonlyArray<readonly [RegExp, KindCode]> = [
  [/(?:^|\s)(?:баспасөз релизі|баспасөз хабарламасы)$/u, 'press_release'],
  [/(?:^|\s)(?:туралы|бойынша) ақпарат$/u, 'report'],
  [/(?:^|\s)есебінің тезистері$/u, 'report'],
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
  ['план', 'plan'], ['жоспар', 'plan'],
  ['отчет', 'report'], ['есеп', 'report'], ['доклад', 'report'],
  ['закон', 'law'], ['заң', 'law'], ['конституци', 'law'],
  ['кодекс', 'code'], ['указ', 'decree'], ['жарлық', 'decree'], ['жарлығ', 'decree'],
  ['рекомендаци', 'recommendation'], ['ұсыным', 'recommendation'],
  ['заключени', 'opinion'],
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
