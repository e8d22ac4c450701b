/**
 * Kazakh suffix stripper (docs/ARCHITECTURE.md §6.1 step 3). Pure, no dictionary beyond a few root lists.
 *
 * A Kazakh noun is `root (+ derivation) (+ plural) (+ possessive) (+ case) (+ predicate)`. The
 * stemmer strips inflection in reverse order of attachment — predicate, case, possessive, plural —
 * and keeps derivational suffixes (-лық/-лік, -шы/-ші, -лы/-лі, -ғы/-гі, -сыз/-сіз …), so
 * `қоғамдық` stays `қоғамдық` and `облыстық` stays apart from `облыс`.
 *
 * Each suffix is accepted only where Kazakh phonotactics put that allomorph: `-тың` after a
 * voiceless consonant, `-ның` after a vowel or м/н/ң, `-нда`/`-на`/`-н` only after a
 * third-person possessive (`облыс-ы-нда`), `-а`/`-е` only after a first/second-person singular
 * possessive, and the suffix vowel must agree in backness with the last vowel of what remains
 * (vowel harmony). That alone blocks most false cuts of short or foreign words.
 *
 * What remains ambiguous without a dictionary is where the root ends:
 *   - `кеңесі` is кеңес+і, `мәселесі` is мәселе+сі;
 *   - `ауданы` is аудан+ы, `қаланы` is қала+ны;
 *   - `тұрғын` is a root, `шешімін` is шешім+і+н;
 *   - `қаулы` is a root, `жылы` is жыл+ы.
 * Defaults pick the reading that is right for most words (see `ROOTS` in kazakh-lexicon.ts for
 * the exceptions, collected from corpus evidence: a root ending in a consonant shows up with
 * consonant-conditioned allomorphs such as `кеңестер`, `кеңеске`).
 *
 * The remaining stem never goes below two letters with a vowel, and its final б/г/ғ is always
 * devoiced (б→п, г→к, ғ→қ): `кітабы` → кітап, `жүрегі` → жүрек, and a bare loan such as `клуб`
 * gets the same key as its inflected forms.
 *
 * The same engine runs on a second alphabet, the folded "loose" one (ә→а, і→и, қ→к …), built by
 * folding every table: see `stemLooseKazakh` and loose.ts.
 */

import {
  KAZAKH_ELISION,
  KAZAKH_N_ROOTS,
  KAZAKH_PROTECTED,
  KAZAKH_S_ROOTS,
  KAZAKH_VOWEL_ROOTS,
  KAZAKH_WHOLE_ROOTS,
} from './kazakh-lexicon';

type Needs = 'poss3' | 'poss12' | undefined;
type Harmony = 0 | 1 | 2;

interface Rule {
  suffix: string;
  /** Membership table over char codes (< TABLE_SIZE) of letters the remainder may end with; null = any. */
  after: Uint8Array | null;
  /** 1 back vowel, 2 front vowel, 0 no harmony (м/н endings, invariant -мен). */
  harmony: Harmony;
  needs: Needs;
  /** Minimum length of the remainder. */
  minRest: number;
}

interface PossRule {
  suffix: string;
  last: number;
  afterVowel: boolean;
  harmony: Harmony;
  minRest: number;
}

// Letter flags, indexed by char code (every letter of both alphabets is below TABLE_SIZE).
const TABLE_SIZE = 0x500;
const VOWEL = 1; // syllabic: a stem needs one
const CTX_VOWEL = 2; // a vowel as allomorph context
const BACK = 4;
const FRONT = 8;
const CONSONANT = 16;
const SURE_CONSONANT = 32; // not also a vowel in this alphabet
const POSS3 = 64; // ы / і
const ATTRIBUTIVE = 128; // ғ г қ к
const GLIDE = 256; // loose и: a consonant (й) after a vowel
const MAYBE_BACK_VOWEL = 512; // у, ю: a back vowel between consonants (минут, бюджет), else neutral

/** An alphabet and the tables compiled for it. */
interface Profile {
  flags: Uint16Array;
  /** Rules by the char code of their last letter. */
  caseRules: readonly (readonly Rule[] | undefined)[];
  pluralRules: readonly (readonly Rule[] | undefined)[];
  predicateRules: readonly (readonly Rule[] | undefined)[];
  possOther: readonly PossRule[];
  /** 1st/2nd person singular possessives, only stripped when a dative -а/-е requires them. */
  poss12: readonly PossRule[];
  y: number; // ы
  e: number; // е
  s: number; // с
  sh: number; // ш
  n: number; // н
  devoice: ReadonlyMap<number, string>;
  protectedWords: ReadonlySet<string>;
  sRoots: ReadonlySet<string>;
  nRoots: ReadonlySet<string>;
  nRootEndings: readonly string[];
  vowelRoots: ReadonlySet<string>;
  elision: ReadonlyMap<string, string>;
  /** Whether vowel letters tell their harmony class: the loose alphabet only partly does. */
  strictHarmony: boolean;
}

