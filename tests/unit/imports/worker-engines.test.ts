import { describe, expect, it } from 'vitest';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import { verifyChain } from '../../../electron/core/audit/chain';
import { INLINE_MAX_CSV_BYTES } from '../../../electron/core/imports/handlers';
import { expectError, expectOk } from '../support/core';
import { signedInCoreOn } from '../support/desk';
import { engineKinds } from '../support/engines';
import { b64, caseRow, csvText, utf8 } from './fixtures';

/**
 * A file too large to import in the main process goes to a worker thread with a connection of
 * its own, on either engine (issue 19): this PC's file opened with the held key, or on a desk
 * whose data is on PostgreSQL a pool of its own on the server. The window sees the worker's
 * progress under its job id; a cancelled import leaves nothing on the server.
 */

interface Progress {
  jobId: number;
  task: string;
  done: number;
  total: number;
  note?: string;
}

async function counts(app: Visitdesk) {
  const n = async (table: 'borrowers' | 'loans' | 'audit_log') =>
    Number(
      (
        await app.engine.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return { borrowers: await n('borrowers'), loans: await n('loans'), audit: await n('audit_log') };
}

describe.each(engineKinds)('a large import in a worker thread, on %s', (kind) => {
  it('runs off the main thread with its progress, lands whole, and is audited as the user', async () => {
    const events: Progress[] = [];
    const core = await signedInCoreOn(kind, {
      emit: (event, payload) => {
        if (event === 'job:progress') events.push(payload as Progress);
      },
      now: () => new Date('2026-03-01T18:00:00Z'),
    });
    // 1,500 rows: about 200 KiB, past the inline limit, so the channel starts a worker.
    const bytes = utf8(csvText(Array.from({ length: 1500 }, (_, i) => caseRow(i + 1))));
    expect(bytes.length).toBeGreaterThan(INLINE_MAX_CSV_BYTES);
    const before = await counts(core.app);
    const result = expectOk(
      await core.invoke('imports:run', {
        fileName: 'month.csv',
        contentBase64: b64(bytes),
        asOf: '2026-02-28',
      }),
    );
    expect(result).toMatchObject({ written: true, inserted: 1500, rejected: 0 });
    // A worker's job id, not the main process's 0; the bar ends at 1,500 of 1,500.
    expect(events.length).toBeGreaterThan(2);
    expect(events.every((e) => e.jobId > 0 && e.task === 'importCases')).toBe(true);
    expect(events.filter((e) => e.note === 'write').at(-1)).toMatchObject({
      done: 1500,
      total: 1500,
    });
    expect(await counts(core.app)).toEqual({
      borrowers: before.borrowers + 1500,
      loans: before.loans + 1500,
      audit: before.audit + 1,
    });
    const row = await core.app.engine.db
      .selectFrom('audit_log')
      .select(['staff_id', 'at'])
      .where('action', '=', 'cases.import')
      .executeTakeFirstOrThrow();
    expect(Number(row.staff_id)).toBe(core.app.session!.staffId);
    // The core's clock, not the worker's.
    expect(new Date(row.at).toISOString()).toBe('2026-03-01T18:00:00.000Z');
    expect((await verifyChain(core.app.engine.db)).ok).toBe(true);
  });

  it('cancelled half-way through its write, leaves nothing behind, and the next import works', async () => {
    let sawWrite!: () => void;
    const writing = new Promise<void>((resolve) => (sawWrite = resolve));
    const core = await signedInCoreOn(kind, {
      emit: (event, payload) => {
        const p = payload as Progress;
        if (event === 'job:progress' && p.note === 'write' && p.done >= 1000) sawWrite();
      },
    });
    const before = await counts(core.app);
    const rows = Array.from({ length: 30_000 }, (_, i) => caseRow(i + 1));
    const pending = core.invoke('imports:run', {
      fileName: 'big.csv',
      contentBase64: b64(utf8(csvText(rows))),
      asOf: '2026-01-31',
    });
    // Rows are going in, inside the worker's open transaction.
    await writing;
    expect(expectOk(await core.invoke('imports:cancel', {}))).toEqual({ cancelled: 1 });
    expectError(await pending, 'CANCELLED');
    expect(await counts(core.app)).toEqual(before);
    const small = expectOk(
      await core.invoke('imports:run', {
        fileName: 'small.csv',
        contentBase64: b64(utf8(csvText([caseRow(1)]))),
        asOf: '2026-01-31',
      }),
    );
    expect(small).toMatchObject({ inserted: 1, written: true });
  });
});
