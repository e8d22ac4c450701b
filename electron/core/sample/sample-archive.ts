/**
 * The sample archive that browser mode opens when no data folder is given, so a new user sees a
 * working archive at once. Built from `resources/sample/` (a handful of official acts and its
 * `sample.json`) into a folder of the system's temp directory, named after a hash of the
 * resources and the app version: built once, reused after, rebuilt when either changes. It is
 * built in a staging folder and renamed into place, so a half-built sample is never opened.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentFieldOverrides } from '../../../shared/domain/document';
import type { DocumentStatus, KindCode, LanguageCode } from '../../../shared/domain/kinds';
import { MuragatError } from '../../../shared/errors';
import { openArchive, type OpenArchiveOptions } from '../archive';
import { addRelation } from '../documents/edit';

interface SampleDocument {
  file: string;
  kind?: KindCode;
  title?: string;
  number?: string;
  date?: string;
  issuer?: string;
  lang?: LanguageCode;
  status?: DocumentStatus;
  tags?: string[];
  /** The file of the document this one translates (Kazakh ⇄ Russian). */
  translationOf?: string;
}

interface SampleManifest {
  name: string;
  documents: SampleDocument[];
}

const MANIFEST = 'sample.json';
const READY_MARK = '.sample-ready';

function readManifest(sampleDir: string): SampleManifest {
  const file = path.join(sampleDir, MANIFEST);
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SampleManifest;
  } catch (error) {
    throw new MuragatError('NOT_FOUND', `the sample archive's ${file} cannot be read: ${(error as Error).message}`);
  }
}

function fingerprint(sampleDir: string, manifest: SampleManifest, version: string): string {
  const hash = createHash('sha256').update(version).update(JSON.stringify(manifest));
  for (const doc of manifest.documents) hash.update(fs.readFileSync(path.join(sampleDir, doc.file)));
  return hash.digest('hex').slice(0, 16);
}

export interface SampleArchiveOptions extends Pick<OpenArchiveOptions, 'extractWorkerUrl' | 'nativeBinding'> {
  /** resources/sample */
  sampleDir: string;
  version: string;
  /** Where sample archives are kept (default: the system temp folder). */
  cacheDir?: string;
}

/** The data folder of the sample archive, built if it is not there yet. */
export async function ensureSampleArchive(options: SampleArchiveOptions): Promise<string> {
  const manifest = readManifest(options.sampleDir);
  const cacheDir = options.cacheDir ?? os.tmpdir();
  const dataDir = path.join(cacheDir, `muragat-sample-${fingerprint(options.sampleDir, manifest, options.version)}`);
  if (fs.existsSync(path.join(dataDir, READY_MARK))) return dataDir;

  const staging = `${dataDir}.building-${process.pid}`;
  await fsp.rm(staging, { recursive: true, force: true });
  const archive = await openArchive({
    dataDir: staging,
    name: manifest.name,
    ...(options.extractWorkerUrl ? { extractWorkerUrl: options.extractWorkerUrl } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  try {
    const idByFile = new Map<string, string>();
    for (const doc of manifest.documents) {
      const overrides: DocumentFieldOverrides = {};
      if (doc.kind) overrides.kind = doc.kind;
      if (doc.title) overrides.title = doc.title;
      if (doc.number) overrides.number = doc.number;
      if (doc.date) overrides.date = doc.date;
      if (doc.issuer) overrides.issuer = doc.issuer;
      if (doc.lang) overrides.lang = doc.lang;
      if (doc.status) overrides.status = doc.status;
      if (doc.tags) overrides.tags = doc.tags;
      let id: string | undefined;
      let failure: string | undefined;
      await archive.importPaths([path.join(options.sampleDir, doc.file)], {
        overrides,
        onFile: (result) => {
          id = result.id ?? result.duplicateOf;
          failure = result.error?.message;
        },
      });
      if (!id) throw new MuragatError('INTERNAL', `the sample file ${doc.file} did not import: ${failure ?? 'unknown reason'}`);
      idByFile.set(doc.file, id);
    }
    for (const doc of manifest.documents) {
      const original = doc.translationOf ? idByFile.get(doc.translationOf) : undefined;
      const self = idByFile.get(doc.file);
      if (original && self) addRelation(archive.context, { fromId: self, toId: original, type: 'translation_of' });
    }
  } finally {
    await archive.close();
  }
  await fsp.writeFile(path.join(staging, READY_MARK), new Date().toISOString());
  try {
    await fsp.rename(staging, dataDir);
  } catch (error) {
    // Another process finished the same sample first: use it and drop ours.
    await fsp.rm(staging, { recursive: true, force: true });
    if (!fs.existsSync(path.join(dataDir, READY_MARK))) throw error;
  }
  return dataDir;
}
