import type { z } from 'zod';
import { AppFailure } from '../../shared/result';
import { ageOn } from '../../shared/idcard';
import type {
  clearElderlyInput,
  ElderlyStatus,
  restoreElderlyInput,
} from '../../shared/schemas/planning';
import type { InferResult, Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import { loadRules } from './rules';
import { loadBranchToday } from '../settings/branch-clock';
import { readFlag, writeFlag } from '../db/columns';

/**
 * Elderly borrowers, known from the birth date in their resident ID (DOMAIN.md: 60 and over,
 * as 老年人权益保障法 defines 老年人; the age is the branch setting `elderlyAge`).
 *
 * Which day the age is taken on: the visit's date when a visit is judged (a borrower who turns
 * 60 the week before the visit is 60 at the door), today everywhere else (worklist, case page).
 *
 * A manager may clear the flag with a written reason (for instance a 61-year-old who still runs
 * the family shop and asked to be treated like anyone else): the clearance is audited, and it
 * also unticks the elderly box staff may have ticked by hand. Restoring it removes the
 * clearance. Staff may still tick the box again later; that is a new, deliberate flag.
 */

/**
 * The latest birth date of anyone `age` or older on `onDate`, for comparing birth dates as text
 * (in SQL too): `birth_date <= elderlyBornBy(date, 60)`. When `onDate` is 29 February and the
 * year `age` years before is not a leap year, the text names a day that does not exist; compared
 * as text it still sorts between 28 February and 1 March, which is what `ageOn` says.
 */
export function elderlyBornBy(onDate: string, age: number): string {
  const year = Number(onDate.slice(0, 4)) - age;
  return `${String(year).padStart(4, '0')}-${onDate.slice(5, 10)}`;
}

export function elderlyOn(birthDate: string, onDate: string, age: number): boolean {
  return birthDate <= elderlyBornBy(onDate, age);
}

/*
 * The borrower's elderly row is one query, said once: run on the engine (`db`, or a write's
 * `tx`) by `loadElderlyStatusOn`, on the connection by `elderlyStatusOn` for the case page
 * (cases/case-page.ts), which is not on the engine yet (issue 19).
 */
const elderlyRowQuery = (db: Kysely<DB>, borrowerId: number) =>
  db
    .selectFrom('borrowers as b')
    .leftJoin('elderly_clearances as c', 'c.borrower_id', 'b.id')
    .leftJoin('staff as s', 's.id', 'c.cleared_by')
    .select([
      'b.birth_date',
      'b.vulnerable_elderly',
      'c.reason',
      'c.cleared_by',
      'c.cleared_at',
      's.name as cleared_by_name',
    ])
    .where('b.id', '=', borrowerId);

type ElderlyRow = InferResult<ReturnType<typeof elderlyRowQuery>>[number];

/** Where the borrower stands today: elderly by the ID, by hand, cleared. */
export async function elderlyStatus(app: Visitdesk, borrowerId: number): Promise<ElderlyStatus> {
  const db = app.engine.db;
  return loadElderlyStatusOn(db, borrowerId, await loadBranchToday(db, app.now()));
}

/** Where the borrower stands on `today` (a list's or a case page's as-of date), on the engine. */
export async function loadElderlyStatusOn(
  db: Kysely<DB>,
  borrowerId: number,
  today: string,
): Promise<ElderlyStatus> {
  const row = await elderlyRowQuery(db, borrowerId).executeTakeFirst();
  return statusOf(borrowerId, row, (await loadRules(db)).elderlyAge, today);
}

function statusOf(
  borrowerId: number,
  row: ElderlyRow | undefined,
  threshold: number,
  today: string,
): ElderlyStatus {
  if (!row) throw new AppFailure('NOT_FOUND', `no borrower ${borrowerId}`);
  const byBirthDate = elderlyOn(row.birth_date, today, threshold);
  const cleared =
    row.reason !== null && row.cleared_by !== null && row.cleared_at !== null
      ? {
          reason: row.reason,
          by: row.cleared_by,
          byName: row.cleared_by_name ?? '',
          at: row.cleared_at,
        }
      : null;
  const byHand = readFlag(row.vulnerable_elderly);
  return {
    borrowerId,
    birthDate: row.birth_date,
    age: ageOn(row.birth_date, today),
    threshold,
    byBirthDate,
    byHand,
    cleared,
    flagged: byHand || (byBirthDate && cleared === null),
  };
}

/** Where the borrower stands on the branch's today, read in the write `tx`. */
async function statusIn(app: Visitdesk, tx: Kysely<DB>, borrowerId: number) {
  return loadElderlyStatusOn(tx, borrowerId, await loadBranchToday(tx, app.now()));
}

/**
 * A manager clears the flag with a reason. The clearance is changed by UPDATE, else INSERTed:
 * PostgreSQL's key is the branch's and the borrower (no ON CONFLICT target both engines share),
 * and inside the write nothing comes between the two.
 */
export function clearElderly(
  app: Visitdesk,
  input: z.output<typeof clearElderlyInput>,
): Promise<ElderlyStatus> {
  return app.write(async (tx) => {
    const before = await statusIn(app, tx, input.borrowerId);
    if (!before.flagged) {
      throw new AppFailure('CONFLICT', `borrower ${input.borrowerId} is not flagged elderly`, {
        fields: { _: 'e.elderly.notFlagged' },
      });
    }
    const at = app.now().toISOString();
    const me = app.session?.staffId;
    if (!me) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
    const clearance = { reason: input.reason, cleared_by: me, cleared_at: at };
    const updated = await tx
      .updateTable('elderly_clearances')
      .set(clearance)
      .where('borrower_id', '=', input.borrowerId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await tx
        .insertInto('elderly_clearances')
        .values({ borrower_id: input.borrowerId, ...clearance })
        .execute();
    }
    if (before.byHand) {
      await tx
        .updateTable('borrowers')
        .set({ vulnerable_elderly: writeFlag(false), updated_at: at })
        .where('id', '=', input.borrowerId)
        .execute();
    }
    const after = await statusIn(app, tx, input.borrowerId);
    await app.record(tx, {
      action: 'borrower.elderlyClear',
      entity: 'borrower',
      entityId: input.borrowerId,
      subject: input.borrowerId,
      before,
      after,
    });
    return after;
  });
}

export function restoreElderly(
  app: Visitdesk,
  input: z.output<typeof restoreElderlyInput>,
): Promise<ElderlyStatus> {
  return app.write(async (tx) => {
    const before = await statusIn(app, tx, input.borrowerId);
    const removed = await tx
      .deleteFrom('elderly_clearances')
      .where('borrower_id', '=', input.borrowerId)
      .executeTakeFirst();
    if (Number(removed.numDeletedRows) === 0) {
      throw new AppFailure('CONFLICT', `borrower ${input.borrowerId} has no elderly clearance`);
    }
    const after = await statusIn(app, tx, input.borrowerId);
    await app.record(tx, {
      action: 'borrower.elderlyRestore',
      entity: 'borrower',
      entityId: input.borrowerId,
      subject: input.borrowerId,
      before,
      after,
    });
    return after;
  });
}
