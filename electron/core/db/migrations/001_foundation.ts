import type { Migration } from './types';

export const migration001: Migration = {
  version: 1,
  name: 'foundation: meta, branch, settings, staff, audit log',
  sql: `
    CREATE TABLE meta (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE branch (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      name TEXT NOT NULL,
      code TEXT NOT NULL,
      address TEXT NOT NULL,
      phone TEXT NOT NULL,
      complaint_hotline TEXT NOT NULL,
      time_zone TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE staff (
      id INTEGER PRIMARY KEY,
      staff_no TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      role TEXT NOT NULL CHECK (role IN ('manager', 'officer', 'clerk', 'auditor')),
      phone TEXT NOT NULL DEFAULT '',
      active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
      username TEXT UNIQUE,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE audit_log (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      staff_id INTEGER,
      action TEXT NOT NULL,
      entity TEXT NOT NULL,
      entity_id TEXT,
      success INTEGER NOT NULL CHECK (success IN (0, 1)),
      before TEXT,
      after TEXT,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
    CREATE INDEX audit_log_staff ON audit_log (staff_id, at);

    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
  `,
};
