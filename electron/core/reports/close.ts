import crypto from 'node:crypto';
import { AppFailure } from '../../shared/result';
import { monthFigures, type MonthClose, type MonthFigures } from '../../shared/schemas/reports';
import type { Kysely, Selectable } from 'kysely';
import { canSign, keepCheckpoint, signCheckpoint } from '../audit/checkpoint';
import type { Checkpoint } from '../../shared/schemas/file-check';
import type { Visitdesk } from '../app/visitdesk';
import { chainHead } from '../audit/chain';
import type { DB } from '../db/schema';
import { loadBranchToday } from '../settings/branch-clock';
import { figuresSource, liveMonthFigures } from './live-figures';
import type { MonthClosesTable } from './tables';

/**
 * Closing a month freezes its figures: the JSON exactly as stored is what every later export
 * shows, its SHA-256 proves it unchanged, and the audit chain's head at that moment is the
 * anchor head office keeps. Reopening needs a reason; both are audited.
 */

export const figuresJson = (figures: MonthFigures): string => JSON.stringify(figures);
export const sha256 = (text: string): string =>
  crypto.createHash('sha256').update(text, 'utf8').digest('hex');

type CloseRow = Selectable<MonthClosesTable>;

async function staffRef(db: Kysely<DB>, id: number) {
  const row = await db
    .selectFrom('staff')
    .select(['name', 'staff_no'])
    .where('id', '=', id)
    .executeTakeFirst();
  return { id, name: row?.name ?? '', staffNo: row?.staff_no ?? '' };
}

async function toClose(db: Kysely<DB>, row: CloseRow): Promise<MonthClose> {
  return {
    id: row.id,
    month: row.month,
    figuresSha256: row.figures_sha256,
    auditHead: row.audit_head,
    closedBy: await staffRef(db, row.closed_by),
    closedAt: row.closed_at,
    reopenedBy: row.reopened_by === null ? null : await staffRef(db, row.reopened_by),
    reopenedAt: row.reopened_at,
    reopenReason: row.reopen_reason,
  };
}

const closesOf = (db: Kysely<DB>, month: string) =>
  db.selectFrom('month_closes').selectAll().where('month', '=', month);

function standingRow(db: Kysely<DB>, month: string): Promise<CloseRow | undefined> {
  return closesOf(db, month).where('reopened_at', 'is', null).executeTakeFirst();
}

/** The standing close of a month with its frozen figures, or null when the month is open. */
export async function standingClose(
  db: Kysely<DB>,
  month: string,
): Promise<{ close: MonthClose; figures: MonthFigures } | null> {
  const row = await standingRow(db, month);
  if (!row) return null;
  if (sha256(row.figures_json) !== row.figures_sha256) {
    throw new AppFailure('DB_DAMAGED', `the frozen figures of ${month} do not match their hash`);
  }
  return {
    close: await toClose(db, row),
    figures: monthFigures.parse(JSON.parse(row.figures_json)),
  };
}

/** Earlier closes that were reopened, newest first. */
export async function closeHistory(db: Kysely<DB>, month: string): Promise<MonthClose[]> {
  const rows = await closesOf(db, month)
    .where('reopened_at', 'is not', null)
    .orderBy('id', 'desc')
    .execute();
  const closes = [];
  for (const row of rows) closes.push(await toClose(db, row));
  return closes;
}

function staffIdOf(app: Visitdesk): number {
  const staffId = app.session?.staffId;
  if (!staffId) throw new AppFailure('UNAUTHENTICATED', 'sign in first');
  return staffId;
}

/**
 * One write: the frozen figures, the close's audit row and a signed checkpoint of the chain as
 * the close leaves it (audit/checkpoint.ts), kept beside the database once the write commits.
 */
export async function closeMonth(app: Visitdesk, month: string): Promise<MonthClose> {
  const { close, checkpoint } = await app.write(async (tx) => {
    const staffId = staffIdOf(app);
    const today = await loadBranchToday(tx, app.now());
    if (`${month}-01` > today) {
      throw new AppFailure('VALIDATION', `${month} has not started yet`, {
        fields: { month: 'v.month' },
      });
    }
    if (await standingRow(tx, month)) {
      throw new AppFailure('CONFLICT', `${month} is already closed; reopen it first`);
    }
    // Read in this transaction on either engine (on SQLite, the connection the write runs on).
    const json = figuresJson(await liveMonthFigures(figuresSource(app, tx), month));
    const figuresSha256 = sha256(json);
    // The head before the close's own audit row: the state of the chain the figures came from.
    const head = await chainHead(tx);
    const { id } = await tx
      .insertInto('month_closes')
      .values({
        month,
        figures_json: json,
        figures_sha256: figuresSha256,
        audit_head: head,
        closed_by: staffId,
        closed_at: app.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.record(tx, {
      action: 'reports.close',
      entity: 'month',
      entityId: month,
      after: { closeId: id, figuresSha256, auditHead: head },
    });
    const checkpoint = canSign(app) ? await signCheckpoint(app, tx, `month-close ${month}`) : null;
    return { close: (await standingClose(tx, month))!.close, checkpoint };
  });
  if (checkpoint) keepAfterClose(app, checkpoint, month);
  return close;
}

/**
 * The close has committed, its checkpoint with it, in the chain. A file that cannot take the
 * copy (disk full, a folder in its place) must not turn the close into an error saying nothing
 * was saved: the failure is logged, the chain keeps the checkpoint, and the next one (a backup,
 * on demand) is written beside the database again.
 */
function keepAfterClose(app: Visitdesk, checkpoint: Checkpoint, month: string): void {
  try {
    keepCheckpoint(app, checkpoint);
  } catch (error) {
    app.log(
      `month ${month} closed; its checkpoint is in the audit chain but not kept beside the database`,
      error,
    );
  }
}

export function reopenMonth(app: Visitdesk, month: string, reason: string): Promise<MonthClose> {
  return app.write(async (tx) => {
    const staffId = staffIdOf(app);
    const trimmed = reason.trim();
    if (!trimmed) {
      throw new AppFailure('VALIDATION', 'a reason is required', {
        fields: { reason: 'v.required' },
      });
    }
    const row = await standingRow(tx, month);
    if (!row) throw new AppFailure('NOT_FOUND', `${month} is not closed`);
    await tx
      .updateTable('month_closes')
      .set({ reopened_by: staffId, reopened_at: app.now().toISOString(), reopen_reason: trimmed })
      .where('id', '=', row.id)
      .execute();
    await app.record(tx, {
      action: 'reports.reopen',
      entity: 'month',
      entityId: month,
      before: { closeId: row.id, figuresSha256: row.figures_sha256, auditHead: row.audit_head },
      after: { reason: trimmed },
    });
    const reopened = await tx
      .selectFrom('month_closes')
      .selectAll()
      .where('id', '=', row.id)
      .executeTakeFirstOrThrow();
    return toClose(tx, reopened);
  });
}
