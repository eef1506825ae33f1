import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loanStateOn } from '../../../electron/core/reports/loans-postgres';
import { openTestEngine, type EngineUnderTest } from '../support/engines';

/**
 * The loan walk's fast path on PostgreSQL (loans-postgres.ts `loanStateOn`): the snapshots of
 * the branch's latest snapshot day read as one range, a seek only for the loans without a row
 * that day. Held to the plain definition, one backward seek per loan, over random histories:
 * whole files (every loan that day), partial ones, loans with a single snapshot or none, and
 * dates before every snapshot, on a snapshot day, between and after them. Every state column
 * is random, NULLs included, so a column taken from the wrong side shows.
 */

const DAYS = ['2026-01-31', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-15', '2026-03-31'];
const ASKED = ['2026-01-30', ...DAYS, '2026-02-01', '2026-03-30', '2026-04-01', '2026-12-31'];

const state = fc.record({
  fen: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 9_000_000 })),
  overdue: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 500_000 })),
  interest: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50_000 })),
  penalty: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5_000 })),
  since: fc.option(fc.constantFrom('2025-10-01', '2026-01-02', '2026-02-15', '2026-03-20')),
  classification: fc.option(fc.integer({ min: 1, max: 5 })),
});

/** Per loan: the whole-file days it is in (or not), and days of its own. */
const branch = fc.record({
  files: fc.subarray(DAYS),
  loans: fc.array(
    fc.record({
      leftOut: fc.subarray(DAYS),
      own: fc.subarray(DAYS),
      states: fc.array(state, { minLength: DAYS.length, maxLength: DAYS.length }),
    }),
    { maxLength: 12 },
  ),
  asked: fc.subarray(ASKED, { minLength: 1 }),
});

const COLUMNS = `outstanding_principal_fen, overdue_principal_fen, overdue_interest_fen,
  penalty_fen, overdue_since, classification`;

describe('each loan’s latest snapshot on or before a date, on PostgreSQL', () => {
  let target: EngineUnderTest;
  let borrower: number;

  beforeAll(async () => {
    target = await openTestEngine('postgres');
    const { rows } = await sql<{ id: number }>`
      INSERT INTO borrowers (name, id_number, birth_date, sex, created_at, updated_at)
      VALUES ('张三', '330100198001010011', '1980-01-01', 'M', now(), now())
      RETURNING id`.execute(target.engine.db);
    borrower = rows[0]!.id;
  }, 60_000);
  afterAll(() => target?.close());

  it('is the plain backward seek for every loan, on random histories and dates', async () => {
    const db = target.engine.db;
    let sought = 0;
    let onTheDay = 0;
    await fc.assert(
      fc.asyncProperty(branch, async ({ files, loans, asked }) => {
        await sql`DELETE FROM loan_snapshots`.execute(db);
        await sql`DELETE FROM loans`.execute(db);
        for (const [i, loan] of loans.entries()) {
          const { rows } = await sql<{ id: number }>`
            INSERT INTO loans (loan_no, borrower_id, principal_fen, disbursed_on, created_at,
              updated_at)
            VALUES (${`L${i}`}, ${borrower}, 1000000, '2025-01-01', now(), now())
            RETURNING id`.execute(db);
          const days = DAYS.filter(
            (day) => (files.includes(day) && !loan.leftOut.includes(day)) || loan.own.includes(day),
          );
          for (const day of days) {
            const s = loan.states[DAYS.indexOf(day)]!;
            await sql`
              INSERT INTO loan_snapshots (loan_id, as_of, outstanding_principal_fen,
                overdue_principal_fen, overdue_interest_fen, penalty_fen, overdue_since, dpd,
                bucket, created_at, classification)
              VALUES (${rows[0]!.id}, ${day}, ${s.fen}, ${s.overdue}, ${s.interest}, ${s.penalty},
                ${s.since}, 0, 'M0', now(), ${s.classification})`.execute(db);
          }
        }
        for (const date of asked) {
          const { rows: fast } = await sql`
            SELECT l.id, x.* FROM loans l ${loanStateOn('x', date)} ORDER BY l.id`.execute(db);
          const { rows: plain } = await sql`
            SELECT l.id, p.* FROM loans l
            LEFT JOIN LATERAL (
              SELECT ${sql.raw(COLUMNS)} FROM loan_snapshots s
              WHERE s.loan_id = l.id AND s.as_of <= ${date}
              ORDER BY s.as_of DESC LIMIT 1) p ON true
            ORDER BY l.id`.execute(db);
          expect(fast).toEqual(plain);
          const { rows: split } = await sql<{ day: number; seek: number }>`
            SELECT count(*) FILTER (WHERE x_day.loan_id IS NOT NULL) AS day,
              count(*) FILTER (WHERE x_day.loan_id IS NULL
                AND x.outstanding_principal_fen IS NOT NULL) AS seek
            FROM loans l ${loanStateOn('x', date)}`.execute(db);
          onTheDay += Number(split[0]!.day);
          sought += Number(split[0]!.seek);
        }
      }),
      { numRuns: 60 },
    );
    // Both ways of finding a state were taken, many times over.
    expect(onTheDay).toBeGreaterThan(50);
    expect(sought).toBeGreaterThan(50);
  }, 240_000);
});
