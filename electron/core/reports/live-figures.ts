import { sql, type Kysely } from 'kysely';
import type { DrilldownOutput, FigureBlock, MonthFigures } from '../../shared/schemas/reports';
import type { Visitdesk } from '../app/visitdesk';
import type { DB } from '../db/schema';
import type { Sqlite } from '../db/sqlite';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { loadExtraBoundaries } from './bucket-setting';
import { drilldown, monthVisitRows } from './drilldown';
import { drilldownPostgres, monthVisitRowsPostgres } from './drilldown-postgres';
import {
  assembleBranchFigures,
  assembleMonthFigures,
  computeBranchFigures,
  computeMonthFigures,
  officerIdsOf,
} from './figures';
import { branchCuresPostgres, loanMovesPostgres, tierBalancesPostgres } from './loans-postgres';
import { monthRangeIn, type MonthRange } from './month';
import { monthTallyPostgres, outcomeCountsPostgres, visitDaysPostgres } from './tallies-postgres';
import { weeksOf } from './visit-figures';

/**
 * The month's live figures, the bulk read the benchmark times, behind one function per engine
 * (issue 19): on SQLite its own tuned SQL on the app's connection (figures.ts: INDEXED BY and
 * MATERIALIZED, which the builder cannot say; unchanged), on PostgreSQL its own SQL through
 * Kysely's `sql` template (tallies-postgres.ts, loans-postgres.ts). Both answer alike
 * (tests/unit/reports/figures-engines.test.ts).
 */
export type FiguresSource = { kind: 'sqlite'; db: Sqlite } | { kind: 'postgres'; db: Kysely<DB> };

/**
 * Where the app's figures are read: on SQLite the connection the engine runs on (inside a
 * write, the write's own transaction), on PostgreSQL `tx` when given, else the engine's pool.
 */
export function figuresSource(
  app: Pick<Visitdesk, 'db' | 'engine'>,
  tx?: Kysely<DB>,
): FiguresSource {
  return app.engine.kind === 'sqlite'
    ? { kind: 'sqlite', db: app.db }
    : { kind: 'postgres', db: tx ?? app.engine.db };
}

export async function liveMonthFigures(
  source: FiguresSource,
  month: string,
): Promise<MonthFigures> {
  if (source.kind === 'sqlite') return computeMonthFigures(source.db, month);
  const db = source.db;
  const range = monthRangeIn(month, await loadBranchTimeZone(db));
  const extra = await loadExtraBoundaries(db);
  // Independent reads, sent at once (see monthTallyPostgres).
  const [tally, moves, days, outcomes, tiers] = await Promise.all([
    monthTallyPostgres(db, range),
    loanMovesPostgres(db, range, extra),
    visitDaysPostgres(db, range),
    outcomeCountsPostgres(db, range),
    tierBalancesPostgres(db, range),
  ]);
  const officerIds = officerIdsOf(tally, moves);
  const people = officerIds.length
    ? await db
        .selectFrom('staff')
        .select(['id', 'staff_no', 'name'])
        .where('id', 'in', officerIds)
        .orderBy(sql`staff_no COLLATE "C"`)
        .execute()
    : [];
  return assembleMonthFigures({
    month,
    range,
    tally,
    extra,
    moves,
    people,
    weeks: weeksOf(range, days),
    outcomes,
    tiers,
  });
}

/** A comparison month's branch figures (figures.ts computeBranchFigures), per engine. */
export async function liveBranchFigures(
  source: FiguresSource,
  month: string,
): Promise<{ branch: FigureBlock; hasData: boolean }> {
  if (source.kind === 'sqlite') return computeBranchFigures(source.db, month);
  const db = source.db;
  const range = monthRangeIn(month, await loadBranchTimeZone(db));
  const [tally, cures] = await Promise.all([
    monthTallyPostgres(db, range),
    branchCuresPostgres(db, range),
  ]);
  return assembleBranchFigures(tally, cures);
}

/** The rows behind a figure (drilldown.ts), per engine. */
export async function liveDrilldown(
  source: FiguresSource,
  input: { month: string; figure: string; officerId?: number | undefined },
): Promise<DrilldownOutput> {
  return source.kind === 'sqlite'
    ? drilldown(source.db, input)
    : await drilldownPostgres(source.db, input);
}

/** Every visit of the month, the export's visit list (drilldown.ts monthVisitRows), per engine. */
export async function liveMonthVisitRows(
  source: FiguresSource,
  range: MonthRange,
): Promise<Record<string, string | number | null>[]> {
  return source.kind === 'sqlite'
    ? monthVisitRows(source.db, range)
    : await monthVisitRowsPostgres(source.db, range);
}
