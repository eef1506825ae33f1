import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { verifyChain } from '../../../electron/core/audit/chain';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { expectOk } from '../support/core';
import { engineKinds } from '../support/engines';
import { borrowerLifeCore, IDENTIFYING, PERSON } from './support';

type Core = Awaited<ReturnType<typeof borrowerLifeCore>>['core'];

/**
 * Every table and column of the database, searched for each value: on SQLite byte-wise (FTS
 * shadow tables included; the virtual tables themselves hold nothing of their own); on
 * PostgreSQL every column of the branch's tables as text (the search token table included),
 * and byte-wise in binary ones.
 */
async function whereFound(core: Core, needles: readonly string[]): Promise<string[]> {
  if (core.app.engine.kind === 'sqlite') return whereFoundOnSqlite(core.app.db, needles);
  const db = core.app.engine.db;
  const columns = await sql<{ table: string; column: string; type: string }>`
    SELECT c.table_name AS table, c.column_name AS column, c.data_type AS type
    FROM information_schema.columns c
    JOIN information_schema.tables t USING (table_schema, table_name)
    WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
    ORDER BY c.table_name, c.ordinal_position`.execute(db);
  // One query a table: for each of its columns in turn, the values found in it.
  const byTable = new Map<string, typeof columns.rows>();
  for (const c of columns.rows) byTable.set(c.table, [...(byTable.get(c.table) ?? []), c]);
  const found: string[] = [];
  for (const [table, ofTable] of byTable) {
    const perColumn = ofTable.map(({ column, type }, j) => {
      const value = sql.ref(`${table}.${column}`);
      const hit =
        type === 'bytea'
          ? sql`position(convert_to(n, 'UTF8') in ${value}) > 0`
          : sql`strpos(${value}::text, n) > 0`;
      return sql`SELECT ${j}::int AS j, i, n FROM needles
        WHERE EXISTS (SELECT 1 FROM ${sql.table(table)} WHERE ${hit})`;
    });
    const hits = await sql<{ j: number; n: string }>`
      WITH needles (n, i) AS (SELECT * FROM unnest(${[...needles]}::text[]) WITH ORDINALITY)
      ${sql.join(perColumn, sql` UNION ALL `)}
      ORDER BY j, i`.execute(db);
    for (const { j, n } of hits.rows) found.push(`${table}.${ofTable[j]!.column}: ${n}`);
  }
  return found;
}

function whereFoundOnSqlite(db: Sqlite, needles: readonly string[]): string[] {
  const tables = db
    .prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'",
    )
    .all() as { name: string }[];
  const found: string[] = [];
  for (const { name: table } of tables) {
    const columns = db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as {
      name: string;
    }[];
    for (const { name: column } of columns) {
      const hit = db.prepare(
        `SELECT count(*) AS n FROM "${table}" WHERE instr(CAST("${column}" AS BLOB), CAST(? AS BLOB)) > 0`,
      );
      for (const needle of needles) {
        if ((hit.get(needle) as { n: number }).n > 0) found.push(`${table}.${column}: ${needle}`);
      }
    }
  }
  return found;
}

/**
 * Terms still live in the search index: SQLite's FTS5 vocabulary (fts5vocab skips deleted
 * rows' terms), PostgreSQL's search tokens.
 */
