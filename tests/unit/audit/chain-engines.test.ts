import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from '../../../electron/core/audit/audit';
import { appendAuditRow, verifyChain } from '../../../electron/core/audit/chain';
import { openSealed } from '../../../electron/core/audit/seal';
import { engineKinds, openTestEngine, type EngineUnderTest } from '../support/engines';

/**
 * The audit chain of the async core on both engines (issue 19): the same rows hash alike on
 * SQLite and PostgreSQL, `verify` finds an edited or removed row on each, and on PostgreSQL
 * eight desks appending at once still make one gapless chain.
 */

let open: EngineUnderTest[] = [];
afterEach(async () => {
  await Promise.all(open.map((e) => e.close()));
  open = [];
});

async function engineOf(kind: (typeof engineKinds)[number]) {
  const under = await openTestEngine(kind);
  open.push(under);
  return under;
}

/** Fixed rows, so both engines hash exactly the same text. */
const entries = [
  {
    staffId: null,
    action: 'auth.setup',
    entity: 'branch',
    entityId: 1,
    at: '2026-03-01T01:02:03.004Z',
    after: { name: '石桥支行' },
  },
  {
    staffId: 1,
    action: 'cases.create',
    entity: 'borrower',
    entityId: 7,
    at: '2026-03-01T02:00:00.000Z',
    after: { name: '张三', village: '东村' },
  },
  {
    staffId: 1,
    action: 'access.refused',
    entity: 'channel',
    entityId: 'backup:restore',
    success: false,
    at: '2026-03-01T02:00:00.500Z',
    after: { role: 'officer' },
  },
  {
    staffId: 2,
    action: 'visits.record',
    entity: 'visit',
    entityId: 12,
    at: '2026-03-02T09:30:00.123Z',
    before: null,
    after: { outcome: 'promise', amountFen: 120_000 },
  },
];

