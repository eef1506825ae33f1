import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { renderDocumentTemplate } from '../../shared/notice-catalogue';
import { AppFailure } from '../../shared/result';
import {
  documentData,
  type DocumentData,
  type DocumentLang,
  type DocumentRequest,
  type PrintLogInput,
  type PrintLogRow,
  type PrintOutput,
} from '../../shared/schemas/notices';
import { renderedText } from '../../shared/templates';
import type { Visitdesk } from '../app/visitdesk';
import { readFlag, storedJson } from '../db/columns';
import type { DB } from '../db/schema';
import { noticeJudge, noticeKept } from '../planning/notice';
import { assembleAll } from './assemble';
import type { Assembled, AssembleContext } from './assemble-common';
import { loadBranchForPrint, loadNoticeSettings } from './settings';
import { assertValidTemplate } from './templates';
import { dateIn, localIn } from '../../shared/dates';
import { loadBranchTimeZone } from '../settings/branch-clock';

/** JSON with object keys sorted, so equal content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * What a document says, whatever number and date it gets: a second print of the same facts is
 * a copy of the first, not a new letter.
 */
export function factsSha256(doc: DocumentData): string {
  return sha256(
    canonicalJson({ ...doc, referenceNo: undefined, issueDate: undefined, isCopy: undefined }),
  );
}

/**
 * The printed content: the document (number and date included) and its rendered wording. The
 * 副本 mark is left out, so an original and its copies hash the same.
 */
export function contentSha256(doc: DocumentData): string {
  const sections = renderDocumentTemplate(doc);
  const text = Object.fromEntries(
    Object.entries(sections).map(([name, blocks]) => [name, renderedText(blocks)]),
  );
  return sha256(canonicalJson({ document: { ...doc, isCopy: false }, text }));
}

/**
 * Next reference number for the branch and year, e.g. QS001-2025-000042. Call inside the print
 * transaction: the counter and the log row commit or roll back together (no gaps, no repeats).
 */
export async function allocateReference(
  tx: Kysely<DB>,
  branchCode: string,
  issueDate: string,
): Promise<string> {
  const year = Number(issueDate.slice(0, 4));
  // The year's counter moved on, or its first number: UPDATE, then INSERT when there was no
  // row (PostgreSQL's key is the branch's too, so there is no ON CONFLICT target both share).
  const moved = await tx
    .updateTable('reference_sequences')
    .set({ last_no: sql<number>`last_no + 1` })
    .where('branch_code', '=', branchCode)
    .where('year', '=', year)
    .returning('last_no')
    .executeTakeFirst();
  const row =
    moved ??
    (await tx
      .insertInto('reference_sequences')
      .values({ branch_code: branchCode, year, last_no: 1 })
      .returning('last_no')
      .executeTakeFirstOrThrow());
  return `${branchCode}-${year}-${String(row.last_no).padStart(6, '0')}`;
}

/** What assembling reads from: a preview's `db`, or the print's write `tx`. */
async function context(
  app: Visitdesk,
  db: Kysely<DB>,
  lang: DocumentLang,
  forPrint: boolean,
): Promise<AssembleContext> {
  const settings = await loadNoticeSettings(db);
  const branch = await loadBranchForPrint(db, settings, { forPrint });
  const now = app.now();
  return { db, lang, issueDate: dateIn(branch.timeZone, now), now, branch, settings };
}

async function assembleChecked(
  ctx: AssembleContext,
  requests: readonly DocumentRequest[],
): Promise<Assembled[]> {
  const assembled = await assembleAll(ctx, requests);
  const checked = new Set<string>();
  for (const { doc } of assembled) {
    const key = `${doc.kind}:${doc.lang}:${doc.template.version}`;
    if (checked.has(key)) continue;
    assertValidTemplate(doc.kind, doc.lang, doc.template.body);
    checked.add(key);
  }
  return assembled;
}

