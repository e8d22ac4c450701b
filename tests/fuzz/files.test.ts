/**
 * File fuzz run (issue 11, done-when): a few hundred mutated files, made from the repository's
 * fixtures (and from small files of ../shared/corpus when present) with a seeded PRNG, imported
 * with the real CLI in one batch. Whatever the bytes, the process must not crash, every file must
 * get exactly one status line, no failure may be an INTERNAL error (an unhandled bug), memory
 * stays under a stated bound, and `muragat check` stays green.
 *
 * Reproduce a run: MURAGAT_FUZZ_SEED=<seed printed by the run> npx vitest run tests/fuzz/files.test.ts
 * (MURAGAT_FUZZ_FILES changes the count; MURAGAT_FUZZ_KEEP=<dir> keeps the files for a look).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runMuragat } from '../helpers/cli';
import { prng } from '../helpers/prng';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';
import { pdfBomb } from '../core/extract/bombs';
import { runMuragatMeasured } from './measured-cli';

const SEED = Number(process.env.MURAGAT_FUZZ_SEED ?? 20261207) >>> 0;
const FILES = Number(process.env.MURAGAT_FUZZ_FILES ?? 300);
const CORPUS_ROOTS = [process.env.MURAGAT_CORPUS ?? '/work/shared/corpus', '/work/shared/corpus2'];
/** Corpus files used as seeds: small ones, so that the run stays bounded. */
const CORPUS_SEEDS = 16;
const CORPUS_MAX_BYTES = 300 * 1024;
const MiB = 1024 * 1024;
/**
 * The whole CLI process: Node, tsx, SQLite and two extraction workers with pdf.js each. Measured
 * 445 MiB for 300 files (one ordinary PDF alone: 230 MiB); an uncapped bomb would be gigabytes.
 */
const PEAK_BOUND = 768 * MiB;

const EXTENSIONS = ['.pdf', '.docx', '.doc', '.odt', '.rtf', '.html', '.txt', '.md'];


interface Seed {
  name: string;
  bytes: Buffer;
}

async function seedFiles(random: () => number): Promise<Seed[]> {
  // A small decompression bomb (250 KB → 256 MiB) among the seeds: cut or damaged, it must still
  // be refused or read within bounds.
  const seeds: Seed[] = [{ name: 'bomb-256mib.pdf', bytes: await pdfBomb(256 * MiB) }];
  for (const dir of ['import', 'extract']) {
    for (const name of fs.readdirSync(path.join(FIXTURES_DIR, dir)).sort()) seeds.push({ name, bytes: fs.readFileSync(path.join(FIXTURES_DIR, dir, name)) });
  }
  const corpus: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (EXTENSIONS.includes(path.extname(entry.name).toLowerCase()) && fs.statSync(full).size <= CORPUS_MAX_BYTES) corpus.push(full);
    }
  };
  for (const root of CORPUS_ROOTS) if (fs.existsSync(root)) walk(root);
  corpus.sort();
  for (let i = 0; i < CORPUS_SEEDS && corpus.length > 0; i++) {
    const [picked] = corpus.splice(Math.floor(random() * corpus.length), 1);
    seeds.push({ name: path.basename(picked!), bytes: fs.readFileSync(picked!) });
  }
  return seeds;
}

type Mutation = (bytes: Buffer, other: Buffer, random: () => number) => Buffer;

const int = (random: () => number, below: number): number => Math.floor(random() * Math.max(1, below));

const MUTATIONS: Readonly<Record<string, Mutation>> = {
  flips: (bytes, _other, random) => {
    const out = Buffer.from(bytes);
    const count = 1 + int(random, 64);
    for (let i = 0; i < count; i++) {
      const at = int(random, out.length);
      out[at] = out[at]! ^ (1 + int(random, 255));
    }
    return out;
  },
  truncate: (bytes, _other, random) => bytes.subarray(0, 1 + int(random, bytes.length - 1)),
  splice: (bytes, other, random) => Buffer.concat([bytes.subarray(0, int(random, bytes.length)), other.subarray(int(random, other.length))]),
  zeroed: (bytes, _other, random) => {
    const out = Buffer.from(bytes);
    const start = int(random, out.length);
    out.fill(0, start, Math.min(out.length, start + 1 + int(random, 4096)));
    return out;
  },
  repeated: (bytes, _other, random) => {
    const start = int(random, bytes.length);
    const chunk = bytes.subarray(start, Math.min(bytes.length, start + 1 + int(random, 2048)));
    const at = int(random, bytes.length);
    return Buffer.concat([bytes.subarray(0, at), ...Array.from({ length: 2 + int(random, 30) }, () => chunk), bytes.subarray(at)]);
  },
  wrongExtension: (bytes) => bytes,
};

