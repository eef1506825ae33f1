import {
  LEGAL_EARLIEST,
  LEGAL_LATEST,
  LEGAL_MIN_STAFF,
  recordViolation,
  type RecordRuleCode,
  type RecordViolation,
  type RuleCode,
  type Severity,
} from '../../shared/compliance';
import type { Selectable } from 'kysely';
import type { RecordVisit } from '../../shared/schemas/records';
import type { RecordViolationRow } from '../../shared/schemas/records-views';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import {
  noticeTimeText,
  noticeTimingProblem,
  placeNeedsApproval,
  placeWords,
} from '../planning/compliance';
import { minutesOf, zonedInstant } from '../../shared/dates';
import { overrideCodesColumn, type VisitsTable } from '../planning/tables';
import { loadRules } from '../planning/rules';
import { loadBranchTimeZone } from '../settings/branch-clock';
import { readFlag } from '../db/columns';
import { violationParamsColumn } from './tables';

/**
 * Recording a visit re-checks what the plan promised (DOMAIN.md): the times actually kept inside
 * the branch's visiting hours and never outside 08:00–22:00, every staff member who went
 * certified on that day, at least two of them, a notice that counted, and the manager's approval
 * for a workplace visit. A record that breaks one is saved all the same (it is what happened)
 * and carries the violation; the case, the audit row and the monthly summary show it.
 *
 * A rule the manager overrode for this visit, in writing and audited when it was planned, is not
 * broken again by the record: the override answered it (and is counted as an override). The
 * legal limits were never overridable, so they always count.
 */

type RecordBody = Omit<RecordVisit, 'visitId'>;
type VisitRow = Selectable<VisitsTable>;

interface Judged {
  visit: Pick<
    VisitRow,
    | 'id'
    | 'notice_status'
    | 'notice_at'
    | 'override_codes'
    | 'overridden_by'
    | 'approved_at'
    | 'place'
    | 'disclosure_risk'
  >;
  body: Pick<RecordBody, 'date' | 'start' | 'end' | 'staffIds' | 'place' | 'placeNote'>;
}

/** The rules overridden when the visit was planned, read as JSON text on both engines. */
async function overriddenCodes(db: Kysely<DB>, visit: Judged['visit']): Promise<RuleCode[]> {
  if (visit.overridden_by === null || visit.override_codes === null) return [];
  const row = await db
    .selectFrom('visits')
    .select((eb) => eb.cast<string | null>('override_codes', 'text').as('codes'))
    .where('id', '=', visit.id)
    .executeTakeFirst();
  return row?.codes ? overrideCodesColumn.read(row.codes) : [];
}

interface StaffOnRecord {
  id: number;
  label: string;
  certified: boolean;
}

async function staffOnRecord(db: Kysely<DB>, body: Judged['body']): Promise<StaffOnRecord[]> {
  const kinds = (await loadRules(db)).certificateKinds;
  const people = await db
    .selectFrom('staff')
    .select(['id', 'staff_no', 'name'])
    .where('id', 'in', [...body.staffIds])
    .execute();
  const certificates = await db
    .selectFrom('staff_certificates')
    .select(['staff_id', 'kind', 'issued_on'])
    .where('staff_id', 'in', [...body.staffIds])
    .where('expires_on', '>=', body.date)
    .execute();
  return body.staffIds.map((id) => {
    const person = people.find((p) => p.id === id);
    return {
      id,
      label: person ? `${person.name}（${person.staff_no}）` : `#${id}`,
      certified: certificates.some(
        (c) =>
          c.staff_id === id &&
          kinds.includes(c.kind) &&
          (c.issued_on === null || c.issued_on <= body.date),
      ),
    };
  });
}

