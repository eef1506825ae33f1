import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import { appendAuditRow, verifyChain } from '../../../electron/core/audit/chain';
import {
  matchExpression,
  namePinyin,
  searchBorrowerIds,
} from '../../../electron/core/cases/search';
import {
  searchBorrowerIdsPostgres,
  type SearchTokensDatabase,
} from '../../../electron/core/cases/search-postgres';
import { enrolDesk } from '../../../electron/core/desks/service';
import { defaultTemplates } from '../../../electron/core/notices/default-templates';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { branchTables } from '../../../electron/core/db/postgres/baseline';
import { copySqliteToPostgres } from '../../../electron/core/db/postgres/copy-from-sqlite';
import type { DB } from '../../../electron/core/db/schema';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { tableCounts } from '../../../electron/core/db/table-counts';
import { nodeDriver } from '../../../electron/core/node';
import { AppFailure } from '../../../electron/shared/result';
import { expectOk, signedInCore, tempDir } from '../support/core';
import { openTestEngine } from '../support/engines';

/**
 * Moving a branch from its embedded SQLite database to PostgreSQL (issue 20): the demo branch,
 * plus a few actions through the channels so that tables the demo leaves empty hold rows too,
 * copied into a fresh PostgreSQL database and verified; and every way the copy can fail leaves
 * that database exactly as it was.
 */

const NOW = new Date('2026-11-29T02:00:00.000Z');

type Core = Awaited<ReturnType<typeof signedInCore>>;

/** The demo branch and some more of a branch's life, all through the channels. */
async function branchOnSqlite(): Promise<Core> {
  const core = await signedInCore({ now: () => NOW });
  expectOk(await core.invoke('cases:loadDemo', {}));
  const db = core.app.db;
  const one = <T>(query: string, ...params: unknown[]) => db.prepare(query).get(...params) as T;

  expectOk(
    await core.invoke('planning:setHoliday', { date: '2026-12-24', kind: 'holiday', note: '庙会' }),
  );
  expectOk(
    await core.invoke('notices:saveTemplate', {
      kind: 'paymentReceipt',
      lang: 'zh',
      body: defaultTemplates.paymentReceipt.zh.replace(
        '本收据由付款人保存。',
        '请妥善保存本收据。',
      ),
    }),
  );
  // A case written off, and another moved to an officer it was not with.
  const active = db
    .prepare("SELECT id, assigned_officer_id FROM borrowers WHERE status = 'active' ORDER BY id")
    .all() as { id: number; assigned_officer_id: number | null }[];
  expectOk(
    await core.invoke('cases:exit', {
      borrowerId: active[0]!.id,
      kind: 'written_off',
      exitOn: '2026-11-20',
      reference: 'HX-2026-017',
      note: '总行核销批复',
    }),
  );
  const officers = db
    .prepare("SELECT id FROM staff WHERE role = 'officer' AND active = 1 ORDER BY id")
    .all() as { id: number }[];
  const moved = active[1]!;
  const to = officers.find((o) => o.id !== moved.assigned_officer_id)!;
  expectOk(
    await core.invoke('assignments:reassign', {
      by: 'cases',
      borrowerIds: [moved.id],
      toOfficerId: to.id,
      reason: '村子离网点近，换人跟进',
    }),
  );
  // An elderly borrower cleared for visits by the manager.
  const elderly = one<{ id: number }>(
    "SELECT id FROM borrowers WHERE birth_date <= '1951-11-29' ORDER BY id LIMIT 1",
  );
  expectOk(
    await core.invoke('planning:clearElderly', {
      borrowerId: elderly.id,
      reason: '本人身体健康，同意上门面谈',
    }),
  );
  // Visit money handed in against its receipts (two staff on one visit share its receipt:
  // the holders are asked again after each hand-in).
  for (let handedIn = 0; handedIn < 2;) {
    const holders = expectOk(await core.invoke('records:cashHolders', {}));
    let due = null;
    for (const holder of holders) {
      const found = expectOk(
        await core.invoke('records:cashDue', { officerId: holder.officerId, day: holder.day }),
      );
      if (found.receipts.length) {
        due = found;
        break;
      }
    }
    if (!due) break;
    expectOk(
      await core.invoke('records:handIn', {
        officerId: due.officerId,
        day: due.day,
        receiptIds: due.receipts.map((r) => r.receiptId),
        countedFen: due.expectedFen,
        explanation: '',
      }),
    );
    handedIn += 1;
  }
  // A desk enrolled with the branch server (migration 022), whose audit row names it: the copy
  // keeps the desk, its used code, and the chain whose hash covers the desk's id.
  const { code } = expectOk(await core.invoke('desks:createCode', { minutes: 60 }));
  await enrolDesk(core.app, code, '前台一号机');
  // A contact who consented to be called (the consent is its own row), and the notice settings.
  expectOk(
    await core.invoke('cases:addContact', {
      borrowerId: active[2]!.id,
      name: '邻居老王',
      relation: 'other',
      phone: '13900001111',
      consentToContact: true,
      consentEvidence: '本人签字同意书',
    }),
  );
  expectOk(
    await core.invoke('notices:saveSettings', {
      repaymentChannels: ['本行各营业网点柜台'],
      reminderPayDays: 5,
      demandPayDays: 10,
      logoDataUrl: null,
    }),
  );
  return core;
}

