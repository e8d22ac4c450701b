import type { DetectedMetadata } from '../../../shared/metadata';
import type { PreparedIndex } from '../search/indexer';
import type { ExtractedDocument } from './extract/types';

/** Message to the extraction worker: the file's bytes (transferred, not copied) and its name. */
export interface ExtractRequest {
  bytes: Uint8Array;
  fileName: string;
}

export type ExtractResult =
  | {
      kind: 'extracted';
      document: ExtractedDocument;
      detected: DetectedMetadata;
      /** Index rows for the detected title, number and language (reused unless overridden). */
      index: PreparedIndex;
      /** The title the rows were prepared with (detection can leave it empty). */
      indexedTitle: string;
    }
  | { kind: 'unsupported'; reason: string };
