import os from 'node:os';
import path from 'node:path';

export interface DataFiles {
  db: string;
  keys: string;
  /** Present while the database is open; found at start it means the last run did not close. */
  marker: string;
  backups: string;
  /** Failed sign-in attempts, kept across restarts and processes (auth/throttle.ts). */
  attempts: string;
  /** This PC's enrolment with the branch server, when it joined one (remote/switch.ts). */
  branchServer: string;
}

export function dataFilesFor(dbFile: string): DataFiles {
  const dir = path.dirname(path.resolve(dbFile));
  const base = path.basename(dbFile).replace(/\.db$/i, '');
  return {
    db: path.resolve(dbFile),
    keys: path.join(dir, `${base}.keys.json`),
    marker: path.join(dir, `${base}.running`),
    backups: path.join(dir, 'backups'),
    attempts: path.join(dir, `${base}.attempts.json`),
    branchServer: path.join(dir, 'branch-server.json'),
  };
}

/** The same folder Electron's `app.getPath('userData')` gives for an app named Visitdesk. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string {
  if (platform === 'win32') {
    return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Visitdesk');
  }
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Visitdesk');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Visitdesk');
}

export function defaultDbFile(): string {
  return path.join(defaultDataDir(), 'visitdesk.db');
}
