import type { Kysely } from 'kysely';
import type { Bucket } from '../../shared/delinquency';
import { addDays, monthOf } from '../../shared/dates';
import type {
  OfficerWorkload,
  SuggestedMove,
  WorkloadOutput,
} from '../../shared/schemas/assignments';
import { readFlag } from '../db/columns';
import type { DB } from '../db/schema';
import { loadMonthProgress } from '../planning/targets';

/**
 * The officers' workload for the manager: per officer, the open cases held by bucket with their
 * balances, the month's visits planned and done, open promises, and the amount collected
 * against the month's target; and a suggested rebalance by whole villages. Read on the engine.
 *
 * Grouped passes, none per officer: the cases held by officer and village (buckets, balances,
 * and the villages the suggestion moves) from one walk of `borrowers_officer_village`
 * (migration 015; SQLite's planner takes it as the covering index, checked with EXPLAIN QUERY
 * PLAN at full scale; not forced with INDEXED BY, so a database without it still answers), open
 * promises, and the month's visits and collections from the targets' own queries, so the two
 * screens agree.
 */

interface Bounds {
  m0: string;
  m1: string;
  m2: string;
  m3: string;
}

/**
 * Bucket by the overdue date (`dpd_sort`, '9999-12-31' when current) on `asOf`, as the case
 * list does: DPD <= max ⇔ dpd_sort >= asOf − max. The sums are cast back to an integer:
 * PostgreSQL's sum of bigint fen is numeric.
 */
const heldQuery = (db: Kysely<DB>, m: Bounds) =>
  db
    .selectFrom('borrowers as b')
    .select((eb) => {
      const below = (bound: string) => eb('b.dpd_sort', '<', bound);
      const from = (bound: string) => eb('b.dpd_sort', '>=', bound);
      const count = () => eb.fn.countAll<number>();
      const total = (column: 'b.outstanding_fen' | 'b.total_overdue_fen') =>
        eb.cast<number>(eb.fn.coalesce(eb.fn.sum(column), eb.lit(0)), 'bigint');
      return [
        'b.assigned_officer_id as officer',
        'b.township',
        'b.village',
        count().filterWhere(from(m.m0)).as('m0'),
        count()
          .filterWhere(eb.and([below(m.m0), from(m.m1)]))
          .as('m1'),
        count()
          .filterWhere(eb.and([below(m.m1), from(m.m2)]))
          .as('m2'),
        count()
          .filterWhere(eb.and([below(m.m2), from(m.m3)]))
          .as('m3'),
        count().filterWhere(below(m.m3)).as('m4'),
        count().as('cases'),
        total('b.outstanding_fen').as('outstanding'),
        total('b.total_overdue_fen').as('overdue'),
      ];
    })
    .where('b.assigned_officer_id', 'is not', null)
    .where('b.status', '<>', 'closed')
    .groupBy(['b.assigned_officer_id', 'b.township', 'b.village'])
    .$narrowType<{ officer: number }>();

const promisesQuery = (db: Kysely<DB>) =>
  db
    .selectFrom('promises as p')
    .innerJoin('borrowers as b', 'b.id', 'p.borrower_id')
    .select((eb) => ['b.assigned_officer_id as officer', eb.fn.countAll<number>().as('open')])
    .where('p.status', '=', 'pending')
    .where('b.assigned_officer_id', 'is not', null)
    .groupBy('b.assigned_officer_id')
    .$narrowType<{ officer: number }>();

type HeldRow = Awaited<ReturnType<ReturnType<typeof heldQuery>['execute']>>[number];

interface VillageRow {
  officer: number;
  township: string;
  village: string;
  cases: number;
}