// ---------------------------------------------------------------------------------------------
// The rule inventory, in Kazakh Cyrillic. Context classes:
//   V vowels (not у: оқу-ы, су-ға), N м н ң, S л р й у, Z ж з,
//   L voiceless consonants and б в г д ғ (loans end in them and take voiceless allomorphs)
// ---------------------------------------------------------------------------------------------

const KZ_VOWELS = 'аәеёиоөуұүыіэюя';
/** Vowels as allomorph context; stems ending in ұ/ү/ю are too rare to matter. */
const KZ_CONTEXT_VOWELS = 'аәеёиоөыіэя';
const KZ_BACK = 'аоұыяё';
const KZ_FRONT = 'әеөүіиэ';
const KZ_CONSONANTS = 'бвгғджзйклмнңпрстфхһцчшщ';
const CLASSES: Readonly<Record<string, string>> = {
  V: KZ_CONTEXT_VOWELS,
  N: 'мнң',
  S: 'лрйу',
  Z: 'жз',
  L: 'кқпстфхцчшщһбвгдғ',
};

/** [suffix, context, needs?, minRest?] — context: class letters, then `|` and literal letters. */
type Spec = readonly [string, string, Needs?, number?];

const CASE_SPEC: readonly Spec[] = [
  // genitive
  ['ның', 'VN'], ['нің', 'VN'], ['дың', 'SZ'], ['дің', 'SZ'], ['тың', 'L'], ['тің', 'L'],
  // accusative
  ['ны', 'V'], ['ні', 'V'], ['ды', 'NSZ'], ['ді', 'NSZ'], ['ты', 'L'], ['ті', 'L'], ['н', '', 'poss3'],
  // dative
  ['ға', 'VNSZ'], ['ге', 'VNSZ'], ['қа', 'L'], ['ке', 'L'], ['на', '', 'poss3'], ['не', '', 'poss3'],
  ['а', '', 'poss12'], ['е', '', 'poss12'],
  // locative
  ['да', 'VNSZ'], ['де', 'VNSZ'], ['та', 'L'], ['те', 'L'], ['нда', '', 'poss3'], ['нде', '', 'poss3'],
  // ablative
  ['дан', 'VSZ'], ['ден', 'VSZ'], ['тан', 'L'], ['тен', 'L'], ['нан', 'N'], ['нен', 'N'],
  ['нан', '', 'poss3'], ['нен', '', 'poss3'],
  // instrumental (invariant vowel)
  ['мен', 'VNS'], ['бен', 'SZ'], ['пен', 'L'], ['менен', 'VNS'], ['бенен', 'SZ'], ['пенен', 'L'],
  // attributive locative
  ['дағы', 'VNSZ'], ['дегі', 'VNSZ'], ['тағы', 'L'], ['тегі', 'L'], ['ндағы', '', 'poss3'], ['ндегі', '', 'poss3'],
  // equative (also a derivational suffix: only after a consonant and a 4-letter remainder)
  ['ша', 'NSZL', undefined, 4], ['ше', 'NSZL', undefined, 4],
];

const PLURAL_SPEC: readonly Spec[] = [
  ['лар', 'V|рйу'], ['лер', 'V|рйу'], ['дар', 'NZ|л'], ['дер', 'NZ|л'], ['тар', 'L'], ['тер', 'L'],
];

/**
 * Personal predicate endings, only where they cannot be a possessive + accusative: -мын/-мін
 * is left alone (шешім-і-н reads the same as шеші-мін).
 */
const PREDICATE_SPEC: readonly Spec[] = [
  ['бын', 'Z', undefined, 3], ['бін', 'Z', undefined, 3],
  ['пын', 'L', undefined, 3], ['пін', 'L', undefined, 3], ['быз', 'Z', undefined, 3], ['біз', 'Z', undefined, 3],
  ['пыз', 'L', undefined, 3], ['піз', 'L', undefined, 3],
  ['сыңдар', '', undefined, 3], ['сіңдер', '', undefined, 3], ['сыздар', '', undefined, 3], ['сіздер', '', undefined, 3],
];

