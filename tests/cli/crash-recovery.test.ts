import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jsonLines, runMuragat, startMuragat } from '../helpers/cli';
import { FIXTURES_DIR, tempDir } from '../helpers/temp-dir';

/** A folder of distinct documents: text files and PDFs made unique by a trailing comment. */
function makeBatch(count: number): string {
  const dir = tempDir();
  const pdf = fs.readFileSync(path.join(FIXTURES_DIR, 'import/kk-order-110.pdf'));
  for (let i = 0; i < count; i++) {
    if (i % 5 === 0) fs.writeFileSync(path.join(dir, `order-${i}.pdf`), Buffer.concat([pdf, Buffer.from(`\n% copy ${i}\n`)]));
    else fs.writeFileSync(path.join(dir, `decision-${i}.txt`), `Қоғамдық кеңестің № ${i} шешімі\n${'Мәслихат отырысы өтті. '.repeat(200)}`);
  }
  return dir;
}

describe('an import killed with SIGKILL', () => {
  it('leaves an archive that opens cleanly, passes check, has no orphan files, and resumes', async () => {
    const data = path.join(tempDir(), 'archive');
    const docs = makeBatch(400);
    const child = startMuragat(['--data', data, 'import', docs, '--json']);
    let printed = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString('utf8');
        if (jsonLines(printed).length >= 40) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('exit', () => resolve());
      child.on('error', reject);
    });
    await new Promise((resolve) => child.once('exit', resolve).once('close', resolve));
    const beforeKill = jsonLines(printed).filter((line) => line.status === 'imported').length;
    expect(beforeKill).toBeGreaterThanOrEqual(40);
    expect(beforeKill).toBeLessThan(400);

    const check = runMuragat(['--data', data, 'check', '--json']);
    const report = JSON.parse(check.stdout) as { ok: boolean; documents: number; problems: unknown[] };
    expect(report.problems).toEqual([]);
    expect(check.status).toBe(0);
    expect(report.documents).toBeGreaterThanOrEqual(beforeKill);

    // Running the same import again finishes the job: nothing twice, nothing lost.
    const resumed = runMuragat(['--data', data, 'import', docs, '--json']);
    expect(resumed.status).toBe(0);
    const summary = jsonLines(resumed.stdout).at(-1)!.summary as { imported: number; duplicate: number };
    expect(summary.imported + summary.duplicate).toBe(400);
    expect(summary.duplicate).toBe(report.documents);
    const finalCheck = JSON.parse(runMuragat(['--data', data, 'check', '--json']).stdout) as { ok: boolean; documents: number; filesChecked: number };
    expect(finalCheck).toMatchObject({ ok: true, documents: 400, filesChecked: 400 });
  });
});
