// A long-lived reader, like `muragat serve` or the desktop app: opens the archive once (so its
// in-memory caches live on) and searches in a loop, printing one JSON line per search, until its
// stdin closes. Usage: node tests/helpers/search-loop.mjs DATA_DIR QUERY
import { register } from 'tsx/esm/api';

register();
const [dataDir, query] = process.argv.slice(2);
const { openArchive } = await import('../../electron/core/archive.ts');
const archive = await openArchive({ dataDir, access: 'read' });
let stop = false;
process.stdin.on('close', () => (stop = true)).on('end', () => (stop = true)).resume();
while (!stop) {
  let line;
  try {
    line = { total: archive.search({ query, limit: 1 }).total };
  } catch (error) {
    line = { error: error.code ?? 'INTERNAL', message: error.message };
  }
  process.stdout.write(JSON.stringify(line) + '\n');
  await new Promise((resolve) => setTimeout(resolve, 5));
}
await archive.close();
