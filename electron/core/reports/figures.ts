import {
  CURRENT_DEFINITIONS,
  type FigureBlock,
  type MonthFigures,
  type Ratio,
  type TierRows,
} from '../../shared/schemas/reports';
import type { ExtraBoundaries } from '../../shared/report-buckets';
import { all, qb } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { branchTimeZone } from '../settings/branch-clock';
import { cashTallies } from './cash-figures';
import { complaintTallies } from './complaint-figures';
import { readExtraBoundaries } from './bucket-setting';
import {
  branchCures,
  loanMoves,
  cureTallies,
  rollRateMatrix,
  type BranchCures,
  type Move,
} from './loan-figures';
import { moneyTallies } from './money-figures';
import { monthRangeIn, type MonthRange } from './month';
import { recordViolationTallies } from './record-violation-figures';
import { tierBalances } from './tier-figures';
import { addRows, type Tally } from './tally';
import { outcomeCounts, visitsByWeek, visitTallies } from './visit-figures';
import { waiverTallies } from './waiver-figures';

/** Every figure's label and definition, in display order (tooltips, exports, drill-downs). */
export { figureDefinitions } from './definitions';

export const ratioOf = (num: number, den: number): Ratio => ({ num, den });

/** Rates are built here from the counts, so a rate and its parts can never disagree. */
export function blockFrom(counts: Record<string, number> | undefined): FigureBlock {
  const c = (key: string) => counts?.[key] ?? 0;
  const targetFen = counts?.hasTarget ? c('targetFen') : null;
  return {
    visitsPlanned: c('visitsPlanned'),
    visitsDue: c('visitsDue'),
    visitsDone: c('visitsDone'),
    visitsNotDone: c('visitsNotDone'),
    visitsCancelled: c('visitsCancelled'),
    visitsOpen: c('visitsOpen'),
    visitsOverridden: c('visitsOverridden'),
    visitsCarriedOut: c('visitsCarriedOut'),
    contacts: c('contacts'),
    rightPartyContacts: c('rightPartyContacts'),
    promisesMade: c('promisesMade'),
    ptpContacts: c('ptpContacts'),
    relativePromises: c('relativePromises'),
    relativePromisedFen: c('relativePromisedFen'),
    promisesDue: c('promisesDue'),
    promisesKept: c('promisesKept'),
    promisedFen: c('promisedFen'),
    collectedFen: c('collectedFen'),
    targetFen,
    loansOverdueAtStart: c('loansOverdueAtStart'),
    loansCured: c('loansCured'),
    loansPaidOff: c('loansPaidOff'),
    ruleOverrides: c('ruleOverrides'),
    plansApproved: c('plansApproved'),
    overridesSelfApproved: c('overridesSelfApproved'),
    plansSelfApproved: c('plansSelfApproved'),
    recordsWithViolations: c('recordsWithViolations'),
    complaintsReceived: c('complaintsReceived'),
    complaintsOpen: c('complaintsOpen'),
    complaintsClosed: c('complaintsClosed'),
    cashCollectedFen: c('cashCollectedFen'),
    cashHandedInLate: c('cashHandedInLate'),
    cashOpenDifferences: c('cashOpenDifferences'),
    waiversApproved: c('waiversApproved'),
    waivedFen: c('waivedFen'),
    penaltyWaivers: c('penaltyWaivers'),
    penaltyWaivedFen: c('penaltyWaivedFen'),
    interestWaivers: c('interestWaivers'),
    interestWaivedFen: c('interestWaivedFen'),
    settlementsApproved: c('settlementsApproved'),
    settlementWaivedFen: c('settlementWaivedFen'),
    completionRate: ratioOf(c('visitsCarriedOut'), c('visitsDue')),
    contactRate: ratioOf(c('contacts'), c('visitsCarriedOut')),
    rightPartyRate: ratioOf(c('rightPartyContacts'), c('visitsCarriedOut')),
    ptpRate: ratioOf(c('ptpContacts'), c('rightPartyContacts')),
    ptpKeptRate: ratioOf(c('promisesKept'), c('promisesDue')),
    collectedVsTarget: ratioOf(c('collectedFen'), targetFen ?? 0),
    cureRate: ratioOf(c('loansCured'), c('loansOverdueAtStart')),
  };
}

