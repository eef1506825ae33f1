import type { ImportProblem } from '../../shared/schemas/imports';
import type { OfficerConflict, UpsertResult } from '../cases/upsert';
import type { PreparedRow } from './prepare';
import { ProblemList } from './problem-list';

/** The report lists this many officer differences; the total counts them all. */
const LISTED_CONFLICTS = 200;

export type ListedConflict = OfficerConflict & { line: number; borrowerId: number; name: string };

/**
 * What an import's rows came to, told row by row in file order by either engine's writer
 * (write-sqlite.ts, write-postgres.ts): the counts, the money found, the borrowers whose
 * payments may keep promises, the officer differences and the warnings found while writing.
 */
export class WriteTally {
  readonly counts = {
    inserted: 0,
    updated: 0,
    unchanged: 0,
    borrowersInserted: 0,
    borrowersUpdated: 0,
    paymentsFen: 0,
    visitCashConfirmedFen: 0,
  };
  /** Loans the file found new money on, and loans whose visit cash it confirmed. */
  readonly moneyLoans = { payments: 0, visitCash: 0 };
  readonly paidBorrowers: number[] = [];
  readonly conflicts: ListedConflict[] = [];
  conflictsTotal = 0;
  // A last repayment date the interval between the files rules out (left unused), a fall in
  // principal against a file of the same date (not a repayment).
  private readonly warnings = new ProblemList();

  /** `paidOnColumn` and `outstandingColumn`: the file's headers the warnings name. */
  constructor(
    private readonly paidOnColumn: string,
    private readonly outstandingColumn: string,
  ) {}

  row(row: PreparedRow, result: UpsertResult): void {
    if (result.officerConflict) {
      this.conflictsTotal++;
      if (this.conflicts.length < LISTED_CONFLICTS) {
        this.conflicts.push({
          ...result.officerConflict,
          line: row.line,
          borrowerId: result.borrowerId,
          name: row.name,
        });
      }
    }
    const counts = this.counts;
    counts[result.loan]++;
    if (result.borrower === 'inserted') counts.borrowersInserted++;
    else if (result.borrower === 'updated') counts.borrowersUpdated++;
    counts.paymentsFen += result.paymentFen;
    counts.visitCashConfirmedFen += result.confirmedFen;
    if (result.confirmedFen > 0) this.moneyLoans.visitCash++;
    if (result.paymentFen > 0) {
      this.moneyLoans.payments++;
      this.paidBorrowers.push(result.borrowerId);
    }
    if (result.paidOnUnused) {
      this.warnings.push({
        line: row.line,
        column: this.paidOnColumn,
        reason:
          result.paidOnUnused === 'afterAsOf'
            ? 'v.import.paidOnAfterAsOf'
            : 'v.import.paidOnBeforePrevious',
      });
    }
    if (result.sameDateFallFen > 0) {
      this.warnings.push({
        line: row.line,
        column: this.outstandingColumn,
        reason: 'v.import.sameDateFall',
      });
    }
  }

  writeWarnings(): ImportProblem[] {
    return this.warnings.toArray();
  }
}
