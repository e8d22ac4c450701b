import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(REPO_ROOT, 'bin/muragat.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `muragat` command, as a user would, in a separate process. */
export function runMuragat(args: string[], env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, MURAGAT_DATA: '', ...env },
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function startMuragat(args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, MURAGAT_DATA: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function jsonLines(text: string): Array<Record<string, unknown>> {
  return text
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}
