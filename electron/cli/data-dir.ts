import * as os from 'node:os';
import * as path from 'node:path';

/**
 * The data folder: `--data`, else `MURAGAT_DATA`, else the desktop app's own archive
 * (`<user data>/Muragat/archive`), so the CLI and the app see the same archive by default.
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag) return path.resolve(flag);
  if (env.MURAGAT_DATA) return path.resolve(env.MURAGAT_DATA);
  return path.join(userDataRoot(env), 'Muragat', 'archive');
}

function userDataRoot(env: NodeJS.ProcessEnv): string {
  if (process.platform === 'win32') return env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config');
}