/** Every rule the record breaks, legal limits first. */
export async function recheckRecord(db: Kysely<DB>, judged: Judged): Promise<RecordViolation[]> {
  const { visit, body } = judged;
  const rules = await loadRules(db);
  const timeZone = await loadBranchTimeZone(db);
  const overridden = await overriddenCodes(db, visit);
  const found: RecordViolation[] = [];
  const add = (code: RecordRuleCode, severity: Severity, params: Record<string, string | number>) =>
    found.push(recordViolation(code, severity, params));

  const start = minutesOf(body.start);
  const end = minutesOf(body.end);
  const times = { start: body.start, end: body.end };
  if (start < minutesOf(LEGAL_EARLIEST) || end > minutesOf(LEGAL_LATEST)) {
    add('OUTSIDE_LEGAL_HOURS', 'legal', times);
  } else if (
    (start < minutesOf(rules.allowedStart) || end > minutesOf(rules.allowedEnd)) &&
    !overridden.includes('HOURS_OUTSIDE_ALLOWED')
  ) {
    add('OUTSIDE_BRANCH_HOURS', 'block', {
      ...times,
      allowedStart: rules.allowedStart,
      allowedEnd: rules.allowedEnd,
    });
  }

  const count = new Set(body.staffIds).size;
  if (count < LEGAL_MIN_STAFF) {
    add('TOO_FEW_STAFF', 'legal', { count, min: rules.minStaff });
  } else if (count < rules.minStaff && !overridden.includes('TOO_FEW_STAFF')) {
    add('TOO_FEW_STAFF', 'block', { count, min: rules.minStaff });
  }
  for (const staff of await staffOnRecord(db, body)) {
    if (!staff.certified) {
      add('STAFF_NOT_CERTIFIED', 'legal', { staff: staff.label, date: body.date });
    }
  }

  const noticeOverridden =
    overridden.includes('NOTICE_TOO_LATE') || overridden.includes('NOTICE_OUT_OF_HOURS');
  if (!noticeOverridden) {
    const hours = rules.noticeMinHours;
    if (visit.notice_status === 'none' || visit.notice_at === null) {
      add('NO_NOTICE', 'block', { hours });
    } else {
      const at = new Date(visit.notice_at);
      const visitStart = zonedInstant(body.date, body.start, timeZone);
      // A notice dated after the visit began (a typing slip before times in the future were
      // refused) is late like any other.
      const problem = noticeTimingProblem(at, visitStart, { rules, timeZone });
      const noticeAt = noticeTimeText(at, timeZone);
      if (problem === 'outOfHours') add('NOTICE_OUT_OF_HOURS', 'block', { noticeAt });
      if (problem === 'late') add('NOTICE_LATE', 'block', { noticeAt, hours });
    }
  }

  // The approval given for the plan covers the place only if the plan said a place that needed it.
  const approvedThere =
    visit.approved_at !== null && placeNeedsApproval(visit.place, readFlag(visit.disclosure_risk));
  if (placeNeedsApproval(body.place) && !approvedThere) {
    add('PLACE_NOT_APPROVED', 'block', placeWords(body.place, body.placeNote));
  }

  return [
    ...found.filter((v) => v.severity === 'legal'),
    ...found.filter((v) => v.severity !== 'legal'),
  ];
}

export async function insertRecordViolations(
  tx: Kysely<DB>,
  recordId: number,
  violations: readonly RecordViolation[],
): Promise<void> {
  for (const [index, v] of violations.entries()) {
    await tx
      .insertInto('visit_record_violations')
      .values({
        record_id: recordId,
        seq: index + 1,
        code: v.code,
        severity: v.severity,
        params: violationParamsColumn.write(v.params),
      })
      .execute();
  }
}

/** The violations stored with records, by record, messages filled in both languages. */
export async function recordViolationsOf(
  db: Kysely<DB>,
  recordIds: readonly number[],
): Promise<Map<number, RecordViolation[]>> {
  const byRecord = new Map<number, RecordViolation[]>();
  if (recordIds.length === 0) return byRecord;
  const rows = await db
    .selectFrom('visit_record_violations')
    .select(['record_id', 'code', 'severity'])
    // As its JSON text on both engines (PostgreSQL's jsonb would come back parsed).
    .select((eb) => eb.cast<string>('params', 'text').as('params'))
    .where('record_id', 'in', [...recordIds])
    .orderBy('record_id')
    .orderBy('seq')
    .execute();
  for (const row of rows) {
    const list = byRecord.get(row.record_id) ?? [];
    list.push(recordViolation(row.code, row.severity, violationParamsColumn.read(row.params)));
    byRecord.set(row.record_id, list);
  }
  return byRecord;
}

/**
 * A borrower's visits whose record (the latest correction of it) broke a rule, newest first:
 * what the case page shows.
 */
export async function borrowerRecordViolations(
  db: Kysely<DB>,
  borrowerId: number,
): Promise<RecordViolationRow[]> {
  const effective = await db
    .selectFrom('visit_records as r')
    .select(['r.id', 'r.visit_id', 'r.actual_date', 'r.actual_start', 'r.actual_end'])
    .where('r.borrower_id', '=', borrowerId)
    // The newest row of each chain: no later amendment of the same original.
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('visit_records as later')
            .select('later.id')
            .whereRef('later.visit_id', '=', 'r.visit_id')
            .whereRef('later.id', '>', 'r.id'),
        ),
      ),
    )
    .orderBy('r.actual_date', 'desc')
    .orderBy('r.actual_start', 'desc')
    .execute();
  const violations = await recordViolationsOf(
    db,
    effective.map((r) => r.id),
  );
  const withViolations = effective.filter((r) => (violations.get(r.id) ?? []).length > 0);
  const staff = await db
    .selectFrom('visit_record_staff as rs')
    .innerJoin('staff as s', 's.id', 'rs.staff_id')
    .select(['rs.record_id', 's.id', 's.staff_no', 's.name'])
    .where('rs.record_id', 'in', withViolations.length > 0 ? withViolations.map((r) => r.id) : [0])
    .orderBy('s.staff_no')
    .execute();
  return withViolations.map((r) => ({
    recordId: r.id,
    visitId: r.visit_id,
    date: r.actual_date,
    start: r.actual_start,
    end: r.actual_end,
    staff: staff
      .filter((s) => s.record_id === r.id)
      .map((s) => ({ id: s.id, staffNo: s.staff_no, name: s.name })),
    violations: violations.get(r.id) ?? [],
  }));
}
