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
 * Writes an export so that its audit row comes first. `exported` calls the export's channel,
 * which writes the audit row before it answers with the bytes; only then do they go to a hidden
 * file beside the target (owner-only: it holds borrowers' data), which then takes its name.
 * The hidden file is made before the export is asked for, so a read-only folder or a missing
 * one fails with nothing exported or audited; a file that appeared meanwhile is not replaced
 * without --force.
 */
export async function writeAfterAudit(
  file: string,
  force: boolean,
  exported: () => Promise<Uint8Array>,
): Promise<void> {
  const target = path.resolve(file);
  const partial = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.partial`,
  );
  fs.writeFileSync(partial, new Uint8Array(0), { mode: 0o600 });
  try {
    refuseExisting(target, force);
    fs.writeFileSync(partial, await exported());
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
