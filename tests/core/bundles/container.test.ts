import { createHash, randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openBundle, writeBundle, type OpenedBundle } from '../../../electron/core/bundles/container';
import { DEFAULT_BUNDLE_LIMITS, RECORDS_ENTRY, type BundleLimits } from '../../../electron/core/bundles/format';
import { fingerprintOf, loadOrCreateKeyPair } from '../../../electron/core/bundles/identity';
import {
  badRecordLineBundle,
  declaredSizeLieBundle,
  duplicateEntryBundle,
  emptyFile,
  extraEntryBundle,
  flippedFileByteBundle,
  flippedManifestByteBundle,
  hugeManifestBundle,
  makeValidBundle,
  missingEntryBundle,
  newerFormatBundle,
  newSigner,
  plainZip,
  randomBytesFile,
  renamedPdf,
  resignedByOtherKeyBundle,
  SAMPLE_RECORDS,
  sampleManifestHead,
  sha256Of,
  shortenedBundle,
  signedByOtherKeyBundle,
  storedSizeLieBundle,
  truncatedBundle,
  unsafeNameBundle,
  unsignedBundle,
  zipBombBundle,
  type ValidBundle,
} from '../../helpers/bundle-fixtures';
import { suiteTempDir, tempDir } from '../../helpers/temp-dir';

async function withBundle<T>(file: string, use: (bundle: OpenedBundle) => Promise<T>, limits?: BundleLimits): Promise<T> {
  const bundle = await openBundle(file, limits);
  try {
    return await use(bundle);
  } finally {
    await bundle.close();
  }
}

async function collect(bundle: OpenedBundle): Promise<unknown[]> {
  const records: unknown[] = [];
  for await (const record of bundle.records()) records.push(record);
  return records;
}

describe('a valid bundle', () => {
  it('round-trips: manifest, signer fingerprint, records and files identical', async () => {
    const dir = tempDir();
    const valid = await makeValidBundle(dir);
    expect(valid.manifest.format).toBe('muragat-bundle');
    expect(valid.manifest.entries.map((entry) => entry.name)).toEqual([RECORDS_ENTRY, ...valid.files.map((file) => `files/${file.sha256}`)]);
    expect(valid.manifest.entries[0]).toEqual({ name: RECORDS_ENTRY, size: valid.recordsBytes.length, sha256: sha256Of(valid.recordsBytes) });

    await withBundle(valid.path, async (bundle) => {
      expect(bundle.manifest).toEqual(valid.manifest);
      expect(bundle.fingerprint).toBe(fingerprintOf(valid.keys.publicKey));
      expect(bundle.fingerprint).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$/);
      expect(await collect(bundle)).toEqual(SAMPLE_RECORDS);
      for (const file of valid.files) {
        const target = path.join(dir, `out-${file.sha256}`);
        await bundle.extractFile(file.sha256, target);
        expect(fs.readFileSync(target).equals(file.bytes)).toBe(true);
      }
      await bundle.verifyAll();
    });
    // Nothing but the bundle itself was left next to it.
    expect(fs.readdirSync(dir).filter((name) => name.includes('.muragat'))).toEqual(['valid.muragat']);
  });

  it('is byte-for-byte reproducible from the same input (fixed entry dates)', async () => {
    const dir = tempDir();
    const first = await makeValidBundle(path.join(dir, 'a'), { files: [Buffer.from('one'), Buffer.from('two')] });
    const second = await makeValidBundle(path.join(dir, 'a'), { files: [Buffer.from('one'), Buffer.from('two')], name: 'again.muragat' });
    expect(fs.readFileSync(second.path).equals(fs.readFileSync(first.path))).toBe(true);
  });

  it('may be empty: no records, no files', async () => {
    const valid = await makeValidBundle(tempDir(), { records: [], files: [] });
    await withBundle(valid.path, async (bundle) => {
      expect(await collect(bundle)).toEqual([]);
      await bundle.verifyAll();
    });
  });

  it('stops reading records when the caller stops, and can read them again', async () => {
    const valid = await makeValidBundle(tempDir());
    await withBundle(valid.path, async (bundle) => {
      for await (const record of bundle.records()) {
        expect(record).toEqual(SAMPLE_RECORDS[0]);
        break;
      }
      expect(await collect(bundle)).toEqual(SAMPLE_RECORDS);
    });
  });

  it('accepts the same file listed twice (content-addressed) once', async () => {
    const dir = tempDir();
    const keys = loadOrCreateKeyPair(path.join(dir, 'data'));
    const file = path.join(dir, 'blob');
    fs.writeFileSync(file, 'same bytes');
    const records = path.join(dir, 'records.ndjson');
    fs.writeFileSync(records, '');
    const entry = { sha256: sha256Of('same bytes'), path: file, size: 10 };
    const head = { ...sampleManifestHead(keys.publicKey), counts: { documents: 0, tombstones: 0, relations: 0, files: 1 } };
    const written = await writeBundle(path.join(dir, 'b.muragat'), { manifest: head, recordsFile: records, files: [entry, entry], privateKey: keys.privateKey });
    expect(written.manifest.entries).toHaveLength(2);
    await withBundle(written.path, (bundle) => bundle.verifyAll());
  });
});

