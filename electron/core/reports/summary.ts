import { CURRENT_DEFINITIONS, type SummaryOutput } from '../../shared/schemas/reports';
import { latestCheckpoint } from '../audit/checkpoint';
import type { Sqlite } from '../db/sqlite';
import { closeHistory, standingClose } from './close';
import { computeBranchFigures, computeMonthFigures, figureDefinitions, hasData } from './figures';
import { addMonths } from './month';

/** A month to compare with: its frozen branch figures when closed, else its live ones. */
function comparison(db: Sqlite, month: string) {
  const closed = standingClose(db, month);
  if (closed) {
    if (!hasData(closed.figures)) return null;
    const { branch, definitionsVersion } = closed.figures;
    return { month, figures: branch, closed: true, definitionsVersion };
  }
  const live = computeBranchFigures(db, month);
  return live.hasData
    ? { month, figures: live.branch, closed: false, definitionsVersion: CURRENT_DEFINITIONS }
    : null;
}

export function monthSummary(db: Sqlite, month: string): SummaryOutput {
  const closed = standingClose(db, month);
  const figures = closed?.figures ?? computeMonthFigures(db, month);
  return {
    figures,
    frozen: closed !== null,
    close: closed?.close ?? null,
    history: closeHistory(db, month),
    previous: comparison(db, addMonths(month, -1)),
    lastYear: comparison(db, addMonths(month, -12)),
    definitions: [...figureDefinitions],
    checkpoint: latestCheckpoint(db),
  };
}
