import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate, schemaVersion } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

const at = '2026-03-31T09:00:00.000Z';
const hash = (c: string) => c.repeat(64);

function databaseAt(version: number) {
  const db = openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });
  migrate(db, version);
  return db;
}

describe('migration 005 (templates, reference sequences, print log)', () => {
  it('keeps the rows of a version-4 database and adds the printing tables with their rules', () => {
    const db = databaseAt(4);
    db.prepare(
      "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES ('M001', '陈建国', 'manager', ?, ?)",
    ).run(at, at);
    const before = db.prepare('SELECT * FROM staff').all();
    expect(migrate(db, 5)).toBe(5);
    expect(schemaVersion(db)).toBe(5);
    expect(db.prepare('SELECT * FROM staff').all()).toEqual(before);

    // Templates: versions from 1, one row per (kind, lang, version), bodies bounded.
    const template = db.prepare(
      'INSERT INTO document_templates (kind, lang, version, body, created_by, created_at) VALUES (?, ?, ?, ?, 1, ?)',
    );
    template.run('visitNotice', 'zh', 1, '尊敬的{{borrower.name}}', at);
    expect(() => template.run('visitNotice', 'zh', 1, '另一版', at)).toThrow(/UNIQUE/);
    expect(() => template.run('visitNotice', 'zh', 0, '内置', at)).toThrow(/CHECK/);
    expect(() => template.run('poster', 'zh', 2, '海报', at)).toThrow(/CHECK/);
    expect(() => template.run('visitNotice', 'zh', 2, 'x'.repeat(20_001), at)).toThrow(/CHECK/);

    // Sequences: one counter per branch code and year.
    const sequence = db.prepare(
      'INSERT INTO reference_sequences (branch_code, year, last_no) VALUES (?, ?, ?)',
    );
    sequence.run('QS001', 2026, 1);
    expect(() => sequence.run('QS001', 2026, 2)).toThrow(/UNIQUE|PRIMARY/);
    expect(() => sequence.run('QS001', 2027, 0)).toThrow(/CHECK/);

    // The print log: an original's number is unique, a copy points at its original, no row
    // is ever rewritten.
    const print = db.prepare(
      `INSERT INTO print_log (printed_at, staff_id, kind, lang, subject, borrower_id, visit_id,
         template_version, reference_no, issue_date, facts_sha256, content_sha256, content_json,
         is_copy, original_id)
       VALUES (?, 1, 'visitNotice', 'zh', 'visit:1', 1, 1, 1, ?, '2026-03-31', ?, ?, '{}', ?, ?)`,
    );
    print.run(at, 'QS001-2026-000001', hash('a'), hash('b'), 0, null);
    expect(() => print.run(at, 'QS001-2026-000001', hash('a'), hash('b'), 0, null)).toThrow(
      /UNIQUE/,
    );
    print.run(at, 'QS001-2026-000001', hash('a'), hash('b'), 1, 1);
    expect(() => print.run(at, 'QS001-2026-000002', hash('a'), hash('b'), 1, null)).toThrow(
      /CHECK/,
    );
    expect(() => print.run(at, 'QS001-2026-000003', 'short', hash('b'), 0, null)).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE print_log SET subject = 'visit:2' WHERE id = 1").run()).toThrow(
      /never rewritten/,
    );
    expect(db.prepare('SELECT count(*) AS n FROM print_log').get()).toEqual({ n: 2 });

    // Settings hold JSON only.
    const setting = db.prepare('INSERT INTO notice_settings (key, value) VALUES (?, ?)');
    setting.run('channels', '["柜台"]');
    expect(() => setting.run('logo', 'not json')).toThrow(/CHECK/);
    db.close();
  });
});

describe('migration 006 (month closes)', () => {
  it('keeps the rows of a version-5 database; a close is frozen, reopened once and never deleted', () => {
    const db = databaseAt(5);
    db.prepare(
      "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES ('M001', '陈建国', 'manager', ?, ?)",
    ).run(at, at);
    db.prepare(
      "INSERT INTO reference_sequences (branch_code, year, last_no) VALUES ('QS001', 2026, 7)",
    ).run();
    const before = db.prepare('SELECT * FROM reference_sequences').all();
    expect(migrate(db, 6)).toBe(6);
    expect(db.prepare('SELECT * FROM reference_sequences').all()).toEqual(before);

    const close = db.prepare(
      `INSERT INTO month_closes (month, figures_json, figures_sha256, audit_head, closed_by, closed_at)
       VALUES (?, '{"visitsDone":3}', ?, ?, 1, ?)`,
    );
    close.run('2026-03', hash('c'), hash('d'), at);
    // One standing close per month; the month is a month; hashes are full length.
    expect(() => close.run('2026-03', hash('c'), hash('d'), at)).toThrow(/UNIQUE/);
    expect(() => close.run('March', hash('c'), hash('d'), at)).toThrow(/CHECK/);
    expect(() => close.run('2026-04', 'abc', hash('d'), at)).toThrow(/CHECK/);

    // The figures and their anchor never change.
    expect(() =>
      db.prepare(`UPDATE month_closes SET figures_json = '{"visitsDone":4}' WHERE id = 1`).run(),
    ).toThrow(/frozen/);
    // A reopen needs who, when and a reason, all at once.
    expect(() =>
      db.prepare(`UPDATE month_closes SET reopened_by = 1, reopened_at = ? WHERE id = 1`).run(at),
    ).toThrow(/CHECK/);
    expect(() =>
      db
        .prepare(
          `UPDATE month_closes SET reopened_by = 1, reopened_at = ?, reopen_reason = '  ' WHERE id = 1`,
        )
        .run(at),
    ).toThrow(/CHECK/);
    db.prepare(
      `UPDATE month_closes SET reopened_by = 1, reopened_at = ?, reopen_reason = '补录走访' WHERE id = 1`,
    ).run(at);
    // Reopened: frozen for good, and the month can be closed again beside it.
    expect(() =>
      db.prepare(`UPDATE month_closes SET reopen_reason = '改写' WHERE id = 1`).run(),
    ).toThrow(/frozen/);
    close.run('2026-03', hash('e'), hash('f'), at);
    expect(() => db.prepare('DELETE FROM month_closes WHERE id = 1').run()).toThrow(
      /never deleted/,
    );
    expect(db.prepare('SELECT id, reopen_reason FROM month_closes ORDER BY id').all()).toEqual([
      { id: 1, reopen_reason: '补录走访' },
      { id: 2, reopen_reason: null },
    ]);
    db.close();
  });
});
