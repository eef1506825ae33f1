import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { expectOk } from '../support/core';
import { borrowerLifeCore, IDENTIFYING, PERSON } from './support';

/**
 * Every table and column of the database (FTS shadow tables included; the virtual tables
 * themselves hold nothing of their own), searched byte-wise for each value.
 */
function whereFound(db: Sqlite, needles: readonly string[]): string[] {
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

/** Terms still live in the search index (fts5vocab skips deleted rows' terms). */
function searchTerms(db: Sqlite, terms: readonly string[]): string[] {
  db.exec(
    'CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, borrower_search, row)',
  );
  const rows = db
    .prepare('SELECT term FROM temp.search_vocab WHERE term IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(terms)) as { term: string }[];
  return rows.map((r) => r.term);
}

describe('retention reaches the audit log (crypto-shredding)', () => {
  it('before anonymisation the audit viewer opens the sealed details; the stored text holds none of them', async () => {
    const { core, id } = await borrowerLifeCore();
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
    expect(whereFound(core.app.db, IDENTIFYING).filter((f) => f.startsWith('audit_log.'))).toEqual(
      [],
    );
    // The live case file still holds every value (so the scan after anonymisation is not
    // vacuous), except the address replaced by the edit and the masked mobile: those only
    // the audit details held, sealed.
    const live = new Set(whereFound(core.app.db, IDENTIFYING).map((f) => f.split(': ')[1]));
    expect(IDENTIFYING.filter((v) => !live.has(v))).toEqual([
      PERSON.maskedMobile,
      PERSON.addressDetail,
    ]);
    // Newest first: the first edit is the last one listed.
    const edit = about.rows.filter((r) => r.action === 'case.update').at(-1)!;
    expect(JSON.parse(edit.before!)).toMatchObject({
      address: expect.stringContaining(PERSON.addressDetail) as string,
    });
    expect(verifyAuditChain(core.app.db).ok).toBe(true);
  });

  it('anonymising leaves nothing of the person in any table, and the chain still verifies against heads taken before', async () => {
    const { core, id, setNow, monthHead } = await borrowerLifeCore();
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

    expect(whereFound(core.app.db, IDENTIFYING)).toEqual([]);
    expect(searchTerms(core.app.db, [PERSON.mobile, PERSON.idNumber, '丰'])).toEqual([]);
    expect(
      expectOk(await core.invoke('cases:list', { search: PERSON.name, statuses: ['closed'] })).rows,
    ).toEqual([]);
    expect(core.app.db.prepare('SELECT count(*) AS n FROM audit_subject_keys').get()).toEqual({
      n: 0,
    });

    // The figures stay: the loan, the payment, the visit and its outcome.
    expect(
      core.app.db
        .prepare(
          `SELECT (SELECT count(*) FROM loans WHERE borrower_id = :id) AS loans,
                  (SELECT sum(amount_fen) FROM payments WHERE borrower_id = :id) AS paid,
                  (SELECT outcome FROM visit_records WHERE borrower_id = :id) AS outcome,
                  (SELECT township FROM borrowers WHERE id = :id) AS township`,
        )
        .get({ id }),
    ).toEqual({ loans: 1, paid: 50000, outcome: 'partial_payment', township: '东源镇' });

    const report = expectOk(
      await core.invoke('audit:verify', { anchors: [headBefore, monthHead] }),
    );
    expect(report.ok).toBe(true);
    expect(report.anchors.every((a) => a.foundAtId !== null)).toBe(true);
    expect(verifyAuditChain(core.app.db)).toMatchObject({ ok: true, firstBadId: null });

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
    const { core, id, setNow } = await borrowerLifeCore();
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
    const { core, id, setNow } = await borrowerLifeCore();
    setNow('2031-06-01T02:00:00Z');
    expectOk(await core.invoke('retention:anonymise', { years: 5, borrowerIds: [id] }));
    const logged = core.app.db
      .prepare('SELECT id, content_json FROM print_log WHERE borrower_id = ? ORDER BY id')
      .all(id) as { id: number; content_json: string }[];
    expect(logged.length).toBe(3);
    for (const row of logged) {
      expect(JSON.parse(row.content_json)).toMatchObject({
        borrower: { name: '已匿名', maskedId: '', address: '' },
        anonymisedAt: '2031-06-01T02:00:00.000Z',
      });
    }
    // A reprint is a copy of the redacted document.
    const reprint = expectOk(await core.invoke('notices:reprint', { printLogId: logged[0]!.id }))
      .documents[0]!;
    expect(reprint).toMatchObject({ isCopy: true, borrower: { name: '已匿名', maskedId: '' } });
    for (const value of IDENTIFYING) expect(JSON.stringify(reprint)).not.toContain(value);
    const sheet = core.app.db
      .prepare("SELECT content_json FROM print_log WHERE kind = 'dayRouteSheet'")
      .get() as { content_json: string };
    expect(JSON.parse(sheet.content_json)).toMatchObject({
      route: { stops: [{ borrowerName: '已匿名', maskedId: '', loanNos: ['QS-2025-0917'] }] },
    });
    // Outside retention, the print log and visit records still refuse to change.
    expect(() =>
      core.app.db
        .prepare("UPDATE print_log SET reference_no = 'X' WHERE id = ?")
        .run(logged[0]!.id),
    ).toThrow(/never rewritten/);
    expect(() =>
      core.app.db
        .prepare("UPDATE print_log SET content_json = '{}' WHERE id = ?")
        .run(logged[0]!.id),
    ).toThrow(/never rewritten/);
    expect(() => core.app.db.prepare("UPDATE visit_records SET outcome = 'refused'").run()).toThrow(
      /never changed/,
    );
  });
});
