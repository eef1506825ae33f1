import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  latestVersion,
  migrate,
  migrations,
  schemaVersion,
} from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { nodeDriver } from '../../../electron/core/node';
import { tempDir } from '../support/core';

const fresh = () =>
  openEncrypted(path.join(tempDir(), 'm.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });

describe('migrations', () => {
  it('are numbered 1..n with no gaps, in order', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_m, i) => i + 1));
    expect(latestVersion).toBe(migrations.length);
  });

  it('bring an empty database to the latest version, each table STRICT', () => {
    const db = fresh();
    expect(migrate(db)).toBe(latestVersion);
    const tables = db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'",
      )
      .all() as { name: string; sql: string }[];
    const shadow = /_(data|idx|content|docsize|config)$/;
    for (const t of tables.filter((t) => !shadow.test(t.name)))
      expect(t.sql, t.name).toMatch(/STRICT\s*$/);
    db.close();
  });

  it('refuse a database written by a newer Visitdesk', () => {
    const db = fresh();
    migrate(db);
    db.pragma(`user_version = ${latestVersion + 1}`);
    expect(() => migrate(db)).toThrowError(
      expect.objectContaining({ code: 'DB_NEWER_THAN_APP' }) as Error,
    );
    db.close();
  });

  it('roll back a migration that fails, leaving the version where it was', () => {
    const db = fresh();
    migrate(db, 1);
    db.exec('CREATE TABLE clash (x INTEGER) STRICT');
    const broken = { version: 2, name: 'broken', sql: 'CREATE TABLE clash (y INTEGER) STRICT' };
    expect(() =>
      db.transaction(() => {
        db.exec(broken.sql);
        db.pragma('user_version = 2');
      })(),
    ).toThrow();
    expect(schemaVersion(db)).toBe(1);
    db.close();
  });

  it('009 gives visit lists a covering index for borrower names', () => {
    const db = fresh();
    migrate(db, 9);
    const plan = () =>
      (
        db
          .prepare(
            `EXPLAIN QUERY PLAN SELECT v.id, b.name FROM visits v INDEXED BY visits_date
             LEFT JOIN borrowers b INDEXED BY borrowers_name_by_id ON b.id = v.borrower_id
             WHERE v.date >= ? AND v.date <= ?`,
          )
          .all('2026-06-01', '2026-06-28') as { detail: string }[]
      )
        .map((row) => row.detail)
        .join(' | ');
    // The calendar names the index (the planner has no statistics to prefer it by itself).
    expect(plan()).toContain('COVERING INDEX borrowers_name_by_id');
    db.close();
  });

  it('001 creates the foundation tables and an append-only audit log', () => {
    const db = fresh();
    migrate(db, 1);
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as { name: string }[]
    ).map((r) => r.name);
    expect(names).toEqual(
      expect.arrayContaining(['meta', 'branch', 'settings', 'staff', 'audit_log']),
    );
    db.prepare(
      "INSERT INTO audit_log (at, staff_id, action, entity, success, prev_hash, hash) VALUES ('t', NULL, 'a', 'e', 1, 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET action = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });
});
