/**
 * A child process that records visits with money taken, one after another, until it is
 * killed (the receipts kill -9 test). argv: dbFile. Prints "ready" once signed in.
 */
import { createNodeCore } from '../../../electron/core/node';

const [dbFile] = process.argv.slice(2) as [string];
const core = createNodeCore(dbFile, {
  kdfCost: { N: 2 ** 12, r: 8, p: 1 },
  dailyBackup: false,
  // Unexpected errors reach the parent test through stderr.
  log: (message, error) =>
    process.stderr.write(`${message}: ${String((error as Error)?.stack ?? error)}\n`),
});

async function main() {
  const signedIn = await core.invoke('auth:signIn', {
    username: 'admin',
    passphrase: 'correct horse battery',
  });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  const db = core.app.db;
  const next = db.prepare(
    "SELECT id, date FROM visits WHERE status IN ('planned', 'notified') ORDER BY id LIMIT 1",
  );
  const staff = (
    db.prepare("SELECT id FROM staff WHERE role = 'officer' ORDER BY id").all() as {
      id: number;
    }[]
  ).map((s) => s.id);
  const loan = db.prepare('SELECT id FROM loans LIMIT 1').get() as { id: number };
  process.stdout.write('ready\n');
  for (;;) {
    const visit = next.get() as { id: number; date: string } | undefined;
    if (!visit) {
      process.stdout.write('exhausted\n');
      await new Promise(() => {});
    }
    const result = await core.invoke('records:record', {
      visitId: visit!.id,
      date: visit!.date,
      start: '09:00',
      end: '09:30',
      staffIds: staff,
      met: 'borrower',
      outcome: 'partial_payment',
      situation: {},
      checklist: {
        staffCardsShown: true,
        rightsExplained: true,
        noThirdPartyDisclosure: true,
        recorded: true,
        recordingRef: `REC-${visit!.id}`,
      },
      payment: { amountFen: 1000 + visit!.id, method: 'cash', loanId: loan.id },
    });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String(error));
  process.exit(1);
});
