import { loanTiers } from '../../shared/classification';
import type { TierRows } from '../../shared/schemas/reports';
import { statement } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { latest } from './loan-figures';
import type { MonthRange } from './month';

/*
 * Balances by five-tier classification at the month's end (schemas/reports.ts `tierRows`):
 * like the roll rates, one primary-key seek per loan for its latest snapshot on or before the
 * last day, the balance and the tier packed in one value (balance × 8 + tier, 0 for none).
 */
const TIERS = `
  WITH ends AS MATERIALIZED (
    SELECT ${latest('x.outstanding_principal_fen * 8 + coalesce(x.classification, 0)', ':to')}
      AS state
    FROM loans l NOT INDEXED
  )
  SELECT state % 8 AS tier, count(*) AS loans, sum(state / 8) AS balance
  FROM ends WHERE state >= 8 GROUP BY tier`;

export function tierBalances(db: Sqlite, range: MonthRange): TierRows {
  return tierRows(
    statement(db, TIERS).all({ to: range.to }) as {
      tier: number;
      loans: number;
      balance: number;
    }[],
  );
}

/**
 * The six rows, the five tiers then none, from the tiers found (a tier not found is zero); on
 * PostgreSQL from its walk of the roll rates (loans-postgres.ts).
 */
export function tierRows(
  found: readonly { tier: number; loans: number; balance: number }[],
): TierRows {
  const byTier = new Map(found.map((row) => [Number(row.tier), row]));
  const rowFor = (n: number) => ({
    loans: byTier.get(n)?.loans ?? 0,
    balanceFen: byTier.get(n)?.balance ?? 0,
  });
  return [
    ...loanTiers.map((tier, i) => ({ tier, ...rowFor(i + 1) })),
    { tier: 'none' as const, ...rowFor(0) },
  ];
}
