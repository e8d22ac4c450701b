import * as path from 'node:path';

/** A document with no title in its text or metadata is named after its file. */
export function fallbackTitle(fileName: string): string {
  return path.parse(fileName).name.replace(/_+/g, ' ').trim() || fileName;
}

/** The title a document gets: what staff typed, else what detection found, else the file's own. */
export function chooseTitle(override: string | undefined, detected: string | null, embedded: string | undefined, fileName: string): string {
  const fallback = fallbackTitle(fileName);
  return (override ?? detected ?? embedded ?? fallback).trim().slice(0, 1000) || fallback;
}
