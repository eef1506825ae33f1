import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  appendAudit,
  auditHash,
  GENESIS_HASH,
  verifyAuditChain,
} from '../../../electron/core/audit/audit';
import { detailsOpener, shredSubjectKeys } from '../../../electron/core/audit/seal';
import { sqliteEngine } from '../../../electron/core/db/engine';
import { newDatabaseKey } from '../../../electron/core/db/keyslots';
import { migrate } from '../../../electron/core/db/migrations';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Sqlite } from '../../../electron/core/db/sqlite';
import { nodeDriver } from '../../../electron/core/node';
import { anonymisationCandidates } from '../../../electron/core/retention/anonymise';
import { openAuditText } from '../support/audit';
import { tempDir } from '../support/core';

/** Stored details as the viewer opens them (seal.ts detailsOpener) over this connection. */
async function opened(db: Sqlite, text: string) {
  const engine = sqliteEngine(db);
  try {
    return (await detailsOpener(engine.db, [text]))(text);
  } finally {
    await engine.close();
  }
}

const open = () =>
  openEncrypted(path.join(tempDir(), 'a.db'), newDatabaseKey(), {
    driver: nodeDriver,
    create: true,
  });

const about = { name: '张三丰', mobile: '139****5678', address: '东源镇 桃花坞村 后山 17 号' };

function storedRow(db: Sqlite, id: number) {
  return db.prepare('SELECT subject_id, before, after FROM audit_log WHERE id = ?').get(id) as {
    subject_id: number | null;
    before: string | null;
    after: string | null;
  };
}

describe('sealed audit details', () => {
  it('a row with a subject stores its details sealed; the viewer opens them', async () => {
    const db = open();
    migrate(db);
    appendAudit(db, {
      staffId: 1,
      action: 'case.update',
      entity: 'borrower',
      entityId: 7,
      subject: 7,
      before: about,
      after: { ...about, mobile: '136****5432' },
    });
    appendAudit(db, { staffId: 1, action: 'settings.update', entity: 'settings', after: { a: 1 } });
    const sealed = storedRow(db, 1);
    expect(sealed.subject_id).toBe(7);
    expect(sealed.after).not.toContain('张三丰');
    expect(JSON.parse(sealed.after!)).toMatchObject({ $sealed: 'v1', subject: 7 });
    // The same details sealed twice never look alike (fresh nonce each time).
    expect(sealed.before).not.toBe(sealed.after);
    expect(JSON.parse(openAuditText(db, sealed.before)!)).toEqual(about);
    expect(await opened(db, sealed.after!)).toMatchObject({ state: 'sealed', subject: 7 });
    // Rows without a subject stay as they were: plain JSON.
    expect(storedRow(db, 2)).toEqual({ subject_id: null, before: null, after: '{"a":1}' });
    expect(await opened(db, '{"a":1}')).toEqual({ state: 'plain', text: '{"a":1}' });
    expect(verifyAuditChain(db)).toMatchObject({ ok: true, rows: 2 });
    db.close();
  });

  it('once the key is shredded the details read as anonymised, also when a new key is made', async () => {
    const db = open();
    migrate(db);
    appendAudit(db, {
      staffId: 1,
      action: 'case.create',
      entity: 'borrower',
      subject: 7,
      after: about,
    });
    const head = verifyAuditChain(db).head;
    const engine = sqliteEngine(db);
    expect(await engine.transaction((tx) => shredSubjectKeys(tx, [7]))).toBe(1);
    await engine.close();
    const { after } = storedRow(db, 1);
    expect(await opened(db, after!)).toEqual({ state: 'anonymised', subject: 7 });
    expect(openAuditText(db, after)).toBeNull();
    // A later action on the anonymised case gets a new key, which does not open the old text.
    appendAudit(db, {
      staffId: 1,
      action: 'case.update',
      entity: 'borrower',
      subject: 7,
      after: {},
    });
    expect(await opened(db, after!)).toEqual({ state: 'anonymised', subject: 7 });
    expect(openAuditText(db, storedRow(db, 2).after)).toBe('{}');
    const report = verifyAuditChain(db);
    expect(report.ok).toBe(true);
    expect(db.prepare('SELECT id FROM audit_log WHERE hash = ?').get(head)).toEqual({ id: 1 });
    db.close();
  });

  it('sealed text moved to another subject does not open (the subject is bound in)', async () => {
    const db = open();
    migrate(db);
    appendAudit(db, {
      staffId: 1,
      action: 'case.create',
      entity: 'borrower',
      subject: 7,
      after: about,
    });
    appendAudit(db, {
      staffId: 1,
      action: 'case.create',
      entity: 'borrower',
      subject: 8,
      after: {},
    });
    const envelope = JSON.parse(storedRow(db, 1).after!) as { subject: number };
    const forged = JSON.stringify({ ...envelope, subject: 8 });
    expect(await opened(db, forged)).toEqual({ state: 'anonymised', subject: 8 });
    db.close();
  });
});

