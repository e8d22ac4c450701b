/** Parsing `muragat-file://document/<id>` (kept free of `electron` so it can be unit-tested). */
import { FILE_PROTOCOL } from '../../shared/contract';

/** Document ids are UUIDs: anything else (a path, `..`, an encoded slash) names no file. */
const DOCUMENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The document id named by a `muragat-file://document/<id>` URL, or null. */
export function documentIdOfUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${FILE_PROTOCOL}:` || parsed.hostname !== 'document') return null;
  let id: string;
  try {
    id = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  } catch {
    return null;
  }
  return DOCUMENT_ID.test(id) ? id : null;
}
