import fs from 'node:fs';
import type { DataFiles } from './paths';

/**
 * Which other live process has this database open, from the marker file the app writes while
 * the file is open (it holds the pid). A marker left by a crashed process names a dead pid.
 */
export function databaseHolder(files: DataFiles, self = process.pid): number | null {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(files.marker, 'utf8').trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === self) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive but not ours to signal; ESRCH: gone.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