/** Everything a failed copy must leave as it was: every table's rows, and the sequences. */
async function snapshot(db: Kysely<DB>) {
  const tables = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY c.relname`.execute(db);
  const rows: Record<string, unknown[]> = {};
  for (const { name } of tables.rows) {
    const content = await sql<Record<string, unknown>>`
      SELECT * FROM ${sql.table(name)} ORDER BY 1, 2`.execute(db);
    rows[name] = content.rows;
  }
  const sequences = await sql<{ name: string; last: number | null }>`
    SELECT sequencename AS name, last_value AS last FROM pg_sequences
    WHERE schemaname = 'public' ORDER BY sequencename`.execute(db);
  return { rows, sequences: sequences.rows };
}

async function failure(promise: Promise<unknown>): Promise<AppFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error;
    throw error;
  }
  throw new Error('expected the copy to fail');
}

const count = (db: Sqlite, table: string) =>
  (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

describe('copying a branch from its SQLite database to PostgreSQL', () => {
  it('copies every table in one verified transaction: counts, checksums, the chain, search', async () => {
    const core = await branchOnSqlite();
    const source = core.app.db;
    const target = await openTestEngine('postgres');
    try {
      const progress: string[] = [];
      const report = await copySqliteToPostgres(source, target.engine, {
        onProgress: (table, done, total) => {
          if (done === total) progress.push(table);
        },
      });

      // Every branch table, each once, parents before children; SQLite's tables exactly.
      const copied = report.tables.map((t) => t.name);
      // The baseline's tables and those migrations 020 and 022 added on both engines.
      expect([...copied].sort()).toEqual(
        [...branchTables, 'receipt_sequences', 'desks', 'enrolment_codes'].sort(),
      );
      // The row counts the stats command shows are the same on both engines, table for table.
      const sourceCounts = (await tableCounts(core.app.engine)).tables;
      expect([...copied].sort()).toEqual(Object.keys(sourceCounts).sort());
      expect((await tableCounts(target.engine)).tables).toEqual(
        Object.fromEntries(report.tables.map((t) => [t.name, t.rows])),
      );
      expect(sourceCounts).toEqual(Object.fromEntries(report.tables.map((t) => [t.name, t.rows])));
      expect(copied.indexOf('borrowers')).toBeLessThan(copied.indexOf('loans'));
      expect(copied.indexOf('payments')).toBeLessThan(copied.indexOf('receipts'));
      expect(copied.indexOf('receipts')).toBeLessThan(copied.indexOf('cash_handin_receipts'));
      expect(progress).toEqual([...copied, 'borrower_search_tokens']);

      // Row for row: the report, SQLite and PostgreSQL agree on every table.
      for (const { name, rows: copiedRows } of report.tables) {
        const { rows: found } = await sql<{ n: number }>`
          SELECT count(*)::integer AS n FROM ${sql.table(name)}`.execute(target.engine.db);
        expect([name, copiedRows, found[0]!.n]).toEqual([
          name,
          count(source, name),
          count(source, name),
        ]);
      }
      // The source is a branch with a life: the tables it leaves empty are these few.
      const empty = report.tables.filter((t) => t.rows === 0).map((t) => t.name);
      // (No import ran, so nothing an import writes; no record broke a rule.)
      const emptyInSource = [
        'file_repayments',
        'import_officer_names',
        'payment_confirmations',
        'staff_name_aliases',
        'visit_record_violations',
      ];
      for (const table of empty) expect(emptyInSource, table).toContain(table);

      // The chain verifies on PostgreSQL with the same rows and head, and the head row names it.
      const sqliteChain = verifyAuditChain(source);
      const postgresChain = await verifyChain(target.engine.db, 'postgres');
      expect(postgresChain).toEqual(sqliteChain);
      expect(sqliteChain.ok).toBe(true);
      expect(report.auditRows).toBe(sqliteChain.rows);
      expect(report.auditHead).toBe(sqliteChain.head);
      // The enrolment's row came across with its desk, and its hash (which covers the desk)
      // verified above.
      const enrolled = await target.engine.db
        .selectFrom('audit_log')
        .innerJoin('desks', 'desks.id', 'audit_log.desk_id')
        .select(['audit_log.action', 'desks.name'])
        .execute();
      expect(enrolled).toEqual([{ action: 'desks.enrolled', name: '前台一号机' }]);
      expect(
        await target.engine.db.selectFrom('audit_head').select(['last_id', 'hash']).execute(),
      ).toEqual([{ last_id: sqliteChain.rows, hash: sqliteChain.head }]);
      const sealed = await target.engine.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('subject_id', 'is not', null)
        .executeTakeFirstOrThrow();
      expect(Number(sealed.n)).toBeGreaterThan(0);

      // meta is the source's, key for key (the branch's database id, where sealing began).
      const meta = await target.engine.db.selectFrom('meta').select(['key', 'value']).execute();
      expect(meta.sort((a, b) => a.key.localeCompare(b.key))).toEqual(
        (source.prepare('SELECT key, value FROM meta').all() as { key: string }[]).sort((a, b) =>
          a.key.localeCompare(b.key),
        ),
      );

      // Each receipt series goes on from the same number on PostgreSQL.
      const series = source
        .prepare('SELECT branch_code, year, last_seq FROM receipt_sequences ORDER BY year')
        .all();
      expect(series.length).toBeGreaterThan(0);
      expect(
        await target.engine.db
          .selectFrom('receipt_sequences')
          .select(['branch_code', 'year', 'last_seq'])
          .orderBy('year')
          .execute(),
      ).toEqual(series);

      // Case search finds the same borrowers on both engines: name, ID tail, pinyin initials,
      // village, phone tail.
      expect(report.borrowersIndexed).toBe(count(source, 'borrowers'));
      const search = target.engine.db as unknown as Kysely<SearchTokensDatabase>;
      const people = source
        .prepare(
          'SELECT name, id_number, village, mobile FROM borrowers WHERE id % 37 = 1 ORDER BY id',
        )
        .all() as { name: string; id_number: string; village: string; mobile: string | null }[];
      let asked = 0;
      for (const p of people) {
        const queries = [
          p.name,
          p.id_number.slice(-4),
          namePinyin(p.name).terms.split(' ')[1]!,
          p.village,
          ...(p.mobile ? [p.mobile.slice(-4)] : []),
        ];
        for (const q of queries) {
          const match = matchExpression(q);
          const onSqlite = match === null ? null : searchBorrowerIds(source, match);
          const onPostgres = await searchBorrowerIdsPostgres(search, q);
          expect([q, onPostgres]).toEqual([q, onSqlite]);
          asked += 1;
        }
      }
      // A contact's phone, a one-character surname.
      for (const q of ['13900001111', '1111', people[0]!.name[0]!]) {
        const onSqlite = searchBorrowerIds(source, matchExpression(q)!);
        expect([q, await searchBorrowerIdsPostgres(search, q)]).toEqual([q, onSqlite]);
        expect(onSqlite.length, q).toBeGreaterThan(0);
        asked += 1;
      }
      expect(asked).toBeGreaterThan(40);

      // A second copy into the same database is refused, and changes nothing.
      const before = await snapshot(target.engine.db);
      const again = await failure(copySqliteToPostgres(source, target.engine));
      expect(again.code).toBe('CONFLICT');
      expect(again.message).toMatch(/already holds this branch's data.*borrowers: 400/);
      expect(await snapshot(target.engine.db)).toEqual(before);

      // The branch carries on from the copy: new ids follow the copied ones, the chain links on.
      const maxNote = Math.max(
        ...(source.prepare('SELECT id FROM notes').all() as { id: number }[]).map((r) => r.id),
      );
      const borrower = active(source);
      const note = await target.engine.transaction(async (tx) => {
        const row = await tx
          .insertInto('notes')
          .values({
            borrower_id: borrower,
            at: NOW.toISOString(),
            staff_id: null,
            text: '迁移后第一条',
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await appendAuditRow(target.engine, tx, {
          staffId: null,
          action: 'note.add',
          entity: 'notes',
          entityId: row.id,
        });
        return row.id;
      });
      expect(note).toBe(maxNote + 1);
      const carriedOn = await verifyChain(target.engine.db, 'postgres');
      expect(carriedOn).toMatchObject({ ok: true, rows: sqliteChain.rows + 1 });
    } finally {
      await target.close();
    }
  });

  it('leaves the PostgreSQL database exactly as it was when the copy fails at any point', async () => {
    const core = await branchOnSqlite();
    const source = core.app.db;
    const target = await openTestEngine('postgres');
    const db = target.engine.db;
    try {
      const empty = await snapshot(db);
      expect(empty.rows.meta).toHaveLength(1);

      // A source at another schema version is refused before anything is read.
      const old = openEncrypted(path.join(tempDir(), 'old.db'), newDatabaseKey(), {
        driver: nodeDriver,
        create: true,
      });
      migrate(old, 18);
      const tooOld = await failure(copySqliteToPostgres(old, target.engine));
      old.close();
      expect(tooOld.code).toBe('CONFLICT');
      expect(tooOld.message).toMatch(/schema 18/);

      // Cancelled after the first tables.
      const controller = new AbortController();
      const seen: string[] = [];
      const cancelled = await failure(
        copySqliteToPostgres(source, target.engine, {
          signal: controller.signal,
          onProgress: (table, done) => {
            if (!seen.includes(table)) seen.push(table);
            if (table === 'loans' && done > 0) controller.abort();
          },
        }),
      );
      expect(cancelled.code).toBe('CANCELLED');
      expect(seen).toContain('borrowers');
      expect(await snapshot(db)).toEqual(empty);

      // A row PostgreSQL refuses midway (here a check added for the test on payments, whose
      // rows take several INSERTs): the table and the constraint are named.
      const payments = source.prepare('SELECT id FROM payments ORDER BY id').all() as {
        id: number;
      }[];
      const cut = payments[Math.floor(payments.length * 0.8)]!.id;
      await sql`ALTER TABLE payments ADD CONSTRAINT test_refuses_late_rows
        CHECK (id < ${sql.lit(cut)})`.execute(db);
      const refused = await failure(copySqliteToPostgres(source, target.engine));
      await sql`ALTER TABLE payments DROP CONSTRAINT test_refuses_late_rows`.execute(db);
      expect(refused.message).toMatch(/refused rows of payments from id \d+/);
      expect(refused.message).toMatch(/test_refuses_late_rows/);
      expect(await snapshot(db)).toEqual(empty);

      // Values altered in flight (a trigger the test puts on the target): one note's text, one
      // payment's day, one visit's flag. The counts agree; the checksums do not.
      const note = source.prepare('SELECT min(id) AS id FROM notes').get() as { id: number };
      const payment = source.prepare('SELECT max(id) AS id FROM payments').get() as { id: number };
      await sql`
        CREATE FUNCTION test_alter_note() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.text := NEW.text || '。'; RETURN NEW; END $$;
        CREATE TRIGGER test_alter_note BEFORE INSERT ON notes FOR EACH ROW
          WHEN (NEW.id = ${sql.lit(note.id)}) EXECUTE FUNCTION test_alter_note();
        CREATE FUNCTION test_alter_payment() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.paid_on := NEW.paid_on + 1; RETURN NEW; END $$;
        CREATE TRIGGER test_alter_payment BEFORE INSERT ON payments FOR EACH ROW
          WHEN (NEW.id = ${sql.lit(payment.id)}) EXECUTE FUNCTION test_alter_payment();
        CREATE FUNCTION test_alter_visit() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN NEW.borrower_requested := NOT NEW.borrower_requested; RETURN NEW; END $$;
        CREATE TRIGGER test_alter_visit BEFORE INSERT ON visits FOR EACH ROW
          WHEN (NEW.id = 1) EXECUTE FUNCTION test_alter_visit();
      `.execute(db);
      const altered = await failure(copySqliteToPostgres(source, target.engine));
      await sql`
        DROP TRIGGER test_alter_note ON notes; DROP FUNCTION test_alter_note();
        DROP TRIGGER test_alter_payment ON payments; DROP FUNCTION test_alter_payment();
        DROP TRIGGER test_alter_visit ON visits; DROP FUNCTION test_alter_visit();
      `.execute(db);
      expect([...(altered.details?.problems as string[])].sort()).toEqual([
        'notes: the rows differ (checksum)',
        'payments: the rows differ (checksum)',
        'visits: the rows differ (checksum)',
      ]);
      expect(await snapshot(db)).toEqual(empty);

      // With nothing in the way, the same database takes the copy.
      const report = await copySqliteToPostgres(source, target.engine);
      expect(report.auditRows).toBe(verifyAuditChain(source).rows);
    } finally {
      await target.close();
    }
  });
});

function active(db: Sqlite): number {
  return (
    db.prepare("SELECT min(id) AS id FROM borrowers WHERE status = 'active'").get() as {
      id: number;
    }
  ).id;
}
