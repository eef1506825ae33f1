import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BridgedCore } from './bridge';

/**
 * For the daily-import spec: a clock for the core that can be set back (so the demo branch is
 * loaded "yesterday"), a visit written as the planning feature leaves it, and a head office's
 * daily file for one loan.
 */

/**
 * The core's clock: the real one (or CI's faketime), or set back by a whole number of days.
 * The demo branch dates its loans' last head-office file on the day it is loaded, and a file of
 * the same date shows no repayment (the fall is measured between files of different dates), so
 * the spec loads the demo a day back and brings the clock to today for everything else.
 */
export class CoreClock {
  private offsetMs = 0;
  now = (): Date => new Date(Date.now() + this.offsetMs);
  setBackDays(days: number): void {
    this.offsetMs = -days * 86_400_000;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

/** Money as a head-office file writes it: yuan with two decimals, no separators. */
export function yuanCell(fen: number): string {
  return `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

/** Money as the screens show it (¥1,234.50), written out here rather than taken from the app. */
export function yuanText(fen: number): string {
  const whole = String(Math.floor(fen / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `¥${whole}.${String(fen % 100).padStart(2, '0')}`;
}

/** Instant of a wall-clock time in Beijing (UTC+8 all year). */
export const beijing = (date: string, time: string) =>
  new Date(`${date}T${time}:00+08:00`).toISOString();

/**
 * A visit as the planning feature leaves it once announced: `notified`, its notice printed at
 * `noticeAt`, the staff on it and the loans it is about (the planner fills every overdue loan).
 * Written in one write on the app's engine, so on either engine.
 */
export function insertAnnouncedVisit(
  core: BridgedCore,
  visit: {
    borrowerId: number;
    date: string;
    start: string;
    end: string;
    staffIds: number[];
    loanIds: number[];
    noticeAt: string;
    plannedAt: string;
  },
): Promise<number> {
  return core.app.write(async (tx) => {
    const place = await tx
      .selectFrom('borrowers')
      .select(['township', 'village'])
      .where('id', '=', visit.borrowerId)
      .executeTakeFirstOrThrow();
    const { id } = await tx
      .insertInto('visits')
      .values({
        borrower_id: visit.borrowerId,
        date: visit.date,
        start_time: visit.start,
        end_time: visit.end,
        purpose: 'negotiation',
        township: place.township,
        village: place.village,
        status: 'notified',
        notice_status: 'printed',
        notice_at: visit.noticeAt,
        planned_by: 1,
        planned_at: visit.plannedAt,
        updated_at: visit.plannedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx
      .insertInto('visit_staff')
      .values(visit.staffIds.map((staffId) => ({ visit_id: id, staff_id: staffId })))
      .execute();
    await tx
      .insertInto('visit_loans')
      .values(visit.loanIds.map((loanId) => ({ visit_id: id, loan_id: loanId })))
      .execute();
    return id;
  });
}

/** One loan's line in a head office's daily file, amounts in fen. */
export interface DailyLoanRow {
  name: string;
  idNumber: string;
  loanNo: string;
  product: string;
  principalFen: number;
  disbursedOn: string;
  maturityOn: string | null;
  outstandingPrincipalFen: number;
  overduePrincipalFen: number;
  overdueInterestFen: number;
  penaltyFen: number;
  overdueSince: string | null;
  officer: string;
  lastPaidOn: string;
}

/**
 * Headers as one head office writes them: most are among the importer's known variants,
 * 当前本金余额 is not (the user maps it to 剩余本金), and 五级分类 gives every loan the bank's
 * classification 次级 (recognised since issue 18).
 */
export const DAILY_HEADERS = [
  '客户名称',
  '证件号码',
  '借据号',
  '产品名称',
  '贷款金额',
  '发放日期',
  '到期日',
  '当前本金余额',
  '逾期本金',
  '逾期利息',
  '罚息',
  '逾期起始日',
  '管户经理',
  '上次还款日期',
  '五级分类',
] as const;

/** Writes a daily file (CSV UTF-8 with BOM, as Excel saves it) and returns its path. */
export function writeDailyFile(fileName: string, rows: DailyLoanRow[]): string {
  const lines = [DAILY_HEADERS.join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.name,
        r.idNumber,
        r.loanNo,
        r.product,
        yuanCell(r.principalFen),
        r.disbursedOn,
        r.maturityOn ?? '',
        yuanCell(r.outstandingPrincipalFen),
        yuanCell(r.overduePrincipalFen),
        yuanCell(r.overdueInterestFen),
        yuanCell(r.penaltyFen),
        r.overdueSince ?? '',
        r.officer,
        r.lastPaidOn,
        '次级',
      ].join(','),
    );
  }
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'visitdesk-daily-')), fileName);
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  return file;
}
