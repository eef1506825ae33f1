import { AppFailure } from '../../shared/result';
import type { VisitPurpose } from '../../shared/schemas/planning';
import type { Kysely } from 'kysely';
import type { Visitdesk } from '../app/visitdesk';
import { loadBorrowerIdByResidentId } from '../cases/repo';
import type { DB } from '../db/schema';
import { parseDate, parseResidentId } from '../imports/values';
import type { ComplianceContext } from './compliance';
import { decide, evaluate } from './decide';
import { purposeFromWords, purposeKey, purposeList } from './purpose-words';
import { complianceContext } from './rules';
import {
  parseTime,
  readSheet,
  RollBack,
  type ImportError,
  type ImportMode,
} from '../imports/sheet';
import { auditDecision, insertVisit, type NewVisit } from './visits';
import { loadBranchToday } from '../settings/branch-clock';

/**
 * The visit roster import, for branches that plan in Excel: 身份证号/id_number, 走访日期/date,
 * 开始时间/start, 结束时间/end, 走访人员/staff (staff numbers separated by 、 , or ;),
 * 目的/purpose (in the words staff write, matched by keyword: purpose-words.ts; blank is a
 * reminder). Rows are judged IN FILE ORDER by the same engine as the screen, each accepted
 * row saved before the next is judged, so earlier rows count for double-booking and the
 * frequency caps. A row that breaks a rule is rejected, never overridden; a vulnerable
 * borrower's visit needs the manager's own approval and is rejected here too.
 */

type RosterField = 'idNumber' | 'date' | 'start' | 'end' | 'staff' | 'purpose';

const headers: Record<RosterField, readonly string[]> = {
  idNumber: ['身份证号', 'id_number', '身份证号码', '证件号码'],
  date: ['走访日期', 'date', '日期'],
  start: ['开始时间', 'start', '开始'],
  end: ['结束时间', 'end', '结束'],
  staff: ['走访人员', 'staff', '人员', '走访员工'],
  purpose: ['目的', 'purpose', '走访目的'],
};

/** A roster's purpose cell: blank (or only punctuation) is a reminder, else by keyword. */
export function rosterPurpose(text: string): VisitPurpose | null {
  return purposeKey(text) === '' ? 'reminder' : purposeFromWords(text);
}

export interface RosterImportResult {
  mode: ImportMode;
  planned: number;
  rejected: number;
  errors: ImportError[];
}

const format = (line: number, reason: string, reasonEn: string): ImportError => ({
  line,
  rule: 'FORMAT',
  reason,
  reasonEn,
});

async function staffIdsFor(
  tx: Kysely<DB>,
  line: number,
  text: string,
): Promise<number[] | ImportError> {
  const numbers = text.split(/[、,，;；\s]+/).filter((n) => n !== '');
  if (numbers.length === 0) return format(line, '缺少走访人员', 'No staff listed');
  const ids: number[] = [];
  for (const staffNo of numbers) {
    const row = await tx
      .selectFrom('staff')
      .select('id')
      .where('staff_no', '=', staffNo)
      .executeTakeFirst();
    if (!row) {
      return {
        line,
        rule: 'STAFF_UNKNOWN',
        reason: `未知工号 ${staffNo}`,
        reasonEn: `Unknown staff number ${staffNo}`,
      };
    }
    if (!ids.includes(row.id)) ids.push(row.id);
  }
  return ids;
}

export async function importRoster(
  app: Visitdesk,
  file: { name: string; bytes: Uint8Array },
  mode: ImportMode = 'all-or-nothing',
): Promise<RosterImportResult> {
  const rows = await readSheet(file.name, file.bytes, headers, [
    'idNumber',
    'date',
    'start',
    'end',
    'staff',
  ]);
  const result: RosterImportResult = { mode, planned: 0, rejected: 0, errors: [] };
  const work = app.write(async (tx) => {
    const ctx = await complianceContext(app, tx);
    const today = await loadBranchToday(tx, app.now());
    for (const row of rows) {
      if (row.blank) continue;
      const errors = await planRow(app, tx, ctx, row, today);
      if (errors.length === 0) result.planned += 1;
      else {
        result.rejected += 1;
        result.errors.push(...errors);
      }
    }
    if (mode === 'all-or-nothing' && result.rejected > 0) throw new RollBack();
    await app.record(tx, {
      action: 'visits.importRoster',
      entity: 'visit',
      after: { file: file.name, mode, planned: result.planned, rejected: result.rejected },
    });
  });
  try {
    await work;
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return { ...result, planned: 0 };
  }
  return result;
}

async function planRow(
  app: Visitdesk,
  tx: Kysely<DB>,
  ctx: ComplianceContext,
  row: Awaited<ReturnType<typeof readSheet<RosterField>>>[number],
  today: string,
): Promise<ImportError[]> {
  const line = row.line;
  const id = parseResidentId(row.cell('idNumber'), today);
  if (!id.ok) return [format(line, '身份证号不正确', 'Resident ID is not valid')];
  const borrowerId = await loadBorrowerIdByResidentId(tx, id.value);
  if (borrowerId === null) {
    return [
      {
        line,
        rule: 'BORROWER_UNKNOWN',
        reason: '没有该身份证号的借款人',
        reasonEn: 'No borrower with this resident ID',
      },
    ];
  }
  const date = parseDate(row.cell('date'));
  const start = parseTime(row.cell('start'));
  const end = parseTime(row.cell('end'));
  if (!date.ok) return [format(line, '走访日期格式不正确', 'Visit date is not valid')];
  if (!start || !end) return [format(line, '时间格式应为 HH:MM', 'Times must be HH:MM')];
  if (end <= start)
    return [format(line, '结束时间须晚于开始时间', 'The end must be after the start')];
  const staffIds = await staffIdsFor(tx, line, row.text('staff'));
  if (!Array.isArray(staffIds)) return [staffIds];
  const purpose = rosterPurpose(row.text('purpose'));
  if (!purpose) {
    const written = row.text('purpose');
    const known = purposeList();
    return [
      format(
        line,
        `未知目的“${written}”；可用的目的：${known.zh}`,
        `Unknown purpose "${written}"; the purposes are: ${known.en}`,
      ),
    ];
  }
  const visit: NewVisit = {
    borrowerId,
    loanIds: [],
    date: date.value,
    start,
    end,
    staffIds,
    purpose,
    priority: 'normal',
    borrowerRequested: false,
    note: '',
    notice: { status: 'none', at: null },
    approvedAt: null,
    approvalBy: null,
  };
  const { profile, violations } = await evaluate(tx, ctx, visit, []);
  let decision;
  try {
    decision = await decide(app, tx, violations, undefined, {
      allowOverride: false,
      allowApproval: false,
    });
  } catch (error) {
    if (!(error instanceof AppFailure) || error.code !== 'RULE_VIOLATION') throw error;
    return violations.map((v) => ({
      line,
      rule: v.code,
      reason: v.message.zh,
      reasonEn: v.message.en,
    }));
  }
  const visitId = await insertVisit(app, tx, visit, profile, decision);
  await app.record(tx, {
    action: 'visit.plan',
    entity: 'visit',
    entityId: visitId,
    after: { import: true, line, ...visit },
  });
  await auditDecision(app, tx, visitId, decision, violations);
  return [];
}