/** [suffix, attaches after a vowel (else after a consonant), minimum remainder] */
const POSS_OTHER_SPEC: readonly (readonly [string, boolean, number])[] = [
  ['ымыз', false, 2], ['іміз', false, 2], ['мыз', true, 3], ['міз', true, 3],
  ['ыңыз', false, 2], ['іңіз', false, 2], ['ңыз', true, 3], ['ңіз', true, 3],
];
/** Only after a consonant: a vowel + -м-а reads the same as the derivational -ма (бағдарлама). */
const POSS12_SPEC: readonly (readonly [string, boolean, number])[] = [
  ['ым', false, 3], ['ім', false, 3], ['ың', false, 3], ['ің', false, 3],
];

const KZ_DEVOICE: Readonly<Record<string, string>> = { б: 'п', г: 'к', ғ: 'қ' };
const INVARIANT = new Set(['мен', 'бен', 'пен', 'менен', 'бенен', 'пенен']);

// ---------------------------------------------------------------------------------------------
// Compilation
// ---------------------------------------------------------------------------------------------

type Fold = (text: string) => string;

function harmonyOf(suffix: string): Harmony {
  for (const ch of suffix) {
    if (KZ_BACK.includes(ch)) return 1;
    if (KZ_FRONT.includes(ch)) return 2;
  }
  return 0;
}

function code(ch: string): number {
  const c = ch.charCodeAt(0);
  if (c >= TABLE_SIZE) throw new Error(`stemmer alphabet letter out of range: ${ch}`);
  return c;
}

function contextTable(context: string, fold: Fold): Uint8Array | null {
  if (context === '') return null;
  const [classes = '', literal = ''] = context.split('|');
  let letters = literal;
  for (const cls of classes) letters += CLASSES[cls] ?? '';
  const table = new Uint8Array(TABLE_SIZE);
  for (const ch of fold(letters)) table[code(ch)] = 1;
  return table;
}

function compileRules(specs: readonly Spec[], fold: Fold, minFloor: number): (Rule[] | undefined)[] {
  const byLast: (Rule[] | undefined)[] = new Array<Rule[] | undefined>(TABLE_SIZE).fill(undefined);
  for (const [rawSuffix, context, needs, minRest] of specs) {
    const suffix = fold(rawSuffix);
    const last = suffix.charCodeAt(suffix.length - 1);
    const list = byLast[last] ?? [];
    list.push({
      suffix,
      after: contextTable(context, fold),
      harmony: INVARIANT.has(rawSuffix) ? 0 : harmonyOf(rawSuffix),
      needs,
      minRest: Math.max(minRest ?? 2, minFloor),
    });
    byLast[last] = list;
  }
  for (const list of byLast) list?.sort((a, b) => b.suffix.length - a.suffix.length);
  return byLast;
}

