import { sql } from 'kysely';
import type { AuditFilter, AuditRow } from '../../shared/channels/audit';
import { toCsv } from '../../shared/spreadsheet';
import type { Visitdesk } from '../app/visitdesk';
import { all, first, qb } from '../db/query';
import { verifyAuditChain } from './audit';

function filtered(filter: AuditFilter) {
  let q = qb.selectFrom('audit_log as a').leftJoin('staff as s', 's.id', 'a.staff_id');
  if (filter.staffId) q = q.where('a.staff_id', '=', filter.staffId);
  if (filter.action) q = q.where('a.action', '=', filter.action);
  if (filter.entity) q = q.where('a.entity', '=', filter.entity);
  if (filter.entityId) q = q.where('a.entity_id', '=', filter.entityId);
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
  'a.before',
  'a.after',
  'a.hash',
] as const;

function toRow(r: {
  id: number;
  at: string;
  staff_id: number | null;
  staff_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  success: number;
  before: string | null;
  after: string | null;
  hash: string;
}): AuditRow {
  return {
    id: r.id,
    at: r.at,
    staffId: r.staff_id,
    staffName: r.staff_name,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    success: r.success === 1,
    before: r.before,
    after: r.after,
    hash: r.hash,
  };
}

export function listAudit(
  app: Visitdesk,
  filter: AuditFilter & { page: number; pageSize: number },
) {
  const rows = all(
    app.db,
    filtered(filter)
      .select(columns)
      .orderBy('a.id', 'desc')
      .limit(filter.pageSize)
      .offset(filter.page * filter.pageSize),
  ).map(toRow);
  const total = first(app.db, filtered(filter).select(sql<number>`count(*)`.as('n')))?.n ?? 0;
  const actions = all(
    app.db,
    qb.selectFrom('audit_log').select('action').distinct().orderBy('action'),
  ).map((r) => r.action);
  const entities = all(
    app.db,
    qb.selectFrom('audit_log').select('entity').distinct().orderBy('entity'),
  ).map((r) => r.entity);
  return { rows, total, actions, entities };
}

/** Verifies the chain and finds each anchor (a head hash kept outside the file) in it. */
export function verifyAudit(app: Visitdesk, anchors: string[]) {
  const report = verifyAuditChain(app.db);
  const found = anchors.map((hash) => {
    const row = first(
      app.db,
      qb.selectFrom('audit_log').select('id').where('hash', '=', hash.toLowerCase()),
    );
    return { hash: hash.toLowerCase(), foundAtId: row?.id ?? null };
  });
  const anchorsOk = found.every((a) => a.foundAtId !== null);
  return { ...report, ok: report.ok && anchorsOk, anchors: found };
}

/** CSV (UTF-8 with BOM) of the filtered log for the auditor; the export itself is audited. */
export function exportAudit(app: Visitdesk, filter: AuditFilter & { purpose: string }) {
  const rows = all(app.db, filtered(filter).select(columns).orderBy('a.id')).map(toRow);
  const header = [
    'id',
    'at',
    'staff_id',
    'staff_name',
    'action',
    'entity',
    'entity_id',
    'success',
    'before',
    'after',
    'hash',
  ];
  const csv = toCsv([
    header,
    ...rows.map((r) => [
      r.id,
      r.at,
      r.staffId ?? '',
      r.staffName ?? '',
      r.action,
      r.entity,
      r.entityId ?? '',
      r.success ? 1 : 0,
      r.before ?? '',
      r.after ?? '',
      r.hash,
    ]),
  ]);
  app.db.transaction(() => {
    app.audit({
      action: 'audit.export',
      entity: 'audit_log',
      after: { filter, rows: rows.length, purpose: filter.purpose },
    });
  })();
  const stamp = app.now().toISOString().slice(0, 10);
  return {
    fileName: `visitdesk-audit-${stamp}.csv`,
    csvBase64: Buffer.from(csv, 'utf8').toString('base64'),
    rows: rows.length,
  };
}