describe.each(engineKinds)('the audit chain on %s', (kind) => {
  it('appends linked rows and verifies them; the head is the last row’s hash', async () => {
    const { engine } = await engineOf(kind);
    const hashes: string[] = [];
    for (const entry of entries) {
      hashes.push(await engine.transaction((tx) => appendAuditRow(engine, tx, entry)));
    }
    const report = await verifyChain(engine.db, engine.kind);
    expect(report).toEqual({ ok: true, rows: 4, head: hashes[3], firstBadId: null });
    const rows = await engine.db
      .selectFrom('audit_log')
      .select(['id', 'prev_hash', 'hash', 'success', 'at'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows.slice(1).map((r) => r.prev_hash)).toEqual(hashes.slice(0, 3));
    // The time reads back as it was written (PostgreSQL: timestamptz, read as ISO text).
    expect(rows.map((r) => r.at)).toEqual(entries.map((e) => e.at));
    // The refused access is stored as not successful (0 or false).
    expect(Boolean(rows[2]!.success)).toBe(false);
  });

  it('rolls the row back with the action it records', async () => {
    const { engine } = await engineOf(kind);
    await expect(
      engine.transaction(async (tx) => {
        await appendAuditRow(engine, tx, entries[0]!);
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    await engine.transaction((tx) => appendAuditRow(engine, tx, entries[1]!));
    expect(await verifyChain(engine.db, engine.kind)).toMatchObject({ ok: true, rows: 1 });
  });

  it('seals a borrower’s details with the borrower’s key, and the chain verifies either way', async () => {
    const { engine } = await engineOf(kind);
    await engine.transaction((tx) => appendAuditRow(engine, tx, { ...entries[1]!, subject: 7 }));
    await engine.transaction((tx) => appendAuditRow(engine, tx, { ...entries[3]!, subject: 7 }));
    const rows = await engine.db
      .selectFrom('audit_log')
      .select(['after', 'subject_id'])
      .orderBy('id')
      .execute();
    expect(rows[0]!.after).not.toContain('张三');
    expect(rows.map((r) => r.subject_id)).toEqual([7, 7]);
    const keys = await engine.db
      .selectFrom('audit_subject_keys')
      .select(['borrower_id', 'key'])
      .execute();
    expect(keys).toHaveLength(1);
    expect(openSealed(rows[0]!.after!, keys[0]!.key)).toBe(JSON.stringify(entries[1]!.after));
    // Crypto-shredding: the key goes, the rows stay and still verify.
    await engine.transaction((tx) =>
      tx.deleteFrom('audit_subject_keys').where('borrower_id', '=', 7).execute(),
    );
    expect(await verifyChain(engine.db, engine.kind)).toMatchObject({ ok: true, rows: 2 });
  });

  it('refuses to change or remove a row, and verify finds one changed behind its back', async () => {
    const under = await engineOf(kind);
    const { engine } = under;
    for (const entry of entries)
      await engine.transaction((tx) => appendAuditRow(engine, tx, entry));
    await expect(
      engine.transaction((tx) =>
        tx.updateTable('audit_log').set({ action: 'x' }).where('id', '=', 2).execute(),
      ),
    ).rejects.toThrow(/append-only/);
    await expect(
      engine.transaction((tx) => tx.deleteFrom('audit_log').where('id', '=', 2).execute()),
    ).rejects.toThrow(/append-only/);
    // Someone with the database's own rights takes the guard off and edits row 3.
    if (kind === 'sqlite') {
      under.connection!.exec('DROP TRIGGER audit_log_no_update');
      under.connection!.prepare("UPDATE audit_log SET action = 'edited' WHERE id = 3").run();
    } else {
      await sql`ALTER TABLE audit_log DISABLE TRIGGER USER`.execute(engine.db);
      await sql`UPDATE audit_log SET action = 'edited' WHERE id = 3`.execute(engine.db);
    }
    expect(await verifyChain(engine.db, engine.kind)).toMatchObject({ ok: false, firstBadId: 3 });
  });
});

describe('the same chain on both engines', () => {
  it('hashes the same rows to the same hashes on SQLite and PostgreSQL', async () => {
    const chains: string[][] = [];
    for (const kind of engineKinds) {
      const { engine } = await engineOf(kind);
      const hashes: string[] = [];
      for (const entry of entries)
        hashes.push(await engine.transaction((tx) => appendAuditRow(engine, tx, entry)));
      chains.push(hashes);
    }
    expect(chains[1]).toEqual(chains[0]);
  });

  it('on SQLite, is the chain today’s synchronous appendAudit writes, row for row', async () => {
    const sync = await engineOf('sqlite');
    const asyncOne = await engineOf('sqlite');
    const written = entries.map((entry) =>
      sync.connection!.transaction(() => appendAudit(sync.connection!, entry))(),
    );
    const appended: string[] = [];
    for (const entry of entries) {
      appended.push(
        await asyncOne.engine.transaction((tx) => appendAuditRow(asyncOne.engine, tx, entry)),
      );
    }
    expect(appended).toEqual(written);
    expect(verifyAuditChain(asyncOne.connection!)).toMatchObject({ ok: true, rows: 4 });
  });
});

describe('eight desks appending at once on PostgreSQL', () => {
  it('make one gapless chain that verifies', async () => {
    const { engine } = await engineOf('postgres');
    const desks = Array.from({ length: 8 }, (_, desk) => desk);
    await Promise.all(
      desks.map(async (desk) => {
        for (let n = 0; n < 15; n++) {
          await engine.transaction(async (tx) => {
            // Some work of the action before its audit row, as a service does.
            await tx.selectFrom('audit_log').select('id').limit(1).execute();
            await appendAuditRow(engine, tx, {
              staffId: desk + 1,
              action: 'visits.record',
              entity: 'visit',
              entityId: desk * 100 + n,
              after: { desk, n },
            });
          });
        }
      }),
    );
    const report = await verifyChain(engine.db, engine.kind);
    expect(report).toMatchObject({ ok: true, rows: 120, firstBadId: null });
    const perDesk = await engine.db
      .selectFrom('audit_log')
      .select(['staff_id', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('staff_id')
      .orderBy('staff_id')
      .execute();
    expect(perDesk.map((r) => Number(r.n))).toEqual(desks.map(() => 15));
  });
});
