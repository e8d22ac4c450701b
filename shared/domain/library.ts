import type { DocumentStatus, KindCode, LanguageCode, RelationType } from './kinds';
import type { DocumentDetection } from './detection';
import type { DocumentSummary } from './document';
import type { FacetCount } from './search';

export type LibrarySort = 'date' | 'title' | 'added' | 'number';

/** Browsing the archive without a query: by kind, year, issuer, language, tag, review state. */
export interface LibraryRequest {
  kinds?: KindCode[];
  years?: number[];
  issuers?: string[];
  langs?: LanguageCode[];
  tags?: string[];
  /** Only documents imported through the UI whose metadata is not yet confirmed. */
  reviewPending?: boolean;
  sort?: LibrarySort;
  /** Default: descending for date and added, ascending for title and number. */
  direction?: 'asc' | 'desc';
  limit?: number;
  offset?: number;
}

export interface LibraryItem extends DocumentSummary {
  tags: string[];
  reviewPending: boolean;
  /**
   * For documents waiting for review: what detection said (the uncertain fields to mark and their
   * candidates). Absent otherwise, so a page of the library stays small.
   */
  detection?: DocumentDetection;
}

export interface LibraryResponse {
  total: number;
  items: LibraryItem[];
  /** Counts over the documents matching the other filters (each facet ignores its own filter). */
  facets: { kind: FacetCount[]; year: FacetCount[]; lang: FacetCount[]; issuer: FacetCount[]; tag: FacetCount[] };
  reviewPending: number;
}

/** A change to a document's metadata: only the fields present are changed. */
export interface DocumentPatch {
  kind?: KindCode;
  title?: string;
  number?: string | null;
  /** ISO date YYYY-MM-DD or null. */
  date?: string | null;
  issuer?: string | null;
  council?: string | null;
  lang?: LanguageCode | null;
  status?: DocumentStatus;
  notes?: string;
  tags?: string[];
}

export interface RelationInput {
  fromId: string;
  toId: string;
  type: RelationType;
}