interface Made {
  name: string;
  seed: string;
  mutation: string;
}

function makeFiles(dir: string, random: () => number, seeds: Seed[]): Made[] {
  const made: Made[] = [];
  const names = Object.keys(MUTATIONS);
  for (let i = 0; i < FILES; i++) {
    const seed = seeds[int(random, seeds.length)]!;
    const other = seeds[int(random, seeds.length)]!;
    const mutation = names[int(random, names.length)]!;
    let bytes = MUTATIONS[mutation]!(seed.bytes, other.bytes, random);
    // A second mutation now and then: damage rarely comes alone.
    if (random() < 0.25) bytes = MUTATIONS[names[int(random, names.length - 1)]!]!(bytes, other.bytes, random);
    const extension = mutation === 'wrongExtension' || random() < 0.1 ? EXTENSIONS[int(random, EXTENSIONS.length)]! : path.extname(seed.name);
    const name = `${String(i).padStart(3, '0')}-${mutation}-${path.basename(seed.name, path.extname(seed.name)).slice(0, 40)}${extension}`;
    fs.writeFileSync(path.join(dir, name), bytes);
    made.push({ name, seed: seed.name, mutation });
  }
  return made;
}

describe('file fuzz run', () => {
  it(`imports ${FILES} mutated files: no crash, one status each, no INTERNAL error, bounded memory, check green`, async () => {
    console.log(`file fuzz seed: ${SEED} (MURAGAT_FUZZ_SEED=${SEED} reproduces this run)`);
    const random = prng(SEED);
    const docs = process.env.MURAGAT_FUZZ_KEEP ?? tempDir();
    fs.mkdirSync(docs, { recursive: true });
    const data = path.join(tempDir(), 'archive');
    const seeds = await seedFiles(random);
    const made = makeFiles(docs, random, seeds);

    const started = Date.now();
    const run = await runMuragatMeasured(['--data', data, 'import', docs, '--json', '--ocr', 'never'], 170_000);
    const elapsed = Date.now() - started;
    const lines = jsonLines(run.stdout);
    const statuses = lines.filter((line) => 'status' in line);
    const count = new Map<string, number>();
    for (const line of statuses) count.set(path.basename(String(line.path)), (count.get(path.basename(String(line.path))) ?? 0) + 1);
    const byStatus: Record<string, number> = {};
    const byCode: Record<string, number> = {};
    for (const line of statuses) {
      byStatus[String(line.status)] = (byStatus[String(line.status)] ?? 0) + 1;
      if (line.errorCode) byCode[String(line.errorCode)] = (byCode[String(line.errorCode)] ?? 0) + 1;
    }
    console.log(
      `file fuzz: ${made.length} files from ${seeds.length} seeds in ${elapsed} ms, peak RSS ${run.peakRssBytes === null ? 'n/a' : `${Math.round(run.peakRssBytes / MiB)} MiB`}; ${JSON.stringify(byStatus)} ${JSON.stringify(byCode)}`,
    );

    expect(run.signal).toBeNull();
    expect([0, 1]).toContain(run.status);
    expect(run.stderr).not.toMatch(/^\s+at .+[(:]\d+/m); // no stack trace
    expect(made.filter((file) => count.get(file.name) !== 1).map((file) => `${file.name}: ${count.get(file.name) ?? 0} status lines`)).toEqual([]);
    expect(statuses).toHaveLength(made.length);
    const internal = statuses.filter((line) => line.errorCode === 'INTERNAL').map((line) => `${path.basename(String(line.path))}: ${String(line.error)}`);
    expect(internal).toEqual([]);
    expect(lines.at(-1)).toMatchObject({ summary: { total: made.length } });
    if (run.peakRssBytes !== null) expect(run.peakRssBytes).toBeLessThan(PEAK_BOUND);

    const check = runMuragat(['--data', data, 'check']);
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  }, 180_000);
});