describe('migration 008: audit rows written before sealing', () => {
  /** Appends a row the way Visitdesk did before migration 008 (no subject column yet). */
  function appendLegacy(db: Sqlite, row: { action: string; entityId: string; after: unknown }) {
    const prev =
      (
        db.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as
          { hash: string } | undefined
      )?.hash ?? GENESIS_HASH;
    const fields = {
      at: '2019-05-01T00:00:00.000Z',
      staff_id: 1,
      action: row.action,
      entity: 'borrower',
      entity_id: row.entityId,
      success: 1,
      before: null,
      after: JSON.stringify(row.after),
    };
    db.prepare(
      `INSERT INTO audit_log (at, staff_id, action, entity, entity_id, success, before, after, prev_hash, hash)
       VALUES (:at, :staff_id, :action, :entity, :entity_id, :success, :before, :after, :prev, :hash)`,
    ).run({ ...fields, prev, hash: auditHash(prev, fields) });
  }

  it('keeps them as they are, chained to the sealed rows after, and retention counts them', async () => {
    const db = open();
    migrate(db, 7);
    const borrower = db
      .prepare(
        `INSERT INTO borrowers (name, id_number, birth_date, sex, status, closed_at, created_at, updated_at)
         VALUES ('张三丰', '11010519491231002X', '1949-12-31', 'F', 'closed', '2019-06-01T00:00:00.000Z', 't', 't')`,
      )
      .run().lastInsertRowid;
    appendLegacy(db, { action: 'case.create', entityId: String(borrower), after: about });
    appendLegacy(db, { action: 'case.update', entityId: String(borrower), after: about });
    appendLegacy(db, { action: 'case.create', entityId: '999', after: { name: '李四' } });
    const legacyHead = verifyAuditChain(db).head;

    migrate(db);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'audit_sealed_from_id'").get()).toEqual({
      value: '4',
    });
    expect(storedRow(db, 1)).toMatchObject({ subject_id: null, after: JSON.stringify(about) });
    appendAudit(db, {
      staffId: 1,
      action: 'case.update',
      entity: 'borrower',
      entityId: Number(borrower),
      subject: Number(borrower),
      after: about,
    });
    const report = verifyAuditChain(db);
    expect(report).toMatchObject({ ok: true, rows: 4 });
    expect(db.prepare('SELECT id FROM audit_log WHERE hash = ?').get(legacyHead)).toEqual({
      id: 3,
    });
    // The two plain rows about this borrower, not the sealed one, not another borrower's.
    const engine = sqliteEngine(db);
    expect(await anonymisationCandidates(engine.db, '2025-01-01T00:00:00.000Z')).toEqual([
      {
        borrowerId: Number(borrower),
        closedAt: '2019-06-01T00:00:00.000Z',
        loans: 0,
        plainAuditRows: 2,
      },
    ]);
    await engine.close();
    db.close();
  });
});