function buildProfile(fold: Fold, strictHarmony: boolean): Profile {
  // In the loose alphabet a suffix is harder to tell from the end of a root (заңы folds to
  // заны: -ны or -ы?), so a loose stem keeps at least three letters: заны → зан, not за.
  const minFloor = strictHarmony ? 2 : 3;
  const flags = new Uint16Array(TABLE_SIZE);
  const mark = (letters: string, flag: number) => {
    for (const ch of fold(letters)) flags[code(ch)]! |= flag;
  };
  mark(KZ_VOWELS, VOWEL);
  mark(KZ_CONTEXT_VOWELS, CTX_VOWEL);
  mark(KZ_CONSONANTS, CONSONANT);
  mark('ыі', POSS3);
  mark('ғгқк', ATTRIBUTIVE);
  mark('ую', MAYBE_BACK_VOWEL);
  if (strictHarmony) {
    mark(KZ_BACK, BACK);
    mark(KZ_FRONT, FRONT);
  } else {
    // Folded letters keep their class only when every letter folded into them has it.
    mark('ы', BACK);
    mark('е', FRONT);
  }
  for (let c = 0; c < TABLE_SIZE; c++) {
    if ((flags[c]! & CONSONANT) !== 0 && (flags[c]! & VOWEL) === 0) flags[c]! |= SURE_CONSONANT;
  }
  if (!strictHarmony) flags[code(fold('й'))]! |= GLIDE;

  const possRules = (spec: readonly (readonly [string, boolean, number])[]) =>
    spec.map(([suffix, afterVowel, minRest]) => {
      const folded = fold(suffix);
      return { suffix: folded, last: folded.charCodeAt(folded.length - 1), afterVowel, harmony: harmonyOf(suffix), minRest: Math.max(minRest, minFloor) };
    });
  const devoice = new Map<number, string>();
  for (const [from, to] of Object.entries(KZ_DEVOICE)) {
    const f = fold(from);
    const t = fold(to);
    if (f !== t) devoice.set(code(f), t);
  }
  const foldList = (words: readonly string[]) => new Set(words.map(fold));
  const elision = new Map<string, string>();
  for (const [from, to] of KAZAKH_ELISION) elision.set(fold(from), fold(to));
  return {
    flags,
    caseRules: compileRules(CASE_SPEC, fold, minFloor),
    pluralRules: compileRules(PLURAL_SPEC, fold, minFloor),
    predicateRules: compileRules(PREDICATE_SPEC, fold, minFloor),
    possOther: possRules(POSS_OTHER_SPEC),
    poss12: possRules(POSS12_SPEC),
    y: code(fold('ы')),
    e: code(fold('е')),
    s: code(fold('с')),
    sh: code(fold('ш')),
    n: code(fold('н')),
    devoice,
    // a bare listed root is a root: аудан is not ау+дан, кеңес not кеңе+с
    protectedWords: foldList([
      ...KAZAKH_PROTECTED,
      ...KAZAKH_WHOLE_ROOTS,
      ...KAZAKH_S_ROOTS,
      ...KAZAKH_N_ROOTS,
      ...KAZAKH_VOWEL_ROOTS,
    ]),
    sRoots: foldList(KAZAKH_S_ROOTS),
    nRoots: foldList(KAZAKH_N_ROOTS),
    nRootEndings: ['ған', 'ген', 'қан', 'кен', 'стан'].map(fold),
    vowelRoots: foldList(KAZAKH_VOWEL_ROOTS),
    elision,
    strictHarmony,
  };
}

// ---------------------------------------------------------------------------------------------
// The engine
// ---------------------------------------------------------------------------------------------

function flagAt(p: Profile, word: string, index: number): number {
  const c = word.charCodeAt(index);
  return c < TABLE_SIZE ? p.flags[c]! : 0;
}

/** Index of the first vowel of the word being stemmed: a remainder must reach past it. */
let firstVowel = 0;

/** A remainder long enough to be a stem: `minRest` letters and a vowel. */
function viable(rest: string, minRest: number): boolean {
  return rest.length >= minRest && rest.length > firstVowel;
}

/** Is the letter at `index` a vowel for allomorph choice? (Loose и after a vowel is й.) */
function contextVowelAt(p: Profile, word: string, index: number): boolean {
  const f = flagAt(p, word, index);
  if ((f & CTX_VOWEL) === 0) return false;
  if ((f & GLIDE) !== 0 && index > 0 && (flagAt(p, word, index - 1) & VOWEL) !== 0) return false;
  return true;
}

function consonantAt(p: Profile, word: string, index: number): boolean {
  return (flagAt(p, word, index) & CONSONANT) !== 0 || !contextVowelAt(p, word, index);
}

/**
 * Does the suffix vowel agree with the last vowel of the remainder? у/ю between consonants
 * accept either class (loans); elsewhere they are glides and are skipped (тексеру-лер).
 * The loose alphabet only knows ы (back) and е (front).
 */
function harmonyOk(p: Profile, rest: string, harmony: Harmony): boolean {
  if (harmony === 0) return true;
  for (let k = rest.length - 1; k >= 0; k--) {
    const f = flagAt(p, rest, k);
    if ((f & (BACK | FRONT)) !== 0) return (f & BACK) !== 0 ? harmony === 1 : harmony === 2;
    if ((f & MAYBE_BACK_VOWEL) !== 0 && p.strictHarmony && k > 0 && k < rest.length - 1) {
      // у/ю between consonants is a vowel of a loan, whose harmony varies (минут-қа, округ-і)
      if ((flagAt(p, rest, k - 1) & SURE_CONSONANT) !== 0 && (flagAt(p, rest, k + 1) & SURE_CONSONANT) !== 0) return true;
    }
    if ((f & VOWEL) !== 0 && !p.strictHarmony) return true; // а о у и: either class
  }
  return true;
}

function tableOk(rest: string, after: Uint8Array | null): boolean {
  if (after === null) return true;
  const c = rest.charCodeAt(rest.length - 1);
  return c < TABLE_SIZE && after[c] === 1;
}

