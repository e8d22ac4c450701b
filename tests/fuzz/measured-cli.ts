/**
 * Runs the real `muragat` command and watches its peak memory: VmHWM ("high water mark" of the
 * resident set) from /proc/<pid>/status, sampled while it runs. Worker threads live in the same
 * process, so this is the whole import's peak. Null where /proc does not exist.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { CLI, REPO_ROOT } from '../helpers/cli';

export interface MeasuredRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in bytes, or null when it cannot be read here. */
  peakRssBytes: number | null;
}

function readPeak(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

export function runMuragatMeasured(args: string[], timeoutMs = 240_000): Promise<MeasuredRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: { ...process.env, MURAGAT_DATA: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak: number | null = null;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    // The high water mark only grows: the last sample before exit is the peak up to then.
    const sample = (): void => {
      if (child.pid === undefined) return;
      const value = readPeak(child.pid);
      if (value !== null) peak = Math.max(peak ?? 0, value);
    };
    const sampler = setInterval(sample, 20);
    const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('exit', () => {
      clearInterval(sampler);
      clearTimeout(killer);
    });
    child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr, peakRssBytes: peak }));
  });
}
