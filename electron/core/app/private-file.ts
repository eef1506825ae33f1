import fs from 'node:fs';
import path from 'node:path';

/**
 * Writes `text` to `file` so that no other user can read it at any moment and a reader never
 * sees half of it: a temp file beside it, created owner-only (0600), synced, then renamed over
 * the old one. For the files that hold secrets: the key slots, a desk's branch-server credential.
 */
export function writePrivateFile(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, text);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