/**
 * Strips a third-person possessive (-ы/-і after a consonant, -сы/-сі after a vowel) from `word`.
 * Returns the remainder, or null when the word does not end in one.
 */
function stripPoss3(p: Profile, word: string): string | null {
  const lastIndex = word.length - 1;
  if (lastIndex < 1 || (flagAt(p, word, lastIndex) & POSS3) === 0) return null;
  if (p.vowelRoots.has(word)) return null; // қаулы, елбасы: the vowel is the root's
  const harmony: Harmony = word.charCodeAt(lastIndex) === p.y ? 1 : 2;
  const rest1 = word.slice(0, -1); // reading: consonant root + ы/і
  const before = rest1.charCodeAt(rest1.length - 1);
  if (before === p.s && rest1.length >= 2 && contextVowelAt(p, rest1, rest1.length - 2)) {
    // `…Vсы`: a vowel root + -сы (республика-сы) or a root in -с + -ы (кеңес-і)?
    const rest2 = word.slice(0, -2);
    let sRoot: boolean;
    if (p.sRoots.has(rest1)) sRoot = true;
    else if (p.vowelRoots.has(rest2)) sRoot = false;
    else if ((flagAt(p, rest2, rest2.length - 1) & POSS3) !== 0) {
      // `…ысы`: облыс-ы, жұмыс-ы (deverbal -ыс) unless the root ends in -шы/-ші (басшы-сы)
      sRoot = !(rest2.length >= 2 && rest2.charCodeAt(rest2.length - 2) === p.sh);
    } else sRoot = rest2.length < 3;
    if (!sRoot && viable(rest2, 2) && harmonyOk(p, rest2, harmony)) return rest2;
    return viable(rest1, 2) && harmonyOk(p, rest1, harmony) ? rest1 : null;
  }
  if (contextVowelAt(p, rest1, rest1.length - 1)) return null; // a vowel root takes -сы, not -ы
  if (before === p.sh) return null; // -шы/-ші is derivational (басшы, бірінші)
  // -ғы/-гі/-қы/-кі after a consonant is the attributive (жылғы, бүгінгі, ішкі), not к/қ + -ы;
  // except in roots that drop a vowel (халық → халқы)
  if (
    (flagAt(p, rest1, rest1.length - 1) & ATTRIBUTIVE) !== 0 &&
    rest1.length >= 2 &&
    (flagAt(p, rest1, rest1.length - 2) & SURE_CONSONANT) !== 0 &&
    !p.elision.has(rest1)
  ) {
    return null;
  }
  if (!viable(rest1, 2) || !harmonyOk(p, rest1, harmony)) return null;
  return rest1;
}

function stripPossOther(p: Profile, word: string, list: readonly PossRule[]): string | null {
  const last = word.charCodeAt(word.length - 1);
  for (const rule of list) {
    if (rule.last !== last || !word.endsWith(rule.suffix)) continue;
    const rest = word.slice(0, -rule.suffix.length);
    if (rest.length === 0) continue;
    const prevVowel = contextVowelAt(p, rest, rest.length - 1);
    if (rule.afterVowel ? !prevVowel : !consonantAt(p, rest, rest.length - 1)) continue;
    // -ш-ымыз is the derivational -шы + -мыз (тілші-міз), not ш + -іміз
    if (!rule.afterVowel && rest.charCodeAt(rest.length - 1) === p.sh) continue;
    if (!viable(rest, rule.minRest) || !harmonyOk(p, rest, rule.harmony)) continue;
    return rest;
  }
  return null;
}

function rulesFor(table: readonly (readonly Rule[] | undefined)[], word: string): readonly Rule[] | undefined {
  const last = word.charCodeAt(word.length - 1);
  return last < TABLE_SIZE ? table[last] : undefined;
}

function applyRules(p: Profile, word: string, table: readonly (readonly Rule[] | undefined)[]): string | null {
  const rules = rulesFor(table, word);
  if (rules === undefined) return null;
  for (const rule of rules) {
    if (!word.endsWith(rule.suffix)) continue;
    const rest = word.slice(0, -rule.suffix.length);
    if (!viable(rest, rule.minRest) || !tableOk(rest, rule.after) || !harmonyOk(p, rest, rule.harmony)) continue;
    return rest;
  }
  return null;
}

