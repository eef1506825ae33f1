import { describe, expect, it } from 'vitest';
import { appendAudit, GENESIS_HASH, verifyAuditChain } from '../../../electron/core/audit/audit';
import { expectOk, signedInCore } from '../support/core';

async function coreWithHistory() {
  const core = await signedInCore();
  expectOk(await core.invoke('settings:update', { autoLockMinutes: 15 }));
  expectOk(await core.invoke('settings:update', { autoLockMinutes: 20 }));
  return core;
}

describe('audit chain', () => {
  it('records every write with before and after, and verifies', async () => {
    const core = await coreWithHistory();
    const row = core.app.db
      .prepare(
        "SELECT staff_id, before, after FROM audit_log WHERE action = 'settings.update' ORDER BY id DESC",
      )
      .get() as { staff_id: number; before: string; after: string };
    expect(row.staff_id).toBe(1);
    expect(JSON.parse(row.before)).toEqual({ autoLockMinutes: 15 });
    expect(JSON.parse(row.after)).toEqual({ autoLockMinutes: 20 });
    const report = verifyAuditChain(core.app.db);
    expect(report).toMatchObject({ ok: true, rows: 4, firstBadId: null });
    expect(report.head).toMatch(/^[0-9a-f]{64}$/);
    expect(report.head).not.toBe(GENESIS_HASH);
  });

  it('the table refuses UPDATE and DELETE', async () => {
    const core = await coreWithHistory();
    expect(() =>
      core.app.db.prepare("UPDATE audit_log SET after = '{}' WHERE id = 2").run(),
    ).toThrow(/append-only/);
    expect(() => core.app.db.prepare('DELETE FROM audit_log WHERE id = 2').run()).toThrow(
      /append-only/,
    );
  });

  it('detects an edited row even when the triggers are dropped', async () => {
    const core = await coreWithHistory();
    const db = core.app.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET after = '{"autoLockMinutes":240}' WHERE id = 3`).run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 3 });
  });

  it('detects a deleted row in the middle', async () => {
    const core = await coreWithHistory();
    const db = core.app.db;
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE id = 2').run();
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, firstBadId: 3 });
  });

  it('detects a forged row appended with a made-up hash', async () => {
    const core = await coreWithHistory();
    const db = core.app.db;
    db.prepare(
      "INSERT INTO audit_log (at, staff_id, action, entity, success, prev_hash, hash) VALUES ('2026-01-01', 1, 'x', 'y', 1, 'abc', 'def')",
    ).run();
    expect(verifyAuditChain(db).ok).toBe(false);
  });

  it('the head moves with each appended row', async () => {
    const core = await coreWithHistory();
    const before = verifyAuditChain(core.app.db).head;
    const hash = appendAudit(core.app.db, { staffId: 1, action: 'test', entity: 'test' });
    const after = verifyAuditChain(core.app.db);
    expect(after.head).toBe(hash);
    expect(after.head).not.toBe(before);
  });
});
