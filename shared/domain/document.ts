import type { DocumentStatus, KindCode, LanguageCode, RelationType } from './kinds';

/** A document as lists and search results show it. */
export interface DocumentSummary {
  id: string;
  kind: KindCode;
  title: string;
  number: string | null;
  /** ISO date, YYYY-MM-DD. */
  date: string | null;
  issuer: string | null;
  lang: LanguageCode | null;
  status: DocumentStatus;
  pageCount: number;
  needsOcr: boolean;
  /** Original name of the document's main file. */
  file: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface StoredFileInfo {
  sha256: string;
  size: number;
  mediaType: string;
  format: string;
  originalName: string;
  encoding: string | null;
  addedAt: string;
}

export interface PageText {
  pageNo: number;
  text: string;
  textSource: 'text' | 'ocr' | 'none';
  needsOcr: boolean;
}

export interface DocumentRelation {
  type: RelationType;
  /** 'outgoing': this document → other; 'incoming': other → this document. */
  direction: 'outgoing' | 'incoming';
  otherId: string;
  otherTitle: string;
}

export interface DocumentDetails extends DocumentSummary {
  council: string | null;
  notes: string;
  source: string | null;
  tags: string[];
  files: StoredFileInfo[];
  relations: DocumentRelation[];
  origin: string;
  version: string;
}

/** Fields staff may set at import or edit later. `undefined` leaves the detected value. */
export interface DocumentFieldOverrides {
  kind?: KindCode;
  title?: string;
  number?: string | null;
  date?: string | null;
  issuer?: string | null;
  lang?: LanguageCode | null;
  status?: DocumentStatus;
  council?: string | null;
  tags?: string[];
}

export interface ArchiveStats {
  archiveId: string;
  archiveName: string;
  documents: number;
  pages: number;
  needsOcr: number;
  files: number;
  storedBytes: number;
  databaseBytes: number;
  byKind: Record<string, number>;
  byLang: Record<string, number>;
  byYear: Record<string, number>;
}
