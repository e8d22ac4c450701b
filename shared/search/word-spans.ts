/**
 * The query's plain words as one token stream, for providers of alternatives that recognise
 * several tokens together (a date, a grouped number): the recogniser sees the words as the
 * indexer sees a text — `10.03.2017` is three tokens with dots between them, `10 марта 2017` three
 * tokens with spaces — and its token spans are mapped back to whole query words.
 */
import { tokenize } from './tokenize';

export interface WordStream {
  /** The words of one run, joined by single spaces. */
  text: string;
  /** Tokens of `text` (normalised), with offsets. */
  exact: string[];
  starts: number[];
  ends: number[];
  /** Index (into the provider's word list) of the word each token belongs to. */
  wordOf: number[];
  /** Whether the token is the first / last token of its word. */
  opensWord: boolean[];
  closesWord: boolean[];
}

/**
 * One stream per run of consecutive plain words (a span never crosses a null: a phrase, a prefix
 * or an OR group between words).
 */
export function wordStreams(words: ReadonlyArray<string | null>): WordStream[] {
  const streams: WordStream[] = [];
  let current: WordStream | null = null;
  words.forEach((word, index) => {
    if (word === null) {
      current = null;
      return;
    }
    if (current === null) {
      current = { text: '', exact: [], starts: [], ends: [], wordOf: [], opensWord: [], closesWord: [] };
      streams.push(current);
    } else current.text += ' ';
    const offset = current.text.length;
    current.text += word;
    const tokens = tokenize(word);
    tokens.forEach((token, k) => {
      current!.exact.push(token.text);
      current!.starts.push(offset + token.start);
      current!.ends.push(offset + token.end);
      current!.wordOf.push(index);
      current!.opensWord.push(k === 0);
      current!.closesWord.push(k === tokens.length - 1);
    });
  });
  return streams;
}
