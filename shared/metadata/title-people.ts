/**
 * People's lines in a document's head: a post (`Председателю Наблюдательного совета`, `… бас
 * дәрігері`) and a person's name. A title never is one, and a title block never runs over one.
 */

/**
 * A position opening a line (Russian names the post first): the signatory or addressee, not a
 * title. `Министерство` is an issuer, not a post, so only `Министр`'s own forms count.
 */
const RU_POSITION_RE =
  /^(?:и\.\s?о\.\s*)?(?:председател\p{L}*|член|члену|членам|членов|заместител\p{L}*|секретар\p{L}*|директор\p{L}*|руководител\p{L}*|начальник\p{L}*|ректор\p{L}*|проректор\p{L}*|аким|акиму|акима|министр|министру|министра|главн\p{L}+\s+врач\p{L}*|генеральн\p{L}+\s+директор\p{L}*|исполнитель|исп\.)(?![\p{L}])/iu;
/** Kazakh names the post last: `… мәслихатының хатшысы`, `… директорына`. */
const KK_POSITION_RE =
  /(?:^|\s)(?:төрағасы|төрағасына|төрағасының|хатшысы|хатшысына|директоры|директорына|басшысы|басшысына|дәрігері|дәрігеріне|меңгерушісі|меңгерушісіне|орынбасары|орынбасарына|әкімі|әкіміне|орындаған|орындаушы)[.,]?$/iu;
/**
 * A person's name: with initials (`Г. Егенбаева`, `Егенбаева Г.А.`, `Б.Сатыбалдиев`) or in full
 * with a patronymic (`Ахметов Ералы Есенгельдиевич`, `Сейітов Арман Қайратұлы`).
 */
const NAME_RE =
  /^(?:_*\s*)?(?:\p{Lu}\.\s?(?:\p{Lu}\.\s?)?\p{Lu}\p{Ll}+|\p{Lu}\p{Ll}+\s+\p{Lu}\.\s?(?:\p{Lu}\.?)?|\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+(?:ович|евич|вич|овна|евна|ична|инична|ұлы|улы|қызы|кызы))$/u;

export function isPositionLine(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length > 160) return false;
  return RU_POSITION_RE.test(trimmed) || KK_POSITION_RE.test(trimmed);
}

/** A person's name on its own line. */
export function isPersonName(text: string): boolean {
  return NAME_RE.test(text.trim());
}