/** The documents as they would print, without numbers and without a trace. */
export async function previewDocuments(
  app: Visitdesk,
  input: { lang: DocumentLang; documents: DocumentRequest[] },
): Promise<{ documents: DocumentData[] }> {
  const ctx = await context(app, app.engine.db, input.lang, false);
  return { documents: (await assembleChecked(ctx, input.documents)).map((a) => a.doc) };
}

interface LogEntry {
  doc: DocumentData;
  subject: string;
  borrowerId: number | null;
  visitId: number | null;
  factsSha256: string;
  originalId: number | null;
}

/** The log row of one printed document, said once for the print and the reprint. */
function logRowQuery(db: Kysely<DB>, app: Visitdesk, entry: LogEntry) {
  return db.insertInto('print_log').values({
    printed_at: app.now().toISOString(),
    staff_id: app.session?.staffId ?? null,
    kind: entry.doc.kind,
    lang: entry.doc.lang,
    subject: entry.subject,
    borrower_id: entry.borrowerId,
    visit_id: entry.visitId,
    template_version: entry.doc.template.version,
    reference_no: entry.doc.referenceNo,
    issue_date: entry.doc.issueDate,
    facts_sha256: entry.factsSha256,
    content_sha256: contentSha256(entry.doc),
    content_json: JSON.stringify({ ...entry.doc, isCopy: false }),
    is_copy: entry.originalId === null ? 0 : 1,
    original_id: entry.originalId,
  });
}

/** A printed notice is the notice the rules require before a visit; a returned slip outranks it. */
async function markNoticePrinted(app: Visitdesk, tx: Kysely<DB>, visitId: number) {
  const before = await tx
    .selectFrom('visits')
    .select(['notice_status', 'notice_at', 'date', 'start_time'])
    .where('id', '=', visitId)
    .executeTakeFirst();
  if (!before || (before.notice_status !== 'none' && before.notice_status !== 'phoned')) return;
  const at = app.now().toISOString();
  // A notice printed too late or at night does not replace a phone notice that counts.
  const judged = noticeKept(
    await noticeJudge(app, tx),
    { date: before.date, start: before.start_time },
    { status: before.notice_status, at: before.notice_at },
    { status: 'printed', at },
  );
  if (judged.keep === 'current') return;
  await tx
    .updateTable('visits')
    .set({ notice_status: 'printed', notice_at: at, updated_at: at })
    .where('id', '=', visitId)
    .execute();
  await app.record(tx, {
    action: 'visit.noticePrinted',
    entity: 'visit',
    entityId: visitId,
    before,
    after: { notice_status: 'printed', notice_at: at },
  });
}

function printAudit(action: string, documents: DocumentData[], logIds: number[]) {
  return {
    action,
    entity: 'print_log',
    entityId: logIds.length === 1 ? logIds[0] : `${logIds[0]}-${logIds[logIds.length - 1]}`,
    after: documents.map((doc, i) => ({
      logId: logIds[i],
      kind: doc.kind,
      referenceNo: doc.referenceNo,
      isCopy: doc.isCopy,
    })),
  };
}

/**
 * Prints: assembles every document, numbers the new ones, recognises documents already printed
 * with the same facts (they print as copies with their original number and date), logs each
 * with its hash, marks visit notices printed and audits, all in one transaction.
 */
export function printDocuments(
  app: Visitdesk,
  input: { lang: DocumentLang; documents: DocumentRequest[] },
): Promise<PrintOutput> {
  return app.write(async (tx) => {
    const ctx = await context(app, tx, input.lang, true);
    const documents: DocumentData[] = [];
    const logIds: number[] = [];
    for (const item of await assembleChecked(ctx, input.documents)) {
      const facts = factsSha256(item.doc);
      let earlier = tx
        .selectFrom('print_log')
        .select(['id', 'reference_no', 'issue_date'])
        .where('kind', '=', item.doc.kind)
        .where('subject', '=', item.subject)
        .where('is_copy', '=', 0);
      // A receipt or agreement is issued once, whatever changed since; letters follow facts.
      if (!item.oncePerSubject) earlier = earlier.where('facts_sha256', '=', facts);
      const original = await earlier.orderBy('id', 'desc').limit(1).executeTakeFirst();
      const doc: DocumentData = original
        ? {
            ...item.doc,
            referenceNo: original.reference_no,
            issueDate: original.issue_date,
            isCopy: true,
          }
        : {
            ...item.doc,
            referenceNo: await allocateReference(tx, ctx.branch.code, ctx.issueDate),
          };
      const entry = { ...item, doc, factsSha256: facts, originalId: original?.id ?? null };
      const { id } = await logRowQuery(tx, app, entry).returning('id').executeTakeFirstOrThrow();
      logIds.push(id);
      documents.push(doc);
      if (doc.kind === 'visitNotice' && item.visitId !== null) {
        await markNoticePrinted(app, tx, item.visitId);
      }
    }
    await app.record(tx, printAudit('notices.print', documents, logIds));
    return { documents, logIds };
  });
}

