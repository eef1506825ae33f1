import { addDays, daysBetween } from '../../electron/shared/dates';
import { isoAt } from './seed-history';
import type { SeedState } from './seed-rows';
import type { SeedRow } from './twin';

/**
 * Ten years of visits up to four weeks ahead, ids in date order as in a real branch, each with
 * two staff (the borrower's officer and a colleague) and one of the borrower's loans. Past
 * visits are mostly done; future ones planned or notified. Vulnerable borrowers' visits carry
 * the manager's approval.
 */

const CHUNK = 50_000;

export function seedVisits(s: SeedState): void {
  const first = addDays(s.asOf, -3650);
  const span = daysBetween(first, addDays(s.asOf, 28));
  const offsets = new Int32Array(s.scale.visits);
  for (let i = 0; i < offsets.length; i++) offsets[i] = s.dice.int(0, span);
  offsets.sort();
  const colleague = (officer: number) => {
    const others = s.officerIds.filter((id) => id !== officer);
    return others.length ? s.dice.pick(others) : s.managerId;
  };
  for (let start = 0; start < offsets.length; start += CHUNK) {
    const visits: SeedRow[] = [];
    const staff: SeedRow[] = [];
    const loans: SeedRow[] = [];
    for (let i = start; i < Math.min(offsets.length, start + CHUNK); i++) {
      const id = i + 1;
      let date = addDays(first, offsets[i]!);
      // Weekend dates move to the Friday before: branches visit on working days.
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (weekday === 0 || weekday === 6) date = addDays(date, weekday === 0 ? -2 : -1);
      const borrowerId = s.dice.int(1, s.scale.borrowers);
      const b = s.borrowers[borrowerId - 1]!;
      const hour = s.dice.int(8, 18);
      const minutes = s.dice.pick(['00', '30']);
      const startTime = `${String(hour).padStart(2, '0')}:${minutes}`;
      const status =
        date > s.asOf
          ? s.dice.weighted([
              ['planned', 70],
              ['notified', 30],
            ] as const)
          : s.dice.weighted([
              ['done', 80],
              ['not_done', 10],
              ['cancelled', 7],
              ['rescheduled', 3],
            ] as const);
      const notice =
        status === 'planned'
          ? 'none'
          : s.dice.weighted([
              ['printed', 60],
              ['phoned', 25],
              ['delivered', 15],
            ] as const);
      if (status === 'done') {
        const at = isoAt(date, startTime);
        if (at > b.lastVisit) b.lastVisit = at;
      }
      const plannedAt = isoAt(addDays(date, -s.dice.int(3, 14)), '09:00');
      visits.push({
        id,
        borrower_id: borrowerId,
        date,
        start_time: startTime,
        end_time: `${String(hour + 1).padStart(2, '0')}:${minutes}`,
        purpose: s.dice.weighted([
          ['reminder', 35],
          ['negotiation', 30],
          ['situation_check', 20],
          ['repayment_plan', 10],
          ['payment_receipt', 5],
        ] as const),
        priority: s.dice.weighted([
          ['high', 20],
          ['normal', 70],
          ['low', 10],
        ] as const),
        township: b.township.name,
        village: b.village.name,
        status,
        notice_status: notice,
        notice_at: notice === 'none' ? null : plannedAt,
        planned_by: b.officer,
        planned_at: plannedAt,
        needs_approval: b.vulnerable ? 1 : 0,
        approval_by: b.vulnerable ? s.managerId : null,
        approved_at: b.vulnerable ? plannedAt : null,
        updated_at: s.at,
      });
      staff.push(
        { visit_id: id, staff_id: b.officer },
        { visit_id: id, staff_id: colleague(b.officer) },
      );
      loans.push({ visit_id: id, loan_id: s.dice.pick(b.loans) });
    }
    s.twin.insert('visits', visits);
    s.twin.insert('visit_staff', staff);
    s.twin.insert('visit_loans', loans);
  }
  s.counts.visits = s.scale.visits;
  s.counts.visit_staff = s.scale.visits * 2;
  s.counts.visit_loans = s.scale.visits;
}
