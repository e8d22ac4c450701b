import type { DocumentSummary } from './document';
import type { KindCode, LanguageCode } from './kinds';

export type SearchSort = 'relevance' | 'date';

export interface SearchRequest {
  query: string;
  /** Filters given outside the query text (UI controls, CLI flags); merged with `kind:`… in it. */
  kinds?: KindCode[];
  langs?: LanguageCode[];
  from?: string;
  to?: string;
  sort?: SearchSort;
  limit?: number;
  offset?: number;
  /** Best pages listed per document. */
  pagesPerHit?: number;
  /**
   * Search the words exactly as typed: a word found nowhere in the archive is not replaced by the
   * closest archive words ("search instead for …").
   */
  asTyped?: boolean;
}

export interface PageHit {
  page: number;
  /** Original text around the matches; matches are marked `[like this]`. */
  snippet: string;
  /** The page's text was recognised from a scan (OCR): it may contain misread letters. */
  ocr: boolean;
}

/** The other-language version of a hit (a translation pair), shown with it as one result. */
export interface TwinVersion {
  id: string;
  lang: LanguageCode | null;
  title: string;
}

export interface SearchHit extends DocumentSummary {
  score: number;
  pages: PageHit[];
  /**
   * Words of the query this document does not contain (as typed): set on documents that match
   * only part of the query ("not found: кабинет"), empty on documents that match all of it.
   */
  missing: string[];
  /** Found through the other language's words (the dictionary of official vocabulary). */
  viaTranslation: boolean;
  /** Its translation pair(s) in the archive, shown as one result with it. */
  twins: TwinVersion[];
}

/** A query word found nowhere in the archive, searched as the closest archive word instead. */
export interface WordCorrection {
  typed: string;
  searched: string;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchFacets {
  kind: FacetCount[];
  year: FacetCount[];
  lang: FacetCount[];
  issuer: FacetCount[];
}

export interface SearchResponse {
  query: string;
  /** Documents matching, over the whole result set. */
  total: number;
  tookMs: number;
  hits: SearchHit[];
  facets: SearchFacets;
  /** A rewritten query when words were not found in the archive, else null. */
  didYouMean: string | null;
  /**
   * Documents that contain every word of the query (or, marked viaTranslation, its other-language
   * words); the rest of `total` contain only some.
   */
  fullMatches: number;
  /** Question and filler words the search did not require (как, қалай, үшін…). */
  ignoredWords: string[];
  /**
   * Words found nowhere in the archive that were searched as the closest archive words
   * ("showing results for …"); empty when the query was searched as typed.
   */
  corrections: WordCorrection[];
  /**
   * The words the results match, for the client's highlighter: the query's words without the
   * question words left out, the words of their alternatives (an abbreviation's full form, the
   * other language's word) and the archive words that replaced typos. Empty for a query of
   * filters only.
   */
  highlightWords: string[];
  /** Warnings of the query parser (too long, bad filter value…), as codes. */
  warnings: string[];
  /**
   * When a query matches more passages than are ranked one by one, the newest of them are
   * ranked and the rest follow by date; `total` and facets still cover everything.
   */
  rankedPartially: boolean;
  /** On a very large result set, `total` is extrapolated from the newest passages (shown as “about”). */
  totalIsEstimate: boolean;
  /** On a very large result set, facets count the documents of the newest passages only. */
  facetsPartial: boolean;
}

/** A hit of the quick-open title and number finder. */
export interface QuickFindHit {
  id: string;
  title: string;
  number: string | null;
  score: number;
}
