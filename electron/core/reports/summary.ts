import { CURRENT_DEFINITIONS, type SummaryOutput } from '../../shared/schemas/reports';
import type { Visitdesk } from '../app/visitdesk';
import { latestCheckpoint } from '../audit/checkpoint';
import { closeHistory, standingClose } from './close';
import { figureDefinitions, hasData } from './figures';
import { figuresSource, liveBranchFigures, liveMonthFigures } from './live-figures';
import { addMonths } from './month';

/*
 * The closes and the checkpoint are read on the engine; live figures on the engine's own
 * connection to its database (live-figures.ts: SQLite's is the app's connection).
 */
type ReportsApp = Pick<Visitdesk, 'db' | 'engine'>;

/** A month to compare with: its frozen branch figures when closed, else its live ones. */
async function comparison(app: ReportsApp, month: string) {
  const closed = await standingClose(app.engine.db, month);
  if (closed) {
    if (!hasData(closed.figures)) return null;
    const { branch, definitionsVersion } = closed.figures;
    return { month, figures: branch, closed: true, definitionsVersion };
  }
  const live = await liveBranchFigures(figuresSource(app), month);
  return live.hasData
    ? { month, figures: live.branch, closed: false, definitionsVersion: CURRENT_DEFINITIONS }
    : null;
}

export async function monthSummary(app: ReportsApp, month: string): Promise<SummaryOutput> {
  const db = app.engine.db;
  const closed = await standingClose(db, month);
  const figures = closed?.figures ?? (await liveMonthFigures(figuresSource(app), month));
  return {
    figures,
    frozen: closed !== null,
    close: closed?.close ?? null,
    history: await closeHistory(db, month),
    previous: await comparison(app, addMonths(month, -1)),
    lastYear: await comparison(app, addMonths(month, -12)),
    definitions: [...figureDefinitions],
    checkpoint: await latestCheckpoint(db),
  };
}
