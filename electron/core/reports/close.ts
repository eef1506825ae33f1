import crypto from 'node:crypto';
import { AppFailure } from '../../shared/result';
import { monthFigures, type MonthClose, type MonthFigures } from '../../shared/schemas/reports';
import { checkpointIfSigned } from '../audit/checkpoint';
import type { Visitdesk } from '../app/visitdesk';
import { auditHead } from '../audit/audit';
import { all, first, qb, run } from '../db/query';
import type { Sqlite } from '../db/sqlite';
import { branchToday } from '../settings/branch-clock';
import { computeMonthFigures } from './figures';

/**
 * Closing a month freezes its figures: the JSON exactly as stored is what every later export
 * shows, its SHA-256 proves it unchanged, and the audit chain's head at that moment is the
 * anchor head office keeps. Reopening needs a reason; both are audited.
 */

export const figuresJson = (figures: MonthFigures): string => JSON.stringify(figures);
export const sha256 = (text: string): string =>
  crypto.createHash('sha256').update(text, 'utf8').digest('hex');

interface CloseRow {
  id: number;
  month: string;
  figures_json: string;
  figures_sha256: string;
  audit_head: string;
  closed_by: number;
  closed_at: string;
  reopened_by: number | null;
  reopened_at: string | null;
  reopen_reason: string | null;
}

function staffRef(db: Sqlite, id: number) {
  const row = first(
    db,
    qb.selectFrom('staff').select(['id', 'name', 'staff_no']).where('id', '=', id),
  );
  return { id, name: row?.name ?? '', staffNo: row?.staff_no ?? '' };
}

function toClose(db: Sqlite, row: CloseRow): MonthClose {
  return {
    id: row.id,
    month: row.month,
    figuresSha256: row.figures_sha256,
    auditHead: row.audit_head,
    closedBy: staffRef(db, row.closed_by),
    closedAt: row.closed_at,
    reopenedBy: row.reopened_by === null ? null : staffRef(db, row.reopened_by),
    reopenedAt: row.reopened_at,
    reopenReason: row.reopen_reason,
  };
}

function standingRow(db: Sqlite, month: string): CloseRow | undefined {
  return first(
    db,
    qb
      .selectFrom('month_closes')
      .selectAll()
      .where('month', '=', month)
      .where('reopened_at', 'is', null),
  );
}

/** The standing close of a month with its frozen figures, or null when the month is open. */
export function standingClose(
  db: Sqlite,
  month: string,
): { close: MonthClose; figures: MonthFigures } | null {
  const row = standingRow(db, month);
  if (!row) return null;
  if (sha256(row.figures_json) !== row.figures_sha256) {
    throw new AppFailure('DB_DAMAGED', `the frozen figures of ${month} do not match their hash`);
  }
  return { close: toClose(db, row), figures: monthFigures.parse(JSON.parse(row.figures_json)) };
}

/** Earlier closes that were reopened, newest first. */
export function closeHistory(db: Sqlite, month: string): MonthClose[] {
  return all(
    db,
    qb
      .selectFrom('month_closes')
      .selectAll()
      .where('month', '=', month)
      .where('reopened_at', 'is not', null)
      .orderBy('id', 'desc'),
  ).map((row) => toClose(db, row));
}

function staffIdOf(app: Visitdesk): number {
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  return staffId;
}

export function closeMonth(app: Visitdesk, month: string): MonthClose {
  return app.db.transaction(() => {
    const staffId = staffIdOf(app);
    const today = branchToday(app.db, app.now());
    if (`${month}-01` > today) {
      throw new AppFailure('VALIDATION', `${month} has not started yet`, {
        fields: { month: 'v.month' },
      });
    }
    if (standingRow(app.db, month)) {
      throw new AppFailure('CONFLICT', `${month} is already closed; reopen it first`);
    }
    const json = figuresJson(computeMonthFigures(app.db, month));
    const figuresSha256 = sha256(json);
    // The head before the close's own audit row: the state of the chain the figures came from.
    const head = auditHead(app.db);
    const id = run(
      app.db,
      qb.insertInto('month_closes').values({
        month,
        figures_json: json,
        figures_sha256: figuresSha256,
        audit_head: head,
        closed_by: staffId,
        closed_at: app.now().toISOString(),
      }),
    ).lastInsertRowid;
    app.audit({
      action: 'reports.close',
      entity: 'month',
      entityId: month,
      after: { closeId: id, figuresSha256, auditHead: head },
    });
    // A signed checkpoint of the chain as the close leaves it (audit/checkpoint.ts).
    checkpointIfSigned(app, `month-close ${month}`);
    return standingClose(app.db, month)!.close;
  })();
}

export function reopenMonth(app: Visitdesk, month: string, reason: string): MonthClose {
  return app.db.transaction(() => {
    const staffId = staffIdOf(app);
    const trimmed = reason.trim();
    if (!trimmed) {
      throw new AppFailure('VALIDATION', 'a reason is required', {
        fields: { reason: 'v.required' },
      });
    }
    const row = standingRow(app.db, month);
    if (!row) throw new AppFailure('NOT_FOUND', `${month} is not closed`);
    run(
      app.db,
      qb
        .updateTable('month_closes')
        .set({ reopened_by: staffId, reopened_at: app.now().toISOString(), reopen_reason: trimmed })
        .where('id', '=', row.id),
    );
    app.audit({
      action: 'reports.reopen',
      entity: 'month',
      entityId: month,
      before: { closeId: row.id, figuresSha256: row.figures_sha256, auditHead: row.audit_head },
      after: { reason: trimmed },
    });
    const reopened = first(
      app.db,
      qb.selectFrom('month_closes').selectAll().where('id', '=', row.id),
    )!;
    return toClose(app.db, reopened);
  })();
}
