import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditHash, type ChainFields } from '../../../electron/core/audit/audit';
import { checkpointsFile } from '../../../electron/core/audit/checkpoint';
import { readSlotFile, writeSlotFile } from '../../../electron/core/db/keyslots';
import { expectOk, MANAGER, signedInCore, switchTo } from '../support/core';

// The chain proves that no row in the middle changed; deleting the tail left a shorter chain
// that still verified. Tried here as someone holding the database key would.

type Core = Awaited<ReturnType<typeof signedInCore>>;

async function branchWithCheckpoints() {
  const core = await signedInCore({ now: () => new Date('2026-12-03T02:00:00.000Z') });
  expectOk(await core.invoke('settings:update', { autoLockMinutes: 20 }));
  expectOk(await core.invoke('reports:close', { month: '2026-11' }));
  expectOk(await core.invoke('backup:create', {}));
  expectOk(await core.invoke('settings:update', { autoLockMinutes: 25 }));
  const onDemand = expectOk(await core.invoke('audit:checkpoint', {}));
  expectOk(await core.invoke('settings:update', { autoLockMinutes: 30 }));
  return { core, onDemand };
}

function rows(core: Core) {
  return (core.app.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
}

describe('signed audit checkpoints', () => {
  it('are written at a month close, a backup and on demand, inside the chain and beside it', async () => {
    const { core, onDemand } = await branchWithCheckpoints();
    const inChain = expectOk(await core.invoke('audit:list', { action: 'audit.checkpoint' })).rows;
    // Newest first, as the viewer lists them.
    expect(inChain.map((r) => JSON.parse(String(r.after)).reason)).toEqual([
      'on demand',
      'backup',
      'month-close 2026-11',
    ]);
    const lines = fs.readFileSync(checkpointsFile(core.dbFile), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(fs.statSync(checkpointsFile(core.dbFile)).mode & 0o777).toBe(0o600);
    // The on-demand checkpoint covers the rows before its own audit row.
    const row = core.app.db
      .prepare('SELECT hash FROM audit_log WHERE id = ?')
      .get(onDemand.rows) as { hash: string };
    expect(row.hash).toBe(onDemand.head);
    expect(onDemand).toMatchObject({
      username: 'admin',
      reason: 'on demand',
      at: '2026-12-03T02:00:00.000Z',
    });
    const verified = expectOk(await core.invoke('audit:verify', {}));
    expect(verified.ok).toBe(true);
    expect(verified.checkpoints.map((c) => [c.source, c.verdict])).toEqual([
      ['chain', 'ok'],
      ['chain', 'ok'],
      ['chain', 'ok'],
    ]);
  });

  it('the monthly report and the backup result carry the latest checkpoint, for paper', async () => {
    const core = await signedInCore({ now: () => new Date('2026-12-03T02:00:00.000Z') });
    expect(
      expectOk(await core.invoke('reports:summary', { month: '2026-11' })).checkpoint,
    ).toBeNull();
    expectOk(await core.invoke('reports:close', { month: '2026-11' }));
    const summary = expectOk(await core.invoke('reports:summary', { month: '2026-11' }));
    expect(summary.checkpoint).toMatchObject({ reason: 'month-close 2026-11', username: 'admin' });
    const closeRow = core.app.db
      .prepare("SELECT id, hash FROM audit_log WHERE action = 'reports.close'")
      .get() as { id: number; hash: string };
    // The close's checkpoint covers the chain up to and including the close's own row.
    expect(summary.checkpoint).toMatchObject({ rows: closeRow.id, head: closeRow.hash });
    const backup = expectOk(await core.invoke('backup:create', {}));
    expect(backup.checkpoint).toMatchObject({ reason: 'backup', username: 'admin' });
    expect(backup.checkpoint!.rows).toBeGreaterThan(closeRow.id);
  });

  it('name a removed tail: the last rows deleted, then every row deleted', async () => {
    const { core, onDemand } = await branchWithCheckpoints();
    const total = rows(core);
    const db = core.app.db;
    db.exec('DROP TRIGGER audit_log_no_delete');
    // The attacker removes everything from the on-demand checkpoint's own row on.
    db.prepare('DELETE FROM audit_log WHERE id > ?').run(onDemand.rows - 2);
    let verified = expectOk(await core.invoke('audit:verify', {}));
    // The chain that is left still links up: only the checkpoints show what is gone.
    expect(verified.firstBadId).toBeNull();
    expect(verified.ok).toBe(false);
    const fromFile = verified.checkpoints.filter((c) => c.source === 'file');
    expect(fromFile).toEqual([
      expect.objectContaining({ reason: 'on demand', verdict: 'tailMissing', missingRows: 2 }),
    ]);
    expect(total).toBeGreaterThan(onDemand.rows);

    db.prepare('DELETE FROM audit_log').run();
    verified = expectOk(await core.invoke('audit:verify', {}));
    expect(verified.ok).toBe(false);
    // The reading itself writes no row, so the chain is empty; every checkpoint names its loss.
    expect(verified.checkpoints.map((c) => [c.reason, c.source, c.verdict, c.missingRows])).toEqual(
      [
        ['month-close 2026-11', 'file', 'tailMissing', verified.checkpoints[0]!.rows],
        ['backup', 'file', 'tailMissing', verified.checkpoints[1]!.rows],
        ['on demand', 'file', 'tailMissing', onDemand.rows],
      ],
    );
  });

  it('catch a chain rewritten from the start with fresh hashes, and a forged signature', async () => {
    const { core, onDemand } = await branchWithCheckpoints();
    const db = core.app.db;
    db.exec('DROP TRIGGER audit_log_no_update');
    // Rewrite row 2 and recompute every hash after it, as anyone with the key can.
    db.prepare("UPDATE audit_log SET action = 'nothing.happened' WHERE id = 2").run();
    const all = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as (ChainFields & {
      id: number;
    })[];
    let prev = '0'.repeat(64);
    for (const r of all) {
      const hash = auditHash(prev, r);
      db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?').run(prev, hash, r.id);
      prev = hash;
    }
    let verified = expectOk(await core.invoke('audit:verify', {}));
    expect(verified.firstBadId).toBeNull(); // the rewritten chain holds together
    expect(verified.ok).toBe(false);
    expect(verified.checkpoints.find((c) => c.reason === 'on demand')?.verdict).toBe(
      'headMismatch',
    );

    // A checkpoint line made up by hand (signature of another text) is refused.
    const file = checkpointsFile(core.dbFile);
    const forged = {
      ...JSON.parse(fs.readFileSync(file, 'utf8').split('\n')[2]!),
      rows: onDemand.rows - 1,
    };
    fs.appendFileSync(file, `${JSON.stringify({ ...forged, signature: forged.signature })}\n`);
    verified = expectOk(await core.invoke('audit:verify', {}));
    expect(
      verified.checkpoints.some((c) => c.source === 'file' && c.verdict === 'badSignature'),
    ).toBe(false); // same signature as one already seen: counted once
    fs.appendFileSync(
      file,
      `${JSON.stringify({ ...forged, signature: Buffer.alloc(64, 7).toString('base64') })}\n`,
    );
    verified = expectOk(await core.invoke('audit:verify', {}));
    expect(verified.checkpoints.filter((c) => c.verdict === 'badSignature')).toHaveLength(1);
  });

  it('a key slot from before slots had a signing key gets one at that account’s sign-in', async () => {
    const core = await signedInCore();
    core.app.lock('signOut');
    const file = readSlotFile(core.app.files.keys);
    writeSlotFile(core.app.files.keys, {
      ...file,
      slots: file.slots.map(({ signPublicKey: _p, signPrivateKey: _k, mac: _m, ...s }) => s),
    });
    await switchTo(core, MANAGER);
    const slot = readSlotFile(core.app.files.keys).slots[0]!;
    expect(slot.signPublicKey).toMatch(/^MC/); // an SPKI DER of an Ed25519 key, base64
    expect(slot.signPrivateKey).toBeDefined();
    const c = expectOk(await core.invoke('audit:checkpoint', {}));
    expect(c.username).toBe('admin');
    expect(expectOk(await core.invoke('audit:verify', {})).ok).toBe(true);
    expect(path.basename(checkpointsFile(core.dbFile))).toBe('visitdesk.checkpoints.jsonl');
  });
});
