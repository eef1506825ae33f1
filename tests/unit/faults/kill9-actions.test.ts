import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import { expectOk, MANAGER, signedInCore } from '../support/core';
import { crashOnce, KILLS, killDelays } from '../support/crash';

const writer = path.join(__dirname, 'writer.ts');

describe('kill -9 in the middle of a user action', () => {
  it(`a large import: ${KILLS} kills, each file imported whole or not at all`, async () => {
    const core = await signedInCore();
    core.app.lock('signOut');
    for (const delay of killDelays(KILLS, 11, 50, 900))
      await crashOnce(writer, [core.dbFile, 'import'], delay);
    expectOk(await core.invoke('auth:signIn', MANAGER));
    const db = core.app.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(db).ok).toBe(true);
    const imports = (
      db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'cases.import'").get() as {
        n: number;
      }
    ).n;
    const loans = (db.prepare('SELECT count(*) AS n FROM loans').get() as { n: number }).n;
    const snapshots = (
      db.prepare('SELECT count(*) AS n FROM loan_snapshots').get() as { n: number }
    ).n;
    expect(loans).toBe(imports * 1000);
    expect(snapshots).toBe(loans);
    // The search index holds exactly the borrowers that exist.
    const indexed = (
      db
        .prepare("SELECT count(*) AS n FROM borrower_search WHERE borrower_search MATCH '借'")
        .get() as { n: number }
    ).n;
    expect(indexed).toBe(
      (db.prepare('SELECT count(*) AS n FROM borrowers').get() as { n: number }).n,
    );
  }, 300_000);

  it(`a month close: ${KILLS} kills, every close complete with its hash and audit head`, async () => {
    const core = await signedInCore();
    core.app.lock('signOut');
    for (const delay of killDelays(KILLS, 29, 50, 900))
      await crashOnce(writer, [core.dbFile, 'close'], delay);
    expectOk(await core.invoke('auth:signIn', MANAGER));
    const db = core.app.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(db).ok).toBe(true);
    const closes = db.prepare('SELECT * FROM month_closes').all() as Record<string, unknown>[];
    const audited = (
      db
        .prepare(
          "SELECT count(*) AS n FROM audit_log WHERE action LIKE 'reports.close%' OR action LIKE 'month.close%'",
        )
        .get() as { n: number }
    ).n;
    expect(closes.length).toBeGreaterThan(0);
    expect(audited).toBeGreaterThanOrEqual(closes.length);
    for (const c of closes) {
      for (const value of Object.values(c)) expect(value).not.toBe('');
    }
  }, 300_000);
});