/**
 * Does `word` end in a root-final н? Listed roots, the participles in -ған/-ген/-қан/-кен
 * (болған-ы is болған+ы, not болға+ны) and names in -стан.
 */
function isNRoot(p: Profile, word: string): boolean {
  if (p.nRoots.has(word)) return true;
  if (word.length < 5 || word.charCodeAt(word.length - 1) !== p.n) return false;
  for (const ending of p.nRootEndings) if (word.endsWith(ending)) return true;
  return false;
}

/** The case layer. Returns the remainder and whether it already lost its possessive. */
function stripCase(p: Profile, word: string): { rest: string; possDone: boolean } | null {
  const rules = rulesFor(p.caseRules, word);
  if (rules === undefined) return null;
  for (const rule of rules) {
    if (!word.endsWith(rule.suffix)) continue;
    const rest = word.slice(0, -rule.suffix.length);
    if (rest.length === 0) continue;
    if (rule.needs === 'poss3') {
      // -нда/-ндағы/-н after ы/і: unless the root itself ends in -ын/-ін (тұрғын-да, тұрғын)
      if (isNRoot(p, word.slice(0, word.length - rule.suffix.length + 1))) continue;
      if ((flagAt(p, rest, rest.length - 1) & POSS3) === 0 || !harmonyOk(p, rest, rule.harmony)) continue;
      const stem = stripPoss3(p, rest);
      if (stem === null) continue;
      return { rest: stem, possDone: true };
    }
    if (rule.needs === 'poss12') {
      if (!harmonyOk(p, rest, rule.harmony)) continue;
      const stem = stripPossOther(p, rest, p.poss12);
      if (stem === null) continue;
      return { rest: stem, possDone: true };
    }
    if (!viable(rest, rule.minRest) || !tableOk(rest, rule.after) || !harmonyOk(p, rest, rule.harmony)) continue;
    // accusative -ны/-ні after a vowel, unless the word is a root in -н + possessive -ы (аудан-ы)
    if (rule.suffix.length === 2 && rule.suffix.charCodeAt(0) === p.n && isNRoot(p, word.slice(0, -1))) continue;
    return { rest, possDone: false };
  }
  return null;
}

function finish(p: Profile, stem: string): string {
  const elided = p.elision.get(stem);
  if (elided !== undefined) return elided;
  const devoiced = p.devoice.get(stem.charCodeAt(stem.length - 1));
  if (devoiced !== undefined && stem.length >= 2) return stem.slice(0, -1) + devoiced;
  return stem;
}

function stemWith(p: Profile, word: string): string {
  if (word.length < 3 || p.protectedWords.has(word)) return word;
  firstVowel = word.length;
  for (let k = 0; k < word.length; k++) {
    if ((flagAt(p, word, k) & VOWEL) !== 0) {
      firstVowel = k;
      break;
    }
  }
  if (firstVowel === word.length) return word;
  // Each layer stops the descent as soon as what remains is a known root or function word
  // (солар-дың stays солар, аудан-да stays аудан).
  let w = word;
  const predicate = applyRules(p, w, p.predicateRules);
  if (predicate !== null) w = predicate;
  let possDone = false;
  const cased = stripCase(p, w);
  if (cased !== null) {
    w = cased.rest;
    possDone = cased.possDone;
    if (p.protectedWords.has(w)) return finish(p, w);
  }
  if (!possDone) {
    const poss = stripPossOther(p, w, p.possOther) ?? stripPoss3(p, w);
    if (poss !== null) {
      w = poss;
      if (p.protectedWords.has(w)) return finish(p, w);
    }
  }
  const plural = applyRules(p, w, p.pluralRules);
  if (plural !== null) w = plural;
  return finish(p, w);
}

// ---------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------

const KAZAKH_PROFILE = buildProfile((text) => text, true);

/**
 * Stems a normalised (lower-case, NFC, homoglyph-repaired) Kazakh Cyrillic word.
 * Words it does not recognise as inflected come back unchanged (apart from final devoicing).
 */
export function stemKazakh(word: string): string {
  return stemWith(KAZAKH_PROFILE, word);
}

/**
 * Builds a stemmer for text already folded by `fold` (used for the loose alphabet, where the
 * suffix tables, letter classes and root lists are folded the same way). `fold` must map Kazakh
 * Cyrillic letters into Cyrillic letters.
 */
export function createFoldedKazakhStemmer(fold: (text: string) => string): (word: string) => string {
  const profile = buildProfile(fold, false);
  return (word) => stemWith(profile, word);
}
