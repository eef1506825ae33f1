import { signedInCore } from '../support/core';

/** Tuesday 4 March 2025, 10:00 in Shanghai. */
export const NOW = '2025-03-04T02:00:00Z';

export type Core = Awaited<ReturnType<typeof signedInCore>>;

/** A signed-in manager with a clock the test can move. */
export async function noticesCore(now = NOW) {
  const clock = { now: new Date(now) };
  const core = await signedInCore({ now: () => clock.now });
  return { ...core, clock };
}

/** Moves the clock; the session counts as active (the idle lock is tested elsewhere). */
export function setClock(
  core: { clock: { now: Date }; app: { touch(): void } },
  iso: string,
): void {
  core.clock.now = new Date(iso);
  core.app.touch();
}

const at = '2025-01-01T00:00:00.000Z';
let counter = 0;

/** A resident ID with a valid check character (GB 11643-1999). */
export function residentId(seed: number): string {
  const body = `33012719800101${String(seed % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

export function seedStaff(core: Core, staffNo: string, name: string): number {
  return Number(
    core.app.db
      .prepare(
        "INSERT INTO staff (staff_no, name, role, created_at, updated_at) VALUES (?, ?, 'officer', ?, ?)",
      )
      .run(staffNo, name, at, at).lastInsertRowid,
  );
}

export interface SeededBorrower {
  borrowerId: number;
  loanIds: number[];
  idNumber: string;
}

/** A borrower in 石桥镇 with overdue loans (amounts in fen). */
export function seedBorrower(
  core: Core,
  options: {
    name?: string;
    village?: string;
    loans?: { overduePrincipalFen: number; interestFen?: number; overdueSince: string }[];
  } = {},
): SeededBorrower {
  counter += 1;
  const idNumber = residentId(counter);
  const db = core.app.db;
  const borrowerId = Number(
    db
      .prepare(
        `INSERT INTO borrowers (name, id_number, birth_date, sex, province, city, county, township,
           village, address_detail, created_at, updated_at)
         VALUES (?, ?, '1980-01-01', 'F', '浙江省', '杭州市', '青山县', '石桥镇', ?, ?, ?, ?)`,
      )
      .run(
        options.name ?? '李秀兰',
        idNumber,
        options.village ?? '溪口村',
        `3 组 ${counter} 号`,
        at,
        at,
      ).lastInsertRowid,
  );
  const loans = options.loans ?? [{ overduePrincipalFen: 1_234_567, overdueSince: '2024-11-21' }];
  const loanIds = loans.map((loan, index) =>
    Number(
      db
        .prepare(
          `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on,
             outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen, overdue_since,
             created_at, updated_at)
           VALUES (?, ?, 5000000, '2023-01-10', 2468000, ?, ?, ?, ?, ?)`,
        )
        .run(
          `QS2023-${String(counter).padStart(3, '0')}${index}`,
          borrowerId,
          loan.overduePrincipalFen,
          loan.interestFen ?? 0,
          loan.overdueSince,
          at,
          at,
        ).lastInsertRowid,
    ),
  );
  return { borrowerId, loanIds, idNumber };
}

/** A planned visit by the given staff, straight into the planning tables. */
export function seedVisit(
  core: Core,
  borrower: SeededBorrower,
  staffIds: number[],
  options: {
    date?: string;
    start?: string;
    end?: string;
    routeOrder?: number;
    status?: string;
  } = {},
): number {
  const db = core.app.db;
  const visitId = Number(
    db
      .prepare(
        `INSERT INTO visits (borrower_id, date, start_time, end_time, purpose, township, village,
           status, planned_by, planned_at, route_order, updated_at)
         VALUES (?, ?, ?, ?, 'negotiation', '石桥镇', '溪口村', ?, 1, ?, ?, ?)`,
      )
      .run(
        borrower.borrowerId,
        options.date ?? '2025-03-07',
        options.start ?? '09:30',
        options.end ?? '11:30',
        options.status ?? 'planned',
        at,
        options.routeOrder ?? null,
        at,
      ).lastInsertRowid,
  );
  for (const staffId of staffIds) {
    db.prepare('INSERT INTO visit_staff (visit_id, staff_id) VALUES (?, ?)').run(visitId, staffId);
  }
  for (const loanId of borrower.loanIds) {
    db.prepare('INSERT INTO visit_loans (visit_id, loan_id) VALUES (?, ?)').run(visitId, loanId);
  }
  return visitId;
}