export async function officerWorkload(
  db: Kysely<DB>,
  asOf: string,
  month = monthOf(asOf),
): Promise<WorkloadOutput> {
  const bounds = {
    m0: asOf,
    m1: addDays(asOf, -30),
    m2: addDays(asOf, -60),
    m3: addDays(asOf, -90),
  };
  // One pass by officer and village: the villages for the suggestion, summed per officer here.
  const held = await heldQuery(db, bounds).execute();
  const cases = new Map<number, Omit<HeldRow, 'township' | 'village'>>();
  for (const v of held) {
    const sum = cases.get(v.officer);
    if (!sum) {
      cases.set(v.officer, { ...v });
      continue;
    }
    for (const k of ['m0', 'm1', 'm2', 'm3', 'm4', 'cases', 'outstanding', 'overdue'] as const) {
      sum[k] += v[k];
    }
  }
  const promises = new Map((await promisesQuery(db).execute()).map((r) => [r.officer, r.open]));
  const progress = await loadMonthProgress(db, month);
  // Active officers, and anyone else still holding open cases (an officer who left).
  const staff = (
    await db
      .selectFrom('staff')
      .select(['id', 'staff_no', 'name', 'role', 'active'])
      .orderBy('staff_no')
      .execute()
  ).filter((s) => (s.role === 'officer' && readFlag(s.active)) || cases.has(s.id));
  const officers: OfficerWorkload[] = staff.map((s) => {
    const c = cases.get(s.id);
    const p = progress(s.id);
    const byBucket: Record<Bucket, number> = {
      M0: c?.m0 ?? 0,
      M1: c?.m1 ?? 0,
      M2: c?.m2 ?? 0,
      M3: c?.m3 ?? 0,
      'M4+': c?.m4 ?? 0,
    };
    return {
      officerId: s.id,
      staffNo: s.staff_no,
      name: s.name,
      active: s.role === 'officer' && readFlag(s.active),
      cases: byBucket,
      casesTotal: c?.cases ?? 0,
      outstandingFen: c?.outstanding ?? 0,
      overdueFen: c?.overdue ?? 0,
      visitsPlanned: p.visitsPlanned,
      visitsDone: p.visitsDone,
      promisesOpen: promises.get(s.id) ?? 0,
      collectedFen: p.amountCollectedFen,
      targetFen: p.hasTarget ? p.amountTargetFen : null,
    };
  });
  const receivers = staff
    .filter((s) => s.role === 'officer' && readFlag(s.active))
    .map((s) => s.id);
  return { month, asOf, officers, suggestion: suggestRebalance(held, receivers) };
}

/** Moves beyond this are not suggested: the manager reads each one. */
const MAX_MOVES = 30;

/**
 * Whole villages, so an officer's route stays in the villages they know: first every village of
 * someone who may no longer hold cases (left, or not an officer) to the least loaded officer;
 * then, while it narrows a gap, the village of the most loaded officer (or the next, when none of
 * theirs would) whose size is nearest half the gap goes to the least loaded one. A village moves
 * at most once.
 */
export function suggestRebalance(
  villages: readonly VillageRow[],
  receivers: readonly number[],
): SuggestedMove[] {
  if (receivers.length === 0) return [];
  const load = new Map<number, number>(receivers.map((id) => [id, 0]));
  for (const v of villages)
    if (load.has(v.officer)) load.set(v.officer, load.get(v.officer)! + v.cases);
  const least = () =>
    [...load.entries()].reduce((a, b) => (b[1] < a[1] || (b[1] === a[1] && b[0] < a[0]) ? b : a));
  const moves: SuggestedMove[] = [];
  const move = (v: VillageRow, to: number) => {
    moves.push({
      fromOfficerId: v.officer,
      toOfficerId: to,
      township: v.township,
      village: v.village,
      cases: v.cases,
    });
    if (load.has(v.officer)) load.set(v.officer, load.get(v.officer)! - v.cases);
    load.set(to, load.get(to)! + v.cases);
  };
  const byLoad = (a: VillageRow, b: VillageRow) => b.cases - a.cases;
  for (const v of villages.filter((v) => !load.has(v.officer)).sort(byLoad)) {
    if (moves.length >= MAX_MOVES) return moves;
    move(v, least()[0]);
  }
  const moved = new Set<VillageRow>();
  while (moves.length < MAX_MOVES) {
    const [to, low] = least();
    let best: VillageRow | null = null;
    // The most loaded officer first; one with no village that narrows the gap gives way to the
    // next (its villages may all have moved already).
    const givers = [...load.entries()]
      .filter(([id]) => id !== to)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    for (const [from, high] of givers) {
      const gap = high - low;
      // Moving c cases leaves a gap of |gap − 2c|: smaller only for 0 < c < gap.
      const candidates = villages.filter(
        (v) => v.officer === from && !moved.has(v) && v.cases < gap,
      );
      if (!candidates.length) continue;
      best = candidates.reduce((a, b) =>
        Math.abs(gap - 2 * b.cases) < Math.abs(gap - 2 * a.cases) ? b : a,
      );
      break;
    }
    if (best === null) break;
    moved.add(best);
    move(best, to);
  }
  return moves;
}
