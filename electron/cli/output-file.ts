import fs from 'node:fs';
import path from 'node:path';
import { cliFailure } from './errors';

const exists = (file: string) =>
  cliFailure(
    'CONFLICT',
    'cli.outExists',
    { value: path.resolve(file) },
    {
      field: { name: 'out', key: 'e.CONFLICT' },
    },
  );

/** An output file that is already there is replaced only with --force (as backup refuses). */
export function refuseExisting(file: string, force: boolean): void {
  if (!force && fs.existsSync(file)) throw exists(file);
}

/**
 * Writes an export so that its audit row comes first: the bytes go to a hidden file beside the
 * target (owner-only: it holds borrowers' data), `record` writes the audit row, and only then
 * does the file appear under its name. A full disk or a read-only folder fails before anything
 * is audited; a file that appeared meanwhile is not replaced without --force.
 */
export function writeAfterAudit(
  file: string,
  bytes: Uint8Array,
  force: boolean,
  record: () => void,
): void {
  const target = path.resolve(file);
  const partial = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.partial`,
  );
  fs.writeFileSync(partial, bytes, { mode: 0o600 });
  try {
    refuseExisting(target, force);
    record();
    if (force) fs.renameSync(partial, target);
    else place(partial, target);
  } finally {
    fs.rmSync(partial, { force: true });
  }
}

/** Gives the file its name unless that name is taken (a link fails; a copy where links can't). */
function place(partial: string, target: string): void {
  try {
    fs.linkSync(partial, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw exists(target);
    fs.copyFileSync(partial, target, fs.constants.COPYFILE_EXCL);
  }
}
