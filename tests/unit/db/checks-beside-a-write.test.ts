import { describe, expect, it } from 'vitest';
import { expectOk, signedInCore } from '../support/core';
import { appImportDesk } from '../../../electron/core/imports/desk';
import { ownersOf } from '../../../electron/core/imports/prepare';
import type { CaseImportRow } from '../../../electron/core/imports/rows';
import { b64, idFor, utf8 } from '../imports/fixtures';
import { AT, heldWrite, insertBorrower, microtasks, OFFSETS } from './beside-a-write';

/**
 * Two more places that used the embedded engine's one connection directly, beside the reads
 * of reads-beside-a-write.test.ts:
 * - an import's check of the file's loan numbers against their owners (imports/prepare.ts),
 *   which the preview and the import of a small file run in the main process;
 * - the anonymisation's `secure_delete` switch and WAL checkpoint (retention/anonymise.ts).
 * The write of a call made in the same turn of the event loop can be open between their awaits
 * (a SQLite write never yields to the event loop, so only calls made together meet one open):
 * used directly, the connection either refused them as an internal error or, for the owners,
 * answered from inside the other write, rows that might never commit.
 *
 * Each case starts a write that adds a borrower with loan BESIDE-n (then many microtask
 * turns, then a rollback or a commit) and the call under test 0 to 400 turns before or after.
 */

const orders = ['write first', 'call first'] as const;

type Core = Awaited<ReturnType<typeof signedInCore>>;

/** Borrower n with loan BESIDE-n, held open for 300 turns, then committed or rolled back. */
function write(core: Core, outcome: 'commit' | 'rollback', n: number) {
  return heldWrite(core.app, outcome, async (tx) => {
    const borrowerId = await insertBorrower(tx, n, idFor(500 + n));
    await tx
      .insertInto('loans')
      .values({
        loan_no: `BESIDE-${n}`,
        borrower_id: borrowerId,
        principal_fen: 5_000_000,
        disbursed_on: '2024-06-01',
        created_at: AT,
        updated_at: AT,
      })
      .execute();
  });
}

/** A one-row head-office file that gives loan BESIDE-n to a different person. */
const fileFor = (n: number) =>
  b64(
    utf8(
      `姓名,身份证号,贷款编号,贷款本金,放款日期,剩余本金\r\n另一人,${idFor(9_000 + n)},BESIDE-${n},50000,2024-06-01,40000\r\n`,
    ),
  );

async function beside<T>(
  core: Core,
  outcome: 'commit' | 'rollback',
  first: (typeof orders)[number],
  offset: number,
  n: number,
  call: () => Promise<T>,
): Promise<{ outcome: string; answer: T }> {
  let written: Promise<string>;
  let pending: Promise<T>;
  if (first === 'write first') {
    written = write(core, outcome, n);
    await microtasks(offset);
    pending = call();
  } else {
    pending = call();
    await microtasks(offset);
    written = write(core, outcome, n);
  }
  const [outcomeSeen, answer] = await Promise.all([written, pending]);
  return { outcome: outcomeSeen, answer };
}

const preview = (core: Core, n: number) =>
  core.invoke('imports:preview', {
    fileName: `beside-${n}.csv`,
    contentBase64: fileFor(n),
    rows: 5,
  });

const ownerRefusals = (answer: Awaited<ReturnType<typeof preview>>) =>
  expectOk(answer).problems.filter((p) => p.reason === 'v.import.loanOfOtherBorrower').length;

describe('checks on the embedded connection beside an open write', () => {
  it('the owner check waits for a write open on the connection, and sees only what commits', async () => {
    const core = await signedInCore({ now: () => new Date('2026-03-02T02:00:00Z') });
    let n = 0;
    for (const outcome of ['rollback', 'commit'] as const) {
      for (const offset of OFFSETS) {
        n += 1;
        // The write first: by a few turns it is open, holding the connection for 300 more.
        const written = write(core, outcome, n);
        await microtasks(offset);
        const owners = ownersOf(appImportDesk(core.app), [
          { loanNo: `BESIDE-${n}` } as CaseImportRow,
        ]);
        const [outcomeSeen, ownerOf] = await Promise.all([written, owners]);
        expect(outcomeSeen).toBe(outcome === 'commit' ? 'committed' : 'rolled back on purpose');
        const seen = ownerOf(`BESIDE-${n}`);
        if (outcome === 'rollback') expect(seen, `by ${offset} turns`).toBeUndefined();
        else expect([undefined, idFor(500 + n)], `by ${offset} turns`).toContain(seen);
      }
    }
  });

  it('a preview never sees the loan of a write that rolls back, and never fails', async () => {
    const core = await signedInCore({ now: () => new Date('2026-03-02T02:00:00Z') });
    for (const first of orders) {
      for (const offset of OFFSETS) {
        const seen = await beside(core, 'rollback', first, offset, 0, () => preview(core, 0));
        expect(seen.outcome).toBe('rolled back on purpose');
        expect(ownerRefusals(seen.answer), `${first} by ${offset} turns`).toBe(0);
      }
    }
    // The loan number is free: the file's row is one to import.
    expect(expectOk(await preview(core, 0))).toMatchObject({ totalRows: 1, rejected: 0 });
  });

  it('a preview beside a committed write sees its loan whole or not at all, and never fails', async () => {
    const core = await signedInCore({ now: () => new Date('2026-03-02T02:00:00Z') });
    const runs = orders.flatMap((o) => OFFSETS.map((offset) => [o, offset] as const));
    for (const [n, [first, offset]] of runs.entries()) {
      const seen = await beside(core, 'commit', first, offset, n, () => preview(core, n));
      expect(seen.outcome).toBe('committed');
      expect([0, 1], `${first} by ${offset} turns`).toContain(ownerRefusals(seen.answer));
      // Afterwards the loan is the other borrower's, and the file's row is refused for it.
      expect(ownerRefusals(await preview(core, n))).toBe(1);
    }
  });

  it('an anonymisation beside another write completes, and leaves secure_delete as it was', async () => {
    let now = new Date('2020-03-01T02:00:00Z');
    const core = await signedInCore({ now: () => now });
    const runs = orders.flatMap((o) => OFFSETS.map((offset) => [o, offset] as const));
    const closed: number[] = [];
    for (let i = 0; i < runs.length; i++) {
      const { id } = expectOk(
        await core.invoke('cases:create', {
          name: `张${i}`,
          idNumber: idFor(20_000 + i),
          township: '石桥镇',
          village: '溪口村',
        }),
      );
      closed.push(id);
    }
    await core.app.write((tx) =>
      tx
        .updateTable('borrowers')
        .set({ status: 'closed', closed_at: '2020-03-01T02:00:00.000Z' })
        .execute(),
    );
    now = new Date('2026-03-02T02:00:00Z');
    core.app.touch();
    const secureDelete = () => Number(core.app.db.pragma('secure_delete', { simple: true }));
    const before = secureDelete();
    for (const [n, [first, offset]] of runs.entries()) {
      const seen = await beside(core, 'commit', first, offset, n, () =>
        core.invoke('retention:anonymise', { years: 5, borrowerIds: [closed[n]!] }),
      );
      expect(seen.outcome).toBe('committed');
      expect(expectOk(seen.answer), `${first} by ${offset} turns`).toEqual({
        anonymised: 1,
        plainAuditRows: 0,
      });
      expect(secureDelete()).toBe(before);
    }
    const names = await core.app.engine.db
      .selectFrom('borrowers')
      .select('name')
      .where('id', 'in', closed)
      .execute();
    expect(new Set(names.map((r) => r.name))).toEqual(new Set(['已匿名']));
  });
});
