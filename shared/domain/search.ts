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
}

export interface PageHit {
  page: number;
  /** Original text around the matches; matches are marked `[like this]`. */
  snippet: string;
  /** The page's text was recognised from a scan (OCR): it may contain misread letters. */
  ocr: boolean;
}

export interface SearchHit extends DocumentSummary {
  score: number;
  pages: PageHit[];
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
