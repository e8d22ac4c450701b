/**
 * OCR noise: most of the line's words are not words (`20 2.1 жыл Хе 2 Jb`, `А. ХО. 36о Wk`).
 * Numbers and signs are left out of the count (`№ 3 ХАТТАМАСЫ` is a heading); a word is three
 * letters or more of one script, or a known short word.
 */
export function isNoiseLine(text: string): boolean {
  const tokens = text.split(/\s+/u).map((t) => t.replace(/^[«"“(]+|[»"”),.:;!?]+$/gu, '')).filter((t) => /\p{L}/u.test(t));
  if (tokens.length < 2) return false;
  const real = tokens.filter((t) => isRealWord(t)).length;
  return real / tokens.length < 0.5;
}

const SHORT_WORDS = new Set(['о', 'об', 'в', 'во', 'на', 'по', 'и', 'с', 'со', 'к', 'от', 'до', 'за', 'из', 'при', 'для', 'не', 'мен', 'да', 'де', 'та', 'те', 'бен', 'пен', 'мен', 'ж', 'г', 'жж', 'гг', 'рк', 'қр', 'ао', 'ақ', 'тоо']);

function isRealWord(token: string): boolean {
  const lower = token.toLowerCase();
  if (SHORT_WORDS.has(lower)) return true;
  // Hyphenated and dotted compounds (`КМК-ның`, `г.Шымкент`, `2023-2024`) count by their letter parts.
  const parts = lower.split(/[-.]/u).filter((p) => /\p{L}/u.test(p));
  if (parts.length === 0) return false;
  return parts.every((part) => {
    const letters = part.replace(/\d/gu, '');
    if (letters.length !== part.length && !/^\d+\p{L}{1,4}$/u.test(part)) return false; // `36о`: digits glued to letters
    if (/^\d+\p{L}{1,4}$/u.test(part)) return false;
    const oneScript = /^\p{Script=Cyrillic}+$/u.test(letters) || /^\p{Script=Latin}+$/u.test(letters);
    return oneScript && (letters.length >= 3 || SHORT_WORDS.has(letters) || parts.length > 1);
  });
}
