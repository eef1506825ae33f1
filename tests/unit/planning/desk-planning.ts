import type { Role } from '../../../electron/shared/roles';
import { writeFlag } from '../../../electron/core/db/columns';
import type { EngineKind } from '../support/engines';
import { signedInCoreOn, staffAccountOn, switchToOn } from '../support/desk';
import { certifiedStaff, NOW, residentId, type BorrowerSeed, type Core } from './support';

/**
 * support.ts's planning desk on either engine, for suites run on both (issue 19): a signed-in
 * manager with the clock at Monday 2 March 2026, 08:00 in Shanghai, and borrowers written
 * through the app's engine the way the case import leaves them (never SQL on the SQLite
 * connection).
 */

export async function planningCoreOn(kind: EngineKind, now = NOW) {
  const clock = { now: new Date(now) };
  const core = await signedInCoreOn(kind, { now: () => clock.now });
  return { ...core, clock };
}

export type PlanningCoreOn = Awaited<ReturnType<typeof planningCoreOn>>;

let idCounter = 5000;

/** support.ts seedBorrower on the app's engine: a borrower and one loan. */
export async function seedBorrowerOn(
  core: PlanningCoreOn,
  seed: BorrowerSeed = {},
): Promise<{ borrowerId: number; loanId: number; idNumber: string }> {
  idCounter += 1;
  const at = '2026-01-01T00:00:00.000Z';
  const idNumber = seed.idNumber ?? residentId(idCounter);
  const db = core.app.engine.db;
  const { id: borrowerId } = await db
    .insertInto('borrowers')
    .values({
      name: seed.name ?? `借款人${idCounter}`,
      id_number: idNumber,
      birth_date: seed.birthDate ?? '1975-06-15',
      sex: 'M',
      township: seed.township ?? '石桥镇',
      village: seed.village ?? '东村',
      status: seed.status ?? 'active',
      vulnerable_elderly: writeFlag(seed.elderly ?? false),
      overdue_since: seed.overdueSince === undefined ? '2026-01-15' : seed.overdueSince,
      total_overdue_fen: seed.overdueFen ?? 100_000,
      broken_promises: seed.brokenPromises ?? 0,
      last_contact_at: seed.lastContactAt ?? null,
      assigned_officer_id: seed.officerId ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const { id: loanId } = await db
    .insertInto('loans')
    .values({
      loan_no: `L${String(idCounter).padStart(6, '0')}`,
      borrower_id: borrowerId,
      principal_fen: 5000000,
      disbursed_on: '2024-06-01',
      overdue_principal_fen: seed.overdueFen ?? 100_000,
      overdue_since: seed.overdueSince ?? null,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { borrowerId, loanId, idNumber };
}

/** support.ts certifiedStaff on either engine: it goes through the dispatcher alone. */
export function certifiedStaffOn(
  core: PlanningCoreOn,
  staffNo: string,
  options: Parameters<typeof certifiedStaff>[2] = {},
): Promise<number> {
  return certifiedStaff({ invoke: core.invoke } as Core, staffNo, options);
}

/** support.ts signInAs on either engine: a new account of `role`, signed in. */
export async function signInAsOn(core: PlanningCoreOn, role: Role, username: string) {
  const account = await staffAccountOn(core, {
    username,
    role,
    name: username,
    staffNo: `A-${username}`,
  });
  await switchToOn(core, account);
  return account;
}
