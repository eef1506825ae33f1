/**
 * A child process that writes to a Visitdesk database until it is killed (kill -9 tests).
 * argv: dbFile scenario. Prints "ready" once signed in.
 */
import fs from 'node:fs';
import { createNodeCore } from '../../../electron/core/node';
import { backupInto } from '../../../electron/core/backup/backup';
import { importCases } from '../../../electron/core/imports/service';
import { rotateDatabaseKey } from '../../../electron/core/keys/rotation';
import { closeMonth, reopenMonth } from '../../../electron/core/reports/close';

/** A resident ID with a valid GB 11643 check character: born `day` days after 1950-01-01, sequence `seq`. */
function residentId(day: number, seq: number): string {
  const born = new Date(Date.UTC(1950, 0, 1) + day * 86_400_000)
    .toISOString()
    .slice(0, 10)
    .replace(/-/g, '');
  const body = `330102${born}${String(seq).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

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
  if (scenario === 'import') {
    process.stdout.write('ready\n');
    const done = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'cases.import'");
    for (let run = (done.get() as { n: number }).n; ; run++) {
      // A whole file each time: 1,000 new borrowers and loans in one transaction.
      const lines = ['姓名,身份证号,贷款编号,贷款本金,放款日期,剩余本金,逾期本金,逾期起始日'];
      for (let i = 0; i < 1000; i++) {
        lines.push(
          `借款人${i},${residentId(run, i)},R${run}-${i},10000,2025-01-01,8000,1000,2026-09-01`,
        );
      }
      await importCases(db, {
        fileName: `run-${run}.csv`,
        source: {
          kind: 'csv',
          bytes: new TextEncoder().encode(lines.join('\n')),
          encoding: 'utf8',
        },
        mode: 'all-or-nothing',
        asOf: '2026-11-01',
        staffId: 1,
      } as Parameters<typeof importCases>[1]);
    }
  }
  if (scenario === 'close') {
    process.stdout.write('ready\n');
    for (;;) {
      try {
        await closeMonth(core.app, '2026-10');
      } catch (error) {
        // Killed last time between a close and its reopen: the month is still closed.
        if ((error as { code?: string }).code !== 'CONFLICT') throw error;
      }
      await reopenMonth(core.app, '2026-10', 'crash test: reopen to close again');
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
