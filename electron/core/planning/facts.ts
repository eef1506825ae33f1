import type { VulnerableReason } from '../../shared/compliance';
import { AppFailure } from '../../shared/result';
import { countingStatuses } from '../../shared/schemas/planning';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { BorrowerFacts, StaffFacts } from './compliance';
import { addDays } from '../../shared/dates';
import { ageOn } from '../../shared/idcard';
import { elderlyOn } from './elderly';
import { readFlag, type Flag } from '../db/columns';
import type { CaseExitView } from '../../shared/schemas/case-exits';
import { loadExitInForce } from '../cases/exits';

/**
 * Gathers the facts the engine judges from the database. The borrower side reads the case
 * tables of migration 002; this file and worklist.ts are the only places that do.
 */

export interface BorrowerProfile {
  id: number;
  name: string;
  township: string;
  village: string;
  hold: 'disputed' | 'on_hold' | 'closed' | null;
  /** The flags staff set by hand. */
  vulnerable: VulnerableReason[];
  birthDate: string;
  /** A manager cleared the elderly flag the birth date would give (elderly.ts). */
  elderlyCleared: boolean;
  /** Why a closed case left doorstep collection, when it did through an exit (cases/exits.ts). */
  exit: Pick<CaseExitView, 'kind' | 'exitOn' | 'reference'> | null;
}

function borrowerRow(db: Kysely<DB>, borrowerId: number) {
  return db
    .selectFrom('borrowers as b')
    .select([
      'b.id',
      'b.name',
      'b.township',
      'b.village',
      'b.status',
      'b.birth_date',
      'b.vulnerable_elderly',
      'b.vulnerable_ill',
      'b.vulnerable_disabled',
      'b.vulnerable_disaster',
    ])
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('elderly_clearances as c')
            .select('c.borrower_id')
            .whereRef('c.borrower_id', '=', 'b.id'),
        )
        .$castTo<Flag>()
        .as('elderly_cleared'),
    )
    .where('b.id', '=', borrowerId)
    .executeTakeFirst();
}

export async function borrowerProfile(
  db: Kysely<DB>,
  borrowerId: number,
): Promise<BorrowerProfile> {
  const row = await borrowerRow(db, borrowerId);
  if (!row) {
    throw new AppFailure('NOT_FOUND', `no borrower ${borrowerId}`, {
      fields: { borrowerId: 'e.NOT_FOUND' },
    });
  }
  const vulnerable: VulnerableReason[] = [];
  if (readFlag(row.vulnerable_elderly)) vulnerable.push('elderly');
  if (readFlag(row.vulnerable_ill)) vulnerable.push('ill');
  if (readFlag(row.vulnerable_disabled)) vulnerable.push('disabled');
  if (readFlag(row.vulnerable_disaster)) vulnerable.push('disaster');
  const hold =
    row.status === 'disputed' || row.status === 'on_hold' || row.status === 'closed'
      ? row.status
      : null;
  return {
    id: row.id,
    name: row.name,
    township: row.township,
    village: row.village,
    hold,
    vulnerable,
    birthDate: row.birth_date,
    elderlyCleared: readFlag(row.elderly_cleared),
    exit: row.status === 'closed' ? await loadExitInForce(db, row.id) : null,
  };
}

/**
 * The borrower's vulnerable reasons on `date`: the flags set by hand, and elderly by the ID's
 * birth date at the branch's age unless a manager cleared it.
 */
export function vulnerableOn(
  profile: BorrowerProfile,
  date: string,
  elderlyAge: number,
): Pick<BorrowerFacts, 'vulnerable' | 'elderlyAge'> {
  const byBirthDate =
    !profile.elderlyCleared &&
    !profile.vulnerable.includes('elderly') &&
    elderlyOn(profile.birthDate, date, elderlyAge);
  if (!byBirthDate) return { vulnerable: profile.vulnerable };
  return {
    vulnerable: ['elderly', ...profile.vulnerable],
    elderlyAge: ageOn(profile.birthDate, date),
  };
}

