import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../electron/core/audit/audit';
import { checkBackup, listBackups } from '../../../electron/core/backup/backup';
import { nodeDriver } from '../../../electron/core/node';
import { expectOk, MANAGER, signedInCore } from '../support/core';
import { crashOnce, KILLS, killDelays } from '../support/crash';

const writer = path.join(__dirname, 'writer.ts');

describe.each(['transactions', 'backup'])('kill -9 in the middle of %s', (scenario) => {
  it(`survives ${KILLS} kills: integrity ok, chain verifies, every action whole or absent`, async () => {
    const core = await signedInCore();
    core.app.db.exec(
      'CREATE TABLE fault_probe (batch INTEGER NOT NULL, n INTEGER NOT NULL, payload TEXT NOT NULL) STRICT',
    );
    core.app.lock('signOut');
    for (const delay of killDelays(KILLS, scenario.length * 7919, 20, 400)) {
      await crashOnce(writer, [core.dbFile, scenario], delay);
      expect(fs.existsSync(core.app.files.marker)).toBe(true);
    }
    expectOk(await core.invoke('auth:signIn', MANAGER));
    const db = core.app.db;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(verifyAuditChain(db).ok).toBe(true);
    const batches = db
      .prepare('SELECT batch, count(*) AS n FROM fault_probe GROUP BY batch')
      .all() as { batch: number; n: number }[];
    expect(batches.length).toBeGreaterThan(0);
    for (const b of batches) expect(b.n, `batch ${b.batch}`).toBe(500);
    const audited = db
      .prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'probe.batch'")
      .get() as { n: number };
    expect(audited.n).toBe(batches.length);
    if (scenario === 'backup') {
      // Completed copies open and pass their own check; a partial copy is never listed.
      const copies = fs.readdirSync(core.app.files.backups).filter((f) => f.endsWith('.db'));
      expect(copies.length).toBeGreaterThan(0);
      for (const copy of copies.slice(-3)) {
        expect(() =>
          checkBackup(
            path.join(core.app.files.backups, copy),
            { kind: 'passphrase', ...MANAGER },
            nodeDriver,
          ),
        ).not.toThrow();
      }
      expect(listBackups(core.app.files.backups).some((b) => b.file.includes('.partial'))).toBe(
        false,
      );
    }
    expect(expectOk(await core.invoke('auth:state', {})).uncleanShutdown).toBe(true);
  }, 240_000);
});
