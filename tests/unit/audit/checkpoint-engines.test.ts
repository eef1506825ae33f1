import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../electron/core/audit/audit';
import { appendAuditRow, chainHead } from '../../../electron/core/audit/chain';
import {
  checkCheckpoints,
  checkpointsFile,
  latestCheckpoint,
  signCheckpoint,
  writeCheckpoint,
} from '../../../electron/core/audit/checkpoint';
import type { DB } from '../../../electron/core/db/schema';
import { allocateReference } from '../../../electron/core/notices/print';
import { tempDir } from '../support/core';
import { engineKinds, openTestEngine, type EngineUnderTest } from '../support/engines';

/**
 * A month close's and an on-demand checkpoint, and the print's reference numbers, on both
 * engines (issue 19): the queries they run inside a write say the same on SQLite and
 * PostgreSQL.
 */

let open: EngineUnderTest | null = null;
afterEach(async () => {
  await open?.close();
  open = null;
});

/** What a checkpoint needs of the app, over the engine under test. */
function signingApp(under: EngineUnderTest) {
  const { engine } = under;
  const { privateKey } = crypto.generateKeyPairSync('ed25519');
  return {
    session: {
      staffId: 1,
      username: 'admin',
      name: '管理员',
      staffNo: 'M001',
      role: 'manager' as const,
    },
    signer: privateKey,
    files: { db: path.join(tempDir(), 'branch.db') },
    now: () => new Date('2026-12-03T02:00:00.000Z'),
    write: <T>(work: (tx: Kysely<DB>) => Promise<T>) => engine.transaction(work),
    record: (tx: Kysely<DB>, entry: Omit<AuditEntry, 'staffId'> & { staffId?: number | null }) =>
      appendAuditRow(engine, tx, { staffId: 1, at: '2026-12-03T02:00:00.000Z', ...entry }),
  };
}

const action = (n: number): AuditEntry => ({
  staffId: 1,
  action: 'settings.update',
  entity: 'settings',
  at: `2026-12-0${n}T01:00:00.000Z`,
  after: { autoLockMinutes: 10 + n },
});

describe.each(engineKinds)('on %s', (kind) => {
  it('signs the chain as it stands, after the rows it covers, and verifies it from the chain and the file', async () => {
    open = await openTestEngine(kind);
    const { engine } = open;
    const app = signingApp(open);
    for (const n of [1, 2]) await engine.transaction((tx) => appendAuditRow(engine, tx, action(n)));
    const headBefore = await chainHead(engine.db);

    const checkpoint = await writeCheckpoint(app, 'on demand');
    expect(checkpoint).toMatchObject({ rows: 2, head: headBefore, reason: 'on demand' });
    // Its own audit row comes after the rows it covers.
    expect(await chainHead(engine.db)).not.toBe(headBefore);
    expect(await latestCheckpoint(engine.db)).toEqual({
      at: '2026-12-03T02:00:00.000Z',
      rows: 2,
      head: headBefore,
      username: 'admin',
      reason: 'on demand',
    });
    const kept = fs.readFileSync(checkpointsFile(app.files.db), 'utf8').trim().split('\n');
    expect(kept.map((line) => JSON.parse(line))).toEqual([checkpoint]);

    const checks = await checkCheckpoints(engine.db, {
      dbFile: app.files.db,
      keysFile: path.join(tempDir(), 'none.keys'),
    });
    // The same checkpoint from the chain and the file is checked once.
    expect(checks.map((c) => [c.source, c.verdict])).toEqual([['chain', 'ok']]);
  });

  it('leaves no checkpoint when the write it was signed in rolls back', async () => {
    open = await openTestEngine(kind);
    const { engine } = open;
    const app = signingApp(open);
    await engine.transaction((tx) => appendAuditRow(engine, tx, action(1)));
    await expect(
      app.write(async (tx) => {
        await signCheckpoint(app, tx, 'month-close 2026-11');
        throw new Error('the close failed');
      }),
    ).rejects.toThrow('the close failed');
    expect(await latestCheckpoint(engine.db)).toBeNull();
    expect(fs.existsSync(checkpointsFile(app.files.db))).toBe(false);
  });

  it('numbers documents per branch code and year without gaps', async () => {
    open = await openTestEngine(kind);
    const { engine } = open;
    const take = (code: string, day: string) =>
      engine.transaction((tx) => allocateReference(tx, code, day));
    expect(await take('QS001', '2026-05-20')).toBe('QS001-2026-000001');
    expect(await take('QS001', '2026-12-31')).toBe('QS001-2026-000002');
    expect(await take('QS001', '2027-01-02')).toBe('QS001-2027-000001');
    expect(await take('QS002', '2026-05-20')).toBe('QS002-2026-000001');
    // A number taken in a write that rolls back is taken again by the next one.
    await expect(
      engine.transaction(async (tx) => {
        await allocateReference(tx, 'QS001', '2026-06-01');
        throw new Error('the print failed');
      }),
    ).rejects.toThrow('the print failed');
    expect(await take('QS001', '2026-06-01')).toBe('QS001-2026-000003');
  });
});