async function searchTerms(core: Core, terms: readonly string[]): Promise<string[]> {
  if (core.app.engine.kind === 'postgres') {
    const rows = await sql<{ token: string }>`
      SELECT DISTINCT token FROM borrower_search_tokens
      WHERE token = ANY(${[...terms]}::text[]) OR next_token = ANY(${[...terms]}::text[])`.execute(
      core.app.engine.db,
    );
    return rows.rows.map((r) => r.token);
  }
  const db = core.app.db;
  db.exec(
    'CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, borrower_search, row)',
  );
  const rows = db
    .prepare('SELECT term FROM temp.search_vocab WHERE term IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(terms)) as { term: string }[];
  return rows.map((r) => r.term);
}

/** A stored JSON column: its text on SQLite, read as it is on PostgreSQL. */
const stored = (value: unknown): unknown =>
  typeof value === 'string' ? (JSON.parse(value) as unknown) : value;

describe.each(engineKinds)('retention reaches the audit log (crypto-shredding) on %s', (kind) => {
  it('before anonymisation the audit viewer opens the sealed details; the stored text holds none of them', async () => {
    const { core, id } = await borrowerLifeCore(kind);
    const about = expectOk(await core.invoke('audit:list', { subject: id, pageSize: 100 }));
    expect(about.rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'case.create',
        'case.update',
        'case.addContact',
        'case.addNote',
        'case.addContactEvent',
        'visit.plan',
        'visit.record',
      ]),
    );
    expect(about.rows.every((r) => r.details === 'sealed' && r.subject === id)).toBe(true);
    const created = about.rows.find((r) => r.action === 'case.create')!;
    expect(JSON.parse(created.after!)).toMatchObject({
      name: PERSON.name,
      idNumber: PERSON.maskedId,
      mobile: PERSON.maskedMobile,
      occupation: PERSON.occupation,
    });
    const contact = about.rows.find((r) => r.action === 'case.addContact')!;
    expect(JSON.parse(contact.after!)).toMatchObject({ name: PERSON.contactName });
    // What the chain hashes is the sealed text: nothing of the person is in the log's columns.
    const everywhere = await whereFound(core, IDENTIFYING);
    expect(everywhere.filter((f) => f.startsWith('audit_log.'))).toEqual([]);
    // The live case file still holds every value (so the scan after anonymisation is not
    // vacuous), except the address replaced by the edit and the masked mobile: those only
    // the audit details held, sealed. The mobile the edit replaced as well stays on SQLite in
    // the FTS5 index's segments until they merge (borrower_search_data; anonymisation scrubs
    // them, below); on PostgreSQL the edit replaced the borrower's search tokens, so there
    // too only the sealed details hold it.
    const live = new Set(everywhere.map((f) => f.split(': ')[1]));
    expect(IDENTIFYING.filter((v) => !live.has(v))).toEqual([
      ...(kind === 'postgres' ? [PERSON.mobile] : []),
      PERSON.maskedMobile,
      PERSON.addressDetail,
    ]);
    // Newest first: the first edit is the last one listed.
    const edit = about.rows.filter((r) => r.action === 'case.update').at(-1)!;
    expect(JSON.parse(edit.before!)).toMatchObject({
      address: expect.stringContaining(PERSON.addressDetail) as string,
    });
    expect((await verifyChain(core.app.engine.db, kind)).ok).toBe(true);
  });

  it('anonymising leaves nothing of the person in any table, and the chain still verifies against heads taken before', async () => {
    const { core, id, setNow, monthHead } = await borrowerLifeCore(kind);
    const headBefore = expectOk(await core.invoke('audit:verify', {})).head;

    setNow('2031-06-01T02:00:00Z');
    const preview = expectOk(await core.invoke('retention:preview', { years: 5 }));
    // Every audit row about them was written sealed: none stays readable.
    expect(preview.candidates).toEqual([
      expect.objectContaining({ borrowerId: id, loans: 1, plainAuditRows: 0 }),
    ]);
    expect(
      expectOk(await core.invoke('retention:anonymise', { years: 5, borrowerIds: [id] })),
    ).toEqual({ anonymised: 1, plainAuditRows: 0 });

    expect(await whereFound(core, IDENTIFYING)).toEqual([]);
    expect(await searchTerms(core, [PERSON.mobile, PERSON.idNumber, '丰'])).toEqual([]);
    expect(
      expectOk(await core.invoke('cases:list', { search: PERSON.name, statuses: ['closed'] })).rows,
    ).toEqual([]);
    const db = core.app.engine.db;
    const keys = await db
      .selectFrom('audit_subject_keys')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(keys.n)).toBe(0);

    // The figures stay: the loan, the payment, the visit and its outcome.
    const figures = await sql<{ loans: number; paid: number; outcome: string; township: string }>`
      SELECT (SELECT count(*) FROM loans WHERE borrower_id = ${id}) AS loans,
             (SELECT sum(amount_fen) FROM payments WHERE borrower_id = ${id}) AS paid,
             (SELECT outcome FROM visit_records WHERE borrower_id = ${id}) AS outcome,
             (SELECT township FROM borrowers WHERE id = ${id}) AS township`.execute(db);
    const [figure] = figures.rows;
    expect({ ...figure, loans: Number(figure!.loans), paid: Number(figure!.paid) }).toEqual({
      loans: 1,
      paid: 50000,
      outcome: 'partial_payment',
      township: '东源镇',
    });

    const report = expectOk(
      await core.invoke('audit:verify', { anchors: [headBefore, monthHead] }),
    );
    expect(report.ok).toBe(true);
    expect(report.anchors.every((a) => a.foundAtId !== null)).toBe(true);
    expect(await verifyChain(core.app.engine.db, kind)).toMatchObject({
      ok: true,
      firstBadId: null,
    });

    const about = expectOk(await core.invoke('audit:list', { subject: id, pageSize: 100 }));
    expect(about.rows.length).toBeGreaterThanOrEqual(7);
    for (const row of about.rows) {
      expect(row).toMatchObject({ details: 'anonymised', before: null, after: null });
      // Who did what, when, stays readable.
      expect(row.action).not.toBe('');
      expect(row.staffName).toBe('王建国');
    }
    const retention = expectOk(await core.invoke('audit:list', { action: 'retention.anonymise' }))
      .rows[0]!;
    expect(JSON.parse(retention.after!)).toMatchObject({
      borrowerIds: [id],
      keysShredded: 1,
      plainAuditRows: 0,
    });
    expect(JSON.parse(retention.after!).printsRedacted).toBe(4);
  });

  it('the auditor’s CSV export marks shredded details and holds nothing of the person', async () => {
    const { core, id, setNow } = await borrowerLifeCore(kind);
    setNow('2031-06-01T02:00:00Z');
    expectOk(await core.invoke('retention:anonymise', { years: 5, borrowerIds: [id] }));
    const out = expectOk(
      await core.invoke('audit:export', { subject: id, purpose: '年度稽核抽查' }),
    );
    const csv = Buffer.from(out.csvBase64, 'base64').toString('utf8');
    expect(csv).toContain('已匿名化 (anonymised)');
    expect(csv.split('\n')[0]).toContain('"subject","details","before","after"');
    for (const value of IDENTIFYING) expect(csv).not.toContain(value);
  });

  it('a reprint of an anonymised borrower’s notice carries no personal data', async () => {
    const { core, id, setNow } = await borrowerLifeCore(kind);
    setNow('2031-06-01T02:00:00Z');
    expectOk(await core.invoke('retention:anonymise', { years: 5, borrowerIds: [id] }));
    const db = core.app.engine.db;
    const logged = await db
      .selectFrom('print_log')
      .select(['id', 'content_json'])
      .where('borrower_id', '=', id)
      .orderBy('id')
      .execute();
    expect(logged.length).toBe(3);
    for (const row of logged) {
      expect(stored(row.content_json)).toMatchObject({
        borrower: { name: '已匿名', maskedId: '', address: '' },
        anonymisedAt: '2031-06-01T02:00:00.000Z',
      });
    }
    // A reprint is a copy of the redacted document.
    const reprint = expectOk(await core.invoke('notices:reprint', { printLogId: logged[0]!.id }))
      .documents[0]!;
    expect(reprint).toMatchObject({ isCopy: true, borrower: { name: '已匿名', maskedId: '' } });
    for (const value of IDENTIFYING) expect(JSON.stringify(reprint)).not.toContain(value);
    const sheet = await db
      .selectFrom('print_log')
      .select('content_json')
      .where('kind', '=', 'dayRouteSheet')
      .executeTakeFirstOrThrow();
    expect(stored(sheet.content_json)).toMatchObject({
      route: { stops: [{ borrowerName: '已匿名', maskedId: '', loanNos: ['QS-2025-0917'] }] },
    });
    // Outside retention, the print log and visit records still refuse to change.
    const printed = logged[0]!.id;
    await expect(
      core.app.write((tx) =>
        tx.updateTable('print_log').set({ reference_no: 'X' }).where('id', '=', printed).execute(),
      ),
    ).rejects.toThrow(/never rewritten/);
    await expect(
      core.app.write((tx) =>
        tx.updateTable('print_log').set({ content_json: '{}' }).where('id', '=', printed).execute(),
      ),
    ).rejects.toThrow(/never rewritten/);
    await expect(
      core.app.write((tx) => tx.updateTable('visit_records').set({ outcome: 'refused' }).execute()),
    ).rejects.toThrow(/never changed/);
  });
});
