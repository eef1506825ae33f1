import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectOk, freshCore, MANAGER, setupPayload, signedInCore } from '../support/core';

describe('long work in a worker thread', () => {
  it('reports progress with a job id and can be cancelled, leaving nothing behind', async () => {
    const events: { event: string; payload: { jobId: number; task: string } }[] = [];
    const core = await signedInCore({
      emit: (event, payload) =>
        events.push({ event, payload: payload as { jobId: number; task: string } }),
    });
    // Enough data that VACUUM INTO takes a moment.
    core.app.db.exec('CREATE TABLE filler (x TEXT) STRICT');
    const insert = core.app.db.prepare('INSERT INTO filler VALUES (?)');
    core.app.db.transaction(() => {
      for (let i = 0; i < 20000; i++) insert.run(`row ${i} `.repeat(40));
    })();
    const pending = core.invoke('backup:create', {});
    await new Promise((resolve) => setTimeout(resolve, 5));
    const [jobId] = core.app.runningJobs;
    expect(jobId).toBeGreaterThan(0);
    expect(expectOk(await core.invoke('jobs:cancel', { jobId }))).toEqual({ cancelled: true });
    const result = await pending;
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    const leftovers = fs.existsSync(core.app.files.backups)
      ? fs.readdirSync(core.app.files.backups)
      : [];
    expect(leftovers).toEqual([]);
    expect(expectOk(await core.invoke('jobs:cancel', { jobId }))).toEqual({ cancelled: false });

    const done = expectOk(await core.invoke('backup:create', {}));
    expect(fs.existsSync(done.file)).toBe(true);
    const progress = events.filter((e) => e.event === 'job:progress');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((e) => e.payload.task === 'backup' && e.payload.jobId > 0)).toBe(true);
  });

  it('after an unclean shutdown, checks the file in the background at sign-in', async () => {
    const core = freshCore();
    expectOk(await core.invoke('auth:setup', setupPayload()));
    expectOk(await core.invoke('auth:signOut', {}));
    fs.writeFileSync(core.app.files.marker, '12345');
    expectOk(await core.invoke('auth:signIn', MANAGER));
    expect(expectOk(await core.invoke('auth:state', {})).uncleanShutdown).toBe(true);
    await core.app.settle();
    expect(expectOk(await core.invoke('auth:state', {})).uncleanShutdown).toBe(false);
  });
});
