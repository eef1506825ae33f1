import { describe, expect, it } from 'vitest';
import type { Result } from '../../../electron/shared/result';
import { expectOk } from '../support/core';
import { addAccountOn, signedInCoreOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { caseRow, csvText } from '../imports/fixtures';
import { serveCore } from './support';

/**
 * Long work started from a desk runs on the server in a worker (issue 20): its progress reaches
 * the desk whose call started it, and no other; another desk cannot cancel it.
 */

describe.each(engineKinds)('a desk’s import on the branch server, on %s', (kind) => {
  it('streams its progress to that desk alone, and only that desk may cancel it', async () => {
    const core = await signedInCoreOn(kind);
    const { remoteDesk } = await serveCore(core);
    const clerk = await addAccountOn(core, {
      username: 'wang.clerk',
      role: 'clerk',
      staffNo: 'D102',
    });
    const other = await addAccountOn(core, {
      username: 'zhou.clerk',
      role: 'clerk',
      staffNo: 'D103',
    });
    const deskA = await remoteDesk('柜台一号机');
    const deskB = await remoteDesk('柜台二号机');
    expectOk(await deskA.invoke('auth:signIn', clerk));
    expectOk(await deskB.invoke('auth:signIn', other));
    const heardA: { name: string; data: { jobId?: number; done?: number } }[] = [];
    const heardB: { name: string; data: unknown }[] = [];
    const streamA = deskA.events((name, data) =>
      heardA.push({ name, data: data as { jobId?: number } }),
    );
    const streamB = deskB.events((name, data) => heardB.push({ name, data }));
    // Both streams are open: a first change is heard by each.
    expectOk(
      await deskB.invoke('cases:create', {
        name: '测试人',
        idNumber: caseRow(9999).id_number,
        township: '石桥镇',
        village: '东村',
      }),
    );
    for (let i = 0; i < 200 && (heardA.length === 0 || heardB.length === 0); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    heardA.length = 0;
    heardB.length = 0;

    // 3,000 rows: more than the 64 KiB a file may have to run inline, so a worker runs it.
    const rows = Array.from({ length: 3000 }, (_, i) => caseRow(i + 1));
    const text = csvText(rows);
    expect(Buffer.byteLength(text)).toBeGreaterThan(64 * 1024);
    const importing = deskA.invoke('imports:run', {
      fileName: 'daily.csv',
      contentBase64: Buffer.from(text, 'utf8').toString('base64'),
    });
    // Desk B tries to cancel the job while it runs: not its own, so as if already ended.
    let jobId: number | undefined;
    for (let i = 0; i < 1500 && jobId === undefined; i++) {
      jobId = heardA.find((e) => e.name === 'job:progress' && (e.data.jobId ?? 0) > 0)?.data.jobId;
      if (jobId === undefined) await new Promise((r) => setTimeout(r, 20));
    }
    expect(jobId).toBeGreaterThan(0);
    const refused = (await deskB.invoke('jobs:cancel', { jobId })) as Result<{
      cancelled: boolean;
    }>;
    expect(expectOk(refused)).toEqual({ cancelled: false });
    // Still running (desk B's refusal was not for a job already ended): its own desk cancels it.
    const own = (await deskA.invoke('jobs:cancel', { jobId })) as Result<{ cancelled: boolean }>;
    expect(expectOk(own)).toEqual({ cancelled: true });
    expect(await importing).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const imported = await core.app.engine.db
      .selectFrom('borrowers')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    // The one case desk B created; nothing of the cancelled import.
    expect(Number(imported.n)).toBe(1);

    expect(heardA.filter((e) => e.name === 'job:progress').length).toBeGreaterThan(0);
    expect(heardA.every((e) => e.name !== 'job:progress' || e.data.jobId === jobId)).toBe(true);
    expect(heardB.filter((e) => e.name === 'job:progress')).toEqual([]);
    streamA.close();
    streamB.close();
  });
});