describe('writing refuses, leaving no partial file', () => {
  async function setup() {
    const dir = tempDir();
    const keys = loadOrCreateKeyPair(path.join(dir, 'data'));
    const records = path.join(dir, 'records.ndjson');
    fs.writeFileSync(records, `${JSON.stringify(SAMPLE_RECORDS[0])}\n`);
    const blob = path.join(dir, 'blob');
    fs.writeFileSync(blob, 'bytes of a stored file');
    const out = path.join(dir, 'out', 'x.muragat');
    fs.mkdirSync(path.dirname(out));
    const base = { manifest: sampleManifestHead(keys.publicKey), recordsFile: records, privateKey: keys.privateKey };
    return { dir, keys, records, blob, out, base, file: { sha256: sha256Of('bytes of a stored file'), path: blob, size: 22 } };
  }
  const leftovers = (out: string) => fs.readdirSync(path.dirname(out));

  it('a listed file that vanished', async () => {
    const { out, base, file } = await setup();
    await expect(writeBundle(out, { ...base, files: [file, { ...file, sha256: 'a'.repeat(64), path: '/nonexistent/blob' }] })).rejects.toMatchObject({ code: 'FILE_VANISHED' });
    expect(leftovers(out)).toEqual([]);
  });

  it('a stored file whose size differs from the archive', async () => {
    const { out, base, file } = await setup();
    await expect(writeBundle(out, { ...base, files: [{ ...file, size: 5 }] })).rejects.toMatchObject({ code: 'ARCHIVE_CORRUPT' });
    expect(leftovers(out)).toEqual([]);
  });

  it('a records file that cannot be read (fails mid-stream, after the ZIP was started)', async () => {
    const { out, base, file } = await setup();
    await expect(writeBundle(out, { ...base, recordsFile: path.join(path.dirname(out), '..', 'missing.ndjson'), files: [file] })).rejects.toMatchObject({ code: 'FILE_UNREADABLE' });
    expect(leftovers(out)).toEqual([]);
  });

  it('a manifest naming another key than the signing key', async () => {
    const { out, base, file } = await setup();
    const manifest = { ...base.manifest, source: { ...base.manifest.source, publicKey: newSigner().publicKey } };
    await expect(writeBundle(out, { ...base, manifest, files: [file] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(leftovers(out)).toEqual([]);
  });

  it('a manifest a reader would refuse (bad HLC)', async () => {
    const { out, base, file } = await setup();
    const manifest = { ...base.manifest, hlc: { from: 'yesterday', to: null } };
    await expect(writeBundle(out, { ...base, manifest, files: [file] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(leftovers(out)).toEqual([]);
  });
});

type Stage = 'open' | 'verify' | 'records' | 'extract';

/** Runs the reader up to `stage` and returns the error it throws (or null). */
async function refusal(file: string, stage: Stage, valid: ValidBundle, limits?: BundleLimits): Promise<{ code: string; message: string } | null> {
  try {
    await withBundle(
      file,
      async (bundle) => {
        if (stage === 'verify') await bundle.verifyAll();
        if (stage === 'records') await collect(bundle);
        if (stage === 'extract') for (const f of valid.files) await bundle.extractFile(f.sha256, path.join(path.dirname(file), `x-${f.sha256}`));
      },
      limits,
    );
    return null;
  } catch (error) {
    return error as { code: string; message: string };
  }
}

describe('hostile and damaged bundles are refused with their code', () => {
  let valid: ValidBundle;
  let dir: string;
  beforeAll(async () => {
    dir = suiteTempDir();
    valid = await makeValidBundle(dir);
  });
  const out = (name: string) => path.join(dir, `${name}.muragat`);

  const cases: Array<[string, () => Promise<string> | string, Stage, string, RegExp]> = [
    ['cut in half (USB pulled)', () => truncatedBundle(valid, out('half'), 'half'), 'open', 'BUNDLE_TRUNCATED', /cut short/],
    ['cut just before the central directory', () => truncatedBundle(valid, out('before-cd'), 'before-central-directory'), 'open', 'BUNDLE_TRUNCATED', /cut short/],
    ['missing its last byte', () => truncatedBundle(valid, out('last-byte'), 'last-byte'), 'open', 'BUNDLE_TRUNCATED', /cut short/],
    ['only its first kilobyte', () => truncatedBundle(valid, out('first-kb'), 'first-kilobyte'), 'open', 'BUNDLE_TRUNCATED', /cut short/],
    ['shorter than its central directory says', () => shortenedBundle(valid, out('shortened')), 'open', 'BUNDLE_TRUNCATED', /manifest\.json/],
    ['a flipped byte in a file', () => flippedFileByteBundle(valid, out('flip-file')), 'verify', 'BUNDLE_TAMPERED', /SHA-256 [0-9a-f]{64} expected, [0-9a-f]{64} found/],
    ['a flipped byte in a file (extracting)', () => flippedFileByteBundle(valid, out('flip-file-2')), 'extract', 'BUNDLE_TAMPERED', /does not match the manifest/],
    ['a flipped byte in the manifest', () => flippedManifestByteBundle(valid, out('flip-manifest')), 'open', 'BUNDLE_BAD_SIGNATURE', /signature/],
    ['a manifest changed and signed by another key', () => signedByOtherKeyBundle(valid, out('other-key')), 'open', 'BUNDLE_BAD_SIGNATURE', /signature/],
    ['no signature', () => unsignedBundle(valid, out('unsigned')), 'open', 'BUNDLE_BAD_SIGNATURE', /manifest\.sig is missing/],
    ['an entry missing', () => missingEntryBundle(valid, out('missing')), 'open', 'BUNDLE_TAMPERED', /in the manifest but missing from the ZIP/],
    ['an entry extra', () => extraEntryBundle(valid, out('extra')), 'open', 'BUNDLE_TAMPERED', /in the ZIP but not in the manifest/],
    ['an entry named ../evil', () => unsafeNameBundle(valid, out('dotdot'), '../evil'), 'open', 'BUNDLE_UNSAFE', /"\.\.\/evil" climbs out/],
    ['an entry named files/../../evil', () => unsafeNameBundle(valid, out('dotdot2'), 'files/../../evil'), 'open', 'BUNDLE_UNSAFE', /climbs out/],
    ['an absolute entry name', () => unsafeNameBundle(valid, out('abs'), '/abs'), 'open', 'BUNDLE_UNSAFE', /"\/abs" is an absolute path/],
    ['a drive letter', () => unsafeNameBundle(valid, out('drive'), 'C:\\evil'), 'open', 'BUNDLE_UNSAFE', /backslash|drive letter/],
    ['a drive letter with a slash', () => unsafeNameBundle(valid, out('drive2'), 'C:/evil'), 'open', 'BUNDLE_UNSAFE', /drive letter/],
    ['a backslash path', () => unsafeNameBundle(valid, out('backslash'), 'files/..\\x'), 'open', 'BUNDLE_UNSAFE', /backslash/],
    ['a control character', () => unsafeNameBundle(valid, out('control'), 'files/a\u0001b'), 'open', 'BUNDLE_UNSAFE', /control character/],
    ['an NTFS stream name', () => unsafeNameBundle(valid, out('ads'), 'files/x:stream'), 'open', 'BUNDLE_UNSAFE', /colon/],
    ['duplicate entry names', () => duplicateEntryBundle(valid, out('duplicate')), 'open', 'BUNDLE_UNSAFE', /appears more than once/],
    ['a zip bomb (300 MB of zeros in a few hundred KB)', () => zipBombBundle(valid, out('bomb')), 'open', 'BUNDLE_UNSAFE', /expands \d+ times .* zip bomb/],
    ['an entry that expands beyond its declared size', () => declaredSizeLieBundle(valid, out('size-lie')), 'records', 'BUNDLE_UNSAFE', /more than the \d+ bytes it declares/],
    ['an entry that expands beyond its declared size (verify)', () => declaredSizeLieBundle(valid, out('size-lie-2')), 'verify', 'BUNDLE_UNSAFE', /records\.ndjson/],
    ['a stored entry whose declared size is not its data size', () => storedSizeLieBundle(valid, out('stored-lie')), 'open', 'BUNDLE_UNSAFE', /size mismatch|declares/],
    ['a 1 GB manifest', () => hugeManifestBundle(valid, out('huge-manifest')), 'open', 'BUNDLE_UNSAFE', /manifest\.json declares 1073741824 bytes.*not read/],
    ['a newer format version', () => newerFormatBundle(valid, out('newer')), 'open', 'BUNDLE_NEWER_FORMAT', /update Muragat to open this bundle/],
    ['a records line that is not JSON', () => badRecordLineBundle(valid, out('bad-line')), 'records', 'BUNDLE_TAMPERED', /line 4 of records\.ndjson/],
    ['a PDF renamed .muragat', () => renamedPdf(out('pdf')), 'open', 'BUNDLE_NOT_A_BUNDLE', /is a PDF document, not a Muragat bundle/],
    ['an empty file', () => emptyFile(out('empty')), 'open', 'BUNDLE_NOT_A_BUNDLE', /empty/],
    ['random bytes', () => randomBytesFile(out('random')), 'open', 'BUNDLE_NOT_A_BUNDLE', /not a ZIP/],
    ['a ZIP that is not a bundle (a DOCX)', () => plainZip(out('docx')), 'open', 'BUNDLE_NOT_A_BUNDLE', /without manifest\.json/],
  ];

  it.each(cases)('%s', async (_title, make, stage, code, message) => {
    const file = await make();
    const error = await refusal(file, stage, valid);
    expect(error).toMatchObject({ code });
    expect(error?.message).toMatch(message);
    // The message names the bundle file.
    expect(error?.message).toContain(path.basename(file));
  });

  it('a bundle re-signed by another key opens, under that key’s fingerprint (the trust list decides)', async () => {
    const signer = newSigner();
    const file = await resignedByOtherKeyBundle(valid, out('resigned'), signer);
    await withBundle(file, async (bundle) => {
      expect(bundle.fingerprint).toBe(fingerprintOf(signer.publicKey));
      expect(bundle.fingerprint).not.toBe(fingerprintOf(valid.keys.publicKey));
      await bundle.verifyAll();
    });
  });

  it('extracting a damaged file leaves no target behind', async () => {
    const file = flippedFileByteBundle(valid, out('flip-extract'));
    const target = path.join(dir, 'extracted');
    await withBundle(file, async (bundle) => {
      await expect(bundle.extractFile(valid.files[0]?.sha256 ?? '', target)).rejects.toMatchObject({ code: 'BUNDLE_TAMPERED' });
    });
    expect(fs.existsSync(target)).toBe(false);
  });

  it('a file the manifest does not list cannot be extracted', async () => {
    await withBundle(valid.path, async (bundle) => {
      await expect(bundle.extractFile('b'.repeat(64), path.join(dir, 'nothing'))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  it('records read to the end throw TAMPERED after the last record when their bytes differ', async () => {
    // Same size, one byte different, manifest untouched: every line parses, only the hash tells.
    const zipBytes = fs.readFileSync(valid.path);
    const file = out('records-flip');
    // records.ndjson is deflated; rebuild it stored with a changed letter instead.
    const { rebuild } = await import('../../helpers/bundle-fixtures');
    const changed = Buffer.from(valid.recordsBytes.toString('utf8').replace('Протокол', 'Протокол'.replace('л', 'Л')), 'utf8');
    expect(changed.length).toBe(valid.recordsBytes.length);
    await rebuild(valid, file, { parts: (parts) => parts.map((part) => (part.name === RECORDS_ENTRY ? { ...part, data: changed } : part)) });
    expect(zipBytes.length).toBeGreaterThan(0);
    const seen: unknown[] = [];
    await withBundle(file, async (bundle) => {
      await expect(
        (async () => {
          for await (const record of bundle.records()) seen.push(record);
        })(),
      ).rejects.toMatchObject({ code: 'BUNDLE_TAMPERED' });
    });
    expect(seen).toHaveLength(SAMPLE_RECORDS.length);
  });

  describe('limits', () => {
    const limits = (change: Partial<BundleLimits>): BundleLimits => ({ ...DEFAULT_BUNDLE_LIMITS, ...change });

    it('too many entries', async () => {
      const error = await refusal(valid.path, 'open', valid, limits({ maxEntries: 3 }));
      expect(error).toMatchObject({ code: 'BUNDLE_UNSAFE' });
      expect(error?.message).toMatch(/5 entries, more than the limit of 3/);
    });

    it('total uncompressed size', async () => {
      const error = await refusal(valid.path, 'open', valid, limits({ maxTotalBytes: 10_000 }));
      expect(error).toMatchObject({ code: 'BUNDLE_UNSAFE' });
      expect(error?.message).toMatch(/more than 10000 bytes uncompressed/);
    });

    it('manifest size, by its declared size', async () => {
      const error = await refusal(valid.path, 'open', valid, limits({ maxManifestBytes: 100 }));
      expect(error).toMatchObject({ code: 'BUNDLE_UNSAFE' });
      expect(error?.message).toMatch(/manifest\.json declares \d+ bytes, more than the limit of 100; it was not read/);
    });

    it('compression ratio, under the default of 200 for a real bomb', async () => {
      const error = await refusal(valid.path, 'open', valid, limits({ maxCompressionRatio: 0.5 }));
      // The valid bundle's entries are small: below the ratio floor, they pass.
      expect(error).toBeNull();
    });

    it('record line length', async () => {
      const error = await refusal(valid.path, 'records', valid, limits({ maxRecordLineBytes: 100 }));
      expect(error).toMatchObject({ code: 'BUNDLE_UNSAFE' });
      expect(error?.message).toMatch(/line 1 of records\.ndjson is longer than the limit of 100 bytes/);
    });
  });
});

describe('memory stays flat whatever the bundle size', () => {
  const SIZE = 300 * 1024 * 1024;

  /** Peak growth of rss and of Buffer memory while `run` runs, sampled every 20 ms. */
  async function peakGrowth(run: () => Promise<unknown>): Promise<{ rss: number; arrayBuffers: number }> {
    globalThis.gc?.();
    const start = process.memoryUsage();
    let peak = { rss: 0, arrayBuffers: 0 };
    const sample = () => {
      const now = process.memoryUsage();
      peak = { rss: Math.max(peak.rss, now.rss - start.rss), arrayBuffers: Math.max(peak.arrayBuffers, now.arrayBuffers - start.arrayBuffers) };
    };
    const timer = setInterval(sample, 20);
    try {
      await run();
    } finally {
      clearInterval(timer);
      sample();
    }
    return peak;
  }

  it('writes and verifies a bundle with a 300 MB file using well under 100 MB', async () => {
    const dir = tempDir();
    const blob = path.join(dir, 'big.bin');
    const digest = createHash('sha256');
    const handle = fs.openSync(blob, 'w');
    for (let written = 0; written < SIZE; written += 4 * 1024 * 1024) {
      const chunk = randomBytes(4 * 1024 * 1024);
      digest.update(chunk);
      fs.writeSync(handle, chunk);
    }
    fs.closeSync(handle);
    const sha256 = digest.digest('hex');
    const keys = loadOrCreateKeyPair(path.join(dir, 'data'));
    const records = path.join(dir, 'records.ndjson');
    fs.writeFileSync(records, SAMPLE_RECORDS.map((record) => `${JSON.stringify(record)}\n`).join(''));
    const out = path.join(dir, 'big.muragat');

    const writing = await peakGrowth(() =>
      writeBundle(out, { manifest: sampleManifestHead(keys.publicKey), recordsFile: records, files: [{ sha256, path: blob, size: SIZE }], privateKey: keys.privateKey }),
    );
    expect(fs.statSync(out).size).toBeGreaterThan(SIZE);
    const verifying = await peakGrowth(() => withBundle(out, (bundle) => bundle.verifyAll()));
    const extracting = await peakGrowth(() => withBundle(out, (bundle) => bundle.extractFile(sha256, path.join(dir, 'copy.bin'))));
    expect(fs.statSync(path.join(dir, 'copy.bin')).size).toBe(SIZE);

    for (const [what, growth] of Object.entries({ writing, verifying, extracting })) {
      expect(growth.rss, `${what}: rss grew by ${Math.round(growth.rss / 1e6)} MB`).toBeLessThan(100 * 1024 * 1024);
      expect(growth.arrayBuffers, `${what}: buffers grew by ${Math.round(growth.arrayBuffers / 1e6)} MB`).toBeLessThan(64 * 1024 * 1024);
    }
  }, 120_000);
});