/** Prints a logged document again exactly as it was, marked 副本, and logs the copy. */
export function reprintDocument(app: Visitdesk, printLogId: number): Promise<PrintOutput> {
  return app.write(async (tx) => {
    const row = await tx
      .selectFrom('print_log')
      .selectAll()
      .where('id', '=', printLogId)
      .executeTakeFirst();
    if (!row) throw new AppFailure('NOT_FOUND', `no print log entry ${printLogId}`);
    const originalId = row.original_id ?? row.id;
    const stored = storedJson('print_log.content_json', row.content_json);
    const doc: DocumentData = { ...documentData.parse(stored), isCopy: true };
    const entry = {
      doc,
      subject: row.subject,
      borrowerId: row.borrower_id,
      visitId: row.visit_id,
      factsSha256: row.facts_sha256,
      originalId,
    };
    const { id: logId } = await logRowQuery(tx, app, entry)
      .returning('id')
      .executeTakeFirstOrThrow();
    await app.record(tx, printAudit('notices.reprint', [doc], [logId]));
    return { documents: [doc], logIds: [logId] };
  });
}

/** An instant on the branch's wall clock, YYYY-MM-DD HH:MM:SS (zone offsets are whole minutes). */
export function branchWallClock(zone: string, iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const { date, time } = localIn(zone, instant);
  return `${date} ${time}:${String(instant.getUTCSeconds()).padStart(2, '0')}`;
}

/** The log as the branch reads it: its own clock, the borrower by name. */
export async function printLog(db: Kysely<DB>, input: PrintLogInput): Promise<PrintLogRow[]> {
  let query = db
    .selectFrom('print_log as p')
    .leftJoin('staff as s', 's.id', 'p.staff_id')
    .leftJoin('borrowers as b', 'b.id', 'p.borrower_id')
    .select([
      'p.id',
      'p.printed_at',
      's.name as staff_name',
      's.staff_no',
      'p.kind',
      'p.lang',
      'p.reference_no',
      'p.borrower_id',
      'b.name as borrower_name',
      'p.visit_id',
      'p.template_version',
      'p.content_sha256',
      'p.is_copy',
    ])
    .orderBy('p.id', 'desc')
    .limit(input.limit ?? 50);
  if (input.borrowerId !== undefined) query = query.where('p.borrower_id', '=', input.borrowerId);
  if (input.visitId !== undefined) query = query.where('p.visit_id', '=', input.visitId);
  if (input.kind !== undefined) query = query.where('p.kind', '=', input.kind);
  if (input.beforeId !== undefined) query = query.where('p.id', '<', input.beforeId);
  const zone = await loadBranchTimeZone(db);
  return (await query.execute()).map((row) => ({
    id: row.id,
    printedAt: row.printed_at,
    printedAtLocal: branchWallClock(zone, row.printed_at),
    staffName: row.staff_name,
    staffNo: row.staff_no,
    kind: row.kind,
    lang: row.lang,
    referenceNo: row.reference_no,
    borrowerId: row.borrower_id,
    borrowerName: row.borrower_name ?? null,
    visitId: row.visit_id,
    templateVersion: row.template_version,
    contentSha256: row.content_sha256,
    isCopy: readFlag(row.is_copy),
  }));
}
