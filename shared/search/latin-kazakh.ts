/**
 * Best-effort transliteration of Latin-script Kazakh into Kazakh Cyrillic, so a Latin word gets a
 * Kazakh stem in the stem column (`keñesterdiñ` → кеңестердің → кеңес). The loose column does not
 * depend on it (see loose.ts); where the spelling is ambiguous this picks the likelier letter.
 *
 * Versions: 2021 (ä ğ ñ ö ū ü ş, ı = і, i = и/й, u = у, ū = ұ), 2018 (á ǵ ń ó ú ý, sh/ch, ı = и/й,
 * i = і, u = ұ, ý = у), 2017 (apostrophes: a' g' n' o' u' s' c' y'), informal ASCII (sh ch zh kh
 * gh ng, q for қ, ya yu). The version is guessed per word from its letters; informal words use
 * vowel harmony for k/g (қ/ғ in back-vowel words) and for i (і in front-vowel words, else и).
 */

const BACK = 'aouūy';
const FRONT = 'eäáöóüúé';
const VOWEL = new Set('aäáeéiıoöóuūüúýy');

type Version = 2018 | 2021 | 0;

function versionOf(word: string): Version {
  if (/[áǵńóúý]/.test(word)) return 2018;
  if (/[äğñöūüş]/.test(word)) return 2021;
  return 0;
}

function isBackWord(word: string): boolean {
  let back = false;
  for (let k = 0; k < word.length; k++) {
    const ch = word.charAt(k);
    if (FRONT.includes(ch)) back = false;
    else if (BACK.includes(ch)) back = true;
  }
  return back;
}

const SIMPLE: Readonly<Record<string, string>> = {
  a: 'а', ä: 'ә', á: 'ә', b: 'б', c: 'с', ç: 'ч', d: 'д', e: 'е', é: 'е', f: 'ф', ğ: 'ғ', ǵ: 'ғ', h: 'х', j: 'ж',
  l: 'л', m: 'м', n: 'н', ñ: 'ң', ń: 'ң', o: 'о', ö: 'ө', ó: 'ө', p: 'п', q: 'қ', r: 'р', s: 'с', ş: 'ш', t: 'т',
  ū: 'ұ', ü: 'ү', ú: 'ү', ý: 'у', v: 'в', w: 'у', x: 'х', z: 'з',
};
const APOSTROPHE: Readonly<Record<string, string>> = {
  a: 'ә', g: 'ғ', n: 'ң', o: 'ө', u: 'ү', s: 'ш', c: 'ч', i: 'і', y: 'у',
};

/** Transliterates a normalised (lower-case) Latin Kazakh word into Kazakh Cyrillic. */
export function kazakhLatinToCyrillic(word: string): string {
  const version = versionOf(word);
  const back = isBackWord(word);
  const explicitQ = word.includes('q');
  const explicitG = /[ğǵ]/.test(word);
  // A word with ı and 2021 letters follows 2021 (ı = і, i = и/й); a lone ı is read as in 2018
  // (ı = и/й), the version most Latin Kazakh text online uses. Without ı, i is і in front-vowel
  // words and и in back-vowel ones (loans: respublika).
  const strict2021 = version === 2021 && word.includes('ı');
  let out = '';
  const n = word.length;
  for (let k = 0; k < n; k++) {
    const ch = word.charAt(k);
    const next = k + 1 < n ? word.charAt(k + 1) : '';
    const prev = k > 0 ? word.charAt(k - 1) : '';
    if (next === "'" && APOSTROPHE[ch] !== undefined) {
      out += APOSTROPHE[ch];
      k++;
      continue;
    }
    if (next === 'h' && 'sczkg'.includes(ch)) {
      out += ch === 's' ? 'ш' : ch === 'c' ? 'ч' : ch === 'z' ? 'ж' : ch === 'k' ? 'х' : 'ғ';
      k++;
      continue;
    }
    if (ch === 't' && next === 's' && version !== 0) {
      out += 'ц';
      k++;
      continue;
    }
    if (ch === 'n' && next === 'g' && (k + 2 >= n || !VOWEL.has(word.charAt(k + 2)))) {
      out += 'ң';
      k++;
      continue;
    }
    if (ch === 'y' || ch === 'ı' || ch === 'i') {
      const glide = (ch === 'y' && ((next !== '' && VOWEL.has(next) && next !== 'y') || 'aäáeéoöó'.includes(prev)))
        || (((ch === 'ı' && !strict2021) || (ch === 'i' && strict2021)) && (VOWEL.has(prev) || VOWEL.has(next)));
      if (glide) {
        // й, or я/ю/е with the next vowel
        if (next === 'a') { out += 'я'; k++; continue; }
        if (next === 'u' || next === 'ý') { out += 'ю'; k++; continue; }
        if (next === 'o' && ch === 'y') { out += 'е'; k++; continue; }
        out += VOWEL.has(prev) ? 'й' : 'и';
        continue;
      }
      if (ch === 'y') out += 'ы';
      else if (ch === 'ı') out += strict2021 ? 'і' : 'и';
      else out += version === 2018 ? 'і' : strict2021 ? 'и' : back ? 'и' : 'і';
      continue;
    }
    if (ch === 'k') {
      out += !explicitQ && version === 0 && back ? 'қ' : 'к';
      continue;
    }
    if (ch === 'g') {
      out += !explicitG && version === 0 && back ? 'ғ' : 'г';
      continue;
    }
    if (ch === 'u') {
      out += VOWEL.has(prev) ? 'у' : version === 2018 ? 'ұ' : 'у';
      continue;
    }
    if (ch === "'") continue;
    out += SIMPLE[ch] ?? ch;
  }
  return out;
}
