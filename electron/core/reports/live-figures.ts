import { sql, type Kysely } from 'kysely';
import type { DrilldownOutput, FigureBlock, MonthFigures } from '../../shared/schemas/reports';
import type { Visitdesk } from '../app/visitdesk';
import { holdingConnection } from '../db/engine';
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
import { branchCuresPostgres, loanMovesAndTiersPostgres } from './loans-postgres';
import { readTogether } from '../db/postgres/snapshot';
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
export type FiguresSource =
  /** `read` runs the figures' synchronous reads on the app's connection. */
  | { kind: 'sqlite'; read: <T>(work: (db: Sqlite) => T) => Promise<T> }
  /** `pool`: `db` is the engine's pool, whose queries each see their own instant. */
  | { kind: 'postgres'; db: Kysely<DB>; pool?: boolean };

/**
 * Where the app's figures are read: on SQLite the connection the engine runs on, inside a write
 * the write's own transaction, else held while they are read (db/engine.ts holdingConnection);
 * on PostgreSQL `tx` when given, else the engine's pool.
 */
export function figuresSource(
  app: Pick<Visitdesk, 'db' | 'engine'>,
  tx?: Kysely<DB>,
): FiguresSource {
  if (app.engine.kind === 'sqlite') {
    return {
      kind: 'sqlite',
      read: tx
        ? async (work) => work(app.db)
        : (work) => holdingConnection(app.engine, () => work(app.db)),
    };
  }
  return tx ? { kind: 'postgres', db: tx } : { kind: 'postgres', db: app.engine.db, pool: true };
}

/**
 * Connections a month's figures are read on side by side (the pool holds 10). Two: the branch
 * server's PostgreSQL is a small box's, and on two cores four readers were slower (the summary
 * at full scale, alternating runs: 1,136 and 935 ms median with four, 903 and 971 with two; four
 * earlier runs with four 1,010–1,028, two with two 888 and 848). The loan walk, the longest
 * query, runs on one while the month's tallies run on the other.
 */
const FIGURE_READERS = 2;

/**
 * Runs `read` on PostgreSQL so that all its queries see one instant: on the pool, on a group of
 * connections sharing one snapshot (db/postgres/snapshot.ts), so that an import or a payment
 * committed meanwhile is in every figure or in none; inside a transaction, on it.
 */
function atOneInstant<T>(
  source: { db: Kysely<DB>; pool?: boolean },
  readers: number,
  read: (db: Kysely<DB>) => Promise<T>,
): Promise<T> {
  return source.pool ? readTogether(source.db, readers, read) : read(source.db);
}

export async function liveMonthFigures(
  source: FiguresSource,
  month: string,
): Promise<MonthFigures> {
  if (source.kind === 'sqlite') return source.read((db) => computeMonthFigures(db, month));
  return atOneInstant(source, FIGURE_READERS, (db) => monthFiguresPostgres(db, month));
}

async function monthFiguresPostgres(db: Kysely<DB>, month: string): Promise<MonthFigures> {
  const range = monthRangeIn(month, await loadBranchTimeZone(db));
  const extra = await loadExtraBoundaries(db);
  // Independent reads, sent at once (see monthTallyPostgres).
  const [tally, { moves, tiers }, days, outcomes] = await Promise.all([
    monthTallyPostgres(db, range),
    loanMovesAndTiersPostgres(db, range, extra),
    visitDaysPostgres(db, range),
    outcomeCountsPostgres(db, range),
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
  if (source.kind === 'sqlite') return source.read((db) => computeBranchFigures(db, month));
  return atOneInstant(source, FIGURE_READERS, async (db) => {
    const range = monthRangeIn(month, await loadBranchTimeZone(db));
    // The branch's rows alone: a comparison shows no officer's figures.
    const [tally, cures] = await Promise.all([
      monthTallyPostgres(db, range, false),
      branchCuresPostgres(db, range),
    ]);
    return assembleBranchFigures(tally, cures);
  });
}

/** The rows behind a figure (drilldown.ts), per engine. */
export async function liveDrilldown(
  source: FiguresSource,
  input: { month: string; figure: string; officerId?: number | undefined },
): Promise<DrilldownOutput> {
  return source.kind === 'sqlite'
    ? source.read((db) => drilldown(db, input))
    : await atOneInstant(source, 1, (db) => drilldownPostgres(db, input));
}

/** Every visit of the month, the export's visit list (drilldown.ts monthVisitRows), per engine. */
export async function liveMonthVisitRows(
  source: FiguresSource,
  range: MonthRange,
): Promise<Record<string, string | number | null>[]> {
  return source.kind === 'sqlite'
    ? source.read((db) => monthVisitRows(db, range))
    : await atOneInstant(source, 1, (db) => monthVisitRowsPostgres(db, range));
}