/** Refuses loans that are not the borrower's. */
export async function assertBorrowerLoans(
  db: Kysely<DB>,
  borrowerId: number,
  loanIds: readonly number[],
): Promise<void> {
  if (loanIds.length === 0) return;
  const owned = await db
    .selectFrom('loans')
    .select('id')
    .where('borrower_id', '=', borrowerId)
    .where('id', 'in', [...loanIds])
    .execute();
  if (owned.length !== new Set(loanIds).size) {
    throw new AppFailure('VALIDATION', 'a loan does not belong to this borrower', {
      fields: { loanIds: 'v.invalid' },
    });
  }
}

/**
 * The borrower's visits that count for the caps, near enough to matter: the month of the visit
 * and the gap window either side (the gap setting is at most 31 days).
 */
export async function borrowerFacts(
  db: Kysely<DB>,
  profile: BorrowerProfile,
  date: string,
  exclude: readonly number[],
  elderlyAge: number,
): Promise<BorrowerFacts> {
  const rows = await db
    .selectFrom('visits')
    .select(['id', 'date'])
    .where('borrower_id', '=', profile.id)
    .where('date', '>=', addDays(date, -62))
    .where('date', '<=', addDays(date, 62))
    .where('status', 'in', countingStatuses)
    .execute();
  return {
    ...vulnerableOn(profile, date, elderlyAge),
    hold: profile.hold,
    exit: profile.exit,
    visits: rows
      .filter((r) => !exclude.includes(r.id))
      .map((r) => ({ visitId: r.id, date: r.date })),
  };
}

export async function staffFacts(
  db: Kysely<DB>,
  staffIds: readonly number[],
  date: string,
  exclude: readonly number[],
): Promise<StaffFacts[]> {
  if (staffIds.length === 0) return [];
  const people = await db
    .selectFrom('staff')
    .select(['id', 'staff_no', 'name', 'active'])
    .where('id', 'in', [...staffIds])
    .execute();
  const missing = staffIds.filter((id) => !people.some((p) => p.id === id));
  if (missing.length > 0) {
    throw new AppFailure('NOT_FOUND', `no staff record ${missing.join(', ')}`, {
      fields: { staffIds: 'e.NOT_FOUND' },
    });
  }
  const certificates = await db
    .selectFrom('staff_certificates')
    .select(['staff_id', 'kind', 'issued_on', 'expires_on'])
    .where('staff_id', 'in', [...staffIds])
    .where('expires_on', '>=', date)
    .execute();
  const leave = await db
    .selectFrom('staff_leave')
    .select('staff_id')
    .where('staff_id', 'in', [...staffIds])
    .where('date', '=', date)
    .execute();
  const busy = await db
    .selectFrom('visit_staff')
    .innerJoin('visits', 'visits.id', 'visit_staff.visit_id')
    .select(['visit_staff.staff_id', 'visits.id', 'visits.start_time', 'visits.end_time'])
    .where('visit_staff.staff_id', 'in', [...staffIds])
    .where('visits.date', '=', date)
    .where('visits.status', 'in', countingStatuses)
    .execute();
  // Keep the order the planner gave, so messages name people in that order.
  return staffIds.map((id) => {
    const person = people.find((p) => p.id === id) as (typeof people)[number];
    return {
      id,
      label: `${person.name}（${person.staff_no}）`,
      active: readFlag(person.active),
      certificates: certificates
        .filter((c) => c.staff_id === id)
        .map((c) => ({ kind: c.kind, issuedOn: c.issued_on, expiresOn: c.expires_on })),
      onLeave: leave.some((l) => l.staff_id === id),
      sameDayVisits: busy
        .filter((b) => b.staff_id === id && !exclude.includes(b.id))
        .map((b) => ({ visitId: b.id, start: b.start_time, end: b.end_time })),
    };
  });
}
