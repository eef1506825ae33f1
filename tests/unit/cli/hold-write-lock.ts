// Run as a child process by two-writers.test.ts: another program writing to the database.
// Takes the write lock (BEGIN IMMEDIATE, as an import's transaction holds it), says "holding",
// keeps it for the given milliseconds, commits and exits.
import { parseRecoveryKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';

const [file, recoveryKey, ms] = process.argv.slice(2) as [string, string, string];
const db = openEncrypted(file, parseRecoveryKey(recoveryKey), { driver: nodeDriver });
db.exec('BEGIN IMMEDIATE');
process.stdout.write('holding\n');
setTimeout(() => {
  db.exec('COMMIT');
  db.close();
  process.stdout.write('released\n');
}, Number(ms));
