/**
 * manifest.json: its exact bytes (what is signed), and the checks a reader applies in an order
 * that gives the most useful message: not ours → newer than us → not signed by its key → badly
 * shaped. The shape is checked strictly (unknown keys refused): any change to it bumps
 * BUNDLE_FORMAT_VERSION, so an older reader says "update Muragat" instead of silently dropping
 * a field it does not know.
 */
import * as path from 'node:path';
import { z } from 'zod';
import { MuragatError } from '../../../../shared/errors';
import { BUNDLE_FORMAT, BUNDLE_FORMAT_VERSION, FILES_PREFIX, RECORDS_ENTRY, type BundleManifest } from '../format';
import { verifyManifestSignature } from '../identity';

const SHA256 = /^[0-9a-f]{64}$/;
const HLC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/;
const ENTRY_NAME = /^(?:records\.ndjson|files\/[0-9a-f]{64})$/;
const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const text = (max: number) => z.string().max(max);

const entrySchema = z.strictObject({
  name: z.string().regex(ENTRY_NAME),
  size: count,
  sha256: z.string().regex(SHA256),
});

const manifestSchema = z
  .strictObject({
    format: z.literal(BUNDLE_FORMAT),
    formatVersion: z.number().int().min(1).max(BUNDLE_FORMAT_VERSION),
    bundleId: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    createdAt: text(40).refine((value) => Number.isFinite(Date.parse(value)), 'not a date'),
    source: z.strictObject({ archiveId: text(64).min(1), name: text(500), publicKey: text(200).min(1) }),
    recipient: z.strictObject({ archiveId: text(64).min(1), name: text(500) }).nullable(),
    hlc: z.strictObject({ from: z.string().regex(HLC).nullable(), to: z.string().regex(HLC).nullable() }),
    counts: z.strictObject({ documents: count, tombstones: count, relations: count, files: count }),
    entries: z.array(entrySchema),
  })
  .superRefine((manifest, ctx) => {
    const problem = entriesProblem(manifest.entries);
    if (problem) ctx.addIssue({ code: 'custom', path: ['entries'], message: problem });
  });

/** Rules across entries that a schema per entry cannot say. */
function entriesProblem(entries: readonly { name: string; sha256: string }[]): string | null {
  const names = new Set<string>();
  for (const entry of entries) {
    if (names.has(entry.name)) return `${entry.name} is listed twice`;
    names.add(entry.name);
    // Files are content-addressed: a name that disagrees with its digest is a forgery or a bug.
    if (entry.name.startsWith(FILES_PREFIX) && entry.name !== `${FILES_PREFIX}${entry.sha256}`) return `${entry.name} is listed with another digest`;
  }
  if (!names.has(RECORDS_ENTRY)) return `${RECORDS_ENTRY} is not listed`;
  return null;
}

/** The exact bytes written as manifest.json and signed: compact JSON in a fixed key order. */
export function serializeManifest(manifest: BundleManifest): Buffer {
  const ordered: BundleManifest = {
    format: manifest.format,
    formatVersion: manifest.formatVersion,
    bundleId: manifest.bundleId,
    createdAt: manifest.createdAt,
    source: { archiveId: manifest.source.archiveId, name: manifest.source.name, publicKey: manifest.source.publicKey },
    recipient: manifest.recipient ? { archiveId: manifest.recipient.archiveId, name: manifest.recipient.name } : null,
    hlc: { from: manifest.hlc.from, to: manifest.hlc.to },
    counts: { documents: manifest.counts.documents, tombstones: manifest.counts.tombstones, relations: manifest.counts.relations, files: manifest.counts.files },
    entries: manifest.entries.map((entry) => ({ name: entry.name, size: entry.size, sha256: entry.sha256 })),
  };
  return Buffer.from(JSON.stringify(ordered), 'utf8');
}

/** For the writer: the same rules as the reader, so a bundle we write is one we would open. */
export function assertWritableManifest(manifest: BundleManifest): void {
  const result = manifestSchema.safeParse(manifest);
  if (!result.success) throw new MuragatError('INVALID_INPUT', `the bundle manifest is not valid: ${describeIssues(result.error)}`);
}

/** Parses and checks manifest.json and its signature; returns the manifest only if all holds. */
export function readManifest(file: string, bytes: Buffer, signature: Buffer): BundleManifest {
  const name = path.basename(file);
  const raw = parseJson(name, bytes);
  checkFormat(name, raw);
  const publicKey = (raw as { source?: { publicKey?: unknown } }).source?.publicKey;
  if (typeof publicKey !== 'string' || !verifyManifestSignature(bytes, signature.toString('utf8'), publicKey)) {
    throw new MuragatError(
      'BUNDLE_BAD_SIGNATURE',
      `${name}: the signature in manifest.sig does not match manifest.json and the public key it names (the manifest was changed or signed by another key)`,
      { file: name },
    );
  }
  const result = manifestSchema.safeParse(raw);
  if (!result.success) {
    throw new MuragatError('BUNDLE_NOT_A_BUNDLE', `${name}: manifest.json is signed but not a valid bundle manifest: ${describeIssues(result.error)}`, { file: name });
  }
  return result.data;
}

function parseJson(name: string, bytes: Buffer): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch (error) {
    // A flipped byte that breaks the JSON: the signature cannot even be checked.
    throw new MuragatError('BUNDLE_TAMPERED', `${name}: manifest.json is damaged (not valid UTF-8 JSON: ${(error as Error).message})`, { file: name }, { cause: error });
  }
}

function checkFormat(name: string, raw: unknown): void {
  const header = raw !== null && typeof raw === 'object' ? (raw as { format?: unknown; formatVersion?: unknown }) : {};
  if (header.format !== BUNDLE_FORMAT) {
    throw new MuragatError('BUNDLE_NOT_A_BUNDLE', `${name} is a ZIP with a manifest.json, but not a Muragat bundle (format ${JSON.stringify(header.format ?? null)?.slice(0, 80)})`, { file: name });
  }
  const version = header.formatVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new MuragatError('BUNDLE_NOT_A_BUNDLE', `${name}: manifest.json has no valid formatVersion`, { file: name });
  }
  if (version > BUNDLE_FORMAT_VERSION) {
    throw new MuragatError(
      'BUNDLE_NEWER_FORMAT',
      `${name} was written in bundle format ${version}, newer than the ${BUNDLE_FORMAT_VERSION} this version reads: update Muragat to open this bundle`,
      { file: name, found: version, expected: BUNDLE_FORMAT_VERSION },
    );
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}
