/**
 * A child process that writes to a Visitdesk database until it is killed (kill -9 tests).
 * argv: dbFile scenario. Prints "ready" once signed in.
 */
import fs from 'node:fs';
import { createNodeCore } from '../../../electron/core/node';
import { backupInto } from '../../../electron/core/backup/backup';
import { rotateDatabaseKey } from '../../../electron/core/keys/rotation';

const [dbFile, scenario] = process.argv.slice(2) as [string, string];
const core = createNodeCore(dbFile, {
  kdfCost: { N: 2 ** 12, r: 8, p: 1 },
  dailyBackup: false,
  log: () => {},
});

async function main() {
  const signedIn = await core.invoke('auth:signIn', {
    username: 'admin',
    passphrase: 'correct horse battery',
  });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const db = core.app.db;
  if (scenario === 'rotate') {
    process.stdout.write('ready\n');
    for (;;) {
      // The parent keeps every recovery key issued, to check that one of them opens the file.
      // Written synchronously: a pipe write is asynchronous in Node, and a key still in the
      // buffer when the process is killed would never reach the parent.
      await rotateDatabaseKey(core.app, 'correct horse battery', (key) =>
        fs.writeSync(1, `key ${key}\n`),
      );
      fs.writeSync(1, 'done\n');
    }
  }
  const insert = db.prepare('INSERT INTO fault_probe (batch, n, payload) VALUES (?, ?, ?)');
  process.stdout.write('ready\n');
  let batch = Number(
    (db.prepare('SELECT coalesce(max(batch), 0) AS b FROM fault_probe').get() as { b: number }).b,
  );
  for (;;) {
    batch += 1;
    if (scenario === 'backup') {
      backupInto(
        db,
        `${core.app.files.backups}/crash-${process.pid}-${batch}.db`,
        core.app.files.keys,
      );
    }
    // One user action: a batch of rows and its audit row, in one transaction.
    db.transaction(() => {
      for (let n = 0; n < 500; n++) insert.run(batch, n, `批次 ${batch} 行 ${n} `.repeat(8));
      core.app.audit({
        action: 'probe.batch',
        entity: 'fault_probe',
        entityId: batch,
        after: { rows: 500 },
      });
    })();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
