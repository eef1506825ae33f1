import { expect } from 'vitest';
import type { Violation } from '../../../electron/shared/compliance';
import type { Result } from '../../../electron/shared/result';
import type { Role } from '../../../electron/shared/roles';
import { addAccount, expectError, expectOk, signedInCore, switchTo } from '../support/core';

/**
 * A signed-in manager on a real encrypted database with the clock at Monday 2 March 2026,
 * 08:00 in Shanghai, so visits a week ahead have time for their notice.
 */
export const NOW = '2026-03-02T00:00:00Z';

export type Core = Awaited<ReturnType<typeof signedInCore>>;

export async function planningCore(now = NOW) {
  const clock = { now: new Date(now) };
  const core = await signedInCore({ now: () => clock.now });
  return { ...core, clock };
}

/** A staff member with a training certificate valid through 2027. */
export async function certifiedStaff(
  core: Core,
  staffNo: string,
  options: { role?: Role; name?: string; expiresOn?: string } = {},
): Promise<number> {
  const staff = expectOk(
    await core.invoke('staff:create', {
      staffNo,
      name: options.name ?? `员工${staffNo}`,
      role: options.role ?? 'officer',
    }),
  );
  expectOk(
    await core.invoke('staff:addCertificate', {
      staffId: staff.id,
      kind: 'training',
      number: `PX-${staffNo}`,
      issuedOn: '2025-01-01',
      expiresOn: options.expiresOn ?? '2027-12-31',
    }),
  );
  return staff.id;
}

let idCounter = 0;

/** A resident ID with a valid check character (GB 11643-1999). */
export function residentId(seed: number): string {
  const day = String(1 + (seed % 28)).padStart(2, '0');
  const body = `330102196001${day}${String(seed % 1000).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (weights[i] as number), 0);
  return body + '10X98765432'[sum % 11];
}

export interface BorrowerSeed {
  name?: string;
  township?: string;
  village?: string;
  status?: 'active' | 'disputed' | 'on_hold' | 'closed';
  elderly?: boolean;
  overdueSince?: string | null;
  overdueFen?: number;
  brokenPromises?: number;
  lastContactAt?: string | null;
  officerId?: number | null;
  idNumber?: string;
  /** Under 60 by default, so the ID's birth date alone does not make the borrower elderly. */
  birthDate?: string;
}

/** Inserts a borrower (and one loan) the way the case import leaves them. */
export function seedBorrower(
  core: Core,
  seed: BorrowerSeed = {},
): { borrowerId: number; loanId: number; idNumber: string } {
  idCounter += 1;
  const at = '2026-01-01T00:00:00.000Z';
  const idNumber = seed.idNumber ?? residentId(idCounter);
  const borrowerId = Number(
    core.app.db
      .prepare(
        `INSERT INTO borrowers (name, id_number, birth_date, sex, township, village, status,
           vulnerable_elderly, overdue_since, total_overdue_fen, broken_promises, last_contact_at,
           assigned_officer_id, created_at, updated_at)
         VALUES (?, ?, ?, 'M', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        seed.name ?? `借款人${idCounter}`,
        idNumber,
        seed.birthDate ?? '1975-06-15',
        seed.township ?? '石桥镇',
        seed.village ?? '东村',
        seed.status ?? 'active',
        seed.elderly ? 1 : 0,
        seed.overdueSince === undefined ? '2026-01-15' : seed.overdueSince,
        seed.overdueFen ?? 100_000,
        seed.brokenPromises ?? 0,
        seed.lastContactAt ?? null,
        seed.officerId ?? null,
        at,
        at,
      ).lastInsertRowid,
  );
  const loanId = Number(
    core.app.db
      .prepare(
        `INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on, overdue_principal_fen,
           overdue_since, created_at, updated_at)
         VALUES (?, ?, 5000000, '2024-06-01', ?, ?, ?, ?)`,
      )
      .run(
        `L${String(idCounter).padStart(6, '0')}`,
        borrowerId,
        seed.overdueFen ?? 100_000,
        seed.overdueSince ?? null,
        at,
        at,
      ).lastInsertRowid,
  );
  return { borrowerId, loanId, idNumber };
}

/** Signs in as a new account with the given role (certified, so it can be put on visits). */
export async function signInAs(core: Core, role: Role, username: string) {
  const account = addAccount(core, { username, role, staffNo: `A-${username}` });
  await switchTo(core, account);
  return account;
}

export function violationsOf(result: Result<unknown>): Violation[] {
  const error = expectError(result, 'RULE_VIOLATION');
  const details = error.details as { violations: Violation[] };
  expect(Array.isArray(details.violations)).toBe(true);
  return details.violations;
}

export const codesOf = (result: Result<unknown>) => violationsOf(result).map((v) => v.code);

export function count(core: Core, sql: string, ...params: unknown[]): number {
  return (core.app.db.prepare(sql).get(...params) as { n: number }).n;
}
