import type { MonthFigures, SummaryOutput } from '../../shared/schemas/reports';
import type { Sqlite } from '../db/sqlite';
import { closeHistory, standingClose } from './close';
import { computeMonthFigures, figureDefinitions, hasData } from './figures';
import { addMonths } from './month';

/** A month's figures as every reader must see them: frozen when closed, live otherwise. */
export function figuresOf(db: Sqlite, month: string): { figures: MonthFigures; frozen: boolean } {
  const closed = standingClose(db, month);
  if (closed) return { figures: closed.figures, frozen: true };
  return { figures: computeMonthFigures(db, month), frozen: false };
}

function comparison(db: Sqlite, month: string) {
  const { figures, frozen } = figuresOf(db, month);
  return hasData(figures) ? { month, figures: figures.branch, closed: frozen } : null;
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
    definitions: figureDefinitions,
  };
}
