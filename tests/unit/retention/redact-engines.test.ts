import { afterEach, describe, expect, it } from 'vitest';
import { REDACTED, redactBorrowerTables } from '../../../electron/core/retention/redact';
import { engineKinds, openTestEngine, type EngineUnderTest } from '../support/engines';

/**
 * The redaction's two rules for reasons, on both engines: a written reason becomes the mark and
 * an empty one stays empty (a complaint's action); a given reason becomes the mark and none
 * stays NULL (a visit's override). Another borrower's rows stay as they were.
 */
describe.each(engineKinds)('reasons redacted on %s', (kind) => {
  let opened: EngineUnderTest | null = null;
  afterEach(async () => {
    await opened?.close();
    opened = null;
  });

  it('marks what was written or given, and leaves empty and absent reasons as they were', async () => {
    opened = await openTestEngine(kind);
    const db = opened.engine.db;
    const at = '2026-03-02T02:00:00.000Z';
    const { id: staffId } = await db
      .insertInto('staff')
      .values({ staff_no: 'C001', name: '李四', role: 'officer', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const borrower = (n: number) => ({
      name: `借款人${n}`,
      id_number: `3301021980010100${n}X`.slice(0, 18),
      birth_date: '1980-01-01',
      sex: 'M' as const,
      township: '城关镇',
      village: '溪口村',
      overdue_since: '2026-01-15',
      total_overdue_fen: 100_000,
      outstanding_fen: 800_000,
      created_at: at,
      updated_at: at,
    });
    const [gone, kept] = await db
      .insertInto('borrowers')
      .values([borrower(1), borrower(2)])
      .returning('id')
      .execute();
    const complaint = (borrowerId: number, action: string) => ({
      borrower_id: borrowerId,
      received_on: '2026-03-01',
      complainant: 'borrower' as const,
      channel: 'phone' as const,
      summary: '上门时间太早',
      action_taken: action,
      recorded_at: at,
      updated_at: at,
    });
    const visit = (borrowerId: number, date: string, reason: string | null) => ({
      borrower_id: borrowerId,
      date,
      start_time: '09:00',
      end_time: '10:00',
      purpose: 'reminder' as const,
      override_reason: reason,
      planned_by: staffId,
      planned_at: at,
      updated_at: at,
    });
    await db
      .insertInto('complaints')
      .values([
        complaint(gone!.id, '已致电道歉'),
        complaint(gone!.id, ''),
        complaint(kept!.id, '已回访'),
      ])
      .execute();
    await db
      .insertInto('visits')
      .values([
        visit(gone!.id, '2026-03-03', '借款人本人约定早上见面'),
        visit(gone!.id, '2026-03-04', null),
        visit(kept!.id, '2026-03-03', '村委会同意'),
      ])
      .execute();

    await db.transaction().execute((tx) => redactBorrowerTables(tx, [gone!.id]));

    const actions = await db
      .selectFrom('complaints')
      .select(['borrower_id', 'action_taken', 'summary'])
      .orderBy('id')
      .execute();
    expect(actions.map((r) => [r.borrower_id, r.action_taken, r.summary])).toEqual([
      [gone!.id, REDACTED, REDACTED],
      [gone!.id, '', REDACTED],
      [kept!.id, '已回访', '上门时间太早'],
    ]);
    const overrides = await db
      .selectFrom('visits')
      .select(['borrower_id', 'override_reason'])
      .orderBy('id')
      .execute();
    expect(overrides.map((r) => [r.borrower_id, r.override_reason])).toEqual([
      [gone!.id, REDACTED],
      [gone!.id, null],
      [kept!.id, '村委会同意'],
    ]);
  });
});
