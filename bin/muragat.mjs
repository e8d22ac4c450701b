#!/usr/bin/env node
// The `muragat` command. Runs the TypeScript CLI through tsx so that it works right after
// `npm install`, with no build step (the desktop app is built separately by electron-vite).
import { register } from 'tsx/esm/api';

register();
// `muragat list | head`: the reader closed the pipe; stop quietly instead of crashing.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
const { runCli } = await import('../electron/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
