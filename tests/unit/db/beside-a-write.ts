import type { Kysely } from 'kysely';
import type { Visitdesk } from '../../../electron/core/app/visitdesk';
import type { DB } from '../../../electron/core/db/schema';

/**
 * What the tests of calls beside an open SQLite write share (reads-beside-a-write.test.ts,
 * checks-beside-a-write.test.ts): the offsets, in microtask turns, at which the call starts
 * before or after the write; a way to wait that many turns without leaving the turn (the
 * write guard's rule); and the borrower each write adds.
 */
export const OFFSETS = [0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 400];

export const AT = '2026-03-02T01:00:00.000Z';

export const microtasks = async (n: number) => {
  for (let i = 0; i < n; i++) await Promise.resolve();
};

/** Borrower `借款人n` in 城关镇 东村 with the given resident ID (and mobile, when given). */
export async function insertBorrower(
  tx: Kysely<DB>,
  n: number,
  idNumber: string,
  mobile: string | null = null,
): Promise<number> {
  const { id } = await tx
    .insertInto('borrowers')
    .values({
      name: `借款人${n}`,
      id_number: idNumber,
      birth_date: '1980-01-01',
      sex: 'M',
      mobile,
      township: '城关镇',
      village: '东村',
      created_at: AT,
      updated_at: AT,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * One write: `work`, then open for 300 more turns without leaving the turn (the write guard's
 * rule), then committed or rolled back. Resolves to 'committed' or the rollback's message.
 */
export function heldWrite(
  app: Visitdesk,
  outcome: 'commit' | 'rollback',
  work: (tx: Kysely<DB>) => Promise<void>,
): Promise<string> {
  return app
    .write(async (tx) => {
      await work(tx);
      await microtasks(300);
      if (outcome === 'rollback') throw new Error('rolled back on purpose');
    })
    .then(
      () => 'committed',
      (error: Error) => error.message,
    );
}
