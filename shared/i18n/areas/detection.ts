/**
 * Messages for what detection is unsure of (issue 12): the mark on an uncertain field, the
 * candidates offered as one-click choices, and the review list's note of the fields to check.
 * Used by the review table, the metadata form and the library. See viewer.ts for the pattern.
 */
const kk = {
  'detection.uncertain': 'Сенімсіз анықталды ({percent}%): осы өрісті тексеріңіз',
  'detection.candidates': 'Мәтінде табылғандар',
  'detection.use': '«{value}» мәнін қою',
  'detection.useFrom': '«{value}» мәнін қою (мәтінде: {excerpt})',
  'detection.toCheck': 'Тексеру керек: {fields}',
};

type Keys = keyof typeof kk;

export const detectionMessages = {
  kk,
  ru: {
    'detection.uncertain': 'Определено неуверенно ({percent}%): проверьте это поле',
    'detection.candidates': 'Найдено в тексте',
    'detection.use': 'Подставить «{value}»',
    'detection.useFrom': 'Подставить «{value}» (в тексте: {excerpt})',
    'detection.toCheck': 'Проверить: {fields}',
  } satisfies Record<Keys, string>,
  en: {
    'detection.uncertain': 'Detected with low confidence ({percent}%): please check this field',
    'detection.candidates': 'Found in the text',
    'detection.use': 'Use “{value}”',
    'detection.useFrom': 'Use “{value}” (in the text: {excerpt})',
    'detection.toCheck': 'To check: {fields}',
  } satisfies Record<Keys, string>,
};
