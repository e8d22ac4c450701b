/**
 * Words of a question that are not what the asker looks for (docs/ARCHITECTURE.md §6.3): question
 * words, pronouns, particles, prepositions, conjunctions and the verbs of asking ("какие документы
 * нужны для …", "… қалай алуға болады", "можно ли …"). A query never requires them — an act
 * does not say "how" — so they never make a result disappear; a document that has them still
 * ranks a little higher through the ranking of the words it does contain.
 *
 * Compared in the loose alphabet (toLoose), so a word typed on a Russian keyboard (`калай`,
 * `ушин`) or in Latin script is recognised as well. Kept short on purpose: a word that can be the
 * subject of a search (документ, порядок, тәртіп, право) is not a filler word.
 */
import { toLoose } from './loose';
import { normalizeWord } from '../text/normalize';

const RUSSIAN = `
  как какой какая какое какие каких каким какими каком какую каков
  где куда откуда когда почему зачем сколько чей чья чьё чьи кто кого кому кем что чего чему чем
  ли же бы не ни вот разве неужели
  я мне меня мной мой моя моё мое мои моего моей моих мою
  мы нас нам нами наш наша наше наши
  вы вас вам вами ваш ваша ваше ваши ты тебе тебя твой
  он она оно они его ее её их ему ей им ими нем ней них
  этот эта это эти этого этой этих этому этим том тот та те
  в во на по о об обо от до для из с со у к ко за при про под над без через между перед
  и а но или либо да также тоже то
  нужно нужен нужна нужны надо необходимо можно нельзя должен должна должно должны
  хочу хотим хочет хотел могу может можем могут мог
  есть был была было были будет будут является являются
  пожалуйста подскажите скажите расскажите найти найдите покажите
`;

const KAZAKH = `
  қалай қандай қай қайда қайдан қайсы қашан неге неліктен не нені неде неше қанша кім кімге кімнің кімді
  ма ме ба бе па пе ғой ғана да де та те
  мен менің маған мені менде біз біздің бізге бізді сен сенің сіз сіздің сізге
  ол оның оған оны олар олардың бұл бұның осы сол ана мына
  және мен пен бен немесе әлде яғни
  үшін туралы бойынша арқылы дейін кейін бері сияқты
  керек қажет бола болады болама болса болу бар жоқ
  айтыңызшы көрсетіңіз табыңыз
`;

const FILLER = new Set(
  `${RUSSIAN} ${KAZAKH}`
    .split(/\s+/u)
    .filter(Boolean)
    .map((word) => toLoose(normalizeWord(word))),
);

/** True when a query word is a question or filler word (in any script or keyboard). */
export function isFillerWord(word: string): boolean {
  const normalized = normalizeWord(word);
  if (!normalized) return false;
  return FILLER.has(toLoose(normalized));
}
