/**
 * A second process for the log tests: appends `count` lines tagged `writer` to the log folder
 * through the real LogFile (rotation included). Run with `node --import tsx`.
 */
import { LogFile } from '../../../electron/core/log/log-file';

const [dir, writer, count, maxBytes] = process.argv.slice(2);
const file = new LogFile(dir as string, { maxBytes: Number(maxBytes), maxFiles: 5 });
const padding = 'x'.repeat(60);
for (let i = 0; i < Number(count); i++) file.append(JSON.stringify({ writer, i, padding }));
