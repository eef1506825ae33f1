import type { AwaitingOutput } from '../../shared/schemas/records-views';
import type { z } from 'zod';
import type { awaitingInput } from '../../shared/schemas/records-views';
import { openStatuses } from '../../shared/schemas/planning';
import type { Visitdesk } from '../app/visitdesk';
import { loadBranchToday } from '../settings/branch-clock';

type AwaitingInput = NonNullable<z.output<typeof awaitingInput>>;

/**
 * Visits across the branch still waiting for their outcome: planned or notified, on or before
 * the branch's today (a visit later today is listed; recording it before it starts is refused
 * by the record's own check). Whoever enters data records them for the staff who went.
 */
export async function awaitingResults(
  app: Visitdesk,
  input: AwaitingInput,
  asOf?: string,
): Promise<AwaitingOutput> {
  const db = app.engine.db;
  const day = asOf ?? (await loadBranchToday(db, app.now()));
  let waiting = db
    .selectFrom('visits as v')
    .innerJoin('borrowers as b', 'b.id', 'v.borrower_id')
    .where('v.status', 'in', openStatuses)
    .where('v.date', '<=', day);
  if (input.date) waiting = waiting.where('v.date', '=', input.date);
  if (input.village) waiting = waiting.where('v.village', '=', input.village);
  if (input.staffId !== undefined) {
    const staffId = input.staffId;
    waiting = waiting.where((eb) =>
      eb.exists(
        eb
          .selectFrom('visit_staff as s')
          .select('s.visit_id')
          .whereRef('s.visit_id', '=', 'v.id')
          .where('s.staff_id', '=', staffId),
      ),
    );
  }
  const total = Number(
    (await waiting.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0,
  );
  const visits = await waiting
    .select([
      'v.id',
      'v.borrower_id',
      'b.name',
      'v.date',
      'v.start_time',
      'v.end_time',
      'v.township',
      'v.village',
    ])
    .orderBy('v.date')
    .orderBy('v.start_time')
    .orderBy('v.id')
    .limit(input.limit)
    .execute();
  const staffOf = new Map<number, AwaitingOutput['rows'][number]['staff']>();
  if (visits.length > 0) {
    const rows = await db
      .selectFrom('visit_staff as s')
      .innerJoin('staff as st', 'st.id', 's.staff_id')
      .select(['s.visit_id', 'st.id', 'st.staff_no', 'st.name'])
      .where(
        's.visit_id',
        'in',
        visits.map((v) => v.id),
      )
      .orderBy('st.staff_no')
      .execute();
    for (const r of rows) {
      const list = staffOf.get(r.visit_id) ?? [];
      list.push({ id: r.id, staffNo: r.staff_no, name: r.name });
      staffOf.set(r.visit_id, list);
    }
  }
  const villages = (
    await db
      .selectFrom('visits')
      .select('village')
      .distinct()
      .where('status', 'in', openStatuses)
      .where('date', '<=', day)
      .where('village', '!=', '')
      .orderBy('village')
      .execute()
  ).map((r) => r.village);
  return {
    asOf: day,
    total,
    rows: visits.map((v) => ({
      visitId: v.id,
      borrowerId: v.borrower_id,
      borrowerName: v.name,
      date: v.date,
      start: v.start_time,
      end: v.end_time,
      township: v.township,
      village: v.village,
      staff: staffOf.get(v.id) ?? [],
    })),
    villages,
  };
}
