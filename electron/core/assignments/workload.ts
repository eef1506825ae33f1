import type { Bucket } from '../../shared/delinquency';
import { addDays, monthOf } from '../../shared/dates';
import type {
  OfficerWorkload,
  SuggestedMove,
  WorkloadOutput,
} from '../../shared/schemas/assignments';
import { readFlag, writeFlag } from '../db/columns';
import { all, qb, statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { monthProgress } from '../planning/targets';

/**
 * The officers' workload for the manager: per officer, the open cases held by bucket with their
 * balances, the month's visits planned and done, open promises, and the amount collected
 * against the month's target; and a suggested rebalance by whole villages.
 *
 * Grouped SQL passes, none per officer: the cases held by officer and village (buckets,
 * balances, and the villages the suggestion moves) from one walk of `borrowers_officer_village`
 * (migration 015; the planner takes it as the covering index, checked with EXPLAIN QUERY PLAN at
 * full scale; not forced with INDEXED BY, so a database without it still answers), open promises, and the month's visits and collections from the targets' own
 * three queries, so the two screens agree.
 */

/**
 * Bucket by the overdue date (`dpd_sort`, '9999-12-31' when current) on `asOf`, as the case
 * list does: DPD <= max ⇔ dpd_sort >= asOf − max.
 */
const HELD = `
  SELECT b.assigned_officer_id AS officer, b.township, b.village,
         count(*) FILTER (WHERE b.dpd_sort >= :m0) AS m0,
         count(*) FILTER (WHERE b.dpd_sort < :m0 AND b.dpd_sort >= :m1) AS m1,
         count(*) FILTER (WHERE b.dpd_sort < :m1 AND b.dpd_sort >= :m2) AS m2,
         count(*) FILTER (WHERE b.dpd_sort < :m2 AND b.dpd_sort >= :m3) AS m3,
         count(*) FILTER (WHERE b.dpd_sort < :m3) AS m4,
         count(*) AS cases,
         coalesce(sum(b.outstanding_fen), 0) AS outstanding,
         coalesce(sum(b.total_overdue_fen), 0) AS overdue
  FROM borrowers b
  WHERE b.assigned_officer_id IS NOT NULL AND b.status <> 'closed'
  GROUP BY b.assigned_officer_id, b.township, b.village`;

const PROMISES = `
  SELECT b.assigned_officer_id AS officer, count(*) AS open
  FROM promises p JOIN borrowers b ON b.id = p.borrower_id
  WHERE p.status = 'pending' AND b.assigned_officer_id IS NOT NULL
  GROUP BY b.assigned_officer_id`;

interface HeldRow {
  officer: number;
  township: string;
  village: string;
  m0: number;
  m1: number;
  m2: number;
  m3: number;
  m4: number;
  cases: number;
  outstanding: number;
  overdue: number;
}

interface VillageRow {
  officer: number;
  township: string;
  village: string;
  cases: number;
}

export function officerWorkload(db: Sqlite, asOf: string, month = monthOf(asOf)): WorkloadOutput {
  const bounds = {
    m0: asOf,
    m1: addDays(asOf, -30),
    m2: addDays(asOf, -60),
    m3: addDays(asOf, -90),
  };
  // One pass by officer and village: the villages for the suggestion, summed per officer here.
  const held = statement(db, HELD).all(bounds) as HeldRow[];
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
  const promises = new Map(
    (statement(db, PROMISES).all() as { officer: number; open: number }[]).map((r) => [
      r.officer,
      r.open,
    ]),
  );
  const progress = monthProgress(db, month);
  // Active officers, and anyone else still holding open cases (an officer who left).
  const staff = all(
    db,
    qb.selectFrom('staff').select(['id', 'staff_no', 'name', 'role', 'active']).orderBy('staff_no'),
  ).filter((s) => (s.role === 'officer' && s.active === writeFlag(true)) || cases.has(s.id));
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
