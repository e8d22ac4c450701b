import type { DetectedMetadata } from '../../../shared/metadata';
import type { ExtractedDocument } from './extract/types';

/** Message to the extraction worker: the file's bytes (transferred, not copied) and its name. */
export interface ExtractRequest {
  bytes: Uint8Array;
  fileName: string;
}

export type ExtractResult =
  | { kind: 'extracted'; document: ExtractedDocument; detected: DetectedMetadata }
  | { kind: 'unsupported'; reason: string };
