// Restores two backups over the database in turn until it is killed (kill9-restore.test.ts).
// Usage: node --import tsx restore-writer.ts <db> <backupA> <backupB> <passphrase>
import { restoreFrom } from '../support/restore';
import { nodeDriver } from '../../../electron/core/node';

const [dbFile, a, b, passphrase] = process.argv.slice(2) as [string, string, string, string];
const key = { kind: 'passphrase', username: 'admin', passphrase } as const;
const base = Date.parse('2026-12-03T23:00:00.000Z');
process.stdout.write('ready\n');
for (let i = 0; i < 100_000; i++) {
  restoreFrom(i % 2 ? a : b, dbFile, key, nodeDriver, new Date(base + i * 1000));
}
process.stdout.write('exhausted\n');
