/**
 * `muragat-file://document/<id>`: the desktop app's address for a document's stored original,
 * which the PDF viewer fetches. Main asks the core host where the file is (`files.locate`, by
 * document id, never by a path from the page) and streams it; a malformed id, an unknown
 * document or anything but GET is a 404/405, so no request can reach another file.
 */
import { contentDisposition } from '../../shared/content-disposition';
import { net, protocol } from 'electron';
import { pathToFileURL } from 'node:url';
import { FILE_PROTOCOL, type ContractOutput, type Result } from '../../shared/contract';
import { documentIdOfUrl } from './file-url';


/** Must run before `app` is ready: the scheme behaves like https (fetch, streaming, CORS). */
export function registerFileScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: FILE_PROTOCOL, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, corsEnabled: true } },
  ]);
}

export type LocateFile = (documentId: string) => Promise<Result<ContractOutput<'files.locate'>>>;

export function handleFileProtocol(locate: LocateFile): void {
  protocol.handle(FILE_PROTOCOL, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 });
    const id = documentIdOfUrl(request.url);
    if (!id) return new Response(null, { status: 404 });
    const located = await locate(id);
    if (!located.ok) return new Response(null, { status: 404 });
    const file = await net.fetch(pathToFileURL(located.value.path).toString());
    const download = new URL(request.url).searchParams.get('download') === '1';
    return new Response(file.body, {
      status: 200,
      headers: {
        'content-type': located.value.mediaType || 'application/octet-stream',
        'content-length': String(located.value.size),
        'content-disposition': contentDisposition(download ? 'attachment' : 'inline', located.value.originalName),
        'x-content-type-options': 'nosniff',
      },
    });
  });
}
