import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteEngine } from '../../../electron/core/db/engine';
import { migrate, schemaVersion } from '../../../electron/core/db/migrations';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { redactBorrowerTables, REDACTED } from '../../../electron/core/retention/redact';
import { residentId } from '../cases/support';
import { tempDir } from '../support/core';
import { insertVisit } from './support';

const fresh = () =>
  openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });

const at = '2026-11-01T00:00:00.000Z';

function seed(db: ReturnType<typeof fresh>) {
  const staff = Number(
    db
      .prepare(
        "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES ('C101', '李明', 'officer', ?, ?)",
      )
      .run(at, at).lastInsertRowid,
  );
  const borrower = Number(
    db
      .prepare(
        `INSERT INTO borrowers (name, id_number, birth_date, sex, created_at, updated_at)
         VALUES ('张三', ?, '1980-05-17', 'M', ?, ?)`,
      )
      .run(residentId('1980-05-17', 131), at, at).lastInsertRowid,
  );
  const visit = insertVisit(db, { borrowerId: borrower, date: '2026-11-18', staffIds: [staff] });
  return { staff, borrower, visit };
}

const insertComplaint = (
  db: ReturnType<typeof fresh>,
  borrower: number,
  values: { received: string; closed?: string | null; outcome?: string | null },
) =>
  db
    .prepare(
      `INSERT INTO complaints (borrower_id, received_on, complainant, complainant_name, channel,
         summary, action_taken, closed_on, outcome, outcome_note, recorded_at, updated_at)
       VALUES (?, ?, 'relative', '张小红', 'phone', '语气粗暴', '已致歉', ?, ?, '属实', ?, ?)`,
    )
    .run(borrower, values.received, values.closed ?? null, values.outcome ?? null, at, at);

describe('migration 014 (complaints register)', () => {
  it('adds the register to a version-13 database and leaves its rows as they were', () => {
    const db = fresh();
    migrate(db, 13);
    const { borrower } = seed(db);
    const tablesBefore = ['borrowers', 'visits', 'visit_staff', 'staff'].map((t) =>
      db.prepare(`SELECT * FROM ${t}`).all(),
    );

    migrate(db, 14);
    expect(schemaVersion(db)).toBe(14);
    expect(
      ['borrowers', 'visits', 'visit_staff', 'staff'].map((t) =>
        db.prepare(`SELECT * FROM ${t}`).all(),
      ),
    ).toEqual(tablesBefore);
    const sql = (name: string) =>
      (
        db.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) as {
          sql: string;
        }
      ).sql;
    expect(sql('complaints')).toMatch(/STRICT\s*$/);
    expect(sql('complaint_staff')).toMatch(/STRICT\s*$/);
    expect(db.prepare('SELECT count(*) AS n FROM complaints').get()).toEqual({ n: 0 });

    // The table itself keeps a close whole and never before the complaint came in.
    insertComplaint(db, borrower, { received: '2026-11-18' });
    insertComplaint(db, borrower, {
      received: '2026-11-18',
      closed: '2026-11-18',
      outcome: 'upheld',
    });
    expect(() =>
      insertComplaint(db, borrower, { received: '2026-11-18', closed: '2026-11-19' }),
    ).toThrow(/CHECK/);
    expect(() =>
      insertComplaint(db, borrower, { received: '2026-11-18', outcome: 'upheld' }),
    ).toThrow(/CHECK/);
    expect(() =>
      insertComplaint(db, borrower, {
        received: '2026-11-18',
        closed: '2026-11-17',
        outcome: 'upheld',
      }),
    ).toThrow(/CHECK/);
    expect(() => insertComplaint(db, borrower, { received: '18/11/2026' })).toThrow(/CHECK/);
  });

  it('anonymises a complaint with its case: the words go, the dates and outcome stay', async () => {
    const db = fresh();
    migrate(db);
    const { borrower } = seed(db);
    insertComplaint(db, borrower, {
      received: '2026-11-18',
      closed: '2026-11-19',
      outcome: 'upheld',
    });
    const engine = sqliteEngine(db);
    await engine.transaction((tx) => redactBorrowerTables(tx, [borrower]));
    await engine.close();
    expect(
      db
        .prepare(
          'SELECT complainant, complainant_name, channel, received_on, summary, action_taken, closed_on, outcome, outcome_note FROM complaints',
        )
        .get(),
    ).toEqual({
      complainant: 'relative',
      complainant_name: '',
      channel: 'phone',
      received_on: '2026-11-18',
      summary: REDACTED,
      action_taken: REDACTED,
      closed_on: '2026-11-19',
      outcome: 'upheld',
      outcome_note: '',
    });
  });
});