function visitAndMoneyTally(db: Sqlite, range: MonthRange): Tally {
  const tally: Tally = new Map();
  visitTallies(db, tally, range);
  moneyTallies(db, tally, range);
  complaintTallies(db, tally, range);
  recordViolationTallies(db, tally, range);
  cashTallies(db, tally, range);
  waiverTallies(db, tally, range);
  return tally;
}

/**
 * Officers with a figure, and those whose borrowers have loans on file (their roll rates),
 * though every loan of theirs was current on the 1st.
 */
export function officerIdsOf(tally: Tally, moves: readonly Move[]): number[] {
  return [
    ...new Set([
      ...[...tally.keys()].filter((id): id is number => id !== null),
      ...moves.flatMap((m) => (m.officer_id === null ? [] : [m.officer_id])),
    ]),
  ];
}

/** What one engine read for a month, put together the same way for both. */
export interface MonthReads {
  month: string;
  range: MonthRange;
  /** The tallies without the cures (added here from the moves). */
  tally: Tally;
  extra: ExtraBoundaries;
  moves: Move[];
  /** The officers of `officerIdsOf`, in staff number order. */
  people: { id: number; staff_no: string; name: string }[];
  weeks: MonthFigures['weeks'];
  outcomes: MonthFigures['outcomes'];
  tiers: TierRows;
}

export function assembleMonthFigures(reads: MonthReads): MonthFigures {
  const { tally, moves, extra, range } = reads;
  cureTallies(tally, moves);
  return {
    month: reads.month,
    definitionsVersion: CURRENT_DEFINITIONS,
    from: range.from,
    to: range.to,
    branch: blockFrom(tally.get(null)),
    officers: reads.people.map((p) => ({
      staffId: p.id,
      staffNo: p.staff_no,
      name: p.name,
      figures: blockFrom(tally.get(p.id)),
      rollRate: rollRateMatrix(
        moves.filter((m) => m.officer_id === p.id),
        extra,
      ),
    })),
    rollRate: rollRateMatrix(moves, extra),
    weeks: reads.weeks,
    outcomes: reads.outcomes,
    tiers: reads.tiers,
  };
}

/**
 * The month's live figures on SQLite's connection, in grouped SQL (a handful of indexed range
 * queries); PostgreSQL's are figures-postgres.ts, and live-figures.ts picks one per engine.
 */
export function computeMonthFigures(db: Sqlite, month: string): MonthFigures {
  const range = monthRangeIn(month, branchTimeZone(db));
  const tally = visitAndMoneyTally(db, range);
  // The branch's extra bucket boundaries split M4+ in the matrices (cures are not affected).
  const extra = readExtraBoundaries(db);
  const moves = loanMoves(db, range, extra);
  const officerIds = officerIdsOf(tally, moves);
  const people = officerIds.length
    ? all(
        db,
        qb
          .selectFrom('staff')
          .select(['id', 'staff_no', 'name'])
          .where('id', 'in', officerIds)
          .orderBy('staff_no'),
      )
    : [];
  return assembleMonthFigures({
    month,
    range,
    tally,
    extra,
    moves,
    people,
    weeks: visitsByWeek(db, range),
    outcomes: outcomeCounts(db, range),
    tiers: tierBalances(db, range),
  });
}

/** True when the month has anything to compare with (visits or loans on file at its start). */
export function hasData(figures: MonthFigures): boolean {
  return figures.branch.visitsPlanned > 0 || figures.rollRate.startLoans.some((n) => n > 0);
}

/**
 * A comparison month's branch figures and whether it has data, the same numbers
 * `computeMonthFigures` gives for the branch and `hasData`, without what only the month on
 * screen shows (officers' cures, the roll-rate matrix, weeks, outcomes): those cost a borrower
 * lookup and a sort per loan, the bulk of a summary at a large branch.
 */
export function computeBranchFigures(
  db: Sqlite,
  month: string,
): { branch: FigureBlock; hasData: boolean } {
  const range = monthRangeIn(month, branchTimeZone(db));
  return assembleBranchFigures(visitAndMoneyTally(db, range), branchCures(db, range));
}

export function assembleBranchFigures(
  tally: Tally,
  cures: BranchCures,
): { branch: FigureBlock; hasData: boolean } {
  addRows(tally, [
    {
      staff_id: null,
      loansOverdueAtStart: cures.loansOverdueAtStart,
      loansCured: cures.loansCured,
      loansPaidOff: cures.loansPaidOff,
    },
  ]);
  const branch = blockFrom(tally.get(null));
  return { branch, hasData: branch.visitsPlanned > 0 || cures.loansOnFile > 0 };
}
