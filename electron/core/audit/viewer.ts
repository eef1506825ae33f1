import type { Kysely, Selectable } from 'kysely';
import type { AuditFilter, AuditRow } from '../../shared/channels/audit';
import { toCsv } from '../../shared/spreadsheet';
import type { Checkpoint } from '../../shared/schemas/file-check';
import { checkCheckpoints, locateHeads } from './checkpoint';
import type { Visitdesk } from '../app/visitdesk';
import { verifyChain } from './chain';
import { detailsOpener, type Opener } from './seal';
import { readFlag } from '../db/columns';
import type { AuditLogTable, DB } from '../db/schema';

/** What an export shows in place of details shredded by retention. */
export const ANONYMISED_DETAILS = '已匿名化 (anonymised)';

function filtered(db: Kysely<DB>, filter: AuditFilter) {
  let q = db.selectFrom('audit_log as a').leftJoin('staff as s', 's.id', 'a.staff_id');
  if (filter.staffId) q = q.where('a.staff_id', '=', filter.staffId);
  if (filter.action) q = q.where('a.action', '=', filter.action);
  if (filter.entity) q = q.where('a.entity', '=', filter.entity);
  if (filter.entityId) q = q.where('a.entity_id', '=', filter.entityId);
  if (filter.subject) q = q.where('a.subject_id', '=', filter.subject);
  // Audit times are UTC ISO strings; a day filter covers the whole calendar day in UTC+8.
  if (filter.from)
    q = q.where('a.at', '>=', new Date(`${filter.from}T00:00:00+08:00`).toISOString());
  if (filter.to)
    q = q.where(
      'a.at',
      '<',
      new Date(new Date(`${filter.to}T00:00:00+08:00`).getTime() + 86_400_000).toISOString(),
    );
  return q;
}

const columns = [
  'a.id',
  'a.at',
  'a.staff_id',
  's.name as staff_name',
  'a.action',
  'a.entity',
  'a.entity_id',
  'a.success',
  'a.subject_id',
  'a.before',
  'a.after',
  'a.hash',
] as const;

/** A row as `columns` reads it. */
type StoredRow = Pick<
  Selectable<AuditLogTable>,
  | 'id'
  | 'at'
  | 'staff_id'
  | 'action'
  | 'entity'
  | 'entity_id'
  | 'success'
  | 'subject_id'
  | 'before'
  | 'after'
  | 'hash'
> & { staff_name: string | null };

/** Opens sealed details with the borrower's key; shredded ones read as anonymised. */
function toRow(open: Opener, r: StoredRow): AuditRow {
  const before = r.before === null ? null : open(r.before);
  const after = r.after === null ? null : open(r.after);
  const opened = [before, after].filter((d) => d !== null);
  const details = opened.some((d) => d.state === 'anonymised')
    ? 'anonymised'
    : opened.some((d) => d.state === 'sealed')
      ? 'sealed'
      : 'plain';
  const text = (d: typeof before) => (d === null || d.state === 'anonymised' ? null : d.text);
  return {
    id: r.id,
    at: r.at,
    staffId: r.staff_id,
    staffName: r.staff_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    success: readFlag(r.success),
    subject: r.subject_id,
    details,
    before: text(before),
    after: text(after),
    hash: r.hash,
  };
}

export async function listAudit(
  app: Visitdesk,
  filter: AuditFilter & { page: number; pageSize: number },
) {
  const db = app.engine.db;
  const stored = await filtered(db, filter)
    .select(columns)
    .orderBy('a.id', 'desc')
    .limit(filter.pageSize)
    .offset(filter.page * filter.pageSize)
    .execute();
  const open = await detailsOpener(
    db,
    stored.flatMap((r) => [r.before, r.after]),
  );
  const rows = stored.map((r) => toRow(open, r));
  const counted = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const total = counted?.n ?? 0;
  const actions = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .orderBy('action')
    .execute();
  const entities = await db
    .selectFrom('audit_log')
    .select('entity')
    .distinct()
    .orderBy('entity')
    .execute();
  return {
    rows,
    total,
    actions: actions.map((r) => r.action),
    entities: entities.map((r) => r.entity),
  };
}

/**
 * Verifies the chain, finds each anchor (a head hash kept outside the file) in it, and checks
 * every signed checkpoint: in the chain, in the file beside it, and any given from outside.
 */
export async function verifyAudit(app: Visitdesk, anchors: string[], given: Checkpoint[] = []) {
  const db = app.engine.db;
  const report = await verifyChain(db);
  const found = await locateHeads(db, anchors);
  const anchorsOk = found.every((a) => a.foundAtId !== null);
  const checks = await checkCheckpoints(db, {
    dbFile: app.files.db,
    keysFile: app.files.keys,
    given,
  });
  const checkpoints = checks.map(({ checkpoint: c, source, verdict, missingRows }) => ({
    at: c.at,
    rows: c.rows,
    head: c.head,
    username: c.username,
    reason: c.reason,
    source,
    verdict,
    missingRows,
  }));
  const checkpointsOk = checkpoints.every((c) => c.verdict === 'ok');
  return {
    ...report,
    ok: report.ok && anchorsOk && checkpointsOk,
    anchors: found,
    checkpoints,
  };
}

/** CSV (UTF-8 with BOM) of the filtered log for the auditor; the export itself is audited. */
export async function exportAudit(app: Visitdesk, filter: AuditFilter & { purpose: string }) {
  const db = app.engine.db;
  const stored = await filtered(db, filter).select(columns).orderBy('a.id').execute();
  const open = await detailsOpener(
    db,
    stored.flatMap((r) => [r.before, r.after]),
  );
  const rows = stored.map((r) => toRow(open, r));
  // Shredded details are marked where there were details, so the CSV says why they are empty.
  const shown = (row: AuditRow, storedText: string | null, text: string | null) =>
    storedText !== null && row.details === 'anonymised' ? ANONYMISED_DETAILS : (text ?? '');
  const header = [
    'id',
    'at',
    'staff_id',
    'staff_name',
    'action',
    'entity',
    'entity_id',
    'success',
    'subject',
    'details',
    'before',
    'after',
    'hash',
  ];
  const csv = toCsv([
    header,
    ...rows.map((r, i) => [
      r.id,
      r.at,
      r.staffId ?? '',
      r.staffName ?? '',
      r.action,
      r.entity,
      r.entityId ?? '',
      r.success ? 1 : 0,
      r.subject ?? '',
      r.details,
      shown(r, stored[i]!.before, r.before),
      shown(r, stored[i]!.after, r.after),
      r.hash,
    ]),
  ]);
  await app.write((tx) =>
    app.record(tx, {
      action: 'audit.export',
      entity: 'audit_log',
      after: { filter, rows: rows.length, purpose: filter.purpose },
    }),
  );
  const stamp = app.now().toISOString().slice(0, 10);
  return {
    fileName: `visitdesk-audit-${stamp}.csv`,
    csvBase64: Buffer.from(csv, 'utf8').toString('base64'),
    rows: rows.length,
  };
}
